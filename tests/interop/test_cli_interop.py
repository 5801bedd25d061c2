from __future__ import annotations

import itertools
import json
from pathlib import Path

from typer.testing import CliRunner

from zopa.cli.app import app
from zopa.interop import read_genius
from zopa.model import load_scenario

DATA = Path(__file__).parent / "data"
runner = CliRunner()


def utilities(scenario) -> list[list[float]]:
    rows = []
    for package in itertools.product(*[[o.name for o in i.options] for i in scenario.issues]):
        row = []
        for party in scenario.parties:
            w = party.normalised_weights()
            row.append(
                sum(
                    w[i.name] * party.values[i.name][o].value
                    for i, o in zip(scenario.issues, package, strict=True)
                )
            )
        rows.append(row)
    return rows


def test_import_export_reimport(tmp_path):
    out = tmp_path / "lunch.yaml"
    result = runner.invoke(app, ["import-genius", str(DATA / "genius" / "lunch"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "discount factor 0.9 (read, not applied)" in result.stdout
    assert "24 packages" in result.stdout
    imported = load_scenario(out)
    assert imported == read_genius(DATA / "genius" / "lunch").scenario

    folder = tmp_path / "genius"
    result = runner.invoke(app, ["export-genius", str(out), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["alice.xml", "bob.xml", "lunch_domain.xml"]

    again = tmp_path / "again.json"
    result = runner.invoke(app, ["import-genius", str(folder), "-o", str(again), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["discount_factors"] == "read, not applied"
    assert [p["discount_factor"] for p in summary["parties"]] == [None, None]
    reread = load_scenario(again)
    for a, b in zip(utilities(imported), utilities(reread), strict=True):
        assert max(abs(x - y) for x, y in zip(a, b, strict=True)) < 1e-12


def test_export_builtin_lists_what_is_lost(tmp_path):
    result = runner.invoke(app, ["export-genius", "tiny", "-o", str(tmp_path / "t"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [Path(f).name for f in data["files"]] == ["tiny_domain.xml", "North.xml", "South.xml"]
    assert any("red line" in note for note in data["notes"])


def test_nonlinear_profile_exit_code_and_one_line():
    result = runner.invoke(app, ["import-genius", str(DATA / "genius" / "nonlinear")])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("zopa: error: ") and "carol.xml" in lines[0]


def test_missing_folder_exit_code(tmp_path):
    result = runner.invoke(app, ["import-genius", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no such folder" in result.stderr
    result = runner.invoke(app, ["import-deliberation", str(tmp_path / "nope")])
    assert result.exit_code == 2


def test_import_deliberation(tmp_path):
    out = tmp_path / "game.yaml"
    result = runner.invoke(
        app, ["import-deliberation", str(DATA / "deliberation" / "tiny"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    scenario = load_scenario(out)
    assert scenario.party_names == ("Alpha", "Beta", "Gamma")
    assert "18 packages" in result.stdout


def test_import_deliberation_base(shared_dir, tmp_path):
    base = shared_dir / "domains" / "llm-deliberation" / "base"
    result = runner.invoke(app, ["import-deliberation", str(base), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["packages"] == 720
    assert len(summary["parties"]) == 6
