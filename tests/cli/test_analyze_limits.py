"""Large spaces: zopa analyze picks the method that scales, or stops cleanly and says why."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from zopa.cli.analyze import parse_bytes
from zopa.cli.app import app
from zopa.errors import ScenarioError
from zopa.model import random_scenario, save_scenario

runner = CliRunner()


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """Six parties, 10 and 40 issues of 10 options, red lines and reservation values."""
    folder = tmp_path_factory.mktemp("large")
    paths = {}
    for issues in (10, 40):
        scenario = random_scenario(6, issues, 10, reservation=0.3, red_line_rate=0.05, seed=7)
        paths[issues] = save_scenario(scenario, folder / f"s{issues}.yaml")
    return paths


def _stopped(result, reason):
    assert result.exit_code == 2, result.output
    data = json.loads(result.stdout)  # one JSON object, nothing else
    assert data["stopped"] is True and data["reason"] == reason
    assert result.stderr.strip().splitlines()[-1].startswith("zopa: error: ")
    return data


def test_ten_issues_six_parties_finish_by_milp(large):
    result = runner.invoke(app, ["analyze", str(large[10]), "--json", "--timeout", "120"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["method"] == "milp" and data["pareto_sample"] is True
    assert data["pareto_count"] is None and data["pareto"]
    assert any("switching to the MILP method" in line for line in result.stderr.splitlines())
    for rule in ("nash", "kalai_smorodinsky", "utilitarian", "egalitarian"):
        assert data[rule] is not None and data[rule]["relative_gap"] <= 1e-9


def test_memory_ceiling_stops_the_frontier_method(large):
    args = ["analyze", str(large[40]), "--json", "--method", "frontier", "--max-memory", "1M"]
    data = _stopped(runner.invoke(app, args), "memory")
    assert data["max_memory"] == 2**20 and "MiB" in data["message"]


def test_timeout_stops_cleanly_with_one_json_object(large):
    args = ["analyze", str(large[40]), "--json", "--method", "frontier", "--timeout", "0.2"]
    _stopped(runner.invoke(app, args), "timeout")


def test_forty_issues_finish_or_stop_within_the_timeout(large):
    result = runner.invoke(app, ["analyze", str(large[40]), "--json", "--timeout", "3"])
    data = json.loads(result.stdout)
    if result.exit_code == 0:
        assert data["method"] == "milp"
    else:
        _stopped(result, "timeout")


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("2G", 2 * 2**30),
        ("500M", 500 * 2**20),
        ("64k", 65536),
        ("1000", 1000),
        ("1.5GiB", 3 * 2**29),
    ],
)
def test_sizes(text, size):
    assert parse_bytes(text) == size


def test_bad_size_is_a_user_error():
    with pytest.raises(ScenarioError, match="not a size"):
        parse_bytes("lots")
    result = runner.invoke(app, ["analyze", "tiny", "--max-memory", "lots"])
    assert result.exit_code == 2 and "zopa: error: --max-memory" in result.stderr
