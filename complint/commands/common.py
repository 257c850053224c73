"""Helpers shared by the commands: one-line errors, option parsing, building the engine."""
from __future__ import annotations

import sys

import click

FORMATS = ("text", "json", "sarif", "github")
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
    from ..engine import Engine
    from ..policy.loader import load_pack

    return Engine(load_pack(list(rules_dirs)), select=_split(select), ignore=_split(ignore))


def _resolve_lang(lang: str, text: str) -> str:
    if lang != "auto":
        return lang
    from ..langid import detect

    return detect(text)


def common_rule_options(f):
    f = click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False),
                     help="Extra rule-pack folder (repeatable).")(f)
    f = click.option("--ignore", multiple=True, help="Rule ids, id prefixes or categories to skip (comma-separated, repeatable).")(f)
    f = click.option("--select", multiple=True, help="Only these rule ids, id prefixes or categories.")(f)
    return f


