"""Monte Carlo: the same numbers whoever runs the chunks, deal odds against brute force."""

from __future__ import annotations

import numpy as np
import pytest

from zopa.errors import SchedulerError
from zopa.forecast import monte_carlo
from zopa.forecast.montecarlo import spearman
from zopa.model import load_builtin, scenario_from_data, scenario_to_data
from zopa.space import is_feasible


def _uncertain_tiny():
    data = scenario_to_data(load_builtin("tiny"))
    north, south = data["parties"]
    north["capability"] = {"value": 0.5, "range": [0.2, 0.9]}
    north["weights"]["fishing"] = {"value": 1, "range": [0.2, 3]}
    south["reservation"] = {"value": 0.6, "distribution": {"triangular": [0.3, 0.6, 0.9]}}
    south["salience"] = {"river": {"value": 0.5, "range": [0, 1]}}
    return scenario_from_data(data)


def _same(a, b):
    assert a.to_dict() == b.to_dict()
    for key in a.raw:
        np.testing.assert_array_equal(a.raw[key], b.raw[key])


def test_same_numbers_in_process_and_in_worker_processes():
    scenario = _uncertain_tiny()
    serial = monte_carlo(scenario, samples=300, seed=7, workers=1, chunk_size=64)
    pooled = monte_carlo(scenario, samples=300, seed=7, workers=2, chunk_size=64)
    _same(serial, pooled)
    other = monte_carlo(scenario, samples=300, seed=8, workers=1, chunk_size=64)
    assert not np.array_equal(other.raw["theta"], serial.raw["theta"])


def test_same_numbers_on_a_dask_cluster():
    distributed = pytest.importorskip("dask.distributed")
    scenario = _uncertain_tiny()
    local = monte_carlo(scenario, samples=200, seed=3, workers=1, chunk_size=50)
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        protocol="tcp://",
        dashboard_address=None,
    ) as cluster:
        remote_address = cluster.scheduler_address
        remote = monte_carlo(
            scenario, samples=200, seed=3, scheduler=cluster.scheduler_address, chunk_size=50
        )
    assert remote_address.startswith("tcp://")
    _same(local, remote)


def test_deal_probability_matches_is_feasible_on_each_sampled_scenario():
    """Independent check: rebuild each sample as a scenario and ask the exact engine."""
    scenario = _uncertain_tiny()
    result = monte_carlo(scenario, samples=60, seed=11, workers=1)
    names = result.uncertain_inputs
    for k in range(60):
        data = scenario_to_data(scenario)
        for name, value in zip(names, result.raw["theta"][k], strict=True):
            party_name, kind, *rest = name.split(".")
            party = next(p for p in data["parties"] if p["name"] == party_name)
            if kind == "capability" or kind == "reservation":
                party[kind] = float(value)
            else:
                party[kind][rest[0]] = float(value)
        assert is_feasible(scenario_from_data(data)) == bool(result.raw["deal"][k]), k
    assert 0 < result.deal_probability < 1


def test_sensitivity_finds_what_decides_each_output():
    result = monte_carlo(_uncertain_tiny(), samples=400, seed=2, workers=1)
    by_input = {s.input: s for s in result.sensitivity}
    deal = max(by_input.values(), key=lambda s: abs(s.rho.get("deal", 0)))
    assert deal.input == "South.reservation" and deal.rho["deal"] < -0.3
    assert by_input["South.salience.river"].output.startswith("river.")
    strengths = [s.strongest for s in result.sensitivity]
    assert strengths == sorted(strengths, reverse=True)


def test_spearman_against_its_definition():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(50, 2))
    y = np.column_stack([x[:, 0] ** 3, -x[:, 1], np.ones(50)])
    rho = spearman(x, y)
    assert rho[0, 0] == pytest.approx(1) and rho[1, 1] == pytest.approx(-1)
    assert np.isnan(rho[0, 2])
    ranks = lambda v: np.argsort(np.argsort(v)).astype(float)  # noqa: E731 (no ties here)
    expected = np.corrcoef(ranks(x[:, 0]), ranks(x[:, 1]))[0, 1]
    assert spearman(x[:, :1], x[:, 1:])[0, 0] == pytest.approx(expected)


def test_unreachable_scheduler_is_a_scheduler_error():
    with pytest.raises(SchedulerError, match="cannot connect"):
        monte_carlo(load_builtin("tiny"), samples=5, scheduler="tcp://127.0.0.1:1")
