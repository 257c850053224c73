"""`--format text`: one block per finding for people, with optional ANSI colours.

Colour (`use_color`): `--color always|never` wins; with `auto` (the default) `NO_COLOR` (set and
not empty, see no-color.org) turns colours off, then `FORCE_COLOR` (set, not empty, not `0`) turns
them on, then colours are used only when the output is a terminal and `TERM` is not `dumb`. Colours
are never used when the report goes to a file (`--output-file`), unless `--color always`.
"""
from __future__ import annotations

import os

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "dim": "\033[2m", "bold": "\033[1m",
           "green": "\033[32m", "reset": "\033[0m"}
_PLAIN = {k: "" for k in _COLORS}


def use_color(mode: str, stream, env=None) -> bool:
    env = os.environ if env is None else env
    if mode == "always":
        return True
    if mode == "never" or env.get("NO_COLOR", ""):
        return False
    force = env.get("FORCE_COLOR", "")
    if force and force.lower() not in ("0", "false", "no"):
        return True
    if env.get("TERM") == "dumb":
        return False
    try:
        return bool(stream is not None and hasattr(stream, "isatty") and stream.isatty())
    except (ValueError, OSError):      # a closed or odd stream: no colours
        return False


def _summary_line(s: dict, c: dict) -> str:
    if not s["findings"]:
        return f"{c['green']}No findings{c['reset']} in {s['files']} file(s)."
    return (f"{c['bold']}{s['findings']} finding(s){c['reset']} in {s['files']} file(s): "
            f"{c['error']}{s['error']} error{c['reset']}, {c['warning']}{s['warning']} warning{c['reset']}, "
            f"{c['info']}{s['info']} info{c['reset']}")


def render_text(results, color: bool = False, show_suggestions: bool = True, **_) -> str:
    from . import summary

    c = _COLORS if color else _PLAIN
    lines = []
    for r in results:
        if r.findings:
            source = getattr(r, "channel_source", "") or "default"
            lines.append(f"{c['dim']}{r.path}: channel {r.channel} (from {source}), language {r.lang}{c['reset']}")
        for f in r.findings:
            snippet = " ".join(f.text.split())
            if len(snippet) > 100:
                snippet = snippet[:97] + "..."
            lines.append(f"{c['bold']}{r.path}:{f.line}:{f.column}{c['reset']}: {c[f.severity]}{f.severity}{c['reset']} "
                         f"{c['bold']}{f.rule}{c['reset']} {c['dim']}[{f.category}]{c['reset']} {f.message}")
            lines.append(f"    {c['dim']}found:{c['reset']} \"{snippet}\"")
            if show_suggestions and f.suggestion is not None:
                rep = f.suggestion.replacement
                shown = f"\"{rep}\"" if rep else "(remove this sentence)"
                lines.append(f"    {c['green']}→ suggested:{c['reset']} {shown}"
                             + (f"  ({f.suggestion.description})" if f.suggestion.description else ""))
    lines.append(_summary_line(summary(results), c))
    return "\n".join(lines) + "\n"
