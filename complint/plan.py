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


class LintPlan:
    """The gates of the rules one `Engine.lint` call runs (one channel, one language)."""

    def __init__(self, rules):
        self.gates = [gate_for(r) for r in rules]
        self.everything = any(g.reads is None for g in self.gates)

    def needed(self, possible: set, entity_kinds):
        """(concepts read by the rules that may fire, indices of those rules). `possible`: the
        concepts that have hits or that a regex passing its prefilter may produce; `entity_kinds`:
        the kinds of entities in the document."""
        needed: set[str] = set()
        live: list[int] = []
        for index, gate in enumerate(self.gates):
            if gate.entity_types is not None and gate.entity_types.isdisjoint(entity_kinds):
                continue
            for group in gate.groups:
                if possible.isdisjoint(group):
                    break                # nothing can produce this group: the rule cannot fire
            else:
                needed |= gate.reads
                live.append(index)
        return needed, live
