"""Apply suggested rewrites to a whole source text, verified.

A rewrite is kept only if, after applying it, the rule it fixes no longer fires in the edited
region and no new error or warning appears there. Text outside the edited regions is never
touched (edits are splices). Passes repeat until nothing more can be fixed, so fixing twice gives
the same text as fixing once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..model import SEVERITY_RANK, Finding

MAX_PASSES = 5


@dataclass
class FixOutcome:
    text: str
    applied: list[Finding] = field(default_factory=list)
    unfixable: list[Finding] = field(default_factory=list)     # had a rewrite that failed verification
    remaining: list[Finding] = field(default_factory=list)     # findings in the final text
    initial: list[Finding] = field(default_factory=list)       # findings in the original text

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def _key(f: Finding) -> tuple:
    return (f.rule, " ".join(f.text.split()))


def fix_source(text: str, lint_source: Callable[[str], list[Finding]], unsafe: bool = False,
               parses: Callable[[str], bool] | None = None) -> FixOutcome:
    """Fix `text`. `lint_source(text)` returns findings with offsets into `text`;
    `parses(text)` says whether a rewritten file is still valid in its format."""
    outcome = FixOutcome(text)
    rejected: dict[tuple, Finding] = {}
    findings = lint_source(text)
    outcome.initial = findings
    for _ in range(MAX_PASSES):
        candidates = [f for f in findings if f.suggestion is not None and (unsafe or f.suggestion.safe)
                      and _key(f) not in rejected]
        chosen = _non_overlapping(candidates)
        if not chosen:
            break
        new_text, regions = splice(text, chosen)
        if parses is not None and not parses(new_text):
            for f in chosen:
                rejected[_key(f)] = f
            continue
        new_findings = lint_source(new_text)
        bad = _failed(chosen, regions, findings, new_findings)
        if bad:
            for f in bad:
                rejected[_key(f)] = f
            continue                                  # retry this pass without the failed rewrites
        text, findings = new_text, new_findings
        outcome.applied.extend(chosen)
    outcome.text = text
    outcome.remaining = findings
    remaining_keys = {_key(f) for f in findings}
    outcome.unfixable = [f for k, f in rejected.items() if k in remaining_keys]
    return outcome


def _non_overlapping(candidates: list[Finding]) -> list[Finding]:
    """Greedy: earliest start first, wider edit first at the same start; skip overlaps."""
    ordered = sorted(candidates, key=lambda f: (f.suggestion.start, -(f.suggestion.end - f.suggestion.start),
                                                -SEVERITY_RANK[f.severity]))
    chosen, last_end = [], -1
    for f in ordered:
        s = f.suggestion
        if s.start >= last_end or (s.start == s.end == last_end and not chosen):
            chosen.append(f)
            last_end = max(s.end, s.start + (1 if s.start == s.end else 0))
    return chosen


def splice(text: str, chosen: list[Finding]) -> tuple[str, list[tuple[int, int]]]:
    """Apply the suggestions (sorted, non-overlapping); returns the new text and each edit's new region."""
    parts, regions, pos, shift = [], [], 0, 0
    for f in chosen:
        s = f.suggestion
        parts.append(text[pos:s.start])
        parts.append(s.replacement)
        new_start = s.start + shift
        regions.append((new_start, new_start + len(s.replacement)))
        shift += len(s.replacement) - (s.end - s.start)
        pos = s.end
    parts.append(text[pos:])
    return "".join(parts), regions


def _failed(chosen, regions, old_findings, new_findings) -> list[Finding]:
    """A rewrite fails if its own rule still fires in the edited region, or if a warning/error of
    a rule that did not fire there before now appears there."""
    bad = []
    for f, (rs, re_) in zip(chosen, regions):
        s = f.suggestion
        before = {o.rule for o in old_findings if o.start <= s.end and o.end >= s.start}
        for nf in new_findings:
            if rs == re_:       # a deletion: only findings that now run across the cut
                if not (nf.start < rs < nf.end):
                    continue
            elif nf.end <= rs or nf.start >= re_:
                continue
            if nf.rule == f.rule or (SEVERITY_RANK[nf.severity] >= 1 and nf.rule not in before):
                bad.append(f)
                break
    return bad
