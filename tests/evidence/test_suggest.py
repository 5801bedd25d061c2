"""zopa suggest: changes newer claims call for, applied or rejected by the analyst."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from zopa.cli.app import app
from zopa.errors import ScenarioError, UnknownNameError
from zopa.evidence.metadata import DocumentMeta
from zopa.evidence.store import Store
from zopa.evidence.suggest import apply_suggestions, dismiss_suggestions, suggest_changes
from zopa.evidence.types import ExtractedClaim
from zopa.model import (
    load_builtin,
    load_scenario,
    save_scenario,
    scenario_from_data,
    scenario_to_data,
)
from zopa.space import analyze

runner = CliRunner()


def _store(*sentences: tuple[str, str, str, str | None, str]) -> Store:
    """A store holding one document whose sentences state (actor, issue, stance, option, date)."""
    text = ""
    claims = []
    for actor, issue, stance, option, date in sentences:
        quote = f"{actor} {stance} {option or 'something'} on the {issue}."
        start = len(text)
        text += quote + " "
        claims.append(
            ExtractedClaim(
                actor, issue, stance, quote, option, date, quote, start, start + len(quote),
                0.9, False, "test",
            )
        )  # fmt: skip
    store = Store("sqlite://")
    store.add(text, DocumentMeta(published="2026-03-01"), claims)
    return store


def _kinds(suggestions) -> list[tuple[str, str, str, str | None]]:
    return sorted((s.kind, s.party, s.issue, s.option) for s in suggestions)


def test_each_kind_of_change_is_proposed_from_its_claims():
    store = _store(
        ("South", "river", "red_line", "midline", "2026-03-01"),  # new red line
        ("North", "river", "accepts", "north_bank", "2026-03-01"),  # ends a red line
        ("South", "fishing", "offers", None, "2026-03-01"),  # drops its demand on fishing
        ("North", "fishing", "accepts", "shared", "2026-03-01"),  # accepts a lower option
        ("North", "river", "demands", "south_bank", "2026-03-01"),  # agrees: nothing to do
    )
    suggestions = suggest_changes(load_builtin("tiny"), store)
    assert _kinds(suggestions) == [
        ("accepted_option", "North", "fishing", "shared"),
        ("add_red_line", "South", "river", "midline"),
        ("dropped_demand", "South", "fishing", None),
        ("end_red_line", "North", "river", "north_bank"),
    ]
    assert all(len(s.claims) == 1 and s.claims[0].quote.endswith(".") for s in suggestions)
    assert [s.applicable for s in suggestions if s.kind == "accepted_option"] == [False]


def test_claims_older_than_the_judgement_propose_nothing():
    data = scenario_to_data(load_builtin("tiny"))
    data["sources"] = [{"id": "brief", "outlet": "The Daily", "date": "2026-04-01"}]
    data["parties"][1]["values"]["river"]["midline"] = {"value": 0.5, "sources": ["brief"]}
    scenario = scenario_from_data(data)
    old = _store(("South", "river", "red_line", "midline", "2026-03-01"))
    assert suggest_changes(scenario, old) == ()
    new = _store(("South", "river", "red_line", "midline", "2026-04-02"))
    assert _kinds(suggest_changes(scenario, new)) == [("add_red_line", "South", "river", "midline")]


def test_applying_a_red_line_dates_it_and_the_analysis_before_is_unchanged():
    tiny = load_builtin("tiny")
    store = _store(("South", "river", "red_line", "midline", "2026-03-01"))
    (suggestion,) = suggest_changes(tiny, store)
    changed = apply_suggestions(tiny, (suggestion,), [suggestion.key])
    (line,) = [r for r in changed.party("South").red_lines["river"] if r.option == "midline"]
    assert line.since == "2026-03-01" and line.claims == (suggestion.claims[0].id,)
    before = analyze(changed.as_of("2026-02"), max_pareto=50).to_dict()
    assert before == analyze(tiny, max_pareto=50).to_dict()
    # After the date the package space is the one of a hand-made scenario with that red line.
    data = scenario_to_data(tiny)
    data["parties"][1]["red_lines"]["river"] = ["midline"]
    by_hand = analyze(scenario_from_data(data), max_pareto=50).to_dict()
    assert analyze(changed.as_of("2026-03-02"), max_pareto=50).to_dict() == by_hand
    assert suggest_changes(changed, store) == ()  # applied: nothing left to propose


def test_ending_red_lines_sets_until_and_keeps_the_history():
    tiny = load_builtin("tiny")
    store = _store(
        ("North", "river", "accepts", "north_bank", "2026-03-05"),
        ("South", "fishing", "offers", None, "2026-03-06"),
    )
    suggestions = suggest_changes(tiny, store)
    changed = apply_suggestions(tiny, suggestions, [s.key for s in suggestions])
    assert changed.party("North").red_lines["river"][0].until == "2026-03-05"
    assert changed.party("South").red_lines["fishing"][0].until == "2026-03-06"
    assert changed.as_of("2026-03-04").party("North").forbidden("river") == {"north_bank"}
    assert changed.as_of("2026-03-07").party("South").forbidden("fishing") == set()


def test_rejected_claims_are_kept_in_the_scenario_and_not_proposed_again(tmp_path):
    tiny = load_builtin("tiny")
    store = _store(("South", "river", "red_line", "midline", "2026-03-01"))
    suggestions = suggest_changes(tiny, store)
    dismissed = dismiss_suggestions(tiny, suggestions, [suggestions[0].key])
    path = save_scenario(dismissed, tmp_path / "t.yaml")
    assert load_scenario(path).dismissed_claims == (suggestions[0].claims[0].id,)
    assert suggest_changes(load_scenario(path), store) == ()


def test_bad_requests_are_clear_errors():
    tiny = load_builtin("tiny")
    store = _store(
        ("North", "fishing", "accepts", "shared", "2026-03-01"),
        ("North", "river", "red_line", "midline", "2026-03-01"),
        ("North", "river", "red_line", "south_bank", "2026-03-01"),
    )
    suggestions = suggest_changes(tiny, store)
    advice = next(s for s in suggestions if s.kind == "accepted_option")
    with pytest.raises(ScenarioError, match="advice only"):
        apply_suggestions(tiny, suggestions, [advice.key])
    with pytest.raises(UnknownNameError, match="unknown suggestion"):
        apply_suggestions(tiny, suggestions, ["s00000000"])
    # North already rules out north_bank: two more red lines leave the river no option.
    both = [s.key for s in suggestions if s.kind == "add_red_line"]
    with pytest.raises(ScenarioError, match="rules out every option"):
        apply_suggestions(tiny, suggestions, both)


def test_cli_suggest_lists_applies_and_refuses_without_output(tmp_path, monkeypatch):
    db = tmp_path / "z.db"
    store = Store(f"sqlite:///{db}")
    text = "South draws a red line at the midline."
    claim = ExtractedClaim(
        "South", "river", "red_line", "no midline", "midline", "2026-03-01", text, 0, len(text),
        0.9, False, "test",
    )  # fmt: skip
    store.add(text, DocumentMeta(published="2026-03-01"), [claim])
    store.close()
    result = runner.invoke(app, ["suggest", "tiny", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    (suggestion,) = json.loads(result.stdout)["suggestions"]
    assert suggestion["claims"][0]["quote"] == text
    result = runner.invoke(app, ["suggest", "tiny", "--db", str(db), "--apply", suggestion["key"]])
    assert result.exit_code == 2 and "-o FILE" in result.output
    out = tmp_path / "new.yaml"
    args = ["suggest", "tiny", "--db", str(db), "--apply", suggestion["key"], "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert load_scenario(out).party("South").forbidden("river") == {"midline"}
