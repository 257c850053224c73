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


_UNSUPPORTED_WARNED: set = set()


def _resolve_lang(lang: str, text: str, path: str | None = None) -> str:
    """The language to lint with. `auto` detects it; a language complint has no lexicon for gives one
    warning per file and "xx": only the universal rules (links, e-mails, phones, handles, limits) run."""
    if lang != "auto":
        return lang
    from ..langid import SUPPORTED, UNSUPPORTED, resolve

    use, found = resolve(text)
    if use == UNSUPPORTED and (path or "<text>") not in _UNSUPPORTED_WARNED:
        _UNSUPPORTED_WARNED.add(path or "<text>")
        click.echo(f"complint: warning: {path or '<text>'}: language {found!r} is not supported "
                   f"({', '.join(SUPPORTED)}); only universal rules were applied (links, e-mail addresses, "
                   f"phone numbers, handles, limits). Use --lang to force a language.", err=True)
    return use


def common_rule_options(f):
    f = click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False),
                     help="Extra rule-pack folder (repeatable).")(f)
    f = click.option("--ignore", multiple=True, help="Rule ids, id prefixes or categories to skip (comma-separated, repeatable).")(f)
    f = click.option("--select", multiple=True, help="Only these rule ids, id prefixes or categories.")(f)
    return f


def config_options(f):
    """--config PATH and --isolated (see complint/config.py)."""
    f = click.option("--isolated", is_flag=True,
                     help="Ignore every configuration file (.complint.yaml, [tool.complint]).")(f)
    f = click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
                     help="Configuration file to use (.complint.yaml or pyproject.toml) instead of searching for one.")(f)
    return f


def _load_config(paths, config_path, isolated):
    """The run's configuration; a bad one ends the run (exit 2, `file:line: what is wrong`)."""
    from ..config import discover

    if config_path and isolated:
        _die("--config and --isolated cannot be used together")
    return discover(list(paths), config_path, isolated)


def _configured_engine(config, rules_dirs, select, ignore):
    """The engine with the configuration applied (rule folders, select/ignore, severity, allowlists)."""
    from ..runner import build_engine

    return build_engine(config, rules_dirs, _split(select), _split(ignore))
