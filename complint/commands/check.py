"""`complint check`: lint files, folders or stdin."""
from __future__ import annotations

import sys

import click

from ..errors import ComplintError, InputError
from ..model import CHANNELS, SEVERITY_RANK, FileResult
from .common import (FORMATS, LANG_CHOICES, _configured_engine, _die, _load_config, _split, common_rule_options,
                     config_options)
from .output import emit_report, output_options

@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--channel", type=click.Choice(CHANNELS), default=None,
              help="Where the text goes. Default: a config `channels:` glob, else the file's front matter or a "
                   "collection item's `channel:` field, else message.")
@click.option("--lang", type=click.Choice(LANG_CHOICES), default=None,
              help="Language of the texts (default: front matter / item field, else config `lang`, else auto).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(("error", "warning", "info")), default=None,
              help="Lowest severity that makes the exit code 1 (default: config `fail_on`, else warning).")
@click.option("--column", default=None,
              help="CSV: the text column (name or 1-based number); YAML/JSON: the key whose strings are templates.")
@click.option("--report-unused-suppressions", "report_unused", is_flag=True,
              help="Report inline suppressions (complint: ignore[...]) that suppressed nothing.")
@click.option("--stdin-filename", default=None,
              help="Read `-` (stdin) as this file: its extension picks the reader, config globs apply to it.")
@click.option("--max-file-size", type=click.IntRange(min=1), default=5, show_default=True, help="In MB.")
@click.option("--color", type=click.Choice(("auto", "always", "never")), default="auto", show_default=True)
# --- result cache and --jobs (complint/cache.py, complint/parallel.py) ---
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Lint in this many processes (0: one per CPU).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Result cache folder (default: .complint_cache, or $COMPLINT_CACHE_DIR).")
@common_rule_options
@config_options
@output_options
def check(paths, channel, lang, fmt, fail_on, column, report_unused, stdin_filename, max_file_size, color, jobs,
          no_cache, cache_dir, rules_dirs, select, ignore, config_path, isolated, output_file, statistics):
    """Lint files, directories, or `-` (stdin)."""
    from ..runner import FileLinter, Options
    from ..source import decode, expand_paths, read_bytes

    try:
        config = _load_config([stdin_filename if p == "-" and stdin_filename else p for p in paths],
                              config_path, isolated)
        files = [f for f in expand_paths(list(paths)) if f == "-" or not config.excluded(f)]
    except ComplintError as exc:
        _die(str(exc))
    fail_on = fail_on or config.fail_on or "warning"
    from ..cache import CachedLinter, run_key
    from ..parallel import available_jobs, lint_pending

    options = Options(channel=channel, lang=lang, column=column, report_unused=report_unused, ignore=_split(ignore))
    linter = CachedLinter(lambda: FileLinter(_configured_engine(config, rules_dirs, select, ignore), config, options),
                          None if no_cache else run_key(config, rules_dirs, {"options": options, "select": select}),
                          cache_dir)
    jobs = available_jobs(jobs)
    results, had_error, pending = [], False, []
    for path in files:
        try:
            name = (stdin_filename or "<stdin>") if path == "-" else path
            source = decode(read_bytes(path, max_file_size * 1024 * 1024), name)
            if not source.strip():
                click.echo(f"complint: warning: {path}: empty file, nothing to check", err=True)
            if jobs > 1:
                pending.append((len(results), source, name))
                results.append(None)
            else:
                results.append(linter.lint_source(source, name))
        except InputError as exc:
            click.echo(f"complint: error: {exc}", err=True)
            results.append(FileResult("<stdin>" if path == "-" else path, channel or "message",
                                      "en" if lang in (None, "auto") else lang, [],
                                      "cli" if channel else "default", error=str(exc)))
            had_error = True
        except ComplintError as exc:
            _die(str(exc))
        except Exception as exc:  # a bug must still end with one line and exit code 2, never a traceback
            first = (str(exc).strip().splitlines() or [""])[0]
            _die(f"{'<stdin>' if path == '-' else path}: internal error ({type(exc).__name__}: {first[:200]})")
    try:
        lint_pending(linter, pending, results, jobs)
    except ComplintError as exc:
        _die(str(exc))
    linter.save()
    emit_report(results, fmt, color, output_file, statistics, rules=linter.rules_for_report(fmt))
    if had_error:
        sys.exit(2)
    threshold = SEVERITY_RANK[fail_on]
    sys.exit(1 if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings) else 0)
