"""`complint check`: lint files, folders or stdin."""
from __future__ import annotations

import sys

import click

from ..errors import ComplintError, InputError
from ..model import CHANNELS, SEVERITY_RANK, FileResult
from .common import FORMATS, LANG_CHOICES, _die, _engine, _resolve_lang, _split, common_rule_options
from .output import emit_report, output_options

@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--channel", type=click.Choice(CHANNELS), default=None,
              help="Where the text goes (default: message).")
@click.option("--lang", type=click.Choice(LANG_CHOICES), default="auto", show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(("error", "warning", "info")), default="warning", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--max-file-size", type=click.IntRange(min=1), default=5, show_default=True, help="In MB.")
@click.option("--color", type=click.Choice(("auto", "always", "never")), default="auto", show_default=True)
@common_rule_options
@output_options
def check(paths, channel, lang, fmt, fail_on, max_file_size, color, rules_dirs, select, ignore,
          output_file, statistics):
    """Lint files, directories, or `-` (stdin)."""
    from ..report import RENDERERS
    from ..report.text import use_color
    from ..source import expand_paths, load_documents

    try:
        engine = _engine(rules_dirs, select, ignore)
        files = expand_paths(list(paths))
    except ComplintError as exc:
        _die(str(exc))
    results, had_error = [], False
    for path in files:
        try:
            chan = channel or "message"
            source, docs = load_documents(path, chan, "en", max_file_size * 1024 * 1024,
                                          channel_source="cli" if channel else "default")
            findings = []
            doc_lang = "en"
            if not source.strip():
                click.echo(f"complint: warning: {path}: empty file, nothing to check", err=True)
            for doc in docs:
                doc.lang = doc_lang = _resolve_lang(lang, doc.text, "<stdin>" if path == "-" else path)
                findings += engine.lint(doc)
            results.append(FileResult("<stdin>" if path == "-" else path, chan, doc_lang, findings,
                                      docs[0].channel_source if docs else "default"))
        except InputError as exc:
            click.echo(f"complint: error: {exc}", err=True)
            results.append(FileResult("<stdin>" if path == "-" else path, channel or "message",
                                      "en" if lang == "auto" else lang, [],
                                      "cli" if channel else "default", error=str(exc)))
            had_error = True
        except ComplintError as exc:
            _die(str(exc))
        except Exception as exc:  # a bug must still end with one line and exit code 2, never a traceback
            first = (str(exc).strip().splitlines() or [""])[0]
            _die(f"{'<stdin>' if path == '-' else path}: internal error ({type(exc).__name__}: {first[:200]})")
    emit_report(results, fmt, color, output_file, statistics, rules=engine.rules)
    if had_error:
        sys.exit(2)
    threshold = SEVERITY_RANK[fail_on]
    sys.exit(1 if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings) else 0)
