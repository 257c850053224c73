"""Everything the rules need to know about one document, computed once: tokens, sentences,
concept hits (by concept and by sentence), quotations and entities."""
from __future__ import annotations

from bisect import bisect_right
from functools import cached_property

import regex

from .entities import Entity, find_entities
from .model import Document
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
        self.needed = None               # with a plan: the only concepts computed
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
        starts, ends = self.tok_starts, self.tok_ends
        raw: list[tuple[str, int, int, int, int]] = [
            (name, s, e, starts[s], ends[e - 1]) for name, s, e in lex.slot_matcher(self.lower)]
        if lex.has_patterns:
            sdoc = self.sdoc
            for key, s, e in lex.matcher(sdoc):
                raw.append((lex.key_to_name[key], s, e, starts[s], ends[e - 1]))
        text = self.text
        views = self._views
        fast = self.fast
        entity_raw = self._entity_hits()
        ok = self._prefilter()
        if plan is None or plan.everything:
            selected = None                  # every regex that passes its prefilter
        else:
            selected = self._plan_regexes(plan, raw, entity_raw, ok)
        for i, (name, compiled, path, line, _need, _ids) in enumerate(fast.regexes):
            if selected is not None:
                if i not in selected:
                    continue
            elif not ok(i):
                continue                # a literal that every match contains is absent: cannot match
            try:
                for m in compiled.finditer(text, timeout=timeout):
                    if m.end() > m.start():
                        raw.append((name, self.token_at(m.start()), self.token_at(m.end() - 1) + 1, m.start(), m.end()))
            except TimeoutError:
                from .errors import RuleError
                raise RuleError(path, line, f"regex in concept {name} timed out after {timeout}s on {self.document.path} (catastrophic backtracking?)") from None
        raw.extend(entity_raw)
        parents = lex.parents
        needed = self.needed
        if needed is not None:          # only concepts the live rules read (see plan.py)
            keep = {name for name in {r[0] for r in raw} if not needed.isdisjoint(parents.get(name, (name,)))}
            raw = [r for r in raw if r[0] in keep]
        raw = _drop_nested(raw)
        by_concept, by_sentence = self.by_concept, self.by_sentence
        sent_starts, quotes, masked = self.sent_starts, self.quotes, self.masked
        for name, ts, te, cs, ce in raw:
            sent = max(0, bisect_right(sent_starts, cs) - 1)
            quoted = any(qs <= cs and ce <= qe for qs, qe in quotes) if quotes else False
            is_masked = any(ms < ce and cs < me for ms, me in masked) if masked else False
            for concept in parents.get(name, (name,)):
                if needed is not None and concept not in needed:
                    continue
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

    def _prefilter(self):
        """`ok(i)`: may concept regex i match this text? (memoised; see prefilter.py)"""
        fast, views = self.fast, self._views
        regexes, index = fast.regexes, fast.index
        passed: dict[int, bool] = {}
        found = None

        def ok(i: int) -> bool:
            nonlocal found
            res = passed.get(i)
            if res is None:
                entry = regexes[i]
                if entry[4] is None:
                    res = True
                elif entry[5] is not None:          # literal ids: one automaton scan per text
                    if found is None:
                        found = index.scan(views)
                    res = True
                    for req in entry[5]:
                        if req.isdisjoint(found):
                            res = False
                            break
                    else:
                        res = passes(entry[4][0], views, entry[4][1])
                else:
                    res = passes(entry[4][0], views)
                passed[i] = res
            return res

        return ok

    def _plan_regexes(self, plan, raw, entity_raw, ok) -> set[int]:
        """Indices of the concept regexes to run: those that pass their prefilter and feed a concept
        read by a rule that may fire (see plan.py)."""
        parents, fast = self.lexicon.parents, self.fast
        possible: set[str] = set()
        for name in {r[0] for r in raw}.union(r[0] for r in entity_raw):
            possible.update(parents.get(name, (name,)))
        index = fast.index
        if index.automata is not None:      # every regex's requirements against one scan of the text
            found = index.scan(self._views)
            passing = []
            views = self._views
            for i, entry in enumerate(fast.regexes):
                ids = entry[5]
                if ids is not None:
                    for req in ids:
                        if req.isdisjoint(found):
                            break
                    else:
                        need, nstrong = entry[4]
                        if nstrong == len(need) or passes(need, views, nstrong):
                            passing.append(i)
                elif entry[4] is None:
                    passing.append(i)
                elif ok(i):
                    passing.append(i)
        else:
            passing = [i for i in range(len(fast.regexes)) if ok(i)]
        regex_concepts = fast.regex_concepts
        for i in passing:
            possible |= regex_concepts[i]
        needed, self.live_rules = plan.needed(possible, {e.kind for e in self.entities})
        self.needed = needed
        return {i for i in passing if not needed.isdisjoint(regex_concepts[i])}

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
        # concept -> indices of the regexes whose hits count for it (its own and included concepts')
        self.feeders: dict[str, list[int]] = {}
        for i, (name, *_rest) in enumerate(self.regexes):
            for concept in lexicon.parents.get(name, (name,)):
                self.feeders.setdefault(concept, []).append(i)
        # regex -> the concepts its hits count for
        self.regex_concepts = [frozenset(lexicon.parents.get(name, (name,))) for name, *_rest in self.regexes]


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

    arr = sdoc.to_array([IDX, LENGTH, LOWER])
    starts = arr[:, 0].tolist()
    ends = (arr[:, 0] + arr[:, 1]).tolist()
    get = cache.get                      # LOWER hash -> string, per language
    lower = [get(h) for h in arr[:, 2].tolist()]
    if None in lower:
        strings = sdoc.vocab.strings
        for i, h in enumerate(arr[:, 2].tolist()):
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
