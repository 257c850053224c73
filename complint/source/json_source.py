"""JSON template collections (.json): every string value is a candidate template (see collection.py).

`json.loads` validates the file first (its errors carry the line). A small scanner then walks the
same text, iteratively, to find each string's exact span; escapes (`\\n`, `\\"`, `\\u00e9`, surrogate
pairs) read as the character they stand for, padded to the escape's width, so offsets stay exact.
"""
from __future__ import annotations

import json

import regex

from ..errors import InputError
from .base import View
from .collection import Map, Other, Seq, Str

_STRING = regex.compile(r'"(?:[^"\\]++|\\.)*+"', regex.DOTALL)
_SCALAR = regex.compile(r"-?\d[\d.eE+\-]*|true|false|null")
_WS = regex.compile(r"[ \t\r\n]*+")
_ESCAPE = regex.compile(r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)")
_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": " ", "f": " ", "n": "\n", "r": " ", "t": "\t"}


def parse_json(text: str, path: str) -> list:
    body_start = 1 if text.startswith("\ufeff") else 0
    try:
        json.loads(text[body_start:])
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise InputError(f"{path}: JSON nested too deeply") from None
    return [_scan(text, body_start)]


def _scan(text: str, pos: int):
    line_at = _LineCounter(text)
    stack: list[list] = []            # frames: [container, pending_key, pending_key_line]
    root = None

    def attach(node):
        nonlocal root
        if not stack:
            root = node
            return
        frame = stack[-1]
        cont = frame[0]
        if isinstance(cont, Seq):
            cont.items.append(node)
        else:
            cont.items.append((frame[1], frame[2], node))
            frame[1] = None

    n = len(text)
    while True:
        pos = _WS.match(text, pos).end()
        if pos >= n:
            break
        c = text[pos]
        if c in "{[":
            node = Map([], line_at(pos)) if c == "{" else Seq([], line_at(pos))
            attach(node)
            stack.append([node, None, 0])
            pos += 1
        elif c in "}]":
            stack.pop()
            pos += 1
        elif c in ",:":
            pos += 1
        elif c == '"':
            m = _STRING.match(text, pos)
            end = m.end()
            frame = stack[-1] if stack else None
            if frame is not None and isinstance(frame[0], Map) and frame[1] is None and _is_key(text, end):
                frame[1] = json.loads(m.group())
                frame[2] = line_at(pos)
            else:
                attach(_string(text, pos, end, line_at(pos)))
            pos = end
        else:
            m = _SCALAR.match(text, pos)
            end = m.end() if m else pos + 1
            attach(Other(json.loads(text[pos:end]) if m else None, line_at(pos)))
            pos = end
    return root


def _is_key(text: str, end: int) -> bool:
    j = _WS.match(text, end).end()
    return j < len(text) and text[j] == ":"


def _string(text: str, start: int, end: int, line: int) -> Str:
    view = View(text[start + 1:end - 1])
    if "\\" in view.text:
        for m in _ESCAPE.finditer(view.text, timeout=1.0):
            body = m.group()
            if body[1] == "u":
                ch = json.loads('"' + body + '"')
            else:
                ch = _SIMPLE.get(body[1], " ")
            view.escape(m.start(), m.end(), ch)
    return Str(json.loads(text[start:end]), start + 1, end - 1, line, view, anchor=start)


class _LineCounter:
    """Line of an offset, for offsets that only grow (linear overall)."""

    def __init__(self, text: str):
        self.text, self.pos, self.line = text, 0, 1

    def __call__(self, offset: int) -> int:
        if offset > self.pos:
            self.line += self.text.count("\n", self.pos, offset)
            self.pos = offset
        return self.line
