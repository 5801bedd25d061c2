"""Why positions move: the model's trace against a scalar re-derivation of each round."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from zopa.cli.app import app
from zopa.forecast import forecast
from zopa.forecast.bdm import EXCHANGES, expected_utility_model
from zopa.model import load_builtin

from .test_bdm import _inputs

runner = CliRunner()


def _utility(d: float, r: float) -> tuple[float, float, float]:
    """U_s, U_f and U_sq at normalised distance d with risk exponent r."""
    return 2 - 4 * (0.5 - 0.5 * d) ** r, 2 - 4 * (0.5 + 0.5 * d) ** r, 2 - 4 * 0.5**r


def _win(x, w, r, spread):
    n = len(x)
    votes = {}
    for i in range(n):
        for j in range(n):
            if i != j:
                votes[i, j] = [
                    w[k]
                    * ((abs(x[k] - x[j]) / spread) ** r[k] - (abs(x[k] - x[i]) / spread) ** r[k])
                    for k in range(n)
                ]
    total = sum(abs(v) for pair in votes.values() for v in pair)
    return {
        (i, j): 0.0 if x[i] == x[j] else sum(max(0.0, v) for v in pair) / total
        for (i, j), pair in votes.items()
    }


def _value(d, p, resist, r):
    u_s, u_f, u_sq = _utility(d, r)
    return resist * (p * u_s + (1 - p) * u_f) + (1 - resist) * u_s - u_sq  # Q = 1


def _reference_round(x, c, s, spread, choice):
    """One round written out actor by actor from the equations of zopa.forecast.bdm."""
    n = len(x)
    w = [c[k] * s[k] for k in range(n)]
    d = [[abs(x[i] - x[j]) / spread for j in range(n)] for i in range(n)]
    p1 = _win(x, w, [1.0] * n, spread)
    exposure = [
        sum(_value(d[j][i], p1[j, i], s[i], 1.0) for j in range(n) if j != i) for i in range(n)
    ]
    hi, lo = max(exposure), min(exposure)
    risk = [(2 * e - hi - lo) / (hi - lo) if hi > lo else 0.0 for e in exposure]
    r = [(1 - q / 3) / (1 + q / 3) for q in risk]
    p = _win(x, w, r, spread)
    out = []
    for i in range(n):
        offers = []
        for j in range(n):
            if j == i or d[i][j] == 0:
                continue
            a = _value(d[i][j], p[i, j], s[j], r[i])
            b = _value(d[i][j], p[j, i], s[i], r[i])
            if b > a > 0:
                offers.append(("confrontation", j, x[j], a, b))
            elif b > 0 > a and b > -a:
                offers.append(("compromise", j, x[i] + (x[j] - x[i]) * abs(a / b), a, b))
            elif b > 0 > a:
                offers.append(("capitulation", j, x[j], a, b))
        if not offers:
            out.append(("none", -1, x[i], 0.0, 0.0))
        elif choice == "nearest":
            out.append(min(offers, key=lambda o: (abs(o[2] - x[i]), o[1])))
        else:
            for kind in ("confrontation", "compromise", "capitulation"):
                some = [o for o in offers if o[0] == kind]
                if some:
                    out.append(
                        min(some, key=lambda o, i=i, kind=kind: _scholz_key(o, x[i], x, kind))
                    )
                    break
    return out


def _scholz_key(offer, own, x, kind):
    """Scholz's order among offers of one kind: nearest, or lowest EU-weighted midpoint."""
    _, j, target, a, b = offer
    if kind == "compromise":
        return ((abs(a) * own + abs(b) * x[j]) / (abs(a) + abs(b)), j)
    return (abs(target - own), j)


@pytest.mark.parametrize("choice", ["scholz", "nearest"])
@pytest.mark.parametrize("seed", range(12))
def test_every_round_matches_a_scalar_re_derivation(seed, choice):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 6))
    c = rng.uniform(0.5, 5, n)
    x = rng.uniform(0, 100, n)
    s = rng.uniform(0.1, 1, n)
    run = expected_utility_model(c, x, s, rounds=5, offer_choice=choice, explain=True)
    trace = run.trace
    spread = float(x.max() - x.min())
    np.testing.assert_array_equal(trace.positions[-1], run.positions)
    for k in range(5):
        before = trace.positions[k].tolist()
        if k and np.allclose(trace.positions[k], trace.positions[k - 1], rtol=0, atol=1e-12):
            assert (trace.exchange[k] == 0).all()  # a settled run makes no offers
            continue
        expected = _reference_round(before, c.tolist(), s.tolist(), spread, choice)
        for i, (kind, offerer, after, a, b) in enumerate(expected):
            assert EXCHANGES[trace.exchange[k, i]] == kind
            assert trace.offerer[k, i] == offerer
            assert trace.positions[k + 1, i] == pytest.approx(after, abs=1e-9)
            assert trace.own_value[k, i] == pytest.approx(a, abs=1e-9)
            assert trace.offer_value[k, i] == pytest.approx(b, abs=1e-9)


def test_the_trace_leaves_the_run_unchanged():
    rng = np.random.default_rng(7)
    shape = (50, 3, 6)
    c, x, s = rng.uniform(1, 3, shape), rng.uniform(0, 100, shape), rng.uniform(0, 1, shape)
    plain = expected_utility_model(c, x, s, rounds=8)
    traced = expected_utility_model(c, x, s, rounds=8, explain=True)
    assert plain.trace is None
    np.testing.assert_array_equal(plain.medians, traced.medians)
    np.testing.assert_array_equal(plain.positions, traced.positions)
    assert traced.trace.exchange.shape == (8, *shape)


def test_published_example_moves_land_where_their_exchange_says():
    c, x, s = _inputs()
    trace = expected_utility_model(c, x, s, rounds=8, explain=True).trace
    moved = 0
    for k in range(8):
        for i in range(len(x)):
            code, j = int(trace.exchange[k, i]), int(trace.offerer[k, i])
            before, after = trace.positions[k, i], trace.positions[k + 1, i]
            if code == 0:
                assert after == before
                continue
            moved += 1
            target = trace.positions[k, j]
            if EXCHANGES[code] == "compromise":
                a, b = trace.own_value[k, i], trace.offer_value[k, i]
                assert after == pytest.approx(before + (target - before) * abs(a / b))
                assert min(before, target) <= after <= max(before, target)
            else:
                assert after == pytest.approx(target)
    assert moved > 10


def test_scenario_forecast_lists_moves_that_chain_from_start_to_end():
    result = forecast(load_builtin("ukraine-2026"), explain=True)
    assert any(i.moves for i in result.issues)
    for issue in result.issues:
        position = dict(issue.start)
        for move in issue.moves:
            assert move.before == position[move.party]
            assert move.toward in position and move.toward != move.party
            position[move.party] = move.after
        assert position == pytest.approx(issue.end)
    assert forecast(load_builtin("ukraine-2026")).issues[0].moves is None


def test_forecast_explain_prints_reasons_and_json():
    result = runner.invoke(app, ["forecast", "--samples", "0", "--explain"])
    assert result.exit_code == 0, result.output
    assert "confrontation" in result.stdout and "gives in to" not in result.stderr
    result = runner.invoke(app, ["forecast", "--samples", "0", "--explain", "--json"])
    data = json.loads(result.stdout)
    moves = [m for i in data["forecast"]["issues"] for m in i["moves"]]
    assert moves and {m["exchange"] for m in moves} <= set(EXCHANGES[1:])
    plain = json.loads(runner.invoke(app, ["forecast", "--samples", "0", "--json"]).stdout)
    assert "moves" not in plain["forecast"]["issues"][0]
