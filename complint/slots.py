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
    """All phrases of a language compiled into one token automaton.

    The phrases are first indexed by their possible first tokens; on the first call the whole set is
    turned into a deterministic automaton over lower-case tokens (subset construction over the
    phrases' slots, built on demand and memoised), so matching walks each start position once,
    usually for a single dictionary lookup, instead of trying every candidate phrase separately.
    Results are exactly those of trying every phrase of `index[token]` at every token with
    `SlotPhrase.ends` (same matches, same order).
    """

    def __init__(self):
        self.index: dict[str, list[SlotPhrase]] = {}
        self.count = 0
        self._phrases: list[SlotPhrase] = []
        self._dfa = None

    def add(self, phrase: SlotPhrase) -> None:
        for tok in phrase.first_tokens():
            self.index.setdefault(tok, []).append(phrase)
        self._phrases.append(phrase)
        self.count += 1
        self._dfa = None

    def __call__(self, toks: list[str]):
        """Yield (concept, start, end) for the longest match of every phrase at every start."""
        dfa = self._dfa or self._build()
        return dfa.run(toks)

    def _build(self) -> "_Automaton":
        self._dfa = _Automaton(self._phrases, self.index)
        return self._dfa


class _Automaton:
    """A lazily built DFA. NFA states of phrase `p` are `(p, j)` (at the start of slot j; j == len(slots)
    means the phrase is complete) and `(p, j, o, k)` (k tokens into option o of slot j)."""

    def __init__(self, phrases: list[SlotPhrase], index: dict[str, list[SlotPhrase]]):
        self.phrases = phrases
        pid = {id(ph): i for i, ph in enumerate(phrases)}
        self.concepts = [ph.concept for ph in phrases]
        self.nslots = [len(ph.slots) for ph in phrases]
        # per phrase and slot: first token -> option numbers starting with it; is the slot optional
        self.starts: list[list[dict[str, list[int]]]] = []
        self.optional: list[list[bool]] = []
        for ph in phrases:
            st, op = [], []
            for slot in ph.slots:
                d: dict[str, list[int]] = {}
                for o, opt in enumerate(slot):
                    if opt:
                        d.setdefault(opt[0], []).append(o)
                st.append(d)
                op.append(any(not opt for opt in slot))
            self.starts.append(st)
            self.optional.append(op)
        self.start_index = {tok: [pid[id(ph)] for ph in phs] for tok, phs in index.items()}
        self.state_ids: dict[frozenset, int] = {}
        self.trans: list[dict] = []          # state -> {token: next state or -1 (dead)}
        self.accepts: list[tuple[int, ...]] = []
        self.members: list[frozenset] = []
        self.more: list[bool] = []
        self.first: dict[str, int] = {}      # token at a start position -> state
        # every token any phrase can consume: any other token is a dead end, and is never memoised
        # (so the tables stay bounded by the lexicon, not by the vocabulary of the texts)
        self.vocab = {t for ph in phrases for slot in ph.slots for opt in slot for t in opt}

    # -- construction -------------------------------------------------------------------------
    def _closure(self, p: int, j: int, out: set) -> None:
        n, opt = self.nslots[p], self.optional[p]
        while True:
            out.add((p, j))
            if j >= n or not opt[j]:
                return
            j += 1

    def _state(self, members: set) -> int:
        key = frozenset(members)
        sid = self.state_ids.get(key)
        if sid is None:
            sid = len(self.trans)
            self.state_ids[key] = sid
            self.trans.append({})
            self.members.append(key)
            self.accepts.append(tuple(sorted(m[0] for m in key if len(m) == 2 and m[1] == self.nslots[m[0]])))
            # can any token follow? (False when every member is a completed phrase)
            self.more.append(any(len(m) == 4 or m[1] < self.nslots[m[0]] for m in key))
        return sid

    def _step(self, members, tok: str) -> set:
        nxt: set = set()
        phrases = self.phrases
        for m in members:
            if len(m) == 2:
                p, j = m
                if j >= self.nslots[p]:
                    continue
                for o in self.starts[p][j].get(tok, ()):
                    if len(phrases[p].slots[j][o]) == 1:
                        self._closure(p, j + 1, nxt)
                    else:
                        nxt.add((p, j, o, 1))
            else:
                p, j, o, k = m
                opt = phrases[p].slots[j][o]
                if opt[k] == tok:
                    if k + 1 == len(opt):
                        self._closure(p, j + 1, nxt)
                    else:
                        nxt.add((p, j, o, k + 1))
        return nxt

    def _first(self, tok: str) -> int:
        cands = self.start_index.get(tok)
        sid = -1
        if cands:
            init: set = set()
            for p in cands:
                self._closure(p, 0, init)
            nxt = self._step(init, tok)
            if nxt:
                sid = self._state(nxt)
        self.first[tok] = sid
        return sid

    def _next(self, sid: int, tok: str) -> int:
        nxt = self._step(self.members[sid], tok)
        nid = self._state(nxt) if nxt else -1
        self.trans[sid][tok] = nid
        return nid

    # -- matching -----------------------------------------------------------------------------
    def run(self, toks: list[str]):
        first, trans, accepts, concepts = self.first, self.trans, self.accepts, self.concepts
        start_index, vocab, more = self.start_index, self.vocab, self.more
        n = len(toks)
        out = []
        for i, sid in enumerate(map(first.get, toks)):
            if sid is None:
                if toks[i] not in start_index:
                    continue
                sid = self._first(toks[i])
            if sid < 0:
                continue
            acc = accepts[sid]
            j = i + 1
            if not more[sid] or j >= n:            # the common case: a one-token phrase, nothing can follow
                if len(acc) == 1:
                    out.append((concepts[acc[0]], i, j))
                    continue
                best = dict.fromkeys(acc, j)
            else:
                best = dict.fromkeys(acc, j)
                while True:
                    tok = toks[j]
                    nid = trans[sid].get(tok)
                    if nid is None:
                        if tok not in vocab:
                            break
                        nid = self._next(sid, tok)
                    if nid < 0:
                        break
                    sid = nid
                    j += 1
                    for p in accepts[sid]:
                        best[p] = j
                    if j >= n or not more[sid]:
                        break
            if best:
                if len(best) == 1:
                    for p, e in best.items():
                        out.append((concepts[p], i, e))
                    continue
                seen = set()
                for p in sorted(best):
                    key = (concepts[p], i, best[p])
                    if key not in seen:
                        seen.add(key)
                        out.append(key)
        return out
