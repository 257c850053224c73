"""Building blocks shared by the readers: an equal-length "view" of a slice of the original file.

A reader never deletes or inserts characters. It replaces spans with text of the same length
(markup with spaces, an escape such as `&amp;` or `\\n` with padding plus the character it stands
for) and records spans that are not prose in `masked`. So offset `i` in the analysed text is
offset `origin + i` in the original file, and every finding points at the real characters.
"""
from __future__ import annotations


class View:
    """Edits on `text` (a slice of the original); offsets are relative to the slice."""

    __slots__ = ("text", "edits", "masked", "escapes")

    def __init__(self, text: str):
        self.text = text
        self.edits: list[tuple[int, int, str]] = []
        self.masked: list[tuple[int, int, str]] = []
        self.escapes: list[tuple[int, int]] = []

    def escape(self, start: int, end: int, decoded: str) -> None:
        """An escape (`&amp;`, `\\n`, `""`) read as the character it stands for, padded in front.
        A finding that touches it is widened to the whole escape (see complint.runner)."""
        self.replace(start, end, pad(decoded, end - start))
        if end - start > 1:
            self.escapes.append((start, end))

    def replace(self, start: int, end: int, replacement: str) -> None:
        if len(replacement) != end - start:
            raise ValueError("a view edit must keep the length")
        if end > start:
            self.edits.append((start, end, replacement))

    def blank(self, start: int, end: int, newline: bool = False) -> None:
        """Spaces instead of text[start:end]; with `newline`, a line break first (a block boundary)."""
        if end <= start:
            return
        self.replace(start, end, ("\n" + " " * (end - start - 1)) if newline else " " * (end - start))

    def mask(self, start: int, end: int, kind: str) -> None:
        if end > start:
            self.masked.append((start, end, kind))

    def render(self) -> str:
        if not self.edits:
            return self.text
        out, pos = [], 0
        for start, end, rep in sorted(self.edits, key=lambda e: (e[0], -e[1])):
            if end <= pos:
                continue                                 # inside an earlier, larger edit
            if start < pos:                              # overlaps an earlier edit: keep its tail only
                rep, start = rep[pos - start:], pos
            out.append(self.text[pos:start])
            out.append(rep)
            pos = end
        out.append(self.text[pos:])
        return "".join(out)

    def masked_sorted(self) -> list[tuple[int, int, str]]:
        """The masked spans, sorted; spans of one kind with only whitespace between them are merged
        (`</p>\n  <p>` is one span), so a tag-heavy e-mail does not hand the rules thousands of spans."""
        out: list[tuple[int, int, str]] = []
        for s, e, kind in sorted(set(self.masked)):
            if out and out[-1][2] == kind and s >= out[-1][0] and (s <= out[-1][1] or not self.text[out[-1][1]:s].strip()):
                out[-1] = (out[-1][0], max(out[-1][1], e), kind)
            else:
                out.append((s, e, kind))
        return out


def pad(decoded: str, width: int) -> str:
    """What an escape of `width` characters becomes: padding, then the character(s) it stands for.
    Padding goes first so that `We''re` reads `We 're` (tokenised like "We're")."""
    if len(decoded) >= width:
        return decoded[:width]
    return " " * (width - len(decoded)) + decoded


def fold_line_breaks(text: str, keep_more_indented: bool = False) -> str:
    """YAML folding on a raw slice, same length: a single line break between two non-blank lines
    reads as a space (the parsed value has a space there); blank lines stay line breaks."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    base = None
    if keep_more_indented:
        for ln in lines[1:] if lines and not lines[0].strip() else lines:
            if ln.strip():
                base = len(ln) - len(ln.lstrip(" "))
                break
    out = []
    for i, ln in enumerate(lines[:-1]):
        nxt = lines[i + 1]
        join = bool(ln.strip()) and bool(nxt.strip())
        if join and keep_more_indented and base is not None:
            if len(nxt) - len(nxt.lstrip(" ")) > base or len(ln) - len(ln.lstrip(" ")) > base:
                join = False
        out.append(ln + (" " if join else "\n"))
    out.append(lines[-1])
    return "".join(out)


def merge_masks(*lists) -> list[tuple[int, int, str]]:
    return sorted(set(x for lst in lists for x in lst))
