"""Options and output helpers every command shares, so a flag means the same everywhere."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from zopa.errors import UnknownNameError
from zopa.evidence.metadata import normalise_date

__all__ = [
    "AsOfOption",
    "DbOption",
    "ExtractorOption",
    "GoldOption",
    "IndexOption",
    "JsonFlag",
    "MaxConcessionsOption",
    "ProtocolOption",
    "RoundsOption",
    "RunsOption",
    "ScenarioArg",
    "ScenarioOption",
    "StrategyOption",
    "as_of_date",
    "console",
    "err_console",
    "print_json",
    "strategy_overrides",
]

console = Console()
err_console = Console(stderr=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")]
ScenarioArg = Annotated[
    str | None,
    typer.Argument(
        help="A scenario file (YAML or JSON) or the name of a built-in; default: ukraine-2026.",
        show_default=False,
    ),
]

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL or SQLite file; default: $ZOPA_DB, else a file in the user data folder.",
        show_default=False,
    ),
]
ScenarioOption = Annotated[
    str | None,
    typer.Option(
        "--scenario",
        help="Scenario file or built-in name; default: ukraine-2026.",
        show_default=False,
    ),
]


MaxConcessionsOption = Annotated[
    int, typer.Option("--max-concessions", min=1, help="Largest concession set searched.")
]
ExtractorOption = Annotated[str, typer.Option("--extractor", help="Claim extractor by name.")]
GoldOption = Annotated[
    Path | None,
    typer.Option(
        "--gold", help="Folder of *.claims.yaml files: store their hand-annotated claims too."
    ),
]
IndexOption = Annotated[
    Path | None,
    typer.Option("--index", help="YAML index giving each file's outlet, date, title, URL."),
]

# The simulated talks' choices, shared by `zopa simulate` and `zopa report --simulate`.
ProtocolOption = Annotated[
    str,
    typer.Option("--protocol", help="mediator (single negotiating text) or alternating (offers)."),
]
RoundsOption = Annotated[
    int | None,
    typer.Option("--rounds", min=1, help="Deadline in rounds; default: the scenario's, else 50."),
]
RunsOption = Annotated[int, typer.Option("--runs", min=1, help="Negotiations to simulate.")]
StrategyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--strategy",
        help="PARTY=NAME (boulware, linear, conceder, tit-for-tat, hardliner; "
        "NAME:EXPONENT sets e), repeatable.",
    ),
]


def strategy_overrides(pairs: list[str] | None) -> dict[str, str]:
    """``--strategy PARTY=NAME`` values as a mapping of party to strategy name."""
    out = {}
    for pair in pairs or []:
        party, sep, name = pair.partition("=")
        if not sep or not party.strip() or not name.strip():
            raise UnknownNameError(f"--strategy {pair!r}: expected PARTY=NAME")
        out[party.strip()] = name.strip()
    return out


AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Analyse the scenario as it stood on this date (dated red lines and reservations).",
        show_default=False,
    ),
]


def as_of_date(value: str | None) -> str | None:
    """The ``--as-of`` date as YYYY-MM-DD or YYYY-MM (any date ``normalise_date`` reads)."""
    return None if value is None else normalise_date(value, where="--as-of")


def print_json(data: Any) -> None:
    """Write ``data`` as JSON on stdout, uncoloured so it pipes cleanly."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
