"""The Typer app and the one error handler at the entry point."""

from __future__ import annotations

import importlib

import typer

from zopa.errors import ZopaError

app = typer.Typer(
    name="zopa",
    help="Analyse multi-party negotiations: where a deal is possible and what blocks it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# Each module registers its commands; add a module here to add a command group.
_COMMAND_MODULES = ("zopa.cli.scenario",)

for _module in _COMMAND_MODULES:
    importlib.import_module(_module).register(app)


def main() -> None:
    """Console-script entry point: user errors become one line on stderr."""
    try:
        app(standalone_mode=False)
    except ZopaError as error:
        typer.echo(f"zopa: error: {error}", err=True)
        raise SystemExit(error.exit_code) from None
    except typer.Abort:
        typer.echo("zopa: aborted", err=True)
        raise SystemExit(130) from None
    except Exception as error:  # click's own usage errors carry their exit code
        import click

        if isinstance(error, click.ClickException):
            error.show()
            raise SystemExit(error.exit_code) from None
        raise
