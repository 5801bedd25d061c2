"""``zopa analyze``: the agreement space of a scenario, as tables or JSON."""

from __future__ import annotations

import json
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from zopa.cli.common import (
    AsOfOption,
    JsonFlag,
    MaxConcessionsOption,
    ScenarioArg,
    as_of_date,
    console,
    err_console,
    print_json,
)
from zopa.errors import LimitReachedError, ScenarioError
from zopa.model import resolve_scenario
from zopa.space import Analysis, analyze


class Method(StrEnum):
    auto = "auto"
    frontier = "frontier"
    milp = "milp"


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze_command)


def analyze_command(
    scenario: ScenarioArg = None,
    as_json: JsonFlag = False,
    max_pareto: Annotated[
        int, typer.Option("--max-pareto", min=0, help="Frontier points to list (all are counted).")
    ] = 20,
    max_concessions: MaxConcessionsOption = 3,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Where to write the JSON (default: out/NAME-analysis.json)."
        ),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed for estimates above 1e9 packages.")] = 0,
    as_of: AsOfOption = None,
    method: Annotated[
        Method,
        typer.Option(
            "--method",
            help="Bargaining points from the whole frontier, by MILP without it, "
            "or auto: the frontier unless its growth predicts more than 100,000 points.",
        ),
    ] = Method.auto,
    timeout: Annotated[
        float | None,
        typer.Option("--timeout", min=0, help="Stop after this many seconds.", show_default=False),
    ] = None,
    max_memory: Annotated[
        str | None,
        typer.Option(
            "--max-memory",
            help="Memory the frontier merge may use, e.g. 2G or 500M (auto then "
            "switches to the MILP method; --method frontier stops).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Where a deal is possible, what blocks it, and what a fair mediator would propose.

    A run stopped by --timeout or --max-memory exits with status 2; with --json it
    still prints one JSON object, with "stopped": true and the reason.
    """
    model = resolve_scenario(scenario)
    date = as_of_date(as_of)
    if date is not None:
        model = model.as_of(date)
    ceiling = None if max_memory is None else parse_bytes(max_memory)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), console=err_console, transient=True) as bar:
        task = bar.add_task(f"{model.name}: merging issues", total=len(model.issues))

        def report(message: str) -> None:
            bar.console.print(f"[dim]{model.name}: {message}[/dim]")
            bar.update(task, description=f"{model.name}: {message}")

        try:
            result = analyze(
                model,
                max_pareto=max_pareto,
                max_concession_size=max_concessions,
                seed=seed,
                method=method.value,
                timeout=timeout,
                max_memory=ceiling,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
                report=report,
            )
        except LimitReachedError as error:
            if as_json:
                print_json(
                    {
                        "scenario": model.name,
                        "stopped": True,
                        "reason": error.reason,
                        "message": str(error),
                        "method": method.value,
                        "timeout": timeout,
                        "max_memory": ceiling,
                    }
                )
            raise
    data = result.to_dict()
    if date is not None:
        data["as_of"] = date
    if as_json:
        print_json(data)
        if output is not None:
            _write(output, data)
        return
    _print_tables(result)
    path = _write(output or Path("out") / f"{_slug(model.name)}-analysis.json", data)
    console.print(f"\nJSON written to [bold]{path}[/bold]")


def parse_bytes(text: str) -> int:
    """``2G``, ``500M``, ``64k`` or a plain number of bytes (binary units)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)i?[bB]?\s*", text)
    if not match:
        raise ScenarioError(f"--max-memory: {text!r} is not a size such as 2G or 500M")
    power = " kmgt".index(match.group(2).lower() or " ")
    return int(float(match.group(1)) * 1024**power)


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "scenario"


def _write(path: Path, data: dict) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as error:
        raise ScenarioError(f"{path}: cannot write the analysis: {error}") from None
    return path


def _print_concessions(result: Analysis) -> None:
    table = Table(title="Smallest concessions that open a deal")
    table.add_column("#", justify="right")
    table.add_column("concessions")
    table.add_column("packages opened", justify="right")
    table.add_column("Nash point then gives", justify="right")
    for rank, c in enumerate(result.concessions, 1):
        opened = _count(c.opens.count) if c.opens.exact else f"≈ {_count(c.opens.count)}"
        gains = (
            ""
            if c.nash is None
            else "\n".join(f"{party} {u:.3f}" for party, u in c.nash.utilities.items())
        )
        table.add_row(str(rank), "\n".join(str(x) for x in c.relax), opened, gains)
    console.print(table)
    deals = [c.nash for c in result.concessions if c.nash is not None]
    if not deals:
        return
    table = Table(title="The Nash package after each concession set")
    table.add_column("issue")
    for rank, c in enumerate(result.concessions, 1):
        if c.nash is not None:
            table.add_column(f"#{rank}")
    for issue in deals[0].package:
        table.add_row(issue, *(d.package[issue] for d in deals))
    console.print(table)


def _party_labels(parties: tuple[str, ...]) -> tuple[dict[str, str], str | None]:
    """Column headers for the parties: their names, or short codes and a legend where the
    names would not fit the terminal beside each other."""
    needed = sum(max(len(p), 6) + 3 for p in parties) + 16
    if needed <= console.width:
        return {p: p for p in parties}, None
    labels: dict[str, str] = {}
    for party in parties:
        words = [w for w in party.replace("-", " ").split() if w[0].isalnum()]
        if len(words) > 1:
            code = "".join(w[0].upper() for w in words)
        else:
            code = party if len(party) <= 6 else party[:4]
        while code in labels.values():
            code += str(len(labels))
        labels[party] = code
    legend = ", ".join(f"{code} = {party}" for party, code in labels.items())
    return labels, legend


def _count(n: int) -> str:
    return f"{n:,}" if n < 10**12 else f"{n:.3e}"


def _print_tables(result: Analysis) -> None:
    summary = Table(title=f"Agreement space of {result.scenario}", show_header=False)
    summary.add_column(style="bold")
    summary.add_column(justify="right")
    feasible = _count(result.feasible.count)
    if not result.feasible.exact:
        feasible = (
            f"≈ {feasible} (95%: {_count(result.feasible.low)}–{_count(result.feasible.high)})"
        )
    summary.add_row("packages", _count(result.outcomes))
    summary.add_row("after red lines", _count(result.after_red_lines))
    needed, required = result.rule
    if needed == len(result.parties):
        summary.add_row("decision rule", "unanimity")
        summary.add_row("feasible (red lines and reservation values)", feasible)
    else:
        including = f", including {', '.join(required)}" if required else ""
        summary.add_row("decision rule", f"{needed} of {len(result.parties)}{including}")
        summary.add_row("passing the rule", feasible)
        unanimous = _count(result.unanimous.count)
        summary.add_row("acceptable to every party", unanimous)
    summary.add_row(
        "on the Pareto frontier",
        "not built (MILP method)" if result.frontier is None else _count(result.frontier.count),
    )
    summary.add_row(
        "deal possible", "[green]yes[/green]" if result.deal_possible else "[red]no[/red]"
    )
    console.print(summary)

    blocked = [p for p in result.pruning if p.blocked]
    if blocked:
        table = Table(title="Blocked issues: every option is ruled out by someone")
        table.add_column("issue")
        table.add_column("option")
        table.add_column("ruled out by")
        for p in blocked:
            for option, parties in p.removed_by.items():
                table.add_row(p.issue, option, ", ".join(parties))
        console.print(table)

    if result.concessions:
        _print_concessions(result)

    points = [
        ("Nash", result.nash),
        ("Kalai–Smorodinsky", result.kalai_smorodinsky),
        ("utilitarian", result.utilitarian),
        ("egalitarian", result.egalitarian),
    ]
    if result.deal_possible:
        labels, legend = _party_labels(result.parties)
        table = Table(title="What a mediator could propose", caption=legend)
        table.add_column("rule")
        for party in result.parties:
            table.add_column(labels[party], justify="right")
        shown = [(name, point) for name, point in points if point is not None]
        for name, point in shown:
            if point.gap > 0:
                name = f"{name}\n(within {point.gap:.2g})"
            table.add_row(name, *(f"{point.utilities[p]:.3f}" for p in result.parties))
        console.print(table)
        # The packages get a table of their own: beside the utilities they do not fit.
        table = Table(title="The package each rule proposes")
        table.add_column("issue")
        for name, _point in shown:
            table.add_column(name)
        for issue in shown[0][1].package:
            table.add_row(issue, *(point.package[issue] for _name, point in shown))
        console.print(table)

        listed = result.listed_points()
        if result.frontier is None:
            title = f"Pareto frontier sample: {len(listed)} points (MILP, not counted)"
        else:
            title = f"Pareto frontier: {len(listed)} of {len(result.frontier):,} points"
        table = Table(title=title, caption=legend)
        for party in result.parties:
            table.add_column(labels[party], justify="right")
        table.add_column("packages", justify="right")
        for point in listed:
            count = "-" if point.multiplicity is None else str(point.multiplicity)
            table.add_row(*(f"{point.utilities[p]:.3f}" for p in result.parties), count)
        console.print(table)
    for note in result.notes:
        console.print(f"[dim]note: {note}[/dim]")
