"""`complint rules` and `complint rule ID`: list and explain rules."""
from __future__ import annotations

import sys

import click

from ..errors import ComplintError, InputError
from ..model import CHANNELS, SEVERITY_RANK, FileResult
from .common import FORMATS, LANG_CHOICES, _die, _engine, _resolve_lang, _split, common_rule_options

@click.command("rules")
@common_rule_options
def rules_cmd(rules_dirs, select, ignore):
    """List the rules with their category, severity and channels."""
    try:
        engine = _engine(rules_dirs, select, ignore)
    except ComplintError as exc:
        _die(str(exc))
    for r in engine.rules:
        click.echo(f"{r.id:<36} {r.severity:<8} {r.category:<24} {','.join(r.channels)}")


@click.command("rule")
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
