"""composition: a property of the whole message, e.g. "says only thank you / just checking in".
Every sentence must hit one of `every_sentence` (short name/sign-off lines are neutral), at least
one must hit `at_least_one`, and no sentence may hit `none`."""
from __future__ import annotations

import regex

from .base import Kind

_WORD = regex.compile(r"[^\W\d_]+")


class CompositionKind(Kind):
    name = "composition"
    keys = {"every_sentence", "at_least_one", "none", "purpose", "neutral_words", "max_sentences"}
    required = {"at_least_one"}

    def __init__(self, rule_id, match, path):
        super().__init__(rule_id, match, path)
        self.every = self._names("every_sentence", match["every_sentence"]) if "every_sentence" in match else None
        self.one = self._names("at_least_one", match["at_least_one"])
        self.none = self._names("none", match["none"]) if "none" in match else []
        self.purpose = self._names("purpose", match["purpose"]) if "purpose" in match else []   # a sentence with these is not filler
        self.neutral_words = int(match.get("neutral_words", 3))
        self.max_sentences = int(match.get("max_sentences", 12))

    def concepts(self):
        return set(self.every or ()) | set(self.one) | set(self.none) | set(self.purpose)

    def find(self, an):
        n = len(an.sentences)
        if n == 0 or n > self.max_sentences:
            return
        if any(an.hits(c) for c in self.none) or any(an.hits(c) for c in self.purpose):
            return
        if self.every is None:      # no per-sentence test: some filler and no purpose anywhere
            if any(an.hits(c) for c in self.one):
                yield an.sentences[0][0], an.sentences[-1][1]
            return
        found_one = False
        for i, (s, e) in enumerate(an.sentences):
            hits = an.by_sentence[i]
            if any(hits.get(c) for c in self.one):
                found_one = True
            if any(hits.get(c) for c in self.purpose):
                return
            if any(hits.get(c) for c in self.every):
                continue
            words = [w for w in _WORD.findall(an.text, s, e) if not any(ms <= s and e <= me for ms, me in an.masked)]
            if len(words) <= self.neutral_words and not any(ms < e and s < me for ms, me in an.masked) or _only_masked(an, s, e):
                continue
            return
        if found_one:
            yield an.sentences[0][0], an.sentences[-1][1]


def _only_masked(an, s, e) -> bool:
    rest = an.text[s:e]
    for ms, me in an.masked:
        if ms < e and s < me:
            rest = rest.replace(an.text[max(ms, s):min(me, e)], " ")
    return not _WORD.search(rest)
