"""Which concepts a lint run needs for one document, so concept regexes nobody will read are not run.

Concept regexes are the costliest part of analysing a message (each scans the whole text). A rule
reads only its own concepts, and most rules cannot fire on most messages: a relation rule needs a
hit for every one of its groups, a phrase rule one of its concepts, a composition rule one of its
`at_least_one` concepts, an entity rule an entity of its types. So, per document:

1. the cheap hits are found first (lexicon phrases, token patterns, entities);
2. a rule is *alive* when each of its groups has a concept that is present, or that a concept regex
   could still produce (the regex passes its literal prefilter) -- an optimistic test; rules that
   are not alive are not run at all;
3. only the regexes feeding concepts that alive rules read are run.

A rule that is not alive finds nothing whatever its concepts' regexes would have matched, so the
findings are exactly those of running every regex; the hit lists of the concepts that alive rules
read are complete and in the same order (`Analysis` keeps the lexicon order of regexes). Kinds this
module does not know make the plan fall back to running everything.
"""
from __future__ import annotations

from .kinds.composition import CompositionKind
from .kinds.entity import EntityKind
from .kinds.hits import PatternKind, PhraseKind, RegexKind
from .kinds.limit import LimitKind
from .kinds.relation import RelationKind

# concepts some kinds read without declaring them in `concepts()`
IMPLICIT_READS = {"NEGATION_EXCEPT"}


class RuleGate:
    """What one rule needs in order to fire, and what it reads when it runs."""

    __slots__ = ("groups", "entity_types", "reads")

    def __init__(self, groups, entity_types, reads):
        self.groups = groups              # frozensets: every group needs one (possibly) present concept
        self.entity_types = entity_types  # None, or an entity of one of these types must exist
        self.reads = reads                # concepts read when the rule runs; None = unknown


def gate_for(rule) -> RuleGate:
    kind = rule.kind
    cls = type(kind)
    unless = set(rule.unless)
    if cls is RelationKind:
        groups = tuple(frozenset(g) for g in kind.groups)
        return RuleGate(groups, None, frozenset(kind.concepts() | unless | IMPLICIT_READS))
    if cls in (PhraseKind, PatternKind, RegexKind):
        return RuleGate((frozenset(kind.names),), None, frozenset(set(kind.names) | kind.concepts() | unless))
    if cls is CompositionKind:
        return RuleGate((frozenset(kind.one),), None, frozenset(kind.concepts() | unless))
    if cls is EntityKind:
        return RuleGate((), frozenset(kind.types), frozenset(kind.concepts() | unless))
    if cls is LimitKind:
        return RuleGate((), None, frozenset(unless))
    return RuleGate((), None, None)


class MaskGate:
    """A RuleGate with its concept sets as bit masks of one lexicon (see ConceptBits)."""

    __slots__ = ("index", "groups", "entity_types", "reads", "interest")

    def __init__(self, index, gate, bits):
        self.index = index
        self.groups = tuple(bits.mask(g) for g in gate.groups)
        self.entity_types = gate.entity_types
        self.reads = bits.mask(gate.reads)
        # concepts whose possible presence can decide whether the rule fires, or that it reads
        self.interest = self.reads
        for m in self.groups:
            self.interest |= m


class ConceptBits:
    """One bit per concept name of a lexicon, so a set of concepts is one int and the per-message
    gate tests are integer ANDs instead of set operations."""

    def __init__(self, parents: dict):
        self.bit: dict[str, int] = {}
        self.raw_masks: dict[str, int] = {}     # raw hit name -> the concepts its hits count for
        for name, concepts in parents.items():
            self.raw_masks[name] = self.mask(concepts)

    def of(self, concept: str) -> int:
        bit = self.bit.get(concept)
        if bit is None:
            bit = self.bit[concept] = 1 << len(self.bit)
        return bit

    def mask(self, concepts) -> int:
        m = 0
        for c in concepts:
            m |= self.of(c)
        return m

    def raw_mask(self, name: str) -> int:
        m = self.raw_masks.get(name)
        if m is None:
            m = self.raw_masks[name] = self.of(name)
        return m


class LintPlan:
    """The gates of the rules one `Engine.lint` call runs (one channel, one language)."""

    def __init__(self, rules):
        self.gates = [gate_for(r) for r in rules]
        self.everything = any(g.reads is None for g in self.gates)
        self._masked: dict[ConceptBits, list[MaskGate]] = {}   # keyed by identity

    def mask_gates(self, bits: ConceptBits) -> list[MaskGate]:
        """The gates as bit masks of one lexicon's ConceptBits (built once per lexicon)."""
        gates = self._masked.get(bits)
        if gates is None:
            gates = self._masked[bits] = [MaskGate(i, g, bits) for i, g in enumerate(self.gates)]
        return gates
