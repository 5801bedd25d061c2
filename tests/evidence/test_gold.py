"""Hand-annotated claims stored beside the extracted ones (zopa ingest --gold)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zopa.cli.app import app
from zopa.errors import EvidenceError
from zopa.evidence.extract import get_extractor
from zopa.evidence.gold import GoldSet, merge_claims
from zopa.evidence.ingest import ingest
from zopa.evidence.store import Store
from zopa.model import load_builtin, load_scenario

DATA = Path(__file__).parent / "data"
GOLD = DATA / "gold"
runner = CliRunner()


class _Silent:
    """An extractor that finds nothing, to tell gold claims from extracted ones."""

    name = "silent"

    def extract(self, text, *, scenario, date=None):
        return []


@pytest.fixture
def scenario():
    return load_scenario(DATA / "extract" / "scenario.yaml")


def _ingest(scenario, extractor):
    store = Store("sqlite://")
    report = ingest(
        store, [GOLD / "talks.txt"], scenario=scenario, extractor=extractor, gold=GoldSet.load(GOLD)
    )
    return store, report


def test_gold_claims_are_stored_with_exact_spans_and_what_is_left_out_is_named(scenario):
    store, report = _ingest(scenario, _Silent())
    claims = store.claims()
    text = store.document(claims[0].document_id).text
    assert sorted((c.actor, c.issue, c.stance, c.option) for c in claims) == [
        ("Russia", "donetsk_control", "demands", "ukraine_withdraws"),
        ("Ukraine", "donetsk_control", "red_line", None),
    ]
    assert all(text[c.start : c.end] == c.quote for c in claims)
    assert {c.extractor for c in claims} == {"gold"} and {c.confidence for c in claims} == {1.0}
    # The claim without a date of its own takes the article's.
    assert {c.date for c in claims} == {"2026-01-24"}
    assert len(report.gold_skipped) == 2
    assert any("Vatican" in s for s in report.gold_skipped)
    assert any("not in the text" in s for s in report.gold_skipped)


def test_gold_claim_ids_do_not_depend_on_the_extractor(scenario):
    silent, _ = _ingest(scenario, _Silent())
    rules, _ = _ingest(scenario, get_extractor("rules"))
    gold_ids = {c.id for c in silent.claims()}
    by_rules = rules.claims()
    assert gold_ids <= {c.id for c in by_rules}
    # The rules find claims of their own too, and none is stored twice.
    assert len({c.id for c in by_rules}) == len(by_rules) > len(gold_ids)


def test_an_extracted_twin_of_a_gold_claim_yields(scenario):
    gold, _ = GoldSet.load(GOLD).claims_for(
        "talks.txt", (GOLD / "talks.txt").read_text(), scenario=scenario, date="2026-01-24"
    )
    from dataclasses import replace

    twin = replace(gold[0], extractor="rules", confidence=0.5)
    merged = merge_claims([twin], gold)
    assert merged == gold


def test_a_missing_gold_folder_is_a_clear_error(tmp_path):
    with pytest.raises(EvidenceError, match="no such folder"):
        GoldSet.load(tmp_path / "nope")
    with pytest.raises(EvidenceError, match=r"no \*\.claims\.yaml"):
        GoldSet.load(tmp_path)
    result = runner.invoke(
        app, ["ingest", str(GOLD / "talks.txt"), "--db", "sqlite://", "--gold", str(tmp_path)]
    )
    assert result.exit_code == 2 and "no *.claims.yaml" in result.output


def test_cli_ingest_gold_json(tmp_path):
    db = f"sqlite:///{tmp_path / 'z.db'}"
    args = ["ingest", str(GOLD / "talks.txt"), "--db", db, "--gold", str(GOLD), "--json"]
    args += ["--scenario", str(DATA / "extract" / "scenario.yaml")]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["gold_skipped"]) == 2 and data["added"][0]["n_claims"] >= 2


def _judgements(scenario):
    """(party, issue, citation) of every weight, value and red line, read independently."""
    for party in scenario.parties:
        for issue, weight in party.weights.items():
            yield party.name, issue, weight
        for issue, values in party.values.items():
            for judgement in values.values():
                yield party.name, issue, judgement
        for issue, lines in party.red_lines.items():
            for line in lines:
                yield party.name, issue, line


def test_builtin_scenario_cites_seed_gold_claims_about_its_own_party_and_issue(shared_dir):
    seeds = shared_dir / "corpus" / "seeds"
    scenario = load_builtin("ukraine-2026")
    store = Store("sqlite://")
    report = ingest(
        store,
        sorted(seeds.glob("*.txt")),
        scenario=scenario,
        extractor=_Silent(),
        index=seeds / "index.yaml",
        gold=GoldSet.load(seeds / "gold"),
    )
    assert not report.failed
    stored = {c.id: c for c in store.claims()}
    cited = 0
    for party, issue, citation in _judgements(scenario):
        for claim_id in citation.claims:
            claim = stored.get(claim_id)
            assert claim is not None, f"{party}/{issue} cites {claim_id}, not a seed gold claim"
            assert (claim.actor, claim.issue) == (party, issue)
            cited += 1
    assert cited >= 100


def test_reextraction_keeps_gold_claims_and_can_add_them(scenario):
    from zopa.evidence.reextract import reextract

    store, _ = _ingest(scenario, _Silent())
    gold_ids = {c.id for c in store.claims()}
    reextract(store, scenario=scenario, extractor=get_extractor("rules"))
    after = store.claims()
    assert gold_ids < {c.id for c in after} and len({c.id for c in after}) == len(after)

    plain = Store("sqlite://")
    ingest(plain, [GOLD / "talks.txt"], scenario=scenario, extractor=_Silent())
    assert plain.claims() == []
    reextract(plain, scenario=scenario, extractor=_Silent(), gold=GoldSet.load(GOLD))
    assert {c.id for c in plain.claims()} == gold_ids
