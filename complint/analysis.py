"""Everything the rules need to know about one document, computed once: tokens, sentences,
concept hits (by concept and by sentence), quotations and entities."""
from __future__ import annotations

from bisect import bisect_right
from functools import cached_property
from operator import add

import regex

from .entities import Entity, find_entities
from .model import Document
from .plan import ConceptBits
from .prefilter import LiteralIndex, Views, compile_requirements, passes, required_literals
from .segment import sentence_spans

_QUOTE_RE = regex.compile(r'“[^”\n]{12,}?”|„[^“”\n]{12,}?[“”]|«[^»\n]{12,}?»|(?<![\w])"[^"\n]{12,}?"(?![\w])')
_CLAUSE_BREAK = regex.compile(r"[,;:—–()]|\s-\s")
ENTITY_CONCEPTS = {"url": ("URL_ANY",), "email": ("EMAIL_ADDR",), "phone": ("PHONE_NUM",),
                   "handle": ("HANDLE_ID",), "order_id": ("ORDER_NUM",)}
BUILTIN_CONCEPTS = {"URL_ANY", "URL_OFFSITE", "EMAIL_ADDR", "PHONE_NUM", "HANDLE_ID", "ORDER_NUM"}
REGION_BY_LANG = {"en": "US", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "ja": "JP"}


class Hit:
    """One concept hit. A plain slotted class rather than a frozen dataclass: documents have
    hundreds of hits and a frozen dataclass costs ~5x more to build. Same fields, equality and hash."""

    __slots__ = ("concept", "start", "end", "tstart", "tend", "sent", "quoted", "masked")

    def __init__(self, concept: str, start: int, end: int, tstart: int, tend: int, sent: int,
                 quoted: bool = False, masked: bool = False):
        self.concept = concept
        self.start = start      # character offsets in the document text
        self.end = end
        self.tstart = tstart    # token offsets
        self.tend = tend
        self.sent = sent
        self.quoted = quoted
        self.masked = masked

    def _key(self):
        return (self.concept, self.start, self.end, self.tstart, self.tend, self.sent, self.quoted, self.masked)

    def __eq__(self, other):
        return self._key() == other._key() if other.__class__ is self.__class__ else NotImplemented

    def __hash__(self):
        return hash(self._key())

    def __repr__(self):
        return ("Hit(concept={!r}, start={!r}, end={!r}, tstart={!r}, tend={!r}, sent={!r}, quoted={!r}, masked={!r})"
                .format(*self._key()))


class Analysis:
    def __init__(self, document: Document, lexicon, allowlists: dict | None = None, regex_timeout: float = 0.25,
                 plan=None):
        """`plan` (plan.LintPlan): compute only the concepts the plan's rules can read on this
        document (what `Engine.lint` does); without one every concept is computed."""
        self.allowlists = allowlists or {}
        self.document = document
        self.text = text = document.text
        self.lexicon = lexicon
        self.channel = document.channel
        self.lang = document.lang
        self.sdoc = sdoc = lexicon.nlp.make_doc(text)
        # token starts, ends and lower-case forms in three plain lists, without a Token object per token
        self.fast = _fast(lexicon)
        self.tok_starts, self.tok_ends, self.lower = _token_columns(sdoc, self.fast.lower_cache)
        self.sentences = sentence_spans(text)
        self.sent_starts = [s for s, _ in self.sentences]
        self.quotes = [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text, timeout=regex_timeout)] if ('"' in text or "“" in text or "«" in text or "„" in text) else []
        self.masked = [(s, e) for s, e, _ in document.masked]
        self.by_concept: dict[str, list[Hit]] = {}
        self.by_sentence: list[dict[str, list[Hit]]] = [{} for _ in self.sentences]
        self._views = Views(text)
        self.live_rules = None           # with a plan: indices of the plan's rules that may fire
        self._collect(regex_timeout, plan)

    # -- positions ---------------------------------------------------------------------------
    def token_at(self, char: int) -> int:
        return max(0, bisect_right(self.tok_starts, char) - 1)

    def sentence_at(self, char: int) -> int:
        return max(0, bisect_right(self.sent_starts, char) - 1)

    def clause_break_between(self, a: int, b: int) -> bool:
        return a < b and _CLAUSE_BREAK.search(self.text, a, b) is not None

    # -- concept hits ------------------------------------------------------------------------
    def _collect(self, timeout: float, plan=None) -> None:
        lex = self.lexicon
        fast = self.fast
        slot_hits = lex.slot_matcher(self.lower)                      # (name, first token, end token)
        if lex.has_patterns:
            key_to_name = lex.key_to_name
            slot_hits = slot_hits + [(key_to_name[key], s, e) for key, s, e in lex.matcher(self.sdoc)]
        entity_raw = self._entity_hits()
        if plan is None or plan.everything:
            needed = None                    # every concept; every regex that passes its prefilter
            selected = [i for i in range(len(fast.regexes)) if self._may_match(i)]
        else:
            needed, selected = self._plan(plan, slot_hits, entity_raw)
        raw = self._raw_hits(slot_hits, needed)
        text = self.text
        regexes = fast.regexes
        for i in selected:
            name, compiled, path, line, _need, _ids = regexes[i]
            try:
                for m in compiled.finditer(text, timeout=timeout):
                    if m.end() > m.start():
                        raw.append((name, self.token_at(m.start()), self.token_at(m.end() - 1) + 1, m.start(), m.end()))
            except TimeoutError:
                from .errors import RuleError
                raise RuleError(path, line, f"regex in concept {name} timed out after {timeout}s on {self.document.path} (catastrophic backtracking?)") from None
        if needed is None:
            raw.extend(entity_raw)
        else:
            raw_mask = fast.bits.raw_mask
            raw.extend(r for r in entity_raw if raw_mask(r[0]) & needed)
        self._add_hits(_drop_nested(raw), needed)

    def _raw_hits(self, slot_hits, needed):
        """Slot and token-pattern hits as (name, token start, token end, char start, char end),
        only those of concepts the live rules read when `needed` (a ConceptBits mask) is given."""
        starts, ends = self.tok_starts, self.tok_ends
        if needed is None:
            return [(name, s, e, starts[s], ends[e - 1]) for name, s, e in slot_hits]
        keep: dict[str, bool] = {}
        raw_mask = self.fast.bits.raw_mask
        out = []
        for name, s, e in slot_hits:
            k = keep.get(name)
            if k is None:
                k = keep[name] = bool(raw_mask(name) & needed)
            if k:
                out.append((name, s, e, starts[s], ends[e - 1]))
        return out

    def _add_hits(self, raw, needed) -> None:
        """Index the hits by concept and by sentence (a raw hit counts for every concept that
        includes its own; with `needed`, only for concepts the live rules read)."""
        parents = self.lexicon.parents
        bit = self.fast.bits.bit
        emit: dict[str, tuple] = {}
        by_concept, by_sentence = self.by_concept, self.by_sentence
        sent_starts, quotes, masked = self.sent_starts, self.quotes, self.masked
        for name, ts, te, cs, ce in raw:
            concepts = emit.get(name)
            if concepts is None:
                concepts = parents.get(name, (name,))
                if needed is not None:
                    concepts = tuple(c for c in concepts if bit.get(c, 0) & needed)
                emit[name] = concepts
            sent = max(0, bisect_right(sent_starts, cs) - 1)
            quoted = any(qs <= cs and ce <= qe for qs, qe in quotes) if quotes else False
            is_masked = any(ms < ce and cs < me for ms, me in masked) if masked else False
            for concept in concepts:
                hit = Hit(concept, cs, ce, ts, te, sent, quoted, is_masked)
                lst = by_concept.get(concept)
                if lst is None:
                    by_concept[concept] = [hit]
                else:
                    lst.append(hit)
                if by_sentence:
                    d = by_sentence[sent]
                    lst = d.get(concept)
                    if lst is None:
                        d[concept] = [hit]
                    else:
                        lst.append(hit)

    def _may_match(self, i: int) -> bool:
        """May concept regex i match this text? Its strong literal requirements against one
        literal scan of the text (done on first need), then its weak ones (see prefilter.py)."""
        need, masks = self.fast.regexes[i][4], self.fast.regexes[i][5]
        if need is None:
            return True
        if masks is None:
            return passes(need[0], self._views)
        found = self._found_literals
        for req in masks:
            if not req & found:
                return False
        return passes(need[0], self._views, need[1])

    @cached_property
    def _found_literals(self) -> int:
        return self.fast.index.scan(self._views)

    def _plan(self, plan, slot_hits, entity_raw):
        """(mask of the concepts the rules that may fire read, indices of the concept regexes to
        run), and `live_rules`. A rule may fire when each of its groups has a concept that is
        present or that a regex passing its prefilter may produce (see plan.py). Only the regexes
        that could matter to a rule not already ruled out by the cheap hits are prefiltered."""
        fast = self.fast
        raw_mask = fast.bits.raw_mask
        cheap = 0
        for name in {h[0] for h in slot_hits}.union(r[0] for r in entity_raw):
            cheap |= raw_mask(name)
        upper = cheap | fast.all_regex_mask
        kinds = {e.kind for e in self.entities}
        maybe = []
        interest = 0
        for gate in plan.mask_gates(fast.bits):
            if gate.entity_types is not None and gate.entity_types.isdisjoint(kinds):
                continue
            for m in gate.groups:
                if not m & upper:
                    break
            else:
                maybe.append(gate)
                interest |= gate.interest
        possible = cheap
        passing = []
        if interest & fast.all_regex_mask:
            for i, m in enumerate(fast.regex_masks):
                if m & interest and self._may_match(i):
                    passing.append(i)
                    possible |= m
        needed = 0
        live = []
        for gate in maybe:
            for m in gate.groups:
                if not m & possible:
                    break
            else:
                needed |= gate.reads
                live.append(gate.index)
        self.live_rules = live
        return needed, [i for i in passing if fast.regex_masks[i] & needed]

    def _entity_hits(self):
        """Entities as pseudo-concepts, so relations can combine them with words ("e-mail us at" + EMAIL_ADDR)."""
        from .kinds.entity import domain_allowed

        on_platform = self.allowlists.get("marketplace", []) + self.allowlists.get("carrier", [])
        out = []
        for ent in self.entities:
            ts, te = self.token_at(ent.start), self.token_at(max(ent.start, ent.end - 1)) + 1
            names = ENTITY_CONCEPTS[ent.kind]
            if ent.kind == "url" and not domain_allowed(ent.domain, on_platform):
                names = names + ("URL_OFFSITE",)
            for name in names:
                out.append((name, ts, te, ent.start, ent.end))
        return out

    def hits(self, concept: str, first_sent: int | None = None, last_sent: int | None = None) -> list[Hit]:
        if first_sent is None:
            return self.by_concept.get(concept, [])
        if first_sent == last_sent:
            return self.by_sentence[first_sent].get(concept, [])
        out: list[Hit] = []
        for i in range(first_sent, last_sent + 1):
            out.extend(self.by_sentence[i].get(concept, ()))
        return out

    def negated(self, hit: Hit, negation: str, window: int) -> bool:
        """True when a negation hit ends at most `window` tokens before `hit`, in the same clause."""
        if not self.by_sentence:
            return False
        excepted = self.by_sentence[hit.sent].get("NEGATION_EXCEPT", ())
        for neg in self.by_sentence[hit.sent].get(negation, ()):
            if any(x.start <= neg.start and neg.end <= x.end for x in excepted):
                continue
            if neg.tend <= hit.tstart and hit.tstart - neg.tend <= window and not self.clause_break_between(neg.end, hit.start):
                return True
        return False

    @cached_property
    def entities(self) -> list[Entity]:
        return find_entities(self.text, REGION_BY_LANG.get(self.lang, "US"), self._views)


class _LexiconFast:
    """Per-lexicon tables for the hot path, built once: a LOWER-hash -> text cache, and each concept
    regex with its literal requirements (see prefilter.py), as literals and as automaton ids."""

    def __init__(self, lexicon):
        self.lower_cache: dict[int, str] = {}
        needs = [compile_requirements(required_literals(compiled)) for _, compiled, _, _ in lexicon.regexes]
        self.index = LiteralIndex(needs)
        self.regexes = [(name, compiled, path, line, need, self.index.compile(need))
                        for (name, compiled, path, line), need in zip(lexicon.regexes, needs)]
        # regex -> the concepts its hits count for, as ConceptBits masks
        self.bits = ConceptBits(lexicon.parents)
        self.regex_masks = [self.bits.raw_mask(name) for name, *_rest in self.regexes]
        self.all_regex_mask = 0
        for m in self.regex_masks:
            self.all_regex_mask |= m


def _fast(lexicon) -> _LexiconFast:
    fast = lexicon.__dict__.get("_complint_fast")
    if fast is None:
        fast = lexicon._complint_fast = _LexiconFast(lexicon)
    return fast


def _token_columns(sdoc, cache: dict):
    """(starts, ends, lower-case texts) of the tokens, read through `Doc.to_array` in one call."""
    if not len(sdoc):
        return [], [], []
    from spacy.attrs import IDX, LENGTH, LOWER

    starts, lengths, hashes = sdoc.to_array([IDX, LENGTH, LOWER]).T.tolist()
    ends = list(map(add, starts, lengths))
    lower = list(map(cache.get, hashes))  # LOWER hash -> string, per language
    if None in lower:
        strings = sdoc.vocab.strings
        for i, h in enumerate(hashes):
            if lower[i] is None:
                lower[i] = cache[h] = strings[h]
        if len(cache) > 200_000:         # bounded, whatever the vocabulary of an archive
            cache.clear()
    return starts, ends, lower


def _drop_nested(raw):
    """Keep only the longest of the hits of one concept that nest inside each other."""
    by_name: dict[str, list] = {}
    for r in raw:
        by_name.setdefault(r[0], []).append(r)
    out = []
    for hits in by_name.values():
        if len(hits) == 1:
            out.extend(hits)
            continue
        hits.sort(key=lambda r: (r[3], -r[4]))
        last_end = -1
        for r in hits:
            if r[4] <= last_end:
                continue          # inside the previous, longer hit
            out.append(r)
            last_end = max(last_end, r[4])
    return out
