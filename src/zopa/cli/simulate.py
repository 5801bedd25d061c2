"""``zopa simulate``: simulated talks under a protocol, many runs at once."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from zopa.cli.common import (
    JsonFlag,
    ProtocolOption,
    RoundsOption,
    RunsOption,
    ScenarioArg,
    StrategyOption,
    console,
    err_console,
    print_json,
    strategy_overrides,
)
from zopa.model import resolve_scenario
from zopa.simulate import Simulation, check_options, simulate


def register(app: typer.Typer) -> None:
    app.command("simulate")(simulate_command)


def simulate_command(
    scenario: ScenarioArg = None,
    protocol: ProtocolOption = "mediator",
    rounds: RoundsOption = None,
    runs: RunsOption = 100,
    seed: Annotated[int, typer.Option(help="Same seed, same result.")] = 0,
    strategy: StrategyOption = None,
    as_json: JsonFlag = False,
) -> None:
    """How simulated talks end: agreement rate, rounds, packages, distance to the Nash point."""
    model = resolve_scenario(scenario)
    overrides = strategy_overrides(strategy)
    check_options(model, protocol, overrides)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(
        *columns, TimeElapsedColumn(), console=err_console, transient=True, disable=as_json
    ) as bar:
        task = bar.add_task(f"{model.name}: {protocol} runs", total=runs)
        result = simulate(
            model,
            protocol=protocol,  # type: ignore[arg-type]
            rounds=rounds,
            runs=runs,
            seed=seed,
            strategies=overrides,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    if as_json:
        print_json(result.to_dict())
        return
    _print_tables(result)


def _print_tables(result: Simulation) -> None:
    data = result.to_dict(max_runs=10)
    summary = Table(title=f"Simulated talks: {result.scenario}", show_header=False)
    summary.add_column(style="bold")
    summary.add_column(justify="right")
    summary.add_row("protocol", result.protocol)
    summary.add_row("deadline (rounds)", str(result.rounds))
    summary.add_row("runs (seed)", f"{result.runs} ({result.seed})")
    summary.add_row("candidate packages", f"{len(result.candidates):,}")
    summary.add_row("agreement rate", f"{result.agreement_rate:.1%}")
    if data["mean_round"] is not None:
        summary.add_row("mean round of agreement", f"{data['mean_round']:.1f}")
    if data["mean_distance_to_nash"] is not None:
        summary.add_row("mean distance to the Nash point", f"{data['mean_distance_to_nash']:.3f}")
    elif result.nash is None:
        summary.add_row("Nash point", "none (no package passes the rule)")
    console.print(summary)

    table = Table(title="Strategies")
    table.add_column("party")
    table.add_column("strategy")
    for party, name in zip(result.parties, result.strategies, strict=True):
        table.add_row(party, name)
    console.print(table)

    if data["packages"]:
        table = Table(title="Most frequent agreements")
        table.add_column("share", justify="right")
        for party in result.parties:
            table.add_column(party, justify="right")
        table.add_column("package")
        for row in data["packages"]:
            table.add_row(
                f"{row['share']:.1%}",
                *(f"{row['utilities'][p]:.3f}" for p in result.parties),
                "\n".join(f"{i}={o}" for i, o in row["package"].items()),
            )
        console.print(table)

    if result.agreed.any():
        table = Table(title="How the agreements settle each issue")
        table.add_column("issue")
        table.add_column("options (share of agreements)")
        for issue, shares in data["option_shares"].items():
            ranked = sorted(shares.items(), key=lambda kv: -kv[1])
            table.add_row(issue, ", ".join(f"{o} {v:.0%}" for o, v in ranked))
        console.print(table)

    table = Table(title=f"First {len(data['outcomes'])} runs")
    table.add_column("run", justify="right")
    table.add_column("agreement")
    table.add_column("round", justify="right")
    for party in result.parties:
        table.add_column(party, justify="right")
    table.add_column("to Nash", justify="right")
    for run in data["outcomes"]:
        if not run["agreement"]:
            table.add_row(str(run["run"]), "no", "", *([""] * len(result.parties)), "")
            continue
        distance = run["distance_to_nash"]
        table.add_row(
            str(run["run"]),
            "yes",
            str(run["round"]),
            *(f"{run['utilities'][p]:.3f}" for p in result.parties),
            "" if distance is None else f"{distance:.3f}",
        )
    console.print(table)
