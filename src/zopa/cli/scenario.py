"""``zopa scenarios`` and ``zopa validate``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from zopa.cli.common import JsonFlag, console, print_json
from zopa.model import builtin_names, load_builtin, load_scenario


def register(app: typer.Typer) -> None:
    app.command("scenarios")(scenarios)
    app.command("validate")(validate)


def scenarios(as_json: JsonFlag = False) -> None:
    """List the built-in scenarios."""
    rows = []
    for name in builtin_names():
        s = load_builtin(name)
        rows.append(
            {"name": name, "title": s.title, "parties": len(s.parties), "issues": len(s.issues)}
        )
    if as_json:
        print_json({"scenarios": rows, "count": len(rows)})
        return
    table = Table(title="Built-in scenarios")
    for column in ("name", "title", "parties", "issues"):
        table.add_column(column)
    for row in rows:
        table.add_row(*(str(row[c]) for c in ("name", "title", "parties", "issues")))
    console.print(table)


def validate(
    file: Annotated[Path, typer.Argument(help="Scenario file, YAML or JSON.")],
    as_json: JsonFlag = False,
) -> None:
    """Check a scenario file; on success print a summary, on failure say where and what."""
    s = load_scenario(file)
    summary = {
        "file": str(file),
        "valid": True,
        "name": s.name,
        "parties": len(s.parties),
        "issues": len(s.issues),
        "red_lines": sum(len(v) for p in s.parties for v in p.red_lines.values()),
    }
    if as_json:
        print_json(summary)
    else:
        console.print(
            f"[green]valid[/green] {file}: scenario {s.name!r}, {summary['parties']} parties, "
            f"{summary['issues']} issues, {summary['red_lines']} red lines"
        )
