"""``zopa history``: the verdict at each date a dated judgement changed."""

from __future__ import annotations

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from zopa.cli.common import (
    JsonFlag,
    MaxConcessionsOption,
    ScenarioArg,
    console,
    err_console,
    print_json,
)
from zopa.model import resolve_scenario
from zopa.space import Analysis, Change, history


def register(app: typer.Typer) -> None:
    app.command("history")(history_command)


def history_command(
    scenario: ScenarioArg = None,
    as_json: JsonFlag = False,
    max_concessions: MaxConcessionsOption = 2,
) -> None:
    """How the zone of agreement opened or closed as red lines came and went."""
    model = resolve_scenario(scenario)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task(f"{model.name}: dates", total=len(model.change_dates))
        periods = history(
            model,
            max_concession_size=max_concessions,
            progress=lambda done, total: bar.update(task, completed=done),
        )
    if as_json:
        print_json(
            {
                "scenario": model.name,
                "count": len(periods),
                "periods": [p.to_dict() for p in periods],
            }
        )
        return
    if not periods:
        console.print(
            f"{model.name}: no red line or reservation value is dated (since/until), "
            "so the verdict never changes."
        )
        return
    console.print(f"[bold]{model.name} over time[/bold] (dated red lines and reservation values)")
    for period in periods:
        a = period.analysis
        if a.deal_possible:
            verdict = f"[green]deal possible[/green]: {_count(a)} feasible packages"
        else:
            blocked = ", ".join(p.issue for p in a.pruning if p.blocked) or "none"
            verdict = f"[red]no deal[/red] (blocked issues: {blocked})"
        console.print(f"\n[bold]{period.date}[/bold]  {verdict}")
        for line in _grouped(period.changes):
            console.print(f"  {line}")
        if a.concessions:
            first = a.concessions[0]
            smallest = "; ".join(str(x) for x in first.relax)
            opens = f"{first.opens.count:,}" if first.opens.exact else f"≈ {first.opens.count:,}"
            console.print(f"  smallest concession: {smallest} (opens {opens} packages)")


def _count(analysis: Analysis) -> str:
    count = f"{analysis.feasible.count:,}"
    return count if analysis.feasible.exact else f"≈ {count}"


def _grouped(changes: tuple[Change, ...]) -> list[str]:
    """One line per party, issue and event: "+ Russia rules out donetsk_control: a, b"."""
    lines: dict[tuple[str, str, str, str | None], list[str]] = {}
    for change in changes:
        key = (change.event, change.party, change.kind, change.issue)
        lines.setdefault(key, []).append(change.option or f"{change.value:g}")
    out = []
    for (event, party, kind, issue), items in lines.items():
        sign = "+" if event == "starts" else "−"
        if kind == "red_line":
            verb = "rules out" if event == "starts" else "no longer rules out"
            out.append(f"{sign} {party} {verb} {issue}: {', '.join(items)}")
        else:
            verb = "sets its reservation value" if event == "starts" else "drops its reservation"
            out.append(f"{sign} {party} {verb} {', '.join(items)}")
    return out
