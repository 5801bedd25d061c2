"""``zopa suggest``: changes newer claims call for, to apply or reject."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from zopa.cli.common import DbOption, JsonFlag, ScenarioArg, console, print_json
from zopa.errors import ScenarioError
from zopa.evidence.store import Store
from zopa.evidence.suggest import apply_suggestions, dismiss_suggestions, suggest_changes
from zopa.model import resolve_scenario, save_scenario


def register(app: typer.Typer) -> None:
    app.command("suggest")(suggest_command)


def suggest_command(
    scenario: ScenarioArg = None,
    db: DbOption = None,
    apply: Annotated[
        list[str] | None,
        typer.Option("--apply", help="Apply the suggestion with this key (repeatable)."),
    ] = None,
    reject: Annotated[
        list[str] | None,
        typer.Option("--reject", help="Set aside the claims of this suggestion (repeatable)."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Where to write the changed scenario (YAML or JSON)."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Propose, from claims newer than a judgement, the changes an analyst should consider.

    Each suggestion (a new red line, an ended one, a dropped demand, an accepted
    option) has a key and the quotes behind it. --apply KEY writes the change,
    citing the claims and dated by them; --reject KEY records the claims as
    dismissed so they are not proposed again. Both need -o FILE.
    """
    model = resolve_scenario(scenario)
    with Store(db, create=False) as store:
        suggestions = suggest_changes(model, store)
    if apply or reject:
        if output is None:
            raise ScenarioError("--apply and --reject write a new scenario: give -o FILE")
        changed = apply_suggestions(model, suggestions, apply or [])
        changed = dismiss_suggestions(changed, suggestions, reject or [])
        path = save_scenario(changed, output)
        if as_json:
            print_json({"written": str(path), "applied": apply or [], "rejected": reject or []})
        else:
            console.print(
                f"{len(apply or [])} applied, {len(reject or [])} rejected; "
                f"scenario written to [bold]{escape(str(path))}[/bold]"
            )
        return
    if as_json:
        print_json(
            {
                "scenario": model.name,
                "count": len(suggestions),
                "suggestions": [s.to_dict() for s in suggestions],
            }
        )
        return
    if not suggestions:
        console.print(f"No stored claim newer than {model.name!r}'s judgements calls for a change.")
        return
    for s in suggestions:
        advice = "" if s.applicable else " [dim](advice only)[/dim]"
        console.print(f"\n[bold]{s.key}[/bold] {s.date}  {escape(s.change)}{advice}")
        for claim in s.claims:
            source = escape(claim.outlet or claim.title or claim.document_id[:12])
            hedged = ", hedged" if claim.hedged else ""
            console.print(
                f"  {claim.date} {claim.stance}{hedged} ({source}, {claim.id}): "
                f"“{escape(claim.quote)}”",
                highlight=False,
            )
    console.print("\nApply with --apply KEY -o FILE, reject with --reject KEY -o FILE.")
