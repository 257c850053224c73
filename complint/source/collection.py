"""Template collections (YAML, JSON): which strings are templates, and what each one is called.

A reader turns its file into a small tree (`Map`, `Seq`, `Str`, `Other`) whose strings know their
exact place in the file; `collect()` then picks the templates:

- with `--column KEY`: every string under that key;
- else, when the file has strings under template-like keys (`body`, `text`, `message`,
  `template`, `content`, `reply`, `response`, `html`, ...): those;
- else every string leaf except metadata (`id`, `name`, `title`, `channel`, `lang`, `tags`, ...).

A template's `channel:` and `lang:` come from the nearest enclosing mapping that has them (the
item itself, or a parent that sets them for a whole group).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .base import View
from .frontmatter import check_channel, check_lang

TEMPLATE_KEYS = frozenset({
    "text", "body", "message", "template", "content", "reply", "response", "html", "html_body", "text_body",
    "body_html", "body_text", "plain", "plain_text", "card", "insert", "insert_card", "draft", "copy",
})
METADATA_KEYS = frozenset({
    "channel", "lang", "language", "locale", "id", "uuid", "name", "title", "raw_title", "key", "slug", "type",
    "kind", "category", "categories", "tag", "tags", "created", "created_at", "updated", "updated_at", "url",
    "href", "status", "active", "position", "description", "field", "author", "version", "format", "marketplace",
})
NAME_KEYS = ("name", "id", "key", "title", "slug")
LANG_KEYS = ("lang", "language", "locale")


@dataclass
class Str:
    value: str            # the parsed value
    start: int            # content span in the file (quotes excluded)
    end: int
    line: int             # 1-based line of the content's start
    view: View            # same-length analysed text of source[start:end]
    anchor: int | None = None   # offset of the key/header (block scalars start a line below it)


@dataclass
class Other:
    value: object
    line: int


@dataclass
class Seq:
    items: list
    line: int


@dataclass
class Map:
    items: list           # (key, key_line, node)
    line: int

    def get(self, key, _depth: int = 0):
        for k, _, node in self.items:
            if k == key:
                return node
        if _depth < 8:                                    # YAML merge keys: `<<: *defaults`
            for k, _, node in self.items:
                if k == "<<":
                    for m in (node.items if isinstance(node, Seq) else [node]):
                        if isinstance(m, Map):
                            found = m.get(key, _depth + 1)
                            if found is not None:
                                return found
        return None

    def key_line(self, key) -> int:
        for k, line, _ in self.items:
            if k == key:
                return line
        for k, line, _ in self.items:
            if k == "<<":
                return line
        return self.line


@dataclass
class Item:
    """One template found in a collection."""
    node: Str
    label: str
    channel: str | None = None
    lang: str | None = None
    extra: dict = field(default_factory=dict)


def collect(roots: list, path: str, column: str | None = None) -> list[Item]:
    found: list[tuple[Str, str, list[Map]]] = []       # (string, label, enclosing maps outermost first)
    seen: set[int] = set()
    multi = len(roots) > 1

    def walk(node, label: str, key, maps: list[Map]):
        if id(node) in seen:                                # YAML aliases: lint a shared string once
            return
        seen.add(id(node))
        if isinstance(node, Str):
            found.append((node, label, maps, key))
        elif isinstance(node, Map):
            for k, _, child in node.items:
                if k == "<<":
                    continue
                walk(child, f"{label}.{k}" if label else str(k), k, maps + [node])
        elif isinstance(node, Seq):
            for i, child in enumerate(node.items):
                walk(child, f"{label}[{i}]", key, maps)

    for n, root in enumerate(roots):
        walk(root, f"#{n + 1}" if multi else "", None, [])

    def norm(k):
        return str(k).strip().lower().replace("-", "_").replace(" ", "_") if k is not None else None

    if column is not None:
        want = norm(column)
        chosen = [x for x in found if norm(x[3]) == want]
    else:
        chosen = [x for x in found if norm(x[3]) in TEMPLATE_KEYS]
        if not chosen:
            chosen = [x for x in found if norm(x[3]) not in METADATA_KEYS]
    items = []
    for node, label, maps, _ in chosen:
        if not node.value.strip():
            continue
        item = Item(node, label or "(root)")
        for m in reversed(maps):                            # nearest mapping wins
            if item.channel is None:
                ch = m.get("channel")
                if isinstance(ch, (Str, Other)) and ch is not node:
                    item.channel = check_channel(ch.value, path, m.key_line("channel"))
            if item.lang is None:
                for k in LANG_KEYS:
                    lv = m.get(k)
                    if isinstance(lv, (Str, Other)) and lv is not node:
                        item.lang = check_lang(lv.value, path, m.key_line(k))
                        break
        items.append(item)
    return items
