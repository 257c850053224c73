"""Run compiled rules over documents and turn raw spans into Findings."""
from __future__ import annotations

from .analysis import Analysis
from .model import SEVERITY_RANK, Document, Finding, Suggestion
from .policy.loader import Pack, Rule
from .positions import LineIndex


def merge_overlapping(findings: list[Finding]) -> list[Finding]:
    """One finding per problem: of overlapping findings in the same category, keep the most severe
    (then the one that came from the earlier rule in the pack). Different categories all stay."""
    order = {id(f): i for i, f in enumerate(findings)}
    kept: list[Finding] = []
    for f in sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], order[id(f)])):
        if not any(k.category == f.category and k.start < f.end and f.start < k.end for k in kept):
            kept.append(f)
    kept.sort(key=lambda f: (f.start, -SEVERITY_RANK[f.severity], f.rule))
    return kept


def rule_selected(rule: Rule, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """ruff-style selection: a rule id prefix or a category id; ignore wins over select."""
    def hit(codes):
        return any(rule.id.startswith(c) or rule.category == c or c == "ALL" for c in codes)
    if ignore and hit(ignore):
        return False
    return hit(select) if select else True


class Engine:
    def __init__(self, pack: Pack, select=(), ignore=(), severity_overrides: dict | None = None,
                 allowlists: dict | None = None):
        self.pack = pack
        self.rules = [r for r in pack.rules if rule_selected(r, tuple(select), tuple(ignore))]
        self.overrides = severity_overrides or {}
        self.allowlists = {k: list(v) for k, v in pack.allowlists.items()}
        for name, extra in (allowlists or {}).items():
            self.allowlists.setdefault(name, []).extend(extra)

    def rules_for(self, channel: str, lang: str) -> list[Rule]:
        return [r for r in self.rules if channel in r.channels and (r.langs is None or lang in r.langs)]

    def analyse(self, doc: Document) -> Analysis:
        return Analysis(doc, self.pack.lexicon(doc.lang), self.allowlists)

    def _plan(self, channel: str, lang: str):
        """The rules to run for a channel and language with their severities, and the LintPlan that
        lets the analysis skip concepts none of them can read (cached; rebuilt if the rules or the
        severity overrides change)."""
        key = (channel, lang, id(self.rules), len(self.rules), tuple(self.overrides.items()))
        plans = self.__dict__.setdefault("_plans", {})
        hit = plans.get(key)
        if hit is None:
            from .plan import LintPlan

            active = []
            for rule in self.rules_for(channel, lang):
                severity = self.overrides.get(rule.id, rule.severity_for(channel))
                if severity != "off":
                    active.append((rule, severity))
            hit = plans[key] = (active, LintPlan([r for r, _ in active]))
        return hit

    def lint(self, doc: Document, line_index: LineIndex | None = None, merge: bool = True) -> list[Finding]:
        """Findings for one document; `merge=False` keeps every rule's own finding (rule tests)."""
        active, plan = self._plan(doc.channel, doc.lang)
        an = Analysis(doc, self.pack.lexicon(doc.lang), self.allowlists, plan=plan)
        source = doc.source_text if doc.source_text is not None else doc.text
        index = line_index or LineIndex(source)
        findings: list[Finding] = []
        # rules the plan found unable to fire on this document (a concept group with no hit) are skipped
        for rule, severity in active if an.live_rules is None else [active[i] for i in an.live_rules]:
            seen = set()
            for start, end in rule.kind.find(an):
                if (start, end) in seen or self._suppressed(rule, an, start, end):
                    continue
                seen.add((start, end))
                findings.append(self._finding(rule, severity, an, start, end, doc, source, index))
        if not merge:
            findings.sort(key=lambda f: (f.start, -SEVERITY_RANK[f.severity], f.rule))
            return findings
        return merge_overlapping(findings)

    @staticmethod
    def _suppressed(rule: Rule, an: Analysis, start: int, end: int) -> bool:
        if not rule.unless:
            return False
        lo, hi = an.sentence_at(start), an.sentence_at(max(start, end - 1))
        return any(an.hits(c, lo, hi) for c in rule.unless) if an.sentences else False

    def _finding(self, rule, severity, an, start, end, doc, source, index) -> Finding:
        o = doc.origin
        line, col = index.line_col(o + start)
        end_line, end_col = index.line_col(o + end)
        return Finding(
            rule=rule.id, category=rule.category, severity=severity, message=rule.message,
            start=o + start, end=o + end, text=source[o + start:o + end],
            line=line, column=col, end_line=end_line, end_column=end_col,
            note=rule.note, policy=rule.policy, suggestion=suggest(rule, an, start, end, doc),
        )


def suggest(rule: Rule, an: Analysis, start: int, end: int, doc: Document) -> Suggestion | None:
    """The rule's declared rewrite, placed on the original file's offsets (complint/rewrite)."""
    from .rewrite.suggest import build

    return build(rule, an, start, end, doc)
