"""A French blank pipeline that starts in ~0.2 s instead of ~3–5 s.

`spacy.blank("fr")` imports `spacy.lang.fr.tokenizer_exceptions`, whose module body compiles one
1.45 MB regular expression (TOKEN_MATCH: ~200 alternatives such as `^anti[-–][ALPHA]...$`, each with
spaCy's full ALPHA character class spelled out). Python's `re` needs ~3 s for it, on every start.

While that module is imported, this module hands spaCy an equivalent matcher instead: the same
alternatives with the spelled-out classes written as `\\p{L}` (compiled by the `regex` module in
~0.1 s), plus a check that every letter of a match is one spaCy's class allows (so non-Latin-script
letters spaCy does not list still do not match). Tokens, exceptions, prefixes, suffixes and infixes
are spaCy's own; tests/test_lang_de_fr.py checks the matcher against the original pattern.
"""
from __future__ import annotations

import re
import sys

import regex

_MODULE = "spacy.lang.fr.tokenizer_exceptions"
_BIG = 200_000          # the French TOKEN_MATCH source is ~1.45 MB; nothing else spaCy compiles comes close


class CompactTokenMatch:
    """Stands in for the compiled TOKEN_MATCH: `.match(text)` and `.pattern` like a compiled regex."""

    def __init__(self, pattern: str, flags: int):
        from spacy.lang.char_classes import ALPHA, ALPHA_LOWER

        self.original = pattern            # kept for tests and for serialisation by spaCy
        self.pattern = pattern
        self.flags = flags
        compact = pattern.replace(ALPHA_LOWER, r"\p{L}").replace(ALPHA, r"\p{L}")
        if len(compact) > 50_000:
            raise ValueError("unexpected TOKEN_MATCH layout")
        self._fast = regex.compile(compact, regex.IGNORECASE | regex.UNICODE | regex.V0)
        self._alpha = re.compile(f"[{ALPHA}{ALPHA_LOWER}]", re.IGNORECASE)   # small: ~5 ms

    def match(self, text: str, *args):
        m = self._fast.match(text, *args)
        if m is None:
            return None
        alpha = self._alpha.match
        for ch in m.group(0):
            if ch.isalpha() and alpha(ch) is None:
                return None
        return m


def blank_fr():
    """spacy.blank("fr") without the 3-second regex compile (falls back to it if anything differs)."""
    import spacy

    if _MODULE in sys.modules:
        return spacy.blank("fr")
    real = re.compile
    state: dict = {}

    def deferring(pattern, flags=0):
        if isinstance(pattern, str) and len(pattern) > _BIG and "matcher" not in state:
            try:
                state["matcher"] = CompactTokenMatch(pattern, flags)
                return state["matcher"]
            except Exception:      # unknown spaCy version layout: compile it the slow way
                pass
        return real(pattern, flags)

    re.compile = deferring
    try:
        nlp = spacy.blank("fr")
    finally:
        re.compile = real
    return nlp
