"""``check_scenario``: judgements without claims, and newer claims against them."""

from __future__ import annotations

from pathlib import Path

import pytest

from zopa.evidence.check import check_scenario, is_newer
from zopa.evidence.extract import get_extractor
from zopa.evidence.metadata import DocumentMeta
from zopa.evidence.store import Store
from zopa.model import load_scenario, scenario_from_data, scenario_to_data

DATA = Path(__file__).parent / "data" / "extract"


@pytest.fixture
def scenario():
    return load_scenario(DATA / "scenario.yaml")


def _store_with(*articles: tuple[str, str]) -> tuple[Store, list[str]]:
    """A store in memory holding each (text, date) with the claims the rules find."""
    store = Store("sqlite://")
    scenario = load_scenario(DATA / "scenario.yaml")
    ids: list[str] = []
    for text, date in articles:
        claims = get_extractor().extract(text, scenario=scenario, date=date)
        ids += store.add(text, DocumentMeta(published=date), claims).claim_ids
    return store, ids


def test_a_planted_contradiction_is_found_with_its_quote(scenario):
    # The fixture red-lines observers for Russia on a source dated 2026-01-10.
    text = "Russia now accepts observers along the line of contact."
    store, _ = _store_with((text, "2026-03-02"))
    report = check_scenario(scenario, store)
    (found,) = report.contradictions
    assert (found.party, found.issue, found.option, found.stance) == (
        "Russia",
        "foreign_troops",
        "observers",
        "accepts",
    )
    assert found.quote == text
    assert found.claim_date == "2026-03-02" and found.judged_on == "2026-01-10"
    assert found.path == "parties[Russia].red_lines.foreign_troops[observers]"
    assert not report.ok


def test_older_claims_and_agreeing_claims_are_not_contradictions(scenario):
    store, _ = _store_with(
        ("Russia now accepts observers along the line of contact.", "2025-12-01"),
        ("The Kremlin rejects observers on Ukrainian soil.", "2026-03-02"),
    )
    assert check_scenario(scenario, store).contradictions == ()


def test_rejecting_the_best_option_contradicts_and_newest_comes_first(scenario):
    # Ukraine values freeze_on_line highest; Russia red-lines observers.
    store, _ = _store_with(
        ("Kyiv rejects a freeze on the current line of contact.", "2026-02-01"),
        ("Russia now accepts observers along the line of contact.", "2026-03-02"),
    )
    report = check_scenario(scenario, store)
    assert [(c.party, c.option, c.claim_date) for c in report.contradictions] == [
        ("Russia", "observers", "2026-03-02"),
        ("Ukraine", "freeze_on_line", "2026-02-01"),
    ]
    ukraine = report.contradictions[1]
    assert ukraine.path == "parties[Ukraine].values.donetsk_control.freeze_on_line"
    assert ukraine.judged_on is None  # an uncited judgement is older than any dated claim


def test_unsupported_judgements_are_listed(scenario):
    store, ids = _store_with(("Russia now accepts observers along the line.", "2026-03-02"))
    report = check_scenario(scenario, store)
    paths = {u.path: u for u in report.unsupported}
    # 3 weights + 8 values + 2 red lines (Russia), 3 + 8 + 1 (Ukraine), 1 + 3 (United States)
    assert report.judgements == len(report.unsupported) == 29
    cited = paths["parties[Russia].red_lines.foreign_troops[observers]"]
    assert cited.reason == "cites only claims the store does not hold"
    assert cited.missing == ("c0ffee0000000001",)
    assert paths["parties[Russia].values.donetsk_control.ukraine_withdraws"].reason == (
        "cites no claim"
    )  # it cites an article, not a claim
    # The stored claim is offered where it could back a judgement, and only there.
    assert cited.candidates == (ids[0],)
    assert paths["parties[Russia].weights.foreign_troops"].candidates == (ids[0],)
    assert paths["parties[Russia].values.donetsk_control.ukraine_withdraws"].candidates == ()
    assert all(u.candidates == () for u in report.unsupported if u.party != "Russia")

    # Cite a claim the store holds: that judgement is supported now.
    data = scenario_to_data(scenario)
    data["parties"][0]["red_lines"]["foreign_troops"][0]["claims"] = [ids[0]]
    supported = check_scenario(scenario_from_data(data), store)
    assert len(supported.unsupported) == 28
    assert "parties[Russia].red_lines.foreign_troops[observers]" not in {
        u.path for u in supported.unsupported
    }


@pytest.mark.parametrize(
    ("claim", "than", "newer"),
    [
        ("2026-03-01", "2026-02-28", True),
        ("2026-02-28", "2026-02-28", False),
        ("2026-03", "2026-02-28", True),
        ("2026-02", "2026-02-28", False),
        ("2026-02-28", "2026-02", False),
        ("unknown", "2026-02", False),
        ("2026-02-28", None, True),
    ],
)
def test_is_newer(claim, than, newer):
    assert is_newer(claim, than) is newer


def test_a_cited_claim_supports_only_a_judgement_on_its_own_party_and_issue(scenario):
    store, ids = _store_with(("Russia now accepts observers along the line.", "2026-03-02"))
    (claim,) = store.claims()
    assert (claim.actor, claim.issue) == ("Russia", "foreign_troops")
    data = scenario_to_data(scenario)
    russia, ukraine = data["parties"][0], data["parties"][1]
    russia["weights"]["foreign_troops"] = {"value": russia["weights"]["foreign_troops"],
                                           "claims": [ids[0]]}  # fmt: skip
    russia["weights"]["donetsk_control"] = {"value": russia["weights"]["donetsk_control"],
                                            "claims": [ids[0]]}  # fmt: skip
    ukraine["weights"]["foreign_troops"] = {"value": ukraine["weights"]["foreign_troops"],
                                            "claims": [ids[0]]}  # fmt: skip
    report = check_scenario(scenario_from_data(data), store)
    paths = {u.path: u for u in report.unsupported}
    assert "parties[Russia].weights.foreign_troops" not in paths  # same party and issue
    for path in (
        "parties[Russia].weights.donetsk_control",
        "parties[Ukraine].weights.foreign_troops",
    ):
        assert paths[path].reason == "cites only claims about another party or issue"
        assert paths[path].mismatched == (ids[0],) and paths[path].missing == ()
