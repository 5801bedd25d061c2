"""``zopa forecast``: the expected-utility forecast of a scenario, and Monte Carlo over it."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from zopa.cli.common import JsonFlag, ScenarioArg, console, err_console, print_json
from zopa.forecast import OFFER_CHOICES, Forecast, MonteCarloForecast, forecast, monte_carlo
from zopa.forecast.scenario import DEFAULT_ROUNDS
from zopa.model import resolve_scenario


def register(app: typer.Typer) -> None:
    app.command("forecast")(forecast_command)


def forecast_command(
    scenario: ScenarioArg = None,
    samples: Annotated[
        int,
        typer.Option("--samples", min=0, help="Monte Carlo samples (0: the point forecast only)."),
    ] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the Monte Carlo draws.")] = 0,
    rounds: Annotated[
        int, typer.Option("--rounds", min=1, max=1000, help="Rounds of the model per issue.")
    ] = DEFAULT_ROUNDS,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Run the samples on a Dask cluster: its scheduler, tcp://HOST:PORT.",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Local worker processes (default: one per CPU).",
            show_default=False,
        ),
    ] = None,
    offer_choice: Annotated[
        str,
        typer.Option(
            "--offer-choice", help=f"How an actor picks among offers: {' or '.join(OFFER_CHOICES)}."
        ),
    ] = "scholz",
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Also show, round by round, who moved, whose offer it accepted and why.",
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Forecast each issue with Bueno de Mesquita's expected-utility model, and how sure it is."""
    if offer_choice not in OFFER_CHOICES:
        raise typer.BadParameter(
            f"{offer_choice!r} is not one of {', '.join(OFFER_CHOICES)}",
            param_hint="--offer-choice",
        )
    model = resolve_scenario(scenario)
    point = forecast(
        model,
        rounds=rounds,
        offer_choice=offer_choice,  # type: ignore[arg-type]
        explain=explain,
    )
    sampled = None
    if samples:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, TimeElapsedColumn(), console=err_console, transient=True) as bar:
            task = bar.add_task(f"{model.name}: sampling", total=samples)
            sampled = monte_carlo(
                model,
                samples=samples,
                seed=seed,
                rounds=rounds,
                offer_choice=offer_choice,  # type: ignore[arg-type]
                scheduler=scheduler,
                workers=workers,
                progress=lambda done, total: bar.update(task, completed=done),
            )
    if as_json:
        print_json(
            {"forecast": point.to_dict(), "monte_carlo": sampled.to_dict() if sampled else None}
        )
        return
    _print_point(point)
    if explain:
        _print_moves(point)
    if sampled is not None:
        _print_sampled(sampled)


def _print_point(result: Forecast) -> None:
    table = Table(
        title=f"{result.scenario}: expected-utility forecast after {result.rounds} rounds"
    )
    table.add_column("issue", no_wrap=True)
    for name in ("start", "median voter", "compromise", "settled"):
        table.add_column(name)
    for i in result.issues:
        table.add_row(
            i.issue,
            f"{i.initial_median:.1f}",
            f"{i.median:.1f} {i.median_option}",
            f"{i.mean:.1f} {i.mean_option}",
            "moving" if i.settled_after is None else f"round {i.settled_after}",
        )
    console.print(table)


def _print_moves(result: Forecast) -> None:
    for issue in result.issues:
        if not issue.moves:
            console.print(f"{issue.issue}: no party moves.")
            continue
        table = Table(title=f"{issue.issue}: who moved, and why")
        for name in ("round", "party", "from", "to", "why"):
            table.add_column(name, no_wrap=name != "why")
        for move in issue.moves:
            table.add_row(
                str(move.round),
                move.party,
                f"{move.before:.1f}",
                f"{move.after:.1f}",
                move.reason(),
            )
        console.print(table)


def _share(options: dict[str, float]) -> str:
    best = max(options, key=options.__getitem__)
    return f"{best} {options[best]:.0%}"


def _print_sampled(result: MonteCarloForecast) -> None:
    table = Table(
        title=f"Monte Carlo: {result.samples} samples, seed {result.seed}, "
        f"{len(result.uncertain_inputs)} uncertain inputs"
    )
    table.add_column("issue", no_wrap=True)
    for name in ("p5/p50/p95", "likeliest option", "compromise p50", "settled"):
        table.add_column(name)
    for i in result.issues:
        q = i.median_quantiles
        table.add_row(
            i.issue,
            f"{q['p5']:.0f}/{q['p50']:.0f}/{q['p95']:.0f}",
            _share(i.median_options),
            f"{i.mean_quantiles['p50']:.1f} ({_share(i.mean_options)})",
            f"{i.settled_share:.0%}",
        )
    console.print(table)
    console.print(
        f"A deal exists (some package meets every red line and reservation value) in "
        f"{result.deal_samples} of {result.samples} samples: p = {result.deal_probability:.3f}."
    )
    if result.sensitivity:
        ranking = Table(title="What moves the result most (Spearman's rho)")
        for name in ("uncertain input", "|rho|", "output it moves most"):
            ranking.add_column(name)
        for s in result.sensitivity[:10]:
            ranking.add_row(s.input, f"{s.strongest:.2f}", s.output)
        console.print(ranking)
