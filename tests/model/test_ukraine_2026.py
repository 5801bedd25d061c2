"""The built-in ``ukraine-2026`` scenario: structure, citations and the deadlock it must show."""

from __future__ import annotations

import itertools
import json
import re
from importlib import resources
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from zopa.cli.app import app
from zopa.model import load_builtin
from zopa.model.types import Citation, Scenario

NAME = "ukraine-2026"
PARTY_ROLES = {
    "Russia": "principal",
    "Ukraine": "principal",
    "United States": "mediator",
    "Europe": {"guarantor", "other"},
}


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_builtin(NAME)


def _vocabulary(shared_dir: Path) -> set[str]:
    """The backticked issue names listed in ``ISSUES.md`` (one ``- `name`:`` line each)."""
    text = (shared_dir / "corpus" / "ISSUES.md").read_text(encoding="utf-8")
    return set(re.findall(r"^- `([a-z0-9_]+)`:", text, flags=re.MULTILINE))


def _judgements(scenario: Scenario) -> list[tuple[str, Citation]]:
    """Every weight, value, red line and reservation value, with a path naming it."""
    found: list[tuple[str, Citation]] = []
    for party in scenario.parties:
        for issue, weight in party.weights.items():
            found.append((f"{party.name}.weights.{issue}", weight))
        for issue, values in party.values.items():
            for option, value in values.items():
                found.append((f"{party.name}.values.{issue}.{option}", value))
        for issue, lines in party.red_lines.items():
            for line in lines:
                found.append((f"{party.name}.red_lines.{issue}.{line.option}", line))
        if party.reservation is not None:
            found.append((f"{party.name}.reservation", party.reservation))
    return found


def _blocked(scenario: Scenario, relaxed: frozenset[tuple[str, str, str]]) -> list[str]:
    """Issues on which every option is ruled out by some party, red lines in ``relaxed`` aside."""
    blocked = []
    for issue in scenario.issues:
        allowed = [
            option.name
            for option in issue.options
            if not any(
                option.name in party.forbidden(issue.name)
                and (party.name, issue.name, option.name) not in relaxed
                for party in scenario.parties
            )
        ]
        if not allowed:
            blocked.append(issue.name)
    return blocked


def test_loads_with_the_four_parties_and_their_roles(scenario):
    assert scenario.name == NAME
    assert len(scenario.parties) >= 4
    for name, role in PARTY_ROLES.items():
        party = scenario.party(name)
        assert party.name == name
        assert party.role in ({role} if isinstance(role, str) else role), name
        assert party.capability is not None and party.capability.value > 0


def test_has_at_least_ten_issues_each_with_ordered_cued_options(scenario):
    assert len(scenario.issues) >= 10
    for issue in scenario.issues:
        assert issue.description and issue.cues, issue.name
        positions = [o.position for o in issue.options]
        assert None not in positions, issue.name
        assert positions == sorted(positions), issue.name
        for option in issue.options:
            assert option.label and option.cues, f"{issue.name}.{option.name}"
    for cue in itertools.chain.from_iterable(
        [*i.cues, *(c for o in i.options for c in o.cues)] for i in scenario.issues
    ):
        assert cue == cue.lower(), cue


def test_issues_and_topics_cover_the_vocabulary(scenario, shared_dir):
    vocabulary = _vocabulary(shared_dir)
    assert len(vocabulary) >= 20  # the parse found the list
    issues = {i.name for i in scenario.issues}
    topics = {t.name for t in scenario.topics}
    assert not issues & topics
    assert issues | topics <= vocabulary, sorted((issues | topics) - vocabulary)
    assert vocabulary <= issues | topics, sorted(vocabulary - issues - topics)
    for topic in scenario.topics:
        assert topic.description and topic.cues, topic.name


def test_sources_match_the_seed_index(scenario, shared_dir):
    seeds = shared_dir / "corpus" / "seeds"
    index = {e["file"]: e for e in yaml.safe_load((seeds / "index.yaml").read_text("utf-8"))}
    assert sorted(s.file for s in scenario.sources) == sorted(index)
    for source in scenario.sources:
        entry = index[source.file]
        assert source.outlet == entry["outlet"]
        assert source.date == str(entry["date"])
        assert source.title


def test_every_judgement_cites_a_source_or_says_why_not(scenario):
    ids = {s.id for s in scenario.sources}
    judgements = _judgements(scenario)
    assert len(judgements) > 100
    for path, citation in judgements:
        assert citation.cited or (citation.note and citation.note.strip()), path
        assert set(citation.sources) <= ids, path
        if not citation.cited:
            assert "assumption" in citation.note.lower(), path
    cited = sum(c.cited for _, c in judgements)
    assert cited > len(judgements) / 2  # sources are preferred to assumptions


def test_every_weighted_issue_has_values_in_range(scenario):
    for party in scenario.parties:
        for issue_name in party.weights:
            values = party.values[issue_name]
            options = {o.name for o in scenario.issue(issue_name).options}
            assert set(values) == options, (party.name, issue_name)
            assert all(0 <= v.value <= 1 for v in values.values())


def test_reported_red_lines_are_present(scenario):
    russia, ukraine = scenario.party("Russia"), scenario.party("Ukraine")
    donetsk = {o.name for o in scenario.issue("donetsk_control").options}
    # Russia rules out everything in Donetsk except Ukraine's withdrawal.
    assert russia.forbidden("donetsk_control") == donetsk - {"ukraine_withdraws"}
    assert russia.forbidden("foreign_troops") == {"observers", "european_force"}
    assert ukraine.forbidden("donetsk_control") == {"ukraine_withdraws"}
    assert "ukraine_recognises" in ukraine.forbidden("recognition")
    assert "no_recognition" not in ukraine.forbidden("recognition")


def test_russian_offers_are_not_red_lined_and_valued(scenario):
    russia = scenario.party("Russia")
    offers = {
        "withdrawal_sumy_kharkiv_dnipro": "russia_withdraws",
        "army_size_cap": "no_cap",
        "ceasefire_monitoring": "us_led",
    }
    for issue, option in offers.items():
        assert option not in russia.forbidden(issue), issue
        values = russia.values[issue]
        assert values[option].value >= 0.5, issue
        assert "hvylya-0227" in values[option].sources, issue


def test_only_donetsk_is_deadlocked(scenario):
    assert _blocked(scenario, frozenset()) == ["donetsk_control"]


def test_smallest_concessions_are_about_donetsk(scenario):
    lines = [
        (party.name, issue, line.option)
        for party in scenario.parties
        for issue, found in party.red_lines.items()
        for line in found
    ]
    minimal: list[frozenset[tuple[str, str, str]]] = []
    for size in range(1, 4):
        for combo in itertools.combinations(lines, size):
            relaxed = frozenset(combo)
            if not _blocked(scenario, relaxed) and not any(m <= relaxed for m in minimal):
                minimal.append(relaxed)
    assert minimal
    assert all(issue == "donetsk_control" for m in minimal for _, issue, _ in m)
    # Either Russia gives way on one Donetsk option, or Kyiv (with whoever else
    # rules out the withdrawal) drops its refusal to leave.
    assert frozenset({("Russia", "donetsk_control", "special_zone")}) in minimal
    assert any(("Ukraine", "donetsk_control", "ukraine_withdraws") in m for m in minimal)


@pytest.mark.parametrize(
    ("alias", "party"),
    [
        ("Kremlin", "Russia"),
        ("Moscow", "Russia"),
        ("Ushakov", "Russia"),
        ("kyiv", "Ukraine"),
        ("Zelensky", "Ukraine"),
        ("Umerov", "Ukraine"),
        ("Witkoff", "United States"),
        ("the White House", "United States"),
        ("White House", "United States"),
        ("European Union", "Europe"),
        ("United Kingdom", "Europe"),
        ("France", "Europe"),
        ("Germany", "Europe"),
    ],
)
def test_aliases_map_to_parties(scenario, alias, party):
    assert scenario.party(alias).name == party


def test_aliases_are_unambiguous(scenario):
    seen: dict[str, str] = {}
    for party in scenario.parties:
        for alias in (party.name, *party.aliases):
            key = alias.casefold()
            assert seen.setdefault(key, party.name) == party.name, alias


def test_cli_validate_says_valid():
    path = resources.files("zopa.model.scenarios").joinpath(f"{NAME}.yaml")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output
    result = CliRunner().invoke(app, ["validate", str(path), "--json"])
    assert json.loads(result.output)["valid"] is True


def test_every_capability_and_salience_is_sourced_and_uncertain(scenario):
    for party in scenario.parties:
        judgements = [("capability", party.capability), *party.salience.items()]
        assert party.salience, party.name
        for name, judgement in judgements:
            assert judgement is not None, (party.name, name)
            assert judgement.cited and judgement.note, (party.name, name)
            assert judgement.spread is not None, (party.name, name)
