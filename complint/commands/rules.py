"""`complint rules` and `complint rule ID`: list and explain rules."""
from __future__ import annotations

import sys

import click

from ..errors import ComplintError, InputError
from ..model import CHANNELS, SEVERITY_RANK, FileResult
from .common import (FORMATS, LANG_CHOICES, _configured_engine, _die, _engine, _load_config, _resolve_lang, _split,
                     common_rule_options, config_options)


def _effective(engine, rule) -> str:
    """The rule's severity after configuration (`severity:` overrides), marked when overridden."""
    sev = engine.overrides.get(rule.id)
    return f"{sev}*" if sev is not None and sev != rule.severity else rule.severity


@click.command("rules")
@common_rule_options
@config_options
def rules_cmd(rules_dirs, select, ignore, config_path, isolated):
    """List the rules with their category, severity and channels (as configured: select/ignore,
    extra rule folders and severity overrides from .complint.yaml apply; * marks an override)."""
    try:
        config = _load_config((), config_path, isolated)
        engine = _configured_engine(config, rules_dirs, select, ignore)
        engine.pack.validate()
    except ComplintError as exc:
        _die(str(exc))
    for r in engine.rules:
        click.echo(f"{r.id:<36} {_effective(engine, r):<8} {r.category:<24} {','.join(r.channels)}")


@click.command("rule")
@click.argument("rule_id")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False))
@config_options
def rule_cmd(rule_id, rules_dirs, config_path, isolated):
    """Explain one rule: what it catches, why, and the policy source."""
    try:
        config = _load_config((), config_path, isolated)
        engine = _configured_engine(config, rules_dirs, (), ())
    except ComplintError as exc:
        _die(str(exc))
    rule = next((r for r in engine.pack.rules if r.id == rule_id.upper()), None)
    if rule is None:
        _die(f"unknown rule {rule_id!r} (see `complint rules`)")
    click.echo(f"{rule.id}  [{rule.category}]  {rule.severity}  channels: {', '.join(rule.channels)}")
    if config.path:
        notes = []
        if rule.id in engine.overrides and engine.overrides[rule.id] != rule.severity:
            notes.append(f"severity {engine.overrides[rule.id]}")
        if rule not in engine.rules:
            notes.append("not selected (select/ignore)")
        if notes:
            click.echo(f"  configured in {config.path}: {'; '.join(notes)}")
    if rule.severity_by_channel:
        click.echo("  severity by channel: " + ", ".join(f"{k}={v}" for k, v in rule.severity_by_channel.items()))
    click.echo(f"\n{rule.message}")
    if rule.note:
        click.echo(f"\n{rule.note}")
    if rule.policy:
        click.echo(f"\nPolicy: {rule.policy}")
    click.echo(f"Defined in: {rule.path}:{rule.line}")
    if rule.fix:
        click.echo(f"\nFix ({rule.fix.strategy}, {'safe' if rule.fix.safe else 'unsafe'}): {rule.fix.description}")
    for key in ("flag", "pass"):
        for ex in rule.examples.get(key, [])[:3]:
            click.echo(f"  {key}: {ex['text']}")
