"""The command line: a thin click layer over the engine. Exit codes: 0 clean, 1 findings at or
above --fail-on, 2 usage error / bad rules / unreadable input (one line on stderr, no traceback)."""
from __future__ import annotations

import errno
import sys

import click

from . import __version__
from .commands.common import _die

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


from .commands import check, concepts, evaluate, fix, rules  # noqa: E402  (registered below)

main.add_command(check.check)
main.add_command(evaluate.eval_cmd)
main.add_command(rules.rules_cmd)
main.add_command(rules.rule_cmd)
main.add_command(concepts.concepts_cmd)
main.add_command(fix.fix_cmd)
main.add_command(__import__("complint.commands.audit", fromlist=["audit_cmd"]).audit_cmd)


if __name__ == "__main__":
    main()
