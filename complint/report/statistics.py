"""`--statistics`: counts per rule and per category instead of the individual findings (ruff-style).

Text:

    12  AMZ-REV-INCENTIVE      error    [review-incentive]  Offers a benefit in exchange for a review.
     3  AMZ-HYG-EXCLAIM        info     [message-hygiene]   Too many exclamation marks.

    by category:
    12  review-incentive
     3  message-hygiene

JSON: {"complint": version, "rules": [{"rule", "count", "severity", "category", "message", "fixable"}],
"categories": [{"category", "count"}], "summary": {...}}; both sorted by count, then name.
"""
from __future__ import annotations

import json
from collections import Counter

from .. import __version__
from .text import _COLORS, _PLAIN, _summary_line


def statistics(results) -> tuple[list[dict], list[dict]]:
    per_rule: dict[str, dict] = {}
    per_category: Counter = Counter()
    for r in results:
        for f in r.findings:
            row = per_rule.setdefault(f.rule, {"rule": f.rule, "count": 0, "severity": f.severity,
                                               "category": f.category, "message": f.message, "fixable": 0})
            row["count"] += 1
            row["fixable"] += f.suggestion is not None
            if _rank(f.severity) > _rank(row["severity"]):    # a channel override can raise it
                row["severity"] = f.severity
            per_category[f.category] += 1
    rules = sorted(per_rule.values(), key=lambda d: (-d["count"], d["rule"]))
    categories = [{"category": k, "count": n} for k, n in sorted(per_category.items(), key=lambda kv: (-kv[1], kv[0]))]
    return rules, categories


def _rank(severity: str) -> int:
    return {"info": 0, "warning": 1, "error": 2}.get(severity, 1)


def render_statistics_text(results, color: bool = False, **_) -> str:
    from . import summary

    c = _COLORS if color else _PLAIN
    rules, categories = statistics(results)
    lines = []
    if rules:
        width = max(len(str(d["count"])) for d in rules)
        id_width = max(len(d["rule"]) for d in rules)
        cat_width = max(len(d["category"]) for d in rules) + 2
        for d in rules:
            lines.append(f"{d['count']:>{width}}  {c['bold']}{d['rule']:<{id_width}}{c['reset']}  "
                         f"{c[d['severity']]}{d['severity']:<7}{c['reset']}  {c['dim']}{'[' + d['category'] + ']':<{cat_width}}{c['reset']}  "
                         f"{d['message']}")
        lines.append("")
        lines.append("by category:")
        for d in categories:
            lines.append(f"{d['count']:>{width}}  {d['category']}")
    lines.append(_summary_line(summary(results), c))
    return "\n".join(lines) + "\n"


def render_statistics_json(results, **_) -> str:
    from . import summary

    rules, categories = statistics(results)
    return json.dumps({"complint": __version__, "rules": rules, "categories": categories, "summary": summary(results)},
                      ensure_ascii=False, indent=2) + "\n"


STATISTICS_RENDERERS = {"text": render_statistics_text, "json": render_statistics_json}
