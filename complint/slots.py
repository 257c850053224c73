"""A matcher for lexicon phrases with slots, e.g. `(please|kindly) (remove~|delete~) (your|the) review~`.

Expanding every slot combination into a PhraseMatcher explodes (one such phrase can be 100,000
strings). Instead each phrase is compiled once into slots of token-tuple options and matched
directly: an index from first token to candidate phrases means only a handful of phrases are
tried at each token, so matching a 100-word message costs tens of microseconds.
"""
from __future__ import annotations

from .inflect import _slots, _top_level_alternatives, inflections


class SlotPhrase:
    __slots__ = ("concept", "slots")

    def __init__(self, concept: str, slots: list[list[tuple[str, ...]]]):
        self.concept = concept
        self.slots = slots          # each slot: list of options; an option is a tuple of tokens ('' = empty)

    def first_tokens(self) -> set[str]:
        firsts: set[str] = set()
        for slot in self.slots:
            optional = False
            for opt in slot:
                if opt:
                    firsts.add(opt[0])
                else:
                    optional = True
            if not optional:
                return firsts
        return firsts

    def ends(self, toks: list[str], start: int) -> set[int]:
        positions = {start}
        n = len(toks)
        for slot in self.slots:
            nxt = set()
            for pos in positions:
                for opt in slot:
                    k = len(opt)
                    if k == 0:
                        nxt.add(pos)
                    elif pos + k <= n and (toks[pos] == opt[0] if k == 1 else tuple(toks[pos:pos + k]) == opt):
                        nxt.add(pos + k)
            if not nxt:
                return set()
            positions = nxt
        return {p for p in positions if p > start}


def compile_phrase(concept: str, phrase: str, tokenize) -> list[SlotPhrase]:
    """Parse the lexicon syntax into SlotPhrases; `tokenize(text) -> tuple of lower-case tokens`."""
    out = []
    for alt in _top_level_alternatives(phrase.lower()):
        slots = [_slot_options(s, tokenize) for s in _slots(alt)]
        if slots:
            out.append(SlotPhrase(concept, slots))
    return out


def _slot_options(slot: str, tokenize) -> list[tuple[str, ...]]:
    if slot.startswith("(") and slot.endswith(")"):
        options: list[tuple[str, ...]] = []
        for alt in _top_level_alternatives(slot[1:-1]):
            if alt == "_":
                options.append(())
            else:
                options.extend(_sequence_options(alt, tokenize))
        return options
    return _word_options(slot, tokenize)


def _sequence_options(text: str, tokenize) -> list[tuple[str, ...]]:
    """A multi-word option (may contain `~` words and nested groups): expand to token tuples."""
    seqs: list[tuple[str, ...]] = [()]
    for part in _slots(text):
        opts = _slot_options(part, tokenize) if part.startswith("(") else _word_options(part, tokenize)
        seqs = [s + o for s in seqs for o in opts]
    return seqs


def _word_options(word: str, tokenize) -> list[tuple[str, ...]]:
    if word.endswith("~") and len(word) > 1:
        return [tokenize(f) for f in inflections(word[:-1])]
    return [tokenize(word)]


class SlotMatcher:
    def __init__(self):
        self.index: dict[str, list[SlotPhrase]] = {}
        self.count = 0

    def add(self, phrase: SlotPhrase) -> None:
        for tok in phrase.first_tokens():
            self.index.setdefault(tok, []).append(phrase)
        self.count += 1

    def __call__(self, toks: list[str]):
        """Yield (concept, start, end) for the longest match of every phrase at every start."""
        index = self.index
        seen = set()
        for i, tok in enumerate(toks):
            cands = index.get(tok)
            if not cands:
                continue
            for ph in cands:
                ends = ph.ends(toks, i)
                if ends:
                    key = (ph.concept, i, max(ends))
                    if key not in seen:
                        seen.add(key)
                        yield key
