"""Smoke tests of benchmarks/simulate_vs_negmas.py: zopa's half on a tiny size, no NegMAS."""

from __future__ import annotations

import pytest

from tests.benchmark_scripts import benchmark_script
from zopa.simulate import simulate


@pytest.fixture(scope="module")
def bench():
    with benchmark_script("simulate_vs_negmas") as module:
        yield module


def test_zopa_half_runs_and_matches_a_direct_call(bench):
    row = bench.run_zopa(2, "linear", rounds=20, runs=50, seed=3)
    direct = simulate(
        bench.scenario_for(2, 3),
        protocol="alternating",
        rounds=20,
        runs=50,
        seed=3,
        strategies={"P0": "linear", "P1": "linear"},
    )
    assert row.zopa_rate == direct.agreement_rate
    assert row.zopa_round == pytest.approx(direct.round[direct.agreed].mean())
    assert row.zopa_per_second > 0 and row.ratio is None and row.same_rate is None


def test_peer_case_carries_the_same_scenario(bench):
    case = bench.peer_case(3, "boulware", rounds=10, runs=2, seed=0)
    scenario = bench.scenario_for(3, 0)
    assert case["task"] == "sao" and len(case["parties"]) == 3
    assert len(case["issues"]) == 5 and all(len(o) == 5 for o in case["issues"].values())
    for party, data in zip(scenario.parties, case["parties"], strict=True):
        assert sum(data["weights"].values()) == pytest.approx(1)
        assert data["values"]["i0"]["o0"] == party.values["i0"]["o0"].value


def test_table_and_section(bench, tmp_path):
    row = bench.Row(2, "linear", 10, 1.0, 500.0, 40.0, 5, 0.8, 2.0, 41.0)
    assert row.ratio == 250 and row.same_rate is False
    table = bench.markdown_table([row])
    assert "**250×**" in table and "1.00 / 0.80" in table
    readme = tmp_path / "README.md"
    readme.write_text("# Benchmarks\n\n## Agreement space\n\nkeep me\n")
    bench.write_section("new table", readme)
    bench.write_section("newer table", readme)
    text = readme.read_text()
    assert "keep me" in text and "newer table" in text and "new table\n" not in text
