"""YAML template collections (.yaml, .yml): one Document per template string.

PyYAML's node marks give each scalar's exact span in the file (in code points). The parsed value
can differ from the bytes in the file, so the analysed text is built from the *raw slice*, same
length, read the way YAML reads it:

- plain and quoted scalars: the content between the quotes; a single line break inside (folding)
  reads as a space, blank lines stay breaks;
- double-quoted escapes (`\\n`, `\\"`, `\\u00e9`) read as the character they stand for, padded;
  single-quoted `''` reads as `'`;
- literal blocks (`|`): the lines after the header, indentation left as spaces;
- folded blocks (`>`): the same, with single line breaks read as spaces (more-indented lines keep
  theirs).
The header line of a block scalar (`body: |  # comment`) is not part of the text; it is the
template's *anchor*, where a `# complint: ignore[...]` covers the whole template.
"""
from __future__ import annotations

import regex
import yaml

from ..errors import InputError
from .base import View, fold_line_breaks
from .collection import Map, Other, Seq, Str

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"
_DQ_ESCAPE = regex.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|\r?\n|.)", regex.DOTALL)
_DQ_SIMPLE = {"0": "\0", "a": "\a", "b": " ", "t": "\t", "\t": "\t", "n": "\n", "v": " ", "f": " ", "r": " ",
              "e": " ", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}


def parse_yaml(text: str, path: str) -> list:
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}" if mark else path
        raise InputError(f"{where}: invalid YAML: {exc.problem or exc.context or 'syntax error'}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: invalid YAML: {' '.join(str(exc).split())[:200]}") from None
    except RecursionError:
        raise InputError(f"{path}: YAML nested too deeply") from None
    return [_convert(n, text) for n in nodes if n is not None]


def _convert(root, text: str):
    """yaml nodes -> collection tree, iteratively (deep nesting must not hit the recursion limit)."""
    memo: dict[int, object] = {}
    stack = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in memo:
            continue
        if isinstance(node, yaml.ScalarNode):
            memo[id(node)] = _scalar(node, text)
        elif not ready:
            stack.append((node, True))
            children = [c for kv in node.value for c in kv] if isinstance(node, yaml.MappingNode) else node.value
            stack.extend((c, False) for c in children if id(c) not in memo)
        elif isinstance(node, yaml.MappingNode):
            items = []
            for k, v in node.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else None
                items.append((key, k.start_mark.line + 1, memo[id(v)]))
            memo[id(node)] = Map(items, node.start_mark.line + 1)
        else:
            memo[id(node)] = Seq([memo[id(c)] for c in node.value], node.start_mark.line + 1)
    return memo[id(root)]


def _scalar(node, text: str):
    line = node.start_mark.line + 1
    if node.tag != _STR_TAG:
        return Other(node.value, line)
    s, e = node.start_mark.index, node.end_mark.index
    style = node.style or ""
    if style in ('"', "'"):
        start, end = s + 1, e - 1
        view = View(text[start:end])
        if style == '"':
            _double_quoted(view)
        else:
            i = view.text.find("''")
            while i != -1:
                view.escape(i, i + 2, "'")
                i = view.text.find("''", i + 2)
        view.text = fold_line_breaks(view.text)            # edits keep their offsets: folding is same-length
        return Str(node.value, start, end, line, view, anchor=s)
    if style in ("|", ">"):
        header_end = text.find("\n", s, e)
        start = e if header_end == -1 else header_end + 1
        raw = text[start:e]
        view = View(fold_line_breaks(raw, keep_more_indented=True) if style == ">" else raw)
        return Str(node.value, start, e, line + 1, view, anchor=s)
    view = View(fold_line_breaks(text[s:e]))
    return Str(node.value, s, e, line, view, anchor=s)


def _double_quoted(view: View) -> None:
    t = view.text
    if "\\" not in t:
        return
    for m in _DQ_ESCAPE.finditer(t, timeout=1.0):
        body = m.group()[1:]
        if body.startswith(("\n", "\r")):                 # escaped line break: the lines join
            view.blank(m.start(), m.end())
            continue
        if body[0] in "xuU":
            try:
                ch = chr(int(body[1:], 16))
            except (ValueError, OverflowError):
                ch = " "
        else:
            ch = _DQ_SIMPLE.get(body, " ")
        view.escape(m.start(), m.end(), ch)
