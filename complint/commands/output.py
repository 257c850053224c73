"""Where and how `complint check` prints its report: `--output-file`, `--statistics`, colours."""
from __future__ import annotations

import os
import sys

import click

from .common import _die


def output_options(f):
    f = click.option("--statistics", is_flag=True,
                     help="Print counts per rule and per category instead of each finding (text or json).")(f)
    f = click.option("--output-file", "-o", "output_file", type=click.Path(dir_okay=False, allow_dash=True),
                     default=None, help="Write the report to this file (atomically) instead of stdout.")(f)
    return f


def emit_report(results, fmt: str, color: str, output_file: str | None = None, statistics: bool = False,
                rules=None) -> None:
    """Render `results` in `fmt` and print them, or write them to `output_file`. Exit 2 on failure."""
    from ..report import RENDERERS, STATISTICS_RENDERERS, write_report
    from ..report.text import use_color

    to_file = output_file not in (None, "-")
    # A file is not a terminal: colours only when asked for explicitly.
    colored = color == "always" if to_file else use_color(color, sys.stdout)
    if statistics:
        if fmt not in STATISTICS_RENDERERS:
            _die(f"--statistics works with --format {' or '.join(STATISTICS_RENDERERS)}, not {fmt}")
        out = STATISTICS_RENDERERS[fmt](results, color=colored)
    else:
        out = RENDERERS[fmt](results, color=colored, rules=rules)
    if not to_file:
        click.echo(out, nl=False, color=colored)   # click would strip ANSI codes off a pipe
        return
    try:
        folder = os.path.dirname(os.path.abspath(output_file))
        os.makedirs(folder, exist_ok=True)
        write_report(out, output_file)
    except OSError as exc:
        _die(f"cannot write report to {output_file}: {exc.strerror or exc}")
