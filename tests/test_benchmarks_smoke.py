"""Smoke tests of benchmarks/space_vs_negmas.py: zopa's half on a tiny size, no NegMAS."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from tests.benchmark_scripts import benchmark_script
from zopa.model import random_scenario


@pytest.fixture(scope="module")
def bench():
    with benchmark_script("space_vs_negmas") as module:
        yield module


def _brute_force(parties: int, issues: int, seed: int) -> tuple[np.ndarray, list[float]]:
    """Every package's utilities by plain enumeration, then the frontier and Nash point."""
    scenario = random_scenario(parties, issues, 10, seed=seed)
    names = [issue.name for issue in scenario.issues]
    options = [[o.name for o in issue.options] for issue in scenario.issues]
    rows = []
    for package in itertools.product(*options):
        rows.append(
            [
                sum(
                    p.normalised_weights()[i] * p.values[i][o].value
                    for i, o in zip(names, package, strict=True)
                )
                for p in scenario.parties
            ]
        )
    points = np.unique(np.round(rows, 12), axis=0)
    dominated = [
        bool(np.any(np.all(points >= x, axis=1) & np.any(points > x, axis=1))) for x in points
    ]
    frontier = points[~np.array(dominated)]
    nash = frontier[np.argmax(frontier.prod(axis=1))]
    return frontier, nash.tolist()


def test_zopa_half_matches_brute_force(bench):
    case = bench.Case(parties=2, issues=3, compare=True, seed=7)
    result = bench.run_zopa(case, timeout=60)
    assert result.status == "ok"
    frontier, nash = _brute_force(2, 3, seed=7)
    assert result.frontier_size == len(frontier)
    assert bench.same_answer(result.frontier, result.nash, frontier, [nash]) == (True, "")


def test_same_answer_ignores_ties_and_catches_differences(bench):
    rows = np.array([[0.9, 0.1], [0.5, 0.5], [0.1, 0.9]])
    nash = [[0.5, 0.5]]
    # NegMAS drops tied vectors; a float wobble below 1e-9 is still the same vector.
    assert bench.same_answer(rows, nash, np.vstack([rows, rows[:1] + 1e-13]), nash)[0]
    assert not bench.same_answer(rows, nash, rows[:2], nash)[0]
    assert not bench.same_answer(rows, nash, rows + np.array([0, 1e-6]), nash)[0]
    assert not bench.same_answer(rows, nash, rows, [[0.9, 0.1]])[0]


def test_write_section_keeps_the_other_sections(bench, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Benchmarks\n\n## Evidence throughput\n\nkeep me\n")
    bench.write_section("first table", readme)
    bench.write_section("second table", readme)
    text = readme.read_text()
    assert "keep me" in text and "second table" in text
    assert "first table" not in text and text.count(bench.SECTION) == 1


def test_main_runs_zopa_alone(bench, capsys):
    argv = ["--no-negmas", "--no-readme", "--parties", "2", "--issues", "3", "--big", "10"]
    assert bench.main(argv) == 0
    out = capsys.readouterr().out
    assert "| 2 | 1e3 |" in out and "| 2 | 1e10 |" in out
