"""``zopa report``: the agreement space and its evidence as one offline HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zopa.cli.common import DbOption, ScenarioArg, console, err_console
from zopa.evidence import Store
from zopa.model import resolve_scenario
from zopa.report import ReportOptions, write_report


def register(app: typer.Typer) -> None:
    app.command("report")(report_command)


def report_command(
    scenario: ScenarioArg = None,
    db: DbOption = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the HTML file.")
    ] = Path("report.html"),
    pair: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--pair", help="The two parties of the frontier scatter (default: first two)."
        ),
    ] = None,
    max_concessions: Annotated[
        int, typer.Option("--max-concessions", min=1, help="Largest concession set searched.")
    ] = 3,
    seed: Annotated[int, typer.Option(help="Seed for estimates above 1e9 packages.")] = 0,
    no_store: Annotated[
        bool, typer.Option("--no-store", help="Leave the evidence store out (citations only).")
    ] = False,
) -> None:
    """Write an HTML report: verdict, positions with their quotes, concessions, frontier."""
    model = resolve_scenario(scenario)
    options = ReportOptions(max_concessions=max_concessions, seed=seed, pair=pair)
    with err_console.status(f"{model.name}: analysing and writing the report"):
        if no_store:
            path = write_report(model, output, None, options)
        else:
            with Store(db) as store:
                path = write_report(model, output, store, options)
    console.print(f"Report written to [bold]{path}[/bold]")
