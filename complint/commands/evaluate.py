"""`complint eval`: accuracy on labelled corpora."""
from __future__ import annotations

import sys

import click

from ..errors import ComplintError, InputError
from ..model import CHANNELS, SEVERITY_RANK, FileResult
from .common import FORMATS, LANG_CHOICES, _die, _engine, _resolve_lang, _split, common_rule_options

@click.command("eval")
@click.argument("paths", nargs=-1, required=True)
@click.option("--lang", default=None, help="Only items in this language.")
@click.option("--channel", type=click.Choice(CHANNELS), default=None, help="Only items of this channel.")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--show-errors", is_flag=True, help="List every misclassified item.")
@common_rule_options
def eval_cmd(paths, lang, channel, fmt, show_errors, rules_dirs, select, ignore):
    """Precision, recall and F1 per category on labelled JSONL corpora."""
    import json

    from ..evaluate import evaluate, read_corpus, render_table, summary_dict

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
