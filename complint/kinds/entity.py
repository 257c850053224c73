"""entity: URLs, e-mail addresses, phone numbers, handles and order ids, with allowlists
(marketplace and carrier domains) and context concepts that make an entity acceptable or not."""
from __future__ import annotations

from ..errors import RuleError
from .base import Kind

ENTITY_TYPES = {"url", "email", "phone", "handle", "order_id"}


def domain_allowed(domain: str, patterns) -> bool:
    d = domain.lower().removeprefix("www.")
    for p in patterns:
        p = p.lower()
        if p.endswith(".*"):                        # amazon.* = amazon.<any tld>, incl. co.uk
            base = p[:-2]
            if d == base or d.startswith(base + ".") or ("." + base + ".") in ("." + d):
                return True
        elif d == p or d.endswith("." + p):
            return True
    return False


class EntityKind(Kind):
    name = "entity"
    keys = {"entities", "allow_domains", "only_domains", "unless_near", "require_near", "near_window", "near_side", "quoted"}
    required = {"entities"}

    def __init__(self, rule_id, match, path):
        super().__init__(rule_id, match, path)
        self.types = set(self._names("entities", match["entities"]))
        bad = self.types - ENTITY_TYPES
        if bad:
            raise RuleError(path, match.line_of("entities"), f"unknown entity type(s) {sorted(bad)}; use {sorted(ENTITY_TYPES)}")
        self.allow = self._names("allow_domains", match["allow_domains"]) if "allow_domains" in match else []
        self.only = self._names("only_domains", match["only_domains"]) if "only_domains" in match else []
        self.unless_near = self._names("unless_near", match["unless_near"]) if "unless_near" in match else []
        self.require_near = self._names("require_near", match["require_near"]) if "require_near" in match else []
        self.window = match.get("near_window")   # tokens; None = same sentence
        self.side = match.get("near_side", "both")  # before | after | both
        self.quoted = bool(match.get("quoted", False))

    def concepts(self):
        return set(self.unless_near) | set(self.require_near)

    def allowlist_names(self):
        return set(self.allow) | set(self.only)

    def _near(self, an, ent, concepts) -> bool:
        sent = an.sentence_at(ent.start)
        t0, t1 = an.token_at(ent.start), an.token_at(max(ent.start, ent.end - 1)) + 1
        for c in concepts:
            for h in an.hits(c, sent, sent):
                before = h.tend <= t0 and t0 - h.tend <= (self.window if self.window is not None else 10**9)
                after = h.tstart >= t1 and h.tstart - t1 <= (self.window if self.window is not None else 10**9)
                inside = h.tstart < t1 and h.tend > t0
                if inside or (before and self.side in ("before", "both")) or (after and self.side in ("after", "both")):
                    return True
        return False

    def find(self, an):
        lists = an.allowlists
        allow = [d for name in self.allow for d in lists.get(name, ())]
        only = [d for name in self.only for d in lists.get(name, ())]
        for ent in an.entities:
            if ent.kind not in self.types:
                continue
            if any(ms <= ent.start and ent.end <= me for ms, me in an.masked):
                continue
            if not self.quoted and any(qs <= ent.start and ent.end <= qe for qs, qe in an.quotes):
                continue
            if ent.kind in ("url", "email"):
                if allow and domain_allowed(ent.domain, allow):
                    continue
                if only and not domain_allowed(ent.domain, only):
                    continue
            if self.unless_near and self._near(an, ent, self.unless_near):
                continue
            if self.require_near and not self._near(an, ent, self.require_near):
                continue
            yield ent.start, ent.end
