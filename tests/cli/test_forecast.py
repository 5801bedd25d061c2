"""``zopa forecast`` through the front door."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from zopa.cli.app import app
from zopa.model import load_builtin, save_scenario, scenario_to_data

runner = CliRunner()


def test_forecast_json_of_the_builtin():
    result = runner.invoke(app, ["forecast", "--samples", "200", "--workers", "1", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    issues = {i["issue"]: i for i in data["forecast"]["issues"]}
    assert len(issues) == len(load_builtin().issues)
    for issue in issues.values():
        assert issue["median_option"] and issue["mean_option"]
        assert 0 <= issue["median"] <= 100 and 0 <= issue["mean"] <= 100
    sampled = data["monte_carlo"]
    assert sampled["samples"] == 200
    assert sampled["deal_probability"] == 0  # Donetsk is blocked by red lines in every sample
    assert sampled["uncertain_inputs"] and sampled["sensitivity"]
    for issue in sampled["issues"]:
        assert abs(sum(issue["median_options"].values()) - 1) < 1e-9


def test_forecast_tables_and_point_only():
    result = runner.invoke(app, ["forecast", "tiny", "--samples", "0"])
    assert result.exit_code == 0, result.output
    assert "median voter" in result.stdout and "north_bank" in result.stdout
    assert "Monte Carlo" not in result.stdout


def test_same_seed_same_json():
    args = ["forecast", "tiny", "--samples", "50", "--seed", "4", "--workers", "1", "--json"]
    assert runner.invoke(app, args).stdout == runner.invoke(app, args).stdout


def test_impossible_range_in_a_file_is_one_error_line(tmp_path):
    data = scenario_to_data(load_builtin("tiny"))
    data["parties"][0]["capability"] = {"value": 0.5, "range": [0.8, 0.2]}
    path = tmp_path / "bad.yaml"
    path.write_text(json.dumps(data))
    result = runner.invoke(app, ["forecast", str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"zopa: error: {path}: parties[0].capability: range [0.8, 0.2]: low end above high end"
    ]


def test_unreachable_scheduler_is_one_error_line(tmp_path):
    save_scenario(load_builtin("tiny"), tmp_path / "t.yaml")
    result = runner.invoke(
        app,
        [
            "forecast",
            str(tmp_path / "t.yaml"),
            "--samples",
            "5",
            "--scheduler",
            "tcp://127.0.0.1:1",
        ],
    )
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("zopa: error: scheduler tcp://127.0.0.1:1")


def test_unknown_offer_choice():
    result = runner.invoke(app, ["forecast", "tiny", "--offer-choice", "coin"])
    assert result.exit_code == 2 and "coin" in result.output
