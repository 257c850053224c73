"""One renderer per output format. Renderers know nothing about rules: they format FileResults.

Every renderer is called as `render(results, color=bool, rules=[...])` and returns the whole report
as a string; `rules` (the rules that were run) is used only by SARIF to list them in tool.driver.
"""
from __future__ import annotations

from .github import render_github
from .json_report import render_json
from .sarif import render_sarif
from .statistics import STATISTICS_RENDERERS
from .text import render_text

RENDERERS = {"text": render_text, "json": render_json, "sarif": render_sarif, "github": render_github}


def summary(results) -> dict:
    counts = {"files": len(results), "findings": 0, "error": 0, "warning": 0, "info": 0}
    for r in results:
        for f in r.findings:
            counts["findings"] += 1
            counts[f.severity] += 1
    return counts


__all__ = ["RENDERERS", "STATISTICS_RENDERERS", "summary", "write_report"]


def write_report(text: str, path: str) -> None:
    """Write a report atomically (see complint.fileio.write_atomic). Raises OSError."""
    from ..fileio import write_atomic

    write_atomic(path, text)
