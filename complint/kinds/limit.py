"""limit: counts and sizes (characters, words, lines, links, exclamation marks, emoji)."""
from __future__ import annotations

import regex

from ..errors import RuleError
from .base import Kind

_EMOJI = regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}](?:\uFE0F|\u200D[\p{Extended_Pictographic}]|[\U0001F3FB-\U0001F3FF])*")
_EMOTICON = regex.compile(r"(?<![\w:/])(?::-?[)(DPp]|;-?\)|<3)(?![\w])")
_WORD = regex.compile(r"\w+(?:[-'’]\w+)*")
_EXCL = regex.compile(r"!")
_BLANK_RUN = regex.compile(r"(?:[ \t]*\n){4,}")
_ASCII_WORD_CHARS = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
MEASURES = {"characters", "words", "lines", "links", "exclamations", "emoji", "blank_lines"}


class LimitKind(Kind):
    name = "limit"
    keys = {"measure", "max"}
    required = {"measure", "max"}

    def __init__(self, rule_id, match, path):
        super().__init__(rule_id, match, path)
        self.measure = match["measure"]
        if self.measure not in MEASURES:
            raise RuleError(path, match.line_of("measure"), f"unknown measure {self.measure!r}; use one of {sorted(MEASURES)}")
        self.max = match["max"]
        if not isinstance(self.max, int) or isinstance(self.max, bool) or self.max < 0:
            raise RuleError(path, match.line_of("max"), "match.max must be a non-negative integer")

    def find(self, an):
        # Each measure first checks a cheap bound that decides "within the limit" exactly (see below);
        # the regex scans (0.02-0.14 ms a message) run only when the limit may be exceeded.
        text, m = an.text, self.max
        if self.measure == "characters":
            if len(text) > m:
                yield m, len(text)
        elif self.measure == "words":
            # words are separated by at least one non-word character: words <= non-word chars + 1
            # (counting non-ASCII letters as non-word only raises the bound)
            if len(text.translate(_ASCII_WORD_CHARS)) + 1 <= m:
                return
            words = list(_WORD.finditer(text, timeout=1.0))
            if len(words) > m:
                yield words[m].start(), words[-1].end()
        elif self.measure == "lines":
            if text.count("\n") + 1 <= m:
                return
            starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
            if len(starts) > m:
                yield starts[m], len(text)
        elif self.measure == "links":
            links = [e for e in an.entities if e.kind == "url"]
            if len(links) > m:
                yield links[m].start, links[-1].end
        elif self.measure == "exclamations":
            if text.count("!") <= m:
                return
            marks = [x.start() for x in _EXCL.finditer(text)]
            if len(marks) > m:
                yield marks[m], marks[-1] + 1
        elif self.measure == "emoji":
            # emoji are non-ASCII; emoticons need ":" ";" or "<3"
            found = [(x.start(), x.end()) for x in _EMOJI.finditer(text, timeout=1.0)] if not text.isascii() else []
            if ":" in text or ";" in text or "<3" in text:
                found += [(x.start(), x.end()) for x in _EMOTICON.finditer(text, timeout=1.0)]
            found.sort()
            for span in found[m:]:
                if not any(ms <= span[0] < me for ms, me in an.masked):
                    yield span
        elif self.measure == "blank_lines":
            # four newlines with only spaces/tabs between them, i.e. "\n\n\n\n" once those are gone
            if "\n\n\n\n" not in text.replace(" ", "").replace("\t", ""):
                return
            for x in _BLANK_RUN.finditer(text, timeout=1.0):
                yield x.start(), x.end()
