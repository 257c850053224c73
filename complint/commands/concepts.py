"""`complint concepts`: show lexicon hits (for rule authors)."""
from __future__ import annotations

import sys

import click

from ..errors import ComplintError, InputError
from ..model import CHANNELS, SEVERITY_RANK, FileResult
from .common import FORMATS, LANG_CHOICES, _die, _engine, _resolve_lang, _split, common_rule_options

@click.command("concepts")
@click.argument("text")
@click.option("--channel", type=click.Choice(CHANNELS), default="message")
@click.option("--lang", type=click.Choice(LANG_CHOICES[1:]), default="en")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False))
def concepts_cmd(text, channel, lang, rules_dirs):
    """Show which lexicon concepts a text hits, sentence by sentence (for rule authors)."""
    from ..model import Document
    from ..source.placeholders import placeholder_spans

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
