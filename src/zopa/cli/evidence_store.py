"""``zopa documents``, ``reextract``, ``update-doc`` and ``forget``: the store kept up to date."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import asdict
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
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
from zopa.evidence.metadata import DocumentMeta, normalise_date
from zopa.evidence.reextract import reextract
from zopa.evidence.store import DocumentChange, DocumentUpdate, Store, StoredDocument
from zopa.model import resolve_scenario

_PROGRESS_ABOVE = 5  # documents; fewer finish before a bar would be worth drawing

DocumentArg = Annotated[
    str, typer.Argument(help="Document id, or a unique prefix of 8+ characters.")
]


def register(app: typer.Typer) -> None:
    app.command("documents")(documents_command)
    app.command("reextract")(reextract_command)
    app.command("update-doc")(update_doc_command)
    app.command("forget")(forget_command)


def documents_command(db: DbOption = None, as_json: JsonFlag = False) -> None:
    """List the stored documents: id, date, outlet, title and number of claims."""
    with Store(db, create=False) as store:
        docs = store.documents()
        where = store.url
    if as_json:
        rows = [
            {"id": d.id, **asdict(d.meta), "added_at": d.added_at, "claims": d.n_claims}
            for d in docs
        ]
        print_json({"store": where, "documents": rows, "count": len(rows)})
        return
    table = Table(title=escape(f"{_plural(len(docs), 'document')} in {where}"))
    table.add_column("id", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("outlet", ratio=1)
    table.add_column("title", ratio=3)
    table.add_column("claims", justify="right")
    for d in docs:
        table.add_row(
            d.id[:12],
            d.meta.published or "",
            Text(d.meta.outlet or ""),
            Text(d.meta.title or d.meta.path or ""),
            str(d.n_claims),
        )
    console.print(table)


def reextract_command(
    documents: Annotated[
        list[str] | None,
        typer.Argument(
            help="Ids (or prefixes) of the documents to redo; default: all.", show_default=False
        ),
    ] = None,
    db: DbOption = None,
    scenario: ScenarioOption = None,
    extractor: ExtractorOption = "rules",
    index: IndexOption = None,
    gold: GoldOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Extract the claims of stored documents again, replacing the old ones in one transaction.

    For new cues in the scenario, another --scenario or --extractor, or an
    --index forgotten at ingestion (claims are then dated against the new
    dates). Says, per document, what changed: metadata, and claims added,
    removed and kept.
    """
    from zopa.evidence.extract import get_extractor
    from zopa.evidence.gold import GoldSet

    model = resolve_scenario(scenario)
    finder = get_extractor(extractor)
    with Store(db, create=False) as store:
        with _bar(enabled=not as_json) as advance:
            results = reextract(
                store,
                scenario=model,
                extractor=finder,
                document_ids=documents or (),
                index=index,
                progress=advance,
                gold=None if gold is None else GoldSet.load(gold),
            )
        where = store.url
    totals = {
        "added": sum(len(c.added) for _, c in results),
        "removed": sum(len(c.removed) for _, c in results),
        "kept": sum(c.kept for _, c in results),
        "revised": sum(c.revised for _, c in results),
    }
    if as_json:
        print_json(
            {
                "store": where,
                "scenario": model.name,
                "extractor": finder.name,
                **totals,
                "documents": [_change_data(doc, change) for doc, change in results],
            }
        )
        return
    for doc, change in results:
        if change.changed:
            console.print(
                f"[green]changed[/green] {escape(_label(doc))}: {escape(_describe(change))}",
                highlight=False,
                soft_wrap=True,
            )
    changed = sum(c.changed for _, c in results)
    console.print(
        f"re-extracted {_plural(len(results), 'document')} ({changed} changed) with "
        f"{finder.name!r} for {escape(repr(model.name))}: {totals['added']} claims added, "
        f"{totals['removed']} removed, {totals['kept']} kept ({totals['revised']} revised); "
        f"store: {escape(where)}",
        highlight=False,
        soft_wrap=True,
    )


def update_doc_command(
    document: DocumentArg,
    db: DbOption = None,
    title: Annotated[str | None, typer.Option("--title", help="New title.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="New outlet.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="New publication date, YYYY-MM-DD or YYYY-MM.")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="New URL.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Correct a stored document's title, outlet, date or URL, and say what changed.

    The claims keep the dates they were given; after a new --date, run
    `zopa reextract DOC` to date them against it.
    """
    if all(v is None for v in (title, outlet, date, url)):
        raise typer.BadParameter("give at least one of --title, --outlet, --date, --url")
    meta = DocumentMeta(
        title=title, outlet=outlet, published=normalise_date(date, where="--date"), url=url
    )
    with Store(db, create=False) as store:
        doc = store.document(document)
        (change,) = store.rewrite([DocumentUpdate(doc.id, meta=meta)])
    if as_json:
        print_json(_change_data(doc, change))
        return
    if not change.meta:
        console.print(escape(f"{_label(doc)}: nothing to change"), highlight=False)
        return
    console.print(
        f"[green]updated[/green] {escape(_label(doc))}: {escape(_describe(change))}",
        highlight=False,
        soft_wrap=True,
    )
    if "published" in change.meta and doc.n_claims:
        console.print(
            f"its {_plural(doc.n_claims, 'claim')} keep their dates; run "
            f"`zopa reextract {doc.id[:12]}` to date them against the new one",
            highlight=False,
        )


def forget_command(document: DocumentArg, db: DbOption = None, as_json: JsonFlag = False) -> None:
    """Remove a document and all its claims from the store, in one transaction."""
    with Store(db, create=False) as store:
        doc = store.forget(document)
    if as_json:
        print_json(
            {
                "document_id": doc.id,
                "title": doc.meta.title,
                "path": doc.meta.path,
                "claims_removed": doc.n_claims,
            }
        )
        return
    console.print(
        escape(f"forgot document {_label(doc)} and its {_plural(doc.n_claims, 'claim')}"),
        highlight=False,
        soft_wrap=True,
    )


def _label(doc: StoredDocument) -> str:
    name = doc.meta.title or doc.meta.path
    return f"{doc.id[:12]}" + (f" {name!r}" if name else "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _shown(value: str | None) -> str:
    return "none" if value is None else repr(value)


def _describe(change: DocumentChange) -> str:
    parts = [f"{name}: {_shown(old)} → {_shown(new)}" for name, (old, new) in change.meta.items()]
    if change.added or change.removed or change.revised:
        parts.append(
            f"claims +{len(change.added)} −{len(change.removed)} "
            f"({change.kept} kept, {change.revised} revised)"
        )
    return "; ".join(parts)


def _change_data(doc: StoredDocument, change: DocumentChange) -> dict[str, Any]:
    return {
        "document_id": doc.id,
        "title": doc.meta.title,
        "path": doc.meta.path,
        "meta": {name: {"old": old, "new": new} for name, (old, new) in change.meta.items()},
        "added": list(change.added),
        "removed": list(change.removed),
        "kept": change.kept,
        "revised": change.revised,
    }


@contextlib.contextmanager
def _bar(*, enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr, drawn only for more than a handful of documents."""
    if not enabled:
        yield None
        return
    columns = (TextColumn("re-extracting"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err_console, transient=True, disable=True) as bar:
        task = bar.add_task("", total=None)

        def advance(done: int, total: int) -> None:
            if total > _PROGRESS_ABOVE and bar.disable:
                bar.disable = False
                bar.start()
            bar.update(task, completed=done, total=total)

        yield advance
