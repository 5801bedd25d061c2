"""The Typer app and the one error handler at the entry point."""

from __future__ import annotations

import importlib
import warnings

import click
import typer
from typer.core import TyperGroup

from zopa.errors import ScenarioWarning, ZopaError

try:  # newer Typer releases parse with a copy of click of their own
    from typer._click.exceptions import UsageError as _TyperUsageError
except ImportError:  # pragma: no cover - Typer on the installed click
    _TyperUsageError = click.UsageError
_USAGE_ERRORS = (click.UsageError, _TyperUsageError)


class _ZopaGroup(TyperGroup):
    """Turns a :class:`ZopaError` or a usage mistake from any command into one line and
    its exit code, and each :class:`ScenarioWarning` into a ``zopa: warning:`` line.

    Done here rather than in ``main`` so that ``CliRunner`` tests see the same
    behaviour as the installed command.
    """

    def invoke(self, ctx: click.Context) -> object:
        with warnings.catch_warnings():
            warnings.simplefilter("always", ScenarioWarning)
            shown: set[str] = set()
            default = warnings.showwarning

            def show(message, category, *args, **kwargs):  # type: ignore[no-untyped-def]
                if not issubclass(category, ScenarioWarning):
                    return default(message, category, *args, **kwargs)
                if str(message) not in shown:  # a scenario read twice warns once
                    shown.add(str(message))
                    typer.echo(f"zopa: warning: {message}", err=True)
                return None

            warnings.showwarning = show
            try:
                return super().invoke(ctx)
            except ZopaError as error:
                typer.echo(f"zopa: error: {error}", err=True)
                raise typer.Exit(error.exit_code) from None
            except _USAGE_ERRORS as error:
                # A mistyped option or argument: one line too, naming the command and --help.
                where = error.ctx.command_path if error.ctx is not None else "zopa"
                message = " ".join(error.format_message().split())
                typer.echo(f"zopa: error: {where}: {message} (see --help)", err=True)
                raise typer.Exit(2) from None


app = typer.Typer(
    name="zopa",
    cls=_ZopaGroup,
    help="Analyse multi-party negotiations: where a deal is possible and what blocks it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# Each module registers its commands; add a module here to add a command group.
_COMMAND_MODULES = (
    "zopa.cli.scenario",
    "zopa.cli.analyze",
    "zopa.cli.forecast",
    "zopa.cli.simulate",
    "zopa.cli.history",
    "zopa.cli.suggest",
    "zopa.cli.interop",
    "zopa.cli.evidence",
    "zopa.cli.evidence_quality",
    "zopa.cli.evidence_store",
    "zopa.cli.report",
    "zopa.cli.extractor",
    "zopa.cli.serve",
)

for _module in _COMMAND_MODULES:
    importlib.import_module(_module).register(app)


def main() -> None:
    """Console-script entry point."""
    app()
