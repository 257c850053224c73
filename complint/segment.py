"""Sentence boundaries from the text itself.

Templates break lines without punctuation ("Hi {{name}}\nThanks for your order\n"), so a newline is
a boundary; so is end punctuation followed by space, except after common abbreviations.

The abbreviation lookbehind sits after the first punctuation mark (and includes it) rather than in
front of it: the same matches, but `regex` then evaluates it only at punctuation, not at every
character, which halves the cost of segmenting a message. For the same reason every alternative
starts with a punctuation mark or a line break (spaces around line breaks are trimmed from the
sentences anyway), so the scan only stops at those characters.
"""
from __future__ import annotations

import regex

_BOUNDARY = regex.compile(
    r"""
    (?:[.!?…](?<!\b(?:Mr|Mrs|Ms|Dr|St|No|Nr|vs|etc|e\.g|i\.e|approx|Inc|Ltd|Co|ca|bzw|z\.B|usw|Hr|Fr|Sr|Sra|Mme|M)[.!?…])
       [.!?…]*["'”’)\]]*[ \t]+(?=\S)        # end punctuation (not after an abbreviation) then space
      |[。！？]+                               # CJK end punctuation
      |(?:\r?\n)+                             # line breaks (spaces around them are trimmed anyway)
    )
    """,
    regex.VERBOSE,
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of sentences, whitespace trimmed, empty ones dropped."""
    spans = []
    pos = 0
    for m in _BOUNDARY.finditer(text, timeout=1.0):
        # keep end punctuation inside the sentence, drop trailing whitespace
        seg_end = m.start() + len(m.group().rstrip(" \t\r\n"))
        _add(spans, text, pos, seg_end)
        pos = m.end()
    _add(spans, text, pos, len(text))
    return spans


def _add(spans, text, start, end):
    segment = text[start:end]
    kept = segment.strip()           # str.strip() and str.isspace() agree on what is whitespace
    if kept:
        start += len(segment) - len(segment.lstrip())
        spans.append((start, start + len(kept)))
