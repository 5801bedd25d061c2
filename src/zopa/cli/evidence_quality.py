"""``zopa eval-extraction`` and ``zopa check``: how good the claims are, and what they say."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from zopa.cli.common import DbOption, JsonFlag, ScenarioArg, ScenarioOption, console, print_json
from zopa.evidence.check import check_scenario
from zopa.evidence.evaluate import EvalReport, breakdown, evaluate_extraction
from zopa.evidence.extract import available_extractors, get_extractor
from zopa.evidence.store import Store
from zopa.evidence.train import cross_validate as run_cross_validation
from zopa.model import resolve_scenario


def register(app: typer.Typer) -> None:
    app.command("eval-extraction")(eval_extraction)
    app.command("check")(check)


def eval_extraction(
    gold_dirs: Annotated[
        list[Path],
        typer.Argument(help="Folders of *.claims.yaml gold files (articles beside or one up)."),
    ],
    scenario: ScenarioOption = None,
    extractor: Annotated[str, typer.Option("--extractor", help="Extractor by name.")] = "rules",
    cross_validate: Annotated[
        int,
        typer.Option(
            "--cross-validate",
            metavar="K",
            help="Leave whole articles out: train on K-1 folds, score the held-out one.",
        ),
    ] = 0,
    as_json: JsonFlag = False,
) -> None:
    """Score a claim extractor on gold annotations: precision, recall and F1 per article.

    Scores count sets of (actor, issue, stance) per article: gold and found are
    distinct triples, hit those in both, P, R and F1 precision, recall and F1; the
    overall row sums over articles. Exact: gold claims whose very quote the
    extractor also gave for the same triple, of all gold claims. With
    --cross-validate K every article is scored by a model trained without it,
    and scores per stance and per issue and the stance confusion follow.
    """
    model = resolve_scenario(scenario)
    if cross_validate:
        if extractor not in available_extractors():
            get_extractor(extractor)  # the one clear error for an unknown name
        with _fold_progress(cross_validate, enabled=not as_json) as advance:
            report = run_cross_validation(
                gold_dirs, scenario=model, folds=cross_validate, extractor=extractor,
                progress=advance,
            )  # fmt: skip
    else:
        report = evaluate_extraction(gold_dirs, scenario=model, extractor=get_extractor(extractor))
    if as_json:
        print_json(report.to_dict())
        return
    where = ", ".join(map(str, gold_dirs))
    how = f", {report.folds}-fold cross-validation" if report.folds else ""
    table = Table(
        title=f"Extractor {report.extractor!r} on {where} (sets of actor, issue, stance{how})"
    )
    for column in ("article", "gold", "found", "hit", "P", "R", "F1", "exact"):
        if column == "article":
            table.add_column(column, overflow="fold")
        else:
            table.add_column(column, justify="right", no_wrap=True)
    for score in (*report.articles, report.overall):
        table.add_row(
            escape(score.article),
            str(score.gold),
            str(score.extracted),
            str(score.matched),
            f"{score.precision:.3f}",
            f"{score.recall:.3f}",
            f"{score.f1:.3f}",
            f"{score.exact_quotes}/{score.gold_claims}",
            style="bold" if score.article == "overall" else None,
        )
    console.print(table)
    if report.folds:
        _print_breakdown(report)
    if report.seconds > 0:
        console.print(
            f"extraction: {report.words} words in {report.seconds:.3f} s "
            f"({report.words / report.seconds / 1000:.0f} articles of 1,000 words per second)"
        )


@contextlib.contextmanager
def _fold_progress(total: int, *, enabled: bool) -> Iterator[Callable[[], None]]:
    if not enabled:
        yield lambda: None
        return
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("cross-validating", total=total)
        yield lambda: bar.advance(task)


def _print_breakdown(report: EvalReport) -> None:
    parts = breakdown(report.articles)
    for title, scores in (("stance", parts.stances), ("issue", parts.issues)):
        table = Table(title=f"Per {title} (held-out folds)")
        for column in (title, "gold", "found", "hit", "P", "R", "F1"):
            table.add_column(column, justify="left" if column == title else "right")
        for name, s in scores.items():
            table.add_row(
                escape(name), str(s.gold), str(s.extracted), str(s.matched),
                f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
            )  # fmt: skip
        console.print(table)
    labels = list(parts.confusion)
    table = Table(title="Stance confusion: gold (rows) against found for the same actor and issue")
    table.add_column("gold \\ found")
    for label in labels:
        table.add_column(label, justify="right")
    for gold in labels:
        table.add_row(gold, *(str(parts.confusion[gold][f]) for f in labels))
    console.print(table)


def check(
    scenario: ScenarioArg = None,
    db: DbOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Check a scenario against the evidence store.

    Lists the judgements (weights, values, red lines, reservation values) that
    cite no stored claim, and the stored claims, newer than a judgement's
    sources, that contradict it (a party now accepting an option it red-lines,
    or rejecting the option it values most), newest first, with quotes.
    """
    model = resolve_scenario(scenario)
    with Store(db, create=False) as store:
        report = check_scenario(model, store)
    if as_json:
        print_json(report.to_dict())
        return
    if report.contradictions:
        table = Table(title=f"Claims that contradict {model.name!r}, newest first")
        for column in ("date", "party", "issue", "says", "scenario", "quote", "claim"):
            table.add_column(column)
        for c in report.contradictions:
            table.add_row(
                c.claim_date, escape(c.party), escape(c.issue), f"{c.stance} {escape(c.option)}",
                escape(c.judgement), escape(c.quote), c.claim_id,
            )  # fmt: skip
        console.print(table)
    else:
        console.print(f"No stored claim contradicts {model.name!r}.")
    if report.unsupported:
        table = Table(title=f"Judgements no stored claim supports ({len(report.unsupported)} "
                      f"of {report.judgements})")  # fmt: skip
        table.add_column("judgement", overflow="fold")
        table.add_column("kind", no_wrap=True)
        table.add_column("why")
        table.add_column("stored claims that could back it", overflow="fold")
        for u in report.unsupported:
            cited = (*u.missing, *u.mismatched)
            why = u.reason + (f": {', '.join(cited)}" if cited else "")
            table.add_row(escape(u.path), u.kind, escape(why), ", ".join(u.candidates))
        console.print(table)
    else:
        console.print(f"Every one of the {report.judgements} judgements cites a stored claim.")
