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
    """Write a report atomically: a temporary file in the same folder, then rename over `path`,
    so a reader (or an interrupted run) never sees half a report. Raises OSError."""
    import os
    import tempfile

    target = os.path.abspath(path)
    folder = os.path.dirname(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = os.stat(target).st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
