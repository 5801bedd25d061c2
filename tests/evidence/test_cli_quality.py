"""``zopa eval-extraction`` and ``zopa check`` through the front door."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from zopa.cli.app import app
from zopa.evidence.extract import get_extractor
from zopa.evidence.metadata import DocumentMeta
from zopa.evidence.store import Store
from zopa.model import load_scenario

DATA = Path(__file__).parent / "data" / "extract"
SCENARIO = str(DATA / "scenario.yaml")
runner = CliRunner()


@pytest.fixture(autouse=True)
def db(tmp_path, monkeypatch):
    """Commands use a store under tmp_path, never the user's."""
    path = tmp_path / "evidence.sqlite3"
    monkeypatch.setenv("ZOPA_DB", str(path))
    return path


@pytest.fixture
def gold(tmp_path) -> Path:
    shutil.copy(DATA / "two_claims.txt", tmp_path / "two_claims.txt")
    claims = [
        {"actor": "Ukraine", "issue": "donetsk_control", "stance": "rejects", "quote": "Kyiv"},
        {"actor": "Russia", "issue": "foreign_troops", "stance": "red_line", "quote": "Kyiv"},
    ]
    data = {"article": "two_claims.txt", "article_date": "2026-03-06", "claims": claims}
    (tmp_path / "two_claims.claims.yaml").write_text(yaml.safe_dump(data), "utf-8")
    return tmp_path


def _error(result) -> str:
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("zopa: error: ")]
    return line.removeprefix("zopa: error: ")


def test_eval_extraction_json(gold):
    result = runner.invoke(app, ["eval-extraction", str(gold), "--scenario", SCENARIO, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    overall = data["overall"]
    assert (overall["gold"], overall["extracted"], overall["matched"]) == (2, 4, 1)
    assert overall["precision"] == 0.25 and overall["recall"] == 0.5
    assert data["articles"][0]["missed"] == [["Russia", "foreign_troops", "red_line"]]
    # rows over several articles list the same misses and spurious claims, located
    for kind in ("missed", "spurious"):
        located = [[a["article"], *t] for a in data["articles"] for t in a[kind]]
        assert sorted(overall[kind]) == sorted(located) and located
        for position, rows in ((3, data["per_stance"]), (2, data["per_issue"])):
            regrouped = [t for row in rows.values() for t in row[kind]]
            assert sorted(regrouped) == sorted(located)
            assert all(t[position] == key for key, row in rows.items() for t in row[kind])


def test_eval_extraction_table(gold):
    result = runner.invoke(app, ["eval-extraction", str(gold), "--scenario", SCENARIO])
    assert result.exit_code == 0, result.output
    assert "overall" in result.stdout and "0.333" in result.stdout  # F1 of P 1/4, R 1/2


def test_eval_extraction_user_errors(gold, tmp_path):
    result = runner.invoke(app, ["eval-extraction", str(gold), "--extractor", "nope"])
    assert result.exit_code == 2
    assert _error(result) == "unknown extractor 'nope'; known: learned, rules"
    result = runner.invoke(app, ["eval-extraction", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "no such folder of gold files" in _error(result)
    bad = yaml.safe_load((gold / "two_claims.claims.yaml").read_text("utf-8"))
    bad["claims"][0]["quote"] = "Kyiv accepts"
    (gold / "two_claims.claims.yaml").write_text(yaml.safe_dump(bad), "utf-8")
    result = runner.invoke(app, ["eval-extraction", str(gold), "--scenario", SCENARIO])
    assert result.exit_code == 2
    assert "claims[0].quote is not in the text of two_claims.txt" in _error(result)


def test_check_lists_contradictions_and_unsupported(db):
    text = "Russia now accepts observers along the line of contact."
    scenario = load_scenario(SCENARIO)
    with Store(str(db)) as store:
        claims = get_extractor().extract(text, scenario=scenario, date="2026-03-02")
        store.add(text, DocumentMeta(published="2026-03-02"), claims)
    result = runner.invoke(app, ["check", SCENARIO, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(c["party"], c["option"], c["quote"]) for c in data["contradictions"]] == [
        ("Russia", "observers", text)
    ]
    assert len(data["unsupported"]) == data["judgements"] == 29
    table = runner.invoke(app, ["check", SCENARIO, "--db", str(db)])
    assert table.exit_code == 0, table.output
    assert "observers" in table.stdout and "cites no claim" in table.stdout


def test_check_empty_store_and_bad_scenario(tmp_path):
    result = runner.invoke(app, ["check", "tiny", "--db", "sqlite://"])
    assert result.exit_code == 0, result.output
    assert "No stored claim contradicts 'tiny'" in result.stdout
    result = runner.invoke(app, ["check", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "no such file" in _error(result)
