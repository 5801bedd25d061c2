"""``zopa report``: the agreement space and its evidence as one offline HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from zopa.cli.common import (
    DbOption,
    MaxConcessionsOption,
    ProtocolOption,
    RoundsOption,
    RunsOption,
    ScenarioArg,
    StrategyOption,
    console,
    err_console,
    strategy_overrides,
)
from zopa.errors import EvidenceError
from zopa.evidence import Store
from zopa.model import resolve_scenario
from zopa.report import ReportOptions, SimulationOptions, write_report


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
    max_concessions: MaxConcessionsOption = 3,
    seed: Annotated[
        int,
        typer.Option(help="Seed for estimates above 1e9 packages, Monte Carlo and simulations."),
    ] = 0,
    with_forecast: Annotated[
        bool,
        typer.Option("--forecast", help="Add the expected-utility forecast and its Monte Carlo."),
    ] = False,
    samples: Annotated[
        int, typer.Option("--samples", min=0, help="Monte Carlo samples for --forecast (0: none).")
    ] = 1000,
    with_simulation: Annotated[
        bool,
        typer.Option("--simulate", help="Add simulated talks (zopa simulate) and their rounds."),
    ] = False,
    protocol: ProtocolOption = "mediator",
    runs: RunsOption = 100,
    rounds: RoundsOption = None,
    strategy: StrategyOption = None,
    no_store: Annotated[
        bool, typer.Option("--no-store", help="Leave the evidence store out (citations only).")
    ] = False,
) -> None:
    """Write an HTML report: verdict, positions with their quotes, concessions, frontier."""
    model = resolve_scenario(scenario)
    simulation = None
    if with_simulation:
        overrides = strategy_overrides(strategy)
        simulation = SimulationOptions(protocol, runs, rounds, tuple(overrides.items()))
        simulation.check(model)  # a misspelt name fails before any work
    options = ReportOptions(
        max_concessions=max_concessions,
        seed=seed,
        pair=pair,
        forecast_samples=samples if with_forecast else None,
        simulation=simulation,
    )
    store = None if no_store else _open_store(db)
    try:
        with err_console.status(f"{model.name}: analysing and writing the report"):
            path = write_report(model, output, store, options)
    finally:
        if store is not None:
            store.close()
    console.print(f"Report written to [bold]{path}[/bold]")


def _open_store(db: str | None) -> Store | None:
    """The store, or ``None`` with a warning when there is none to read (reads never create one)."""
    try:
        return Store(db, create=False)
    except EvidenceError as error:
        err_console.print(
            f"zopa: warning: {escape(str(error))}; the report shows the scenario's citations only",
            highlight=False,
        )
        return None
