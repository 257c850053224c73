"""The command line: a thin click layer over the engine. Exit codes: 0 clean, 1 findings at or
above --fail-on, 2 usage error / bad rules / unreadable input (one line on stderr, no traceback)."""
from __future__ import annotations

import errno
import sys

import click

from . import __version__
from .errors import ComplintError, InputError
from .model import CHANNELS, SEVERITY_RANK, FileResult

FORMATS = ("text", "json")
LANG_CHOICES = ("auto", "en", "de", "fr", "es", "it", "ja")


def _die(message: str) -> None:
    click.echo(f"complint: error: {message}", err=True)
    sys.exit(2)


def _split(values) -> tuple[str, ...]:
    out = []
    for v in values:
        out += [x.strip() for x in v.split(",") if x.strip()]
    return tuple(out)


def _engine(rules_dirs, select, ignore):
    from .engine import Engine
    from .policy.loader import load_pack

    return Engine(load_pack(list(rules_dirs)), select=_split(select), ignore=_split(ignore))


def _resolve_lang(lang: str, text: str) -> str:
    if lang != "auto":
        return lang
    from .langid import detect

    return detect(text)


class _Main(click.Group):
    """Usage errors (bad option value, missing argument, unknown command) end like every other
    error: one `complint: error:` line on stderr and exit code 2, not click's multi-line block."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as exc:
            message = " ".join(exc.format_message().split())
            ctx = getattr(exc, "ctx", None)
            if isinstance(exc, click.UsageError) and ctx is not None:
                message += f" (see `{ctx.command_path} --help`)"
            _die(message)
        except click.Abort:
            click.echo("complint: error: interrupted", err=True)
            sys.exit(130)
        except OSError as exc:
            if exc.errno != errno.EPIPE:     # `complint rules | head`: the reader left; not an error
                raise
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="complint")
def main():
    """complint: catch review-policy and messaging violations before they are sent or printed."""


def common_rule_options(f):
    f = click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False),
                     help="Extra rule-pack folder (repeatable).")(f)
    f = click.option("--ignore", multiple=True, help="Rule ids, id prefixes or categories to skip (comma-separated, repeatable).")(f)
    f = click.option("--select", multiple=True, help="Only these rule ids, id prefixes or categories.")(f)
    return f


@main.command()
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
def check(paths, channel, lang, fmt, fail_on, max_file_size, color, rules_dirs, select, ignore):
    """Lint files, directories, or `-` (stdin)."""
    from .report import RENDERERS
    from .report.text import use_color
    from .source import expand_paths, load_documents

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
                doc.lang = doc_lang = _resolve_lang(lang, doc.text)
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
    out = RENDERERS[fmt](results, color=use_color(color, sys.stdout))
    click.echo(out, nl=False)
    if had_error:
        sys.exit(2)
    threshold = SEVERITY_RANK[fail_on]
    sys.exit(1 if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings) else 0)


@main.command("eval")
@click.argument("paths", nargs=-1, required=True)
@click.option("--lang", default=None, help="Only items in this language.")
@click.option("--channel", type=click.Choice(CHANNELS), default=None, help="Only items of this channel.")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--show-errors", is_flag=True, help="List every misclassified item.")
@common_rule_options
def eval_cmd(paths, lang, channel, fmt, show_errors, rules_dirs, select, ignore):
    """Precision, recall and F1 per category on labelled JSONL corpora."""
    import json

    from .evaluate import evaluate, read_corpus, render_table, summary_dict

    try:
        engine = _engine(rules_dirs, select, ignore)
        items = [i for i in read_corpus(list(paths)) if (lang is None or i.lang == lang) and (channel is None or i.channel == channel)]
        if not items:
            _die("no corpus items matched")
        scores = evaluate(engine, items)
    except ComplintError as exc:
        _die(str(exc))
    d = summary_dict(scores)
    if fmt == "json":
        click.echo(json.dumps(d, indent=2))
    else:
        click.echo(render_table(d))
    if show_errors:
        for item, missing, extra, findings in scores.errors:
            click.echo(f"\n[{item.id}] {item.channel} missing={sorted(missing)} extra={sorted(extra)}")
            click.echo(f"  {item.text!r}")
            for f in findings:
                click.echo(f"  - {f.severity} {f.rule}: {f.text!r}")


@main.command("rules")
@common_rule_options
def rules_cmd(rules_dirs, select, ignore):
    """List the rules with their category, severity and channels."""
    try:
        engine = _engine(rules_dirs, select, ignore)
    except ComplintError as exc:
        _die(str(exc))
    for r in engine.rules:
        click.echo(f"{r.id:<36} {r.severity:<8} {r.category:<24} {','.join(r.channels)}")


@main.command("rule")
@click.argument("rule_id")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False))
def rule_cmd(rule_id, rules_dirs):
    """Explain one rule: what it catches, why, and the policy source."""
    try:
        engine = _engine(rules_dirs, (), ())
    except ComplintError as exc:
        _die(str(exc))
    rule = next((r for r in engine.rules if r.id == rule_id.upper()), None)
    if rule is None:
        _die(f"unknown rule {rule_id!r} (see `complint rules`)")
    click.echo(f"{rule.id}  [{rule.category}]  {rule.severity}  channels: {', '.join(rule.channels)}")
    if rule.severity_by_channel:
        click.echo("  severity by channel: " + ", ".join(f"{k}={v}" for k, v in rule.severity_by_channel.items()))
    click.echo(f"\n{rule.message}")
    if rule.note:
        click.echo(f"\n{rule.note}")
    if rule.policy:
        click.echo(f"\nPolicy: {rule.policy}")
    if rule.fix:
        click.echo(f"\nFix ({rule.fix.strategy}, {'safe' if rule.fix.safe else 'unsafe'}): {rule.fix.description}")
    for key in ("flag", "pass"):
        for ex in rule.examples.get(key, [])[:3]:
            click.echo(f"  {key}: {ex['text']}")


@main.command("concepts")
@click.argument("text")
@click.option("--channel", type=click.Choice(CHANNELS), default="message")
@click.option("--lang", type=click.Choice(LANG_CHOICES[1:]), default="en")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False))
def concepts_cmd(text, channel, lang, rules_dirs):
    """Show which lexicon concepts a text hits, sentence by sentence (for rule authors)."""
    from .model import Document
    from .source.placeholders import placeholder_spans

    try:
        engine = _engine(rules_dirs, (), ())
        an = engine.analyse(Document(text=text, channel=channel, lang=lang, source_text=text, masked=placeholder_spans(text)))
    except ComplintError as exc:
        _die(str(exc))
    for i, (s, e) in enumerate(an.sentences):
        click.echo(f"[{i}] {text[s:e]!r}")
        for concept, hits in sorted(an.by_sentence[i].items()):
            shown = ", ".join(repr(text[h.start:h.end]) + ("(q)" if h.quoted else "") + ("(m)" if h.masked else "") for h in hits)
            click.echo(f"    {concept:<24} {shown}")


if __name__ == "__main__":
    main()
