"""Everything the rules need to know about one document, computed once: tokens, sentences,
concept hits (by concept and by sentence), quotations and entities."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

import regex

from .entities import Entity, find_entities
from .model import Document
from .segment import sentence_spans

_QUOTE_RE = regex.compile(r'“[^”\n]{12,}?”|„[^“”\n]{12,}?[“”]|«[^»\n]{12,}?»|(?<![\w])"[^"\n]{12,}?"(?![\w])')
_CLAUSE_BREAK = regex.compile(r"[,;:—–()]|\s-\s")
ENTITY_CONCEPTS = {"url": ("URL_ANY",), "email": ("EMAIL_ADDR",), "phone": ("PHONE_NUM",),
                   "handle": ("HANDLE_ID",), "order_id": ("ORDER_NUM",)}
BUILTIN_CONCEPTS = {"URL_ANY", "URL_OFFSITE", "EMAIL_ADDR", "PHONE_NUM", "HANDLE_ID", "ORDER_NUM"}
REGION_BY_LANG = {"en": "US", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "ja": "JP"}


@dataclass(frozen=True)
class Hit:
    concept: str
    start: int      # character offsets in the document text
    end: int
    tstart: int     # token offsets
    tend: int
    sent: int
    quoted: bool = False
    masked: bool = False


class Analysis:
    def __init__(self, document: Document, lexicon, allowlists: dict | None = None, regex_timeout: float = 0.25):
        self.allowlists = allowlists or {}
        self.document = document
        self.text = text = document.text
        self.lexicon = lexicon
        self.channel = document.channel
        self.lang = document.lang
        self.sdoc = sdoc = lexicon.nlp.make_doc(text)
        self.tok_starts = [t.idx for t in sdoc]
        self.sentences = sentence_spans(text)
        self.sent_starts = [s for s, _ in self.sentences]
        self.quotes = [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text, timeout=regex_timeout)] if ('"' in text or "“" in text or "«" in text or "„" in text) else []
        self.masked = [(s, e) for s, e, _ in document.masked]
        self.by_concept: dict[str, list[Hit]] = {}
        self.by_sentence: list[dict[str, list[Hit]]] = [{} for _ in self.sentences]
        self._collect(regex_timeout)

    # -- positions ---------------------------------------------------------------------------
    def token_at(self, char: int) -> int:
        return max(0, bisect_right(self.tok_starts, char) - 1)

    def sentence_at(self, char: int) -> int:
        return max(0, bisect_right(self.sent_starts, char) - 1)

    def clause_break_between(self, a: int, b: int) -> bool:
        return a < b and _CLAUSE_BREAK.search(self.text, a, b) is not None

    # -- concept hits ------------------------------------------------------------------------
    def _collect(self, timeout: float) -> None:
        sdoc, lex = self.sdoc, self.lexicon
        raw: list[tuple[str, int, int, int, int]] = []
        self.lower = [t.lower_ for t in sdoc]
        for name, s, e in lex.slot_matcher(self.lower):
            raw.append((name, s, e, sdoc[s].idx, sdoc[e - 1].idx + len(sdoc[e - 1])))
        if lex.has_patterns:
            for key, s, e in lex.matcher(sdoc):
                raw.append((lex.key_to_name[key], s, e, sdoc[s].idx, sdoc[e - 1].idx + len(sdoc[e - 1])))
        for name, compiled, path, line in lex.regexes:
            try:
                for m in compiled.finditer(self.text, timeout=timeout):
                    if m.end() > m.start():
                        raw.append((name, self.token_at(m.start()), self.token_at(m.end() - 1) + 1, m.start(), m.end()))
            except TimeoutError:
                from .errors import RuleError
                raise RuleError(path, line, f"regex in concept {name} timed out after {timeout}s on {self.document.path} (catastrophic backtracking?)") from None
        raw.extend(self._entity_hits())
        raw = _drop_nested(raw)
        parents = lex.parents
        for name, ts, te, cs, ce in raw:
            sent = self.sentence_at(cs)
            quoted = any(qs <= cs and ce <= qe for qs, qe in self.quotes)
            masked = any(ms < ce and cs < me for ms, me in self.masked)
            for concept in parents.get(name, (name,)):
                hit = Hit(concept, cs, ce, ts, te, sent, quoted, masked)
                self.by_concept.setdefault(concept, []).append(hit)
                if self.by_sentence:
                    self.by_sentence[sent].setdefault(concept, []).append(hit)

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
        return find_entities(self.text, REGION_BY_LANG.get(self.lang, "US"))


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
