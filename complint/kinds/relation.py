"""relation: two or more concepts together in a sentence (or a window of sentences), optionally in
order and close together, unless negated. Most policy violations are relations between concepts
(INCENTIVE + REVIEW_ACT), not single words."""
from __future__ import annotations

from itertools import product

from ..errors import RuleError
from .base import Kind

_MAX_COMBOS = 400


class RelationKind(Kind):
    name = "relation"
    keys = {"all", "scope", "ordered", "max_span", "negatable", "negation", "negation_window", "quoted", "none", "except", "no_between", "core"}
    required = {"all"}

    def __init__(self, rule_id, match, path):
        super().__init__(rule_id, match, path)
        groups = match["all"]
        if not isinstance(groups, list) or not groups:
            raise RuleError(path, match.line_of("all"), "match.all must be a list of concepts (an inner list means any of them)")
        self.groups = [[g] if isinstance(g, str) else list(g) for g in groups]
        scope = match.get("scope", "sentence")
        if scope == "sentence":
            self.width = 1
        elif scope == "document":
            self.width = 0
        elif isinstance(scope, dict) and set(scope) == {"sentences"} and isinstance(scope["sentences"], int) and scope["sentences"] >= 1:
            self.width = scope["sentences"]
        else:
            raise RuleError(path, match.line_of("scope"), "match.scope must be sentence, document or {sentences: N}")
        self.ordered = bool(match.get("ordered", False))
        self.core = int(match.get("core", len(self.groups)))   # ordered/max_span/no_between apply to the first `core` groups
        self.max_span = match.get("max_span")
        self.negatable = set(self._names("negatable", match["negatable"])) if "negatable" in match else set()
        self.negation = match.get("negation", "NEGATION")
        self.negation_window = int(match.get("negation_window", 4))
        self.quoted = bool(match.get("quoted", False))
        self.none = self._names("none", match["none"]) if "none" in match else []
        self.excepts = self._names("except", match["except"]) if "except" in match else []
        self.no_between = self._names("no_between", match["no_between"]) if "no_between" in match else []

    def concepts(self):
        names = {c for g in self.groups for c in g} | set(self.none) | set(self.excepts) | set(self.no_between)
        if self.negatable:
            names.add(self.negation)
        return names

    def _windows(self, an, n):
        """The windows in which every group has at least one hit (before any filtering); no other
        window can produce a match. Most rules get none: a required concept is absent."""
        by_concept = an.by_concept
        sent_sets = []
        for alternatives in self.groups:
            sents = set()
            for c in alternatives:
                hs = by_concept.get(c)
                if hs:
                    sents.update(h.sent for h in hs)
            if not sents:
                return []
            sent_sets.append(sents)
        if self.width == 0:
            return [(0, n - 1)]
        if self.width == 1:
            return [(i, i) for i in sorted(set.intersection(*sent_sets))]
        w = self.width
        lows = set(range(n))
        for sents in sent_sets:                  # lo such that [lo, lo + w - 1] holds one of sents
            lows &= {lo for s in sents for lo in range(max(0, s - w + 1), s + 1)}
        return [(lo, min(n - 1, lo + w - 1)) for lo in sorted(lows)]

    def find(self, an):
        n = len(an.sentences)
        if n == 0:
            return
        windows = self._windows(an, n)
        reported_until = -1
        for lo, hi in windows:
            if lo <= reported_until:
                continue
            if any(an.hits(c, lo, hi) for c in self.none):
                continue
            blocked = [(h.start, h.end) for c in self.excepts for h in an.hits(c, lo, hi)]
            groups = []
            for alternatives in self.groups:
                hits = [h for c in alternatives for h in an.hits(c, lo, hi)
                        if (self.quoted or not h.quoted) and not h.masked
                        and not any(bs < h.end and h.start < be for bs, be in blocked)
                        and not (self.negatable and c in self.negatable and an.negated(h, self.negation, self.negation_window))]
                if not hits:
                    break
                groups.append(hits)
            else:
                span = self._best(groups, an, lo, hi)
                if span:
                    reported_until = max(an.sentence_at(span[0]), an.sentence_at(span[1] - 1))
                    yield span

    def _best(self, groups, an, lo, hi):
        """The tightest combination of one hit per group that meets order, distance and breaker
        constraints (which apply to the first `core` groups only)."""
        breakers = sorted(h.tstart for c in self.no_between for h in an.hits(c, lo, hi)) if self.no_between else []
        best = None
        for count, combo in enumerate(product(*groups)):
            if count >= _MAX_COMBOS:
                break
            if len(combo) > 1 and len({(h.start, h.end) for h in combo}) < len(combo):
                continue      # the same words cannot play two roles
            core = combo[:self.core]
            if self.ordered and any(a.start >= b.start for a, b in zip(core, core[1:])):
                continue
            if breakers and any(min(a.tend, b.tend) <= t < max(a.tstart, b.tstart)
                                for a, b in zip(core, core[1:]) for t in breakers):
                continue
            if self.max_span is not None and max(h.tend for h in core) - min(h.tstart for h in core) > self.max_span:
                continue
            tstart = min(h.tstart for h in combo)
            tend = max(h.tend for h in combo)
            key = (tend - tstart, tstart)
            if best is None or key < best[0]:
                best = (key, (min(h.start for h in combo), max(h.end for h in combo)))
        return best[1] if best else None
