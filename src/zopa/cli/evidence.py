"""``zopa ingest``, ``zopa claims`` and ``zopa timeline``: the evidence store from the shell."""

from __future__ import annotations

import csv
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from zopa.cli.common import (
    DbOption,
    ExtractorOption,
    GoldOption,
    IndexOption,
    JsonFlag,
    ScenarioOption,
    console,
    err_console,
    print_json,
)
from zopa.errors import EvidenceError
from zopa.evidence.ingest import IngestReport, ingest, nothing_to_ingest
from zopa.evidence.metadata import DocumentMeta, normalise_date
from zopa.evidence.store import Store, resolve_actor, resolve_issue
from zopa.model import resolve_scenario

_PROGRESS_ABOVE = 5  # files; fewer finish before a bar would be worth drawing


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("claims")(claims_command)
    app.command("timeline")(timeline_command)


def ingest_command(
    paths: Annotated[
        list[str],
        typer.Argument(help="Text, Markdown or HTML files, folders (recursive), or - for stdin."),
    ],
    db: DbOption = None,
    scenario: ScenarioOption = None,
    extractor: ExtractorOption = "rules",
    title: Annotated[str | None, typer.Option("--title", help="Title of every document.")] = None,
    outlet: Annotated[
        str | None, typer.Option("--outlet", help="Outlet of every document.")
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Publication date, YYYY-MM-DD or YYYY-MM.")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="URL of every document.")] = None,
    index: IndexOption = None,
    gold: GoldOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Read articles, extract their claims and store both; a document already stored is skipped."""
    from zopa.evidence.extract import get_extractor
    from zopa.evidence.gold import GoldSet

    overrides = DocumentMeta(
        title=title, outlet=outlet, published=normalise_date(date, where="--date"), url=url
    )
    model = resolve_scenario(scenario)
    finder = get_extractor(extractor)
    nothing = nothing_to_ingest(paths)
    if nothing is not None:
        raise EvidenceError(nothing)
    with Store(db) as store:
        report = ingest(
            store,
            paths,
            scenario=model,
            extractor=finder,
            overrides=overrides,
            index=index,
            progress=not as_json and len(paths) + _folder_count(paths) > _PROGRESS_ABOVE,
            gold=None if gold is None else GoldSet.load(gold),
        )
        where = store.url
    if as_json:
        print_json(_report_data(report, where))
    else:
        _print_report(report, where)
    if report.failed:
        if len(report.failed) == 1:
            only = report.failed[0]
            raise EvidenceError(f"{only.source}: {only.reason}")
        total = len(report.added) + len(report.duplicates) + len(report.failed)
        raise EvidenceError(f"{len(report.failed)} of {total} sources failed (listed above)")


def _folder_count(paths: list[str]) -> int:
    """A folder counts as many files: enough to show the bar."""
    return sum(_PROGRESS_ABOVE for p in paths if p != "-" and Path(p).is_dir())


def _report_data(report: IngestReport, where: str) -> dict[str, Any]:
    return {
        "store": where,
        "added": [asdict(d) for d in report.added],
        "already_stored": [asdict(d) for d in report.duplicates],
        "failed": [asdict(f) for f in report.failed],
        "gold_skipped": list(report.gold_skipped),
    }


def _print_report(report: IngestReport, where: str) -> None:
    for doc in report.added:
        label = f" {doc.title!r}" if doc.title else ""
        date = f" {doc.published}" if doc.published else ""
        console.print(
            f"[green]added[/green] {escape(f'{doc.source}{label}{date}')}: {doc.n_claims} claims",
            highlight=False,
            soft_wrap=True,
        )
    for doc in report.duplicates:
        console.print(
            f"[yellow]already stored[/yellow] {escape(doc.source)} "
            f"(document {doc.document_id[:12]}); nothing added",
            highlight=False,
            soft_wrap=True,
        )
    for note in report.gold_skipped:
        err_console.print(f"[dim]gold left out: {escape(note)}[/dim]", highlight=False)
    for failure in report.failed:
        err_console.print(
            f"[red]failed[/red] {escape(failure.source)}: {escape(failure.reason)}",
            highlight=False,
            soft_wrap=True,
        )
    console.print(
        f"{len(report.added)} added, {len(report.duplicates)} already stored, "
        f"{len(report.failed)} failed; store: {escape(where)}",
        highlight=False,
        soft_wrap=True,
    )


def claims_command(
    db: DbOption = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Only this party (a name or an alias).")
    ] = None,
    issue: Annotated[str | None, typer.Option("--issue", help="Only this issue or topic.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only claims dated on or after this date.")
    ] = None,
    scenario: ScenarioOption = None,
    as_json: JsonFlag = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV instead of a table.")] = False,
) -> None:
    """List stored claims with their quotes and sources, oldest first."""
    if as_json and as_csv:
        raise typer.BadParameter("choose one of --json and --csv")
    since = normalise_date(since, where="--since")
    with Store(db, create=False) as store:
        model = resolve_scenario(scenario)
        found = store.claims(
            actor=resolve_actor(store, actor, model) if actor else None,
            issue=resolve_issue(store, issue, model) if issue else None,
            since=since,
        )
        where = store.url
    rows = [c.to_dict() for c in found]
    if as_json:
        print_json({"store": where, "claims": rows, "count": len(rows)})
        return
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=_CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    if not rows:
        console.print("no claims match")
        return
    table = Table(title=f"{len(rows)} claims", show_lines=True)
    table.add_column("date", no_wrap=True)
    table.add_column("claim", ratio=2)
    table.add_column("quote", ratio=4)
    table.add_column("source", ratio=2)
    table.add_column("id", no_wrap=True)
    for c in found:
        claim = Text.assemble(
            f"{c.actor} ", (c.stance, "bold"), f" {c.issue}: {c.option or c.position}"
        )
        table.add_row(c.date, claim, Text(c.quote), Text(_source(c.outlet, c.published)), c.id)
    console.print(table)


_CSV_FIELDS = (
    "id",
    "date",
    "actor",
    "issue",
    "stance",
    "position",
    "option",
    "quote",
    "start",
    "end",
    "confidence",
    "hedged",
    "extractor",
    "position_key",
    "document_id",
    "title",
    "outlet",
    "published",
)


def _source(outlet: str | None, published: str | None) -> str:
    return ", ".join(p for p in (outlet or "unknown outlet", published) if p)


def timeline_command(
    issue: Annotated[str, typer.Argument(help="The issue (or topic) to follow.")],
    db: DbOption = None,
    scenario: ScenarioOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Each party's stance on one issue over time, with the articles that report it."""
    with Store(db, create=False) as store:
        model = resolve_scenario(scenario)
        name = resolve_issue(store, issue, model)
        entries = store.timeline(name)
    if as_json:
        parties: dict[str, list[dict[str, Any]]] = {}
        for e in entries:
            parties.setdefault(e.actor, []).append(
                {
                    "stance": e.stance,
                    "option": e.option,
                    "position": e.position,
                    "position_key": e.position_key,
                    "first_date": e.first_date,
                    "last_date": e.last_date,
                    "sources": [
                        {
                            "claim": c.id,
                            "document_id": c.document_id,
                            "title": c.title,
                            "outlet": c.outlet,
                            "published": c.published,
                            "date": c.date,
                            "quote": c.quote,
                        }
                        for c in e.claims
                    ],
                }
            )
        print_json({"issue": name, "parties": parties})
        return
    if not entries:
        console.print(escape(f"no claims on {name!r}"))
        return
    actors = sorted({e.actor for e in entries})
    for actor in actors:
        table = Table(title=escape(f"{actor} on {name}"), show_lines=True, title_justify="left")
        table.add_column("when", no_wrap=True)
        table.add_column("stance", no_wrap=True)
        table.add_column("position", ratio=2)
        table.add_column("reported by", ratio=2)
        table.add_column("quote", ratio=4)
        for e in (e for e in entries if e.actor == actor):
            when = (
                e.first_date if e.first_date == e.last_date else f"{e.first_date}\nto {e.last_date}"
            )
            reports = "\n".join(sorted({_source(c.outlet, c.published) for c in e.claims}))
            table.add_row(
                when, e.stance, Text(e.option or e.position), Text(reports), Text(e.claims[0].quote)
            )
        console.print(table)
