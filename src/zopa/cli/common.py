"""Options and output helpers every command shares, so a flag means the same everywhere."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console

__all__ = ["JsonFlag", "ScenarioArg", "console", "err_console", "print_json"]

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


def print_json(data: Any) -> None:
    """Write ``data`` as JSON on stdout, uncoloured so it pipes cleanly."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
