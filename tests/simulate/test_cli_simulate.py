from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from zopa.cli.app import app

runner = CliRunner()


def test_simulate_json_reports_every_run_and_the_summary():
    result = runner.invoke(
        app, ["simulate", "tiny", "--protocol", "alternating", "--runs", "30", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["runs"] == 30 and len(data["outcomes"]) == 30
    agreed = [r for r in data["outcomes"] if r["agreement"]]
    assert data["agreement_rate"] == pytest.approx(len(agreed) / 30)
    assert sum(p["runs"] for p in data["packages"]) == len(agreed)
    for issue, shares in data["option_shares"].items():
        counted = sum(r["package"][issue] == o for r in agreed for o in shares)
        assert counted == len(agreed) and sum(shares.values()) == pytest.approx(1)
    for run in agreed:
        assert set(run) >= {"round", "package", "utilities", "distance_to_nash", "accepted_by"}
    again = runner.invoke(
        app, ["simulate", "tiny", "--protocol", "alternating", "--runs", "30", "--json"]
    )
    assert again.stdout == result.stdout


def test_simulate_tables_and_strategy_option():
    result = runner.invoke(
        app, ["simulate", "tiny", "--runs", "5", "--rounds", "9", "--strategy", "North=conceder"]
    )
    assert result.exit_code == 0, result.output
    assert "agreement rate" in result.stdout and "conceder (e=4)" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--strategy", "North=sneaky"], "zopa: error: unknown strategy 'sneaky'"),
        (["--strategy", "Atlantis=linear"], "zopa: error: unknown party 'Atlantis'"),
        (["--strategy", "North"], "zopa: error: --strategy 'North': expected PARTY=NAME"),
        (["--protocol", "auction"], "zopa: error: unknown protocol 'auction'"),
    ],
)
def test_bad_options_give_one_error_line(args, message):
    result = runner.invoke(app, ["simulate", "tiny", *args])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message)
