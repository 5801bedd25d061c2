"""GENIUS weights as written, utilities capped at 1: against a hand computation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zopa.cli.app import app
from zopa.interop import read_genius, write_genius
from zopa.model import load_builtin, scenario_from_data, scenario_to_data
from zopa.space import (
    egalitarian_point,
    kalai_smorodinsky_point,
    nash_point,
    pareto_frontier,
    utilitarian_point,
)

OVERWEIGHT = Path(__file__).parent / "data" / "genius" / "overweight"
runner = CliRunner()

# By hand, from the files: buyer weights 0.7 + 0.5 = 1.2 (as written), evaluations
# model x 1, y 0.5, z 0 and payment upfront 1, later 0.8; seller weights 0.5 + 0.5,
# model x 0, y 0.5, z 1 and payment upfront 0, later 1.
#   package       buyer (uncapped -> capped)   seller
#   x, upfront    0.7 + 0.5  = 1.2  -> 1       0
#   x, later      0.7 + 0.4  = 1.1  -> 1       0.5
#   y, upfront    0.35 + 0.5 = 0.85            0.25
#   y, later      0.35 + 0.4 = 0.75            0.75
#   z, upfront    0.5                          0.5
#   z, later      0.4                          1
# Capped, (x, later) dominates (x, upfront); the frontier is (x, later), (y, later),
# (z, later). Normalising the buyer's weights instead (7/12, 5/12) would keep
# (x, upfront) on it.
HAND = {("x", "later"): (1.0, 0.5), ("y", "later"): (0.75, 0.75), ("z", "later"): (0.4, 1.0)}


def test_weights_as_written_and_capped_at_one():
    imported = read_genius(OVERWEIGHT)
    buyer = imported.scenario.party("buyer")
    assert buyer.weighting == "as_written"
    assert {k: j.value for k, j in buyer.weights.items()} == {"model": 0.7, "payment": 0.5}
    (warning,) = imported.warnings
    assert "buyer.xml" in warning and "sum to 1.2" in warning and "capped at 1" in warning
    frontier = pareto_frontier(imported.scenario)
    assert frontier.count == 3
    found = {
        (p.package["model"], p.package["payment"]): tuple(p.utilities.values())
        for p in frontier.points()
    }
    assert found.keys() == HAND.keys()
    for package, utilities in HAND.items():
        assert found[package] == pytest.approx(utilities)
    brute = pareto_frontier(imported.scenario, method="brute")
    assert brute.count == 3 and brute.sums.tolist() == frontier.sums.tolist()
    nash = nash_point(frontier)
    assert nash.package == {"model": "y", "payment": "later"}
    assert nash.value == pytest.approx(0.75 * 0.75)
    assert kalai_smorodinsky_point(frontier).value == pytest.approx(0.75)
    assert egalitarian_point(frontier).value == pytest.approx(0.75)
    assert utilitarian_point(frontier).value == pytest.approx(1.5)


def test_default_still_normalises():
    data = scenario_to_data(read_genius(OVERWEIGHT).scenario)
    for party in data["parties"]:
        del party["weighting"]
    frontier = pareto_frontier(scenario_from_data(data))
    # (x, upfront) at buyer utility 1, seller 0 is back: 7/12 + 5/12 = 1 is the best.
    assert frontier.count == 4
    assert load_builtin("tiny").parties[0].weighting == "normalised"


def test_weighting_survives_yaml_and_genius_round_trips(tmp_path):
    scenario = read_genius(OVERWEIGHT).scenario
    assert scenario_from_data(scenario_to_data(scenario)) == scenario
    write_genius(scenario, tmp_path / "again")
    again = read_genius(tmp_path / "again").scenario
    assert pareto_frontier(again).sums.tolist() == pareto_frontier(scenario).sums.tolist()


def test_cli_warns_on_stderr_and_keeps_json_clean(tmp_path):
    result = runner.invoke(app, ["import-genius", str(OVERWEIGHT), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["warnings"]) == 1
    assert "zopa: warning:" in result.stderr and "sum to 1.2" in result.stderr
    assert "warning" not in result.stdout.replace('"warnings"', "")
