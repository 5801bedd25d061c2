"""Options and output helpers every command shares, so a flag means the same everywhere."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console

__all__ = [
    "DbOption",
    "JsonFlag",
    "ScenarioArg",
    "ScenarioOption",
    "console",
    "err_console",
    "print_json",
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


def print_json(data: Any) -> None:
    """Write ``data`` as JSON on stdout, uncoloured so it pipes cleanly."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
