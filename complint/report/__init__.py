"""One renderer per output format. Renderers know nothing about rules: they format FileResults."""
from __future__ import annotations

from .json_report import render_json
from .text import render_text

RENDERERS = {"text": render_text, "json": render_json}


def summary(results) -> dict:
    counts = {"files": len(results), "findings": 0, "error": 0, "warning": 0, "info": 0}
    for r in results:
        for f in r.findings:
            counts["findings"] += 1
            counts[f.severity] += 1
    return counts
