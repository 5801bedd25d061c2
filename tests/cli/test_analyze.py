from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zopa.cli.app import app
from zopa.model import load_builtin, save_scenario, scenario_to_data

runner = CliRunner()


def test_analyze_builtin_json_has_the_documented_keys():
    result = runner.invoke(app, ["analyze", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in (
        "outcomes",
        "feasible_count",
        "pareto_count",
        "pareto",
        "nash",
        "kalai_smorodinsky",
        "utilitarian",
        "egalitarian",
        "concessions",
    ):
        assert key in data
    assert data["feasible_count"] == 0 and data["nash"] is None
    assert data["feasible_count_exact"] is True
    assert all({r["issue"] for r in c["relax"]} == {"donetsk_control"} for c in data["concessions"])


def test_analyze_tables_write_json_file(tmp_path):
    target = tmp_path / "a.json"
    result = runner.invoke(app, ["analyze", "tiny", "-o", str(target), "--max-pareto", "2"])
    assert result.exit_code == 0, result.output
    assert "Nash" in result.stdout and str(target) in result.stdout.replace("\n", "")
    data = json.loads(target.read_text())
    assert data["pareto_count"] == 3 and len(data["pareto"]) == 2
    assert data["nash"]["package"] == {"river": "midline", "fishing": "south_only"}
    assert data["nash"]["product"] == pytest.approx(0.14)


def test_analyze_scenario_file(tmp_path):
    path = save_scenario(load_builtin("tiny"), tmp_path / "t.json")
    result = runner.invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["feasible_count"] == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze", "nowhere.yaml"], "nowhere.yaml: no such file"),
        (["validate", "nowhere.yaml"], "nowhere.yaml: no such file"),
    ],
)
def test_missing_files_exit_2(args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert f"zopa: error: {message}" in result.stderr


def test_bad_file_names_path_and_fault(tmp_path):
    data = scenario_to_data(load_builtin("tiny"))
    data["parties"][1]["red_lines"]["river"] = ["east_bank"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    for command in ("validate", "analyze"):
        result = runner.invoke(app, [command, str(bad)])
        assert result.exit_code == 2
        assert "parties[1].red_lines.river[0]: unknown option 'east_bank'" in result.stderr
        assert "Traceback" not in result.output


def test_contradictory_red_lines_are_refused(tmp_path):
    data = scenario_to_data(load_builtin("tiny"))
    data["parties"][0]["red_lines"]["fishing"] = ["north_only", "shared", "south_only"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(json.dumps(data))
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 2
    assert "contradictory red lines" in result.stderr


def test_scenarios_lists_builtins():
    result = runner.invoke(app, ["scenarios", "--json"])
    names = {row["name"] for row in json.loads(result.stdout)["scenarios"]}
    assert {"tiny", "ukraine-2026"} <= names


def test_analyze_reports_rule_and_both_counts(tmp_path, shared_dir):
    out = tmp_path / "game.yaml"
    folder = shared_dir / "domains" / "llm-deliberation" / "base"
    imported = runner.invoke(app, ["import-deliberation", str(folder), "-o", str(out)])
    assert imported.exit_code == 0, imported.output
    result = runner.invoke(app, ["analyze", str(out), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["feasible_count"], data["unanimous_count"]) == (55, 12)
    assert data["decision_rule"]["at_least"] == 5 and data["decision_rule"]["of"] == 6
    tables = runner.invoke(app, ["analyze", str(out), "-o", str(tmp_path / "a.json")])
    assert "5 of 6" in tables.stdout


def test_impossible_rule_is_one_error_line(tmp_path):
    data = scenario_to_data(load_builtin("tiny"))
    data["decision_rule"] = {"at_least": 3}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"zopa: error: {path}: decision_rule.at_least: 3 parties must accept but there are "
        "only 2: no set of parties can meet the rule"
    ]


def test_six_parties_fit_80_columns_with_a_legend():
    data = scenario_to_data(load_builtin("tiny"))
    names = [
        "Department of Tourism", "Environmental League", "Local Labour Union",
        "Other cities", "SportCo", "Mayor",
    ]  # fmt: skip
    north, south = data["parties"]
    data["parties"] = []
    for index, name in enumerate(names):
        party = dict(north if index % 2 else south)
        party.pop("red_lines", None)
        party.pop("reservation", None)
        data["parties"].append({**party, "name": name})
    from zopa.model import scenario_from_data

    scenario = scenario_from_data(data)
    path = save_scenario(scenario, Path(tempfile.mkdtemp()) / "six.yaml")
    result = runner.invoke(app, ["analyze", str(path), "--max-pareto", "2"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "DOT = Department of Tourism" in text and "LLU = Local Labour Union" in text
    assert "…" not in result.stdout.split("mediator")[1].split("package each rule")[0]
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
