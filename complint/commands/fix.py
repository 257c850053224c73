"""`complint fix`: apply the suggested rewrites, verified, atomically.

Exit codes: 0 all fixed or nothing to fix, 1 findings remain (at/above --fail-on), 2 error.
"""
from __future__ import annotations

import difflib
import os
import sys

import click

from ..errors import ComplintError, InputError
from ..model import CHANNELS, SEVERITY_RANK
from .common import LANG_CHOICES, _configured_engine, _die, _load_config, common_rule_options, config_options


def _lint_source_fn(linter, name: str):
    """Lint exactly as `check` does (config, channel globs, front matter, suppressions)."""
    def lint_source(text: str):
        return linter.lint_source(text, name).findings
    return lint_source


def _parses_fn(name: str):
    """A rewritten structured file must still parse in its format, or it is not written."""
    ext = os.path.splitext(name)[1].lower()
    if ext == ".json":
        import json

        def ok(text):
            try:
                json.loads(text)
                return True
            except ValueError:
                return False
        return ok
    if ext in (".yaml", ".yml"):
        import yaml

        def ok(text):
            try:
                list(yaml.safe_load_all(text))
                return True
            except yaml.YAMLError:
                return False
        return ok
    if ext == ".csv":
        import csv
        import io

        def ok(text):
            try:
                list(csv.reader(io.StringIO(text)))
                return True
            except csv.Error:
                return False
        return ok
    return None


@click.command("fix")
@click.argument("paths", nargs=-1, required=True)
@click.option("--channel", type=click.Choice(CHANNELS), default=None, help="Where the text goes (default: message).")
@click.option("--lang", type=click.Choice(LANG_CHOICES), default="auto", show_default=True)
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff; change nothing.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply rewrites that change what the message offers or asks.")
@click.option("--fail-on", type=click.Choice(("error", "warning", "info")), default="warning", show_default=True)
@click.option("--max-file-size", type=click.IntRange(min=1), default=5, show_default=True, help="In MB.")
@common_rule_options
@config_options
def fix_cmd(paths, channel, lang, show_diff, unsafe_fixes, fail_on, max_file_size, rules_dirs, select, ignore,
            config_path, isolated):
    """Apply suggested rewrites in place (`-`: read stdin, write the fixed text to stdout)."""
    from ..fileio import write_atomic
    from ..rewrite import fix_source
    from ..source import decode, expand_paths, read_bytes

    from ..runner import FileLinter, Options

    try:
        config = _load_config(list(paths), config_path, isolated)
        engine = _configured_engine(config, rules_dirs, select, ignore)
        files = [f for f in expand_paths(list(paths)) if f == "-" or not config.excluded(f)]
    except ComplintError as exc:
        _die(str(exc))
    linter = FileLinter(engine, config, Options(channel=channel, lang=lang))
    had_error, remaining_total, fixed_total, rewrites_total = False, 0, 0, 0
    threshold = SEVERITY_RANK[fail_on]
    for path in files:
        name = "<stdin>" if path == "-" else path
        try:
            original = decode(read_bytes(path, max_file_size * 1024 * 1024), name)
            outcome = fix_source(original, _lint_source_fn(linter, name), unsafe=unsafe_fixes,
                                 parses=_parses_fn(name))
        except InputError as exc:
            click.echo(f"complint: error: {exc}", err=True)
            had_error = True
            continue
        except ComplintError as exc:
            _die(str(exc))
        remaining = [f for f in outcome.remaining if SEVERITY_RANK[f.severity] >= threshold]
        fixed_total += max(0, len([f for f in outcome.initial if SEVERITY_RANK[f.severity] >= threshold]) - len(remaining))
        rewrites_total += len(outcome.applied)
        remaining_total += len(remaining)
        if path == "-":
            if show_diff:
                _echo_diff(original, outcome.text, name)
            else:
                sys.stdout.write(outcome.text)
        elif show_diff:
            _echo_diff(original, outcome.text, name)
        elif outcome.text != original:
            try:
                write_atomic(path, outcome.text)
            except OSError as exc:
                click.echo(f"complint: error: {path}: cannot write ({exc.strerror})", err=True)
                had_error = True
                continue
        for f in remaining:
            mark = " (rewrite failed verification)" if any(u.rule == f.rule and u.text == f.text for u in outcome.unfixable) else ""
            hint = "" if f.suggestion is None or unsafe_fixes or f.suggestion.safe else " (unsafe fix available: --unsafe-fixes)"
            click.echo(f"{name}:{f.line}:{f.column}: {f.severity} {f.rule} [{f.category}] {f.message}{mark or hint}", err=True)
    verb = "Would fix" if show_diff else "Fixed"
    click.echo(f"{verb} {fixed_total} finding(s) with {rewrites_total} rewrite(s); {remaining_total} remaining.", err=True)
    if had_error:
        sys.exit(2)
    sys.exit(1 if remaining_total else 0)


def _echo_diff(before: str, after: str, name: str) -> None:
    if before == after:
        return
    diff = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                fromfile=f"a/{name}", tofile=f"b/{name}")
    for line in diff:
        sys.stdout.write(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
