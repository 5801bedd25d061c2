"""``zopa import-genius``/``export-genius``, ``import-geniusweb``/``export-geniusweb``,
and ``zopa import-deliberation``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from zopa.cli.common import JsonFlag, console, err_console, print_json
from zopa.interop import (
    genius_export_notes,
    geniusweb_export_notes,
    read_deliberation,
    read_genius,
    read_geniusweb,
    write_genius,
    write_geniusweb,
)
from zopa.model import Scenario, resolve_scenario, save_scenario
from zopa.space import outcome_count

OutputFile = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the scenario here (YAML, or JSON for .json)."),
]


def register(app: typer.Typer) -> None:
    app.command("import-genius")(import_genius)
    app.command("export-genius")(export_genius)
    app.command("import-geniusweb")(import_geniusweb)
    app.command("export-geniusweb")(export_geniusweb)
    app.command("import-deliberation")(import_deliberation)


def _warn(warnings: tuple[str, ...] | list[str]) -> None:
    """Warnings go to stderr, so ``--json`` output stays one clean object."""
    for warning in warnings:
        err_console.print(
            f"zopa: warning: {warning}", highlight=False, markup=False, soft_wrap=True
        )


def _summary(scenario: Scenario, output: Path | None) -> dict[str, Any]:
    return {
        "scenario": scenario.name,
        "issues": [{"name": i.name, "options": len(i.options)} for i in scenario.issues],
        "packages": outcome_count(scenario),
        "parties": [
            {
                "name": p.name,
                "role": p.role,
                "reservation": p.reservation.value if p.reservation else None,
            }
            for p in scenario.parties
        ],
        "written": str(output) if output else None,
    }


def _save(scenario: Scenario, output: Path | None) -> dict[str, Any]:
    """Write the imported scenario where asked and return its summary."""
    if output is not None:
        save_scenario(scenario, output)
    return _summary(scenario, output)


def _show_summary(summary: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print_json(summary)
        return
    console.print(
        f"scenario {summary['scenario']!r}: {len(summary['parties'])} parties, "
        f"{len(summary['issues'])} issues, {summary['packages']} packages"
    )
    for party in summary["parties"]:
        line = f"  {party['name']} ({party['role']}): reservation {party['reservation']}"
        if "discount_factor" in party:
            line += f", discount factor {party['discount_factor']} (read, not applied)"
        console.print(line, highlight=False)
    if summary["written"]:
        console.print(f"wrote {summary['written']}", highlight=False)


def _show_export(files: list[Path], notes: list[str], as_json: bool) -> None:
    if as_json:
        print_json({"files": [str(f) for f in files], "notes": notes})
        return
    for file in files:
        console.print(f"wrote {file}", highlight=False)
    for note in notes:
        console.print(f"note: {note}", highlight=False)


def import_genius(
    folder: Annotated[
        Path, typer.Argument(help="A GENIUS folder (a domain XML, profiles), or its domain XML.")
    ],
    output: OutputFile = None,
    as_json: JsonFlag = False,
) -> None:
    """Import a GENIUS domain and its profiles as a scenario."""
    imported = read_genius(folder)
    _warn(imported.warnings)
    summary = _save(imported.scenario, output)
    summary["warnings"] = list(imported.warnings)
    for party in summary["parties"]:
        party["discount_factor"] = imported.discount_factors[party["name"]]
    summary["discount_factors"] = "read, not applied"
    _show_summary(summary, as_json)


def export_genius(
    scenario: Annotated[str, typer.Argument(help="A scenario file or the name of a built-in.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for the domain and profile files.")
    ],
    as_json: JsonFlag = False,
) -> None:
    """Export a scenario as GENIUS XML: one domain file, one profile per party."""
    loaded = resolve_scenario(scenario)
    notes = genius_export_notes(loaded)
    files = write_genius(loaded, output)
    _show_export(files, notes, as_json)


def import_geniusweb(
    folder: Annotated[
        Path, typer.Argument(help="A folder of GeniusWeb JSON: a domain and profiles.")
    ],
    output: OutputFile = None,
    as_json: JsonFlag = False,
) -> None:
    """Import a GeniusWeb domain and its linear additive profiles as a scenario."""
    imported = read_geniusweb(folder)
    _warn(imported.warnings)
    summary = _save(imported.scenario, output)
    summary["warnings"] = list(imported.warnings)
    _show_summary(summary, as_json)


def export_geniusweb(
    scenario: Annotated[str, typer.Argument(help="A scenario file or the name of a built-in.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for the domain and profile files.")
    ],
    as_json: JsonFlag = False,
) -> None:
    """Export a scenario as GeniusWeb JSON: one domain file, one profile per party."""
    loaded = resolve_scenario(scenario)
    notes = geniusweb_export_notes(loaded)
    files = write_geniusweb(loaded, output)
    _show_export(files, notes, as_json)


def import_deliberation(
    folder: Annotated[Path, typer.Argument(help="An LLM-Deliberation game folder.")],
    output: OutputFile = None,
    as_json: JsonFlag = False,
) -> None:
    """Import an LLM-Deliberation scoring game as a scenario."""
    _show_summary(_save(read_deliberation(folder), output), as_json)
