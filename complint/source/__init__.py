"""Turn paths and stdin into Documents. One reader per format lives beside this module."""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError
from ..model import Document
from .plain import plain_documents  # noqa: F401  (kept for callers of the old entry point)

TEXT_EXTENSIONS = {".txt", ".text", ".md", ".markdown", ".tmpl", ".tpl", ".eml"}
TEMPLATE_EXTENSIONS = {".html", ".htm", ".j2", ".jinja", ".jinja2", ".hbs", ".handlebars", ".mustache", ".liquid"}
COLLECTION_EXTENSIONS = {".yaml", ".yml", ".json", ".csv"}
LINTABLE = TEXT_EXTENSIONS | TEMPLATE_EXTENSIONS | COLLECTION_EXTENSIONS
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".complint_cache"}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


# Data files that are never message templates, even when named explicitly (a pre-commit hook passes
# every staged .yaml/.json): tool configuration and package manifests.
TOOL_FILES = {
    "package.json", "package-lock.json", "composer.json", "composer.lock", "tsconfig.json", "jsconfig.json",
    "renovate.json", "docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml", "mkdocs.yml",
    "mkdocs.yaml", "environment.yml", "environment.yaml", "pnpm-lock.yaml", "codecov.yml", "readthedocs.yml",
    "CITATION.cff",
}


def is_tool_file(path: str) -> bool:
    """Hidden YAML/JSON/CSV files (.complint.yaml, .pre-commit-config.yaml, ...), files under .github/,
    and the package manifests in TOOL_FILES are configuration, not templates: never linted."""
    name = os.path.basename(path)
    if name in TOOL_FILES:
        return True
    if name.startswith(".") and os.path.splitext(name)[1].lower() in COLLECTION_EXTENSIONS:
        return True
    return ".github" in Path(path).parts


def expand_paths(paths: list[str]) -> list[str]:
    """Files as given; directories walked for lintable extensions (sorted, hidden folders and files
    skipped). Tool configuration files (see is_tool_file) are skipped even when named."""
    out = []
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    full = os.path.join(root, name)
                    if Path(name).suffix.lower() in LINTABLE and not name.startswith(".") and not is_tool_file(full):
                        out.append(full)
        elif path.exists():
            if not is_tool_file(p):
                out.append(p)
        else:
            raise InputError(f"{p}: no such file or directory")
    return out


def decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise InputError(f"{name}: UTF-16 text is not supported; re-save the file as UTF-8")
        raise InputError(f"{name}: binary file (contains NUL bytes); not linted")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); re-save the file as UTF-8") from None


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES, stdin=None) -> bytes:
    if path == "-":
        import sys

        stream = stdin or sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"<stdin>: input larger than {max_bytes // 1024 // 1024} MB limit (--max-file-size)")
        return data
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise InputError(f"{path}: file is {size / 1024 / 1024:.1f} MB, over the {max_bytes / 1024 / 1024:.0f} MB limit (--max-file-size)")
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def load_documents(path: str, channel: str, lang: str, max_bytes: int = DEFAULT_MAX_BYTES, stdin=None,
                   channel_source: str = "default", column: str | None = None) -> tuple[str, list[Document]]:
    """Read one path (or `-`) into its source text and Documents."""
    name = "<stdin>" if path == "-" else path
    text = decode(read_bytes(path, max_bytes, stdin), name)
    return text, parse_documents(text, name, channel, lang, channel_source, column=column)


FORMATS = {
    **{ext: "plain" for ext in TEXT_EXTENSIONS},
    ".html": "html", ".htm": "html",
    ".j2": "jinja", ".jinja": "jinja", ".jinja2": "jinja",
    ".hbs": "handlebars", ".handlebars": "handlebars", ".mustache": "handlebars",
    ".liquid": "liquid",
    ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv",
}
COLLECTIONS = {"yaml", "json", "csv"}


def source_format(name: str) -> str:
    """The reader for a file name: plain, html, jinja, handlebars, liquid, yaml, json or csv."""
    return FORMATS.get(os.path.splitext(name)[1].lower(), "plain")


def parse_documents(text: str, name: str, channel: str, lang: str, channel_source: str = "default",
                    column: str | None = None) -> list[Document]:
    """Turn a decoded file into Documents, choosing the reader by the file's extension.
    `complint fix` calls this again on the fixed text to re-lint it and to prove it still parses.

    Channel: with `channel_source` "cli" or "config" the given `channel` wins; otherwise a
    template's own channel (front matter, or a collection item's `channel:` field) wins over the
    given default. Language: a `lang` other than "auto" wins; otherwise a template's own `lang:`
    is used, and the rest stay "auto" for the caller to resolve. Inline suppression directives are
    blanked out of the analysed text (they are not prose; complint.suppress applies them)."""
    from ..suppress import directive_spans

    fmt = source_format(name)
    docs: list[Document] = []
    if fmt in COLLECTIONS:
        for item in _collection_items(fmt, text, name, column):
            node = item.node
            docs.append(Document(text=node.view.render(), path=name, origin=node.start, source_text=text,
                                 masked=node.view.masked_sorted(), label=item.label, anchor=node.anchor,
                                 escapes=sorted(node.view.escapes),
                                 channel=item.channel or "message", lang=item.lang or "auto",
                                 channel_source="field" if item.channel else "default",
                                 lang_source="field" if item.lang else "default"))
    else:
        from .frontmatter import read_front_matter

        fm = read_front_matter(text, name)
        start = fm.end if fm else 0
        view = _single_view(fmt, name, text[start:])
        docs.append(Document(text=view.render(), path=name, origin=start, source_text=text,
                             masked=view.masked_sorted(), escapes=sorted(view.escapes),
                             channel=(fm and fm.channel) or "message", lang=(fm and fm.lang) or "auto",
                             channel_source="front-matter" if fm and fm.channel else "default",
                             lang_source="front-matter" if fm and fm.lang else "default"))
    for doc in docs:
        if channel_source in ("cli", "config") or doc.channel_source == "default":
            doc.channel, doc.channel_source = channel or "message", channel_source
        if lang and lang != "auto":
            doc.lang, doc.lang_source = lang, "cli"
    spans = directive_spans(text)
    if spans:
        for doc in docs:
            _blank_directives(doc, spans)
    return docs


def _single_view(fmt: str, name: str, text: str):
    if fmt == "html":
        from .html import html_view

        return html_view(text)
    if fmt in ("jinja", "handlebars", "liquid"):
        from .html import looks_like_html
        from .templating import HANDLEBARS, JINJA, LIQUID, template_view

        inner = os.path.splitext(os.path.splitext(name)[0])[1].lower()      # review.html.j2 -> .html
        html = True if inner in (".html", ".htm") else False if inner in TEXT_EXTENSIONS else looks_like_html(text)
        return template_view(text, {"jinja": JINJA, "handlebars": HANDLEBARS, "liquid": LIQUID}[fmt], html)
    from .base import View
    from .placeholders import placeholder_spans

    view = View(text)
    view.masked = placeholder_spans(text)
    return view


def _collection_items(fmt: str, text: str, name: str, column: str | None):
    if fmt == "csv":
        from .csv_source import csv_items

        return csv_items(text, name, column)
    from .collection import collect

    if fmt == "json":
        from .json_source import parse_json

        roots = parse_json(text, name)
    else:
        from .yaml_source import parse_yaml

        roots = parse_yaml(text, name)
    return collect(roots, name, column)


def _blank_directives(doc: Document, spans) -> None:
    lo, hi = doc.origin, doc.origin + len(doc.text)
    inside = [(max(s, lo) - lo, min(e, hi) - lo) for s, e in spans if s < hi and e > lo]
    if not inside:
        return
    from .base import View

    view = View(doc.text)
    for s, e in inside:
        view.blank(s, e)
        doc.masked.append((s, e, "suppression"))
    doc.text = view.render()
    doc.masked.sort()
