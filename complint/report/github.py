"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

    ::error file=templates/a.txt,line=3,col=1,endLine=3,endColumn=58,title=AMZ-REV-INCENTIVE::message

error -> `::error`, warning -> `::warning`, info -> `::notice`. Escaping follows the Actions
toolkit (`@actions/core` command.ts): in the message `%`, CR and LF become `%25`, `%0D`, `%0A`;
in property values `:` and `,` are escaped too (`%3A`, `%2C`), so a path or title can never end
the property list early.
"""
from __future__ import annotations

from pathlib import Path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation_path(path: str, root: Path | None = None) -> str:
    """The path GitHub resolves against the workspace: relative to the working directory, forward slashes."""
    root = (root or Path.cwd()).resolve()
    p = Path(path)
    absolute = (p if p.is_absolute() else root / p).resolve()
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()


def command(kind: str, message: str, **props) -> str:
    parts = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v not in (None, ""))
    return f"::{kind}{' ' + parts if parts else ''}::{escape_data(message)}"


def render_github(results, **_) -> str:
    from . import summary

    lines = []
    for r in results:
        file = None if r.path in ("-", "<stdin>") else annotation_path(r.path)
        if r.error:
            lines.append(command("error", f"complint could not check this file: {r.error}", file=file,
                                 title="complint"))
        for f in r.findings:
            message = f"{f.message} [{f.category}]"
            snippet = " ".join(f.text.split())
            if snippet:
                message += f'\nFound: "{snippet if len(snippet) <= 200 else snippet[:197] + "..."}"'
            if f.suggestion is not None:
                rep = f.suggestion.replacement
                message += f'\nSuggested: "{rep}"' if rep else "\nSuggested: remove this sentence"
            props = {"file": file, "line": f.line or None, "col": f.column or None,
                     "endLine": f.end_line or None, "endColumn": f.end_column or None, "title": f.rule}
            lines.append(command(COMMANDS.get(f.severity, "warning"), message, **props))
    s = summary(results)
    lines.append(f"complint: {s['findings']} finding(s) in {s['files']} file(s): "
                 f"{s['error']} error, {s['warning']} warning, {s['info']} info")
    return "\n".join(lines) + "\n"
