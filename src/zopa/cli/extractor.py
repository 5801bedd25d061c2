"""``zopa train-extractor``: fit the learned claim extractor on gold annotations."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zopa.cli.common import JsonFlag, ScenarioOption, console, print_json
from zopa.evidence.extract.learned import DEFAULT_WEIGHTS, model_summary
from zopa.evidence.train import SEED, train_extractor
from zopa.model import resolve_scenario


def register(app: typer.Typer) -> None:
    app.command("train-extractor")(train)


def train(
    gold_dirs: Annotated[
        list[Path],
        typer.Argument(help="Folders of *.claims.yaml gold files (articles beside or one up)."),
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Where to write the weights (.npz).")
    ] = DEFAULT_WEIGHTS,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the inner folds.")] = SEED,
    scenario: ScenarioOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Train the learned extractor (--extractor learned) on gold annotations.

    The same gold and seed give the same weights. By default the weights replace
    those that ship with zopa, which `--extractor learned` then uses.
    """
    model = train_extractor(gold_dirs, scenario=resolve_scenario(scenario), seed=seed)
    model.save(out)
    summary = {"weights": str(out), **model_summary(model)}
    if as_json:
        print_json(summary)
        return
    console.print(
        f"Trained on {summary['trained_on']} articles ({summary['issues']} issues, "
        f"threshold {summary['threshold']}); weights written to {out}"
    )
