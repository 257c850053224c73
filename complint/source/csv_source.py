"""CSV exports (.csv), e.g. a helpdesk's macro or ticket export: one Document per cell of the text
column, at the cell's real line and column.

The first row is the header. The text column is `--column NAME` (or a 1-based number), else the
first header among `body, message, text, template, content, reply, response, comment, description,
value`, else the column with the longest cells. Optional `channel` and `lang` columns set each
row's channel and language; an `id`/`name`/`title` column names the row in the report.

The delimiter (`,` `;` tab `|`) is taken from the header line. Quoted cells may hold delimiters,
line breaks and doubled quotes (`""` reads as `"`, padded: offsets stay exact). Parsing is linear
(possessive regexes, no backtracking); an unterminated quote is an error at the line it opens.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..errors import InputError
from .base import View
from .collection import Item, Str
from .frontmatter import check_channel, check_lang

PREFERRED_COLUMNS = ("body", "message", "text", "template", "content", "reply", "response", "comment",
                     "comment_value", "description", "value", "html_body", "text_body")
CHANNEL_COLUMNS = ("channel",)
LANG_COLUMNS = ("lang", "language", "locale")
NAME_COLUMNS = ("name", "title", "subject", "macro", "key", "id")
DELIMITERS = ",;\t|"


@dataclass
class Cell:
    start: int          # content span (quotes excluded)
    end: int
    quoted: bool
    line: int

    def raw(self, text: str) -> str:
        return text[self.start:self.end]

    def value(self, text: str) -> str:
        v = text[self.start:self.end]
        return v.replace('""', '"') if self.quoted else v


def _delimiter(text: str, start: int) -> str:
    nl = text.find("\n", start)
    header = text[start:nl if nl != -1 else len(text)]
    outside = regex.sub(r'"[^"]*"', "", header)
    counts = {d: outside.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse_rows(text: str, path: str, start: int = 0) -> list[list[Cell]]:
    delim = _delimiter(text, start)
    d = regex.escape(delim)
    quoted = regex.compile(r'"((?:[^"]++|"")*+)"')
    plain = regex.compile(r'[^' + d + r'\r\n]*+')
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    pos, n, line = start, len(text), 1
    while pos < n:
        if text[pos] == '"':
            m = quoted.match(text, pos)
            if m is None:
                raise InputError(f"{path}:{line}: invalid CSV: unterminated quoted field")
            cell = Cell(m.start(1), m.end(1), True, line)
            line += text.count("\n", m.start(), m.end())
            pos = m.end()
            if pos < n and text[pos] not in delim + "\r\n":   # `"a"b`: lenient, like csv; the rest joins the cell
                rest = plain.match(text, pos)
                cell = Cell(m.start(1), rest.end(), False, cell.line)
                pos = rest.end()
        else:
            m = plain.match(text, pos)
            cell = Cell(pos, m.end(), False, line)
            pos = m.end()
        row.append(cell)
        if pos >= n:
            break
        c = text[pos]
        if c == delim:
            pos += 1
            if pos >= n:
                row.append(Cell(pos, pos, False, line))
            continue
        # end of record: \r\n, \n or \r
        pos += 2 if text.startswith("\r\n", pos) else 1
        line += 1
        rows.append(row)
        row = []
    if row:
        rows.append(row)
    return rows


def _norm(name: str) -> str:
    return name.strip().strip("\ufeff").lower().replace(" ", "_").replace("-", "_")


def csv_items(text: str, path: str, column: str | None = None) -> list[Item]:
    start = 1 if text.startswith("\ufeff") else 0
    rows = parse_rows(text, path, start)
    if not rows:
        return []
    header = [_norm(c.value(text)) for c in rows[0]]
    data = [r for r in rows[1:] if any(c.end > c.start for c in r)]
    col = _choose_column(header, data, text, path, column)

    def find(names):
        return next((header.index(x) for x in names if x in header), None)

    ch_col, lang_col, name_col = find(CHANNEL_COLUMNS), find(LANG_COLUMNS), find(NAME_COLUMNS)
    if name_col == col:
        name_col = None
    items = []
    for number, row in enumerate(rows[1:], start=1):
        if col >= len(row):
            continue
        cell = row[col]
        value = cell.value(text)
        if not value.strip():
            continue
        view = View(text[cell.start:cell.end])
        if cell.quoted:
            i = view.text.find('""')
            while i != -1:
                view.escape(i, i + 2, '"')
                i = view.text.find('""', i + 2)
        label = f"row {number}"
        if name_col is not None and name_col < len(row) and row[name_col].value(text).strip():
            label += f" ({' '.join(row[name_col].value(text).split())[:60]})"
        item = Item(Str(value, cell.start, cell.end, cell.line, view, anchor=row[0].start), label)
        if ch_col is not None and ch_col < len(row) and row[ch_col].value(text).strip():
            item.channel = check_channel(row[ch_col].value(text), path, row[ch_col].line)
        if lang_col is not None and lang_col < len(row) and row[lang_col].value(text).strip():
            item.lang = check_lang(row[lang_col].value(text), path, row[lang_col].line)
        items.append(item)
    return items


def _choose_column(header, data, text, path, column) -> int:
    if column is not None:
        if column.isdigit():
            idx = int(column) - 1
            if not 0 <= idx < len(header):
                raise InputError(f"{path}:1: no column {column} (the header has {len(header)} columns)")
            return idx
        want = _norm(column)
        if want not in header:
            raise InputError(f"{path}:1: no column {column!r} (columns: {', '.join(header)})")
        return header.index(want)
    for name in PREFERRED_COLUMNS:
        if name in header:
            return header.index(name)
    best, best_len = 0, -1.0
    skip = set(CHANNEL_COLUMNS + LANG_COLUMNS + NAME_COLUMNS)
    for i, name in enumerate(header):
        if name in skip:
            continue
        cells = [r[i].end - r[i].start for r in data if i < len(r)]
        avg = sum(cells) / len(cells) if cells else 0.0
        if avg > best_len:
            best, best_len = i, avg
    return best
