from __future__ import annotations

import os

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "dim": "\033[2m", "bold": "\033[1m", "reset": "\033[0m"}


def use_color(mode: str, stream) -> bool:
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def render_text(results, color: bool = False, show_suggestions: bool = True, **_) -> str:
    from . import summary

    c = _COLORS if color else {k: "" for k in _COLORS}
    lines = []
    for r in results:
        for f in r.findings:
            snippet = " ".join(f.text.split())
            if len(snippet) > 100:
                snippet = snippet[:97] + "..."
            lines.append(f"{c['bold']}{r.path}:{f.line}:{f.column}{c['reset']}: {c[f.severity]}{f.severity}{c['reset']} "
                         f"{f.rule} [{f.category}] {f.message}")
            lines.append(f"    {c['dim']}found:{c['reset']} \"{snippet}\"")
            if show_suggestions and f.suggestion is not None:
                rep = f.suggestion.replacement
                shown = f"\"{rep}\"" if rep else "(remove this sentence)"
                lines.append(f"    → suggested: {shown}" + (f"  ({f.suggestion.description})" if f.suggestion.description else ""))
    s = summary(results)
    if s["findings"]:
        lines.append(f"{s['findings']} finding(s) in {s['files']} file(s): {s['error']} error, {s['warning']} warning, {s['info']} info")
    else:
        lines.append(f"No findings in {s['files']} file(s).")
    return "\n".join(lines) + "\n"
