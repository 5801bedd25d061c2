"""The simulation page and its JSON API against direct calls of zopa.simulate."""

from __future__ import annotations

from collections import Counter

import pytest
from fastapi.testclient import TestClient

from tests.report.htmlcheck import parse
from zopa.evidence import Store
from zopa.model import load_builtin
from zopa.simulate import simulate
from zopa.web import create_app
from zopa.web.limits import MAX_SEED
from zopa.web.simulation import MAX_ROUNDS, MAX_RUNS, MAX_WORK

# The mediator with a short deadline and a Boulware North agrees in some runs, not all.
TINY = {
    "protocol": "mediator",
    "runs": 300,
    "rounds": 3,
    "seed": 7,
    "strategies": {"north": "boulware"},  # party names match case-insensitively
}


@pytest.fixture(scope="module")
def client():
    store = Store("sqlite://")
    yield TestClient(create_app(store))
    store.close()


def _direct(name: str, body: dict) -> dict:
    """What the endpoint should report, computed from simulate()'s raw arrays."""
    result = simulate(
        load_builtin(name),
        protocol=body.get("protocol", "mediator"),
        runs=body.get("runs", 100),
        rounds=body.get("rounds"),
        seed=body.get("seed", 0),
        strategies=body.get("strategies", {}),
    )
    rounds = result.round[result.agreed]
    counts = Counter(int(i) for i in result.package[result.agreed])
    return {
        "rate": float(result.agreed.mean()),
        "agreements": int(result.agreed.sum()),
        "mean_round": float(rounds.mean()) if len(rounds) else None,
        "by_round": dict(Counter(int(r) for r in rounds)),
        "packages": {
            tuple(sorted(result.candidates.package(i).items())): k for i, k in counts.items()
        },
        "strategies": dict(zip(result.parties, result.strategies, strict=True)),
    }


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("tiny", TINY),
        ("tiny", {"protocol": "alternating", "runs": 50, "seed": 3}),
        ("ukraine-2026", {"protocol": "alternating", "runs": 40, "rounds": 4, "seed": 11}),
    ],
)
def test_the_api_reports_what_simulate_computes(client, name, body):
    response = client.post(f"/api/scenarios/{name}/simulate", json=body)
    assert response.status_code == 200, response.text
    got = response.json()
    want = _direct(name, body)
    assert got["scenario"] == name and got["runs"] == body["runs"]
    assert got["agreement_rate"] == pytest.approx(want["rate"], abs=1e-6)
    assert got["agreements"] == want["agreements"]
    if want["mean_round"] is None:
        assert got["mean_round"] is None
    else:
        assert got["mean_round"] == pytest.approx(want["mean_round"], abs=1e-6)
    assert {r["round"]: r["runs"] for r in got["rounds_distribution"]} == want["by_round"]
    shown = {
        tuple(sorted((r["issue"], r["option"]) for r in p["package"])): p["runs"]
        for p in got["packages"]
    }
    assert all(want["packages"][package] == runs for package, runs in shown.items())
    assert (
        sorted(shown.values(), reverse=True)
        == sorted(want["packages"].values(), reverse=True)[: len(shown)]
    )
    assert {r["party"]: r["strategy"] for r in got["strategies"]} == want["strategies"]
    assert got["positions"]["open"][0] == body["runs"]


def test_the_tiny_case_is_neither_all_nor_nothing(client):
    rate = client.post("/api/scenarios/tiny/simulate", json=TINY).json()["agreement_rate"]
    assert 0 < rate < 1  # else the comparisons above could not tell runs apart


def test_same_seed_same_answer_other_seed_other_runs(client):
    first = client.post("/api/scenarios/tiny/simulate", json=TINY).json()
    again = client.post("/api/scenarios/tiny/simulate", json=TINY).json()
    other = client.post("/api/scenarios/tiny/simulate", json={**TINY, "seed": 8}).json()
    assert first == again
    assert other["packages"] != first["packages"]  # the agreements differ run by run


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"runs": MAX_RUNS + 1}, f"runs: from 1 to {MAX_RUNS:,}"),
        ({"rounds": MAX_ROUNDS + 1}, f"rounds: from 1 to {MAX_ROUNDS}"),
        ({"runs": MAX_WORK // 100 + 1, "rounds": 100}, f"runs x rounds: at most {MAX_WORK:,}"),
        ({"runs": MAX_RUNS}, f"runs x rounds: at most {MAX_WORK:,}"),  # the default 50 rounds
        ({"protocol": "auction"}, "unknown protocol 'auction'"),
        ({"strategies": {"Atlantis": "linear"}}, "Atlantis"),
        ({"strategies": {"North": "stubborn"}}, "stubborn"),
    ],
)
def test_caps_and_unknown_names_are_422_with_a_message(client, body, message):
    response = client.post("/api/scenarios/tiny/simulate", json=body)
    assert response.status_code == 422
    assert message in response.json()["error"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"runs": 0}, "runs"),
        ({"runs": "many"}, "runs"),
        ({"rounds": 0}, "rounds"),
        ({"seed": -1}, "seed"),
        ({"seed": MAX_SEED + 1}, "seed"),
        ({"protocol": "x" * 41}, "protocol"),
    ],
)
def test_bad_values_are_422_naming_the_field(client, body, field):
    response = client.post("/api/scenarios/tiny/simulate", json=body)
    assert response.status_code == 422
    assert [e["loc"][-1] for e in response.json()["detail"]] == [field]


def test_an_unknown_scenario_is_404(client):
    response = client.post("/api/scenarios/atlantis/simulate", json={})
    assert response.status_code == 404 and "unknown scenario 'atlantis'" in response.json()["error"]
    page = client.get("/scenarios/atlantis/simulate")
    assert page.status_code == 404 and "unknown scenario" in page.text


def test_the_page_shows_the_apis_numbers(client):
    form = client.get("/scenarios/tiny/simulate")
    assert form.status_code == 200 and 'id="simulate-run"' in form.text
    assert 'id="simulation"' not in form.text  # nothing run yet
    params = {
        "protocol": "mediator",
        "runs": TINY["runs"],
        "rounds": TINY["rounds"],
        "seed": TINY["seed"],
        "strategy": ["North=boulware", "South="],
        "run": 1,
    }
    shown = client.get("/scenarios/tiny/simulate", params=params)
    assert shown.status_code == 200
    api = client.post("/api/scenarios/tiny/simulate", json=TINY).json()
    text = parse(shown.text).text
    rate = f"{api['agreement_rate'] * 100:.1f}% ({api['agreements']:,} of {api['runs']:,} runs)"
    assert rate in text
    assert "Strategies: North boulware (e=0.25); South linear (e=1)." in text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"runs": MAX_RUNS + 1}, f"runs: from 1 to {MAX_RUNS:,}"),
        ({"runs": 0}, "runs: from 1"),
        ({"rounds": "2.5"}, "rounds: a whole number"),
        ({"seed": -3}, "seed: a whole number"),
        ({"strategy": "North"}, "expected PARTY=NAME"),
        ({"strategy": "Atlantis=linear"}, "Atlantis"),
    ],
)
def test_the_page_says_what_is_wrong(client, params, message):
    response = client.get("/scenarios/tiny/simulate", params={**params, "run": 1})
    assert response.status_code == 422
    error = parse(response.text.split('id="simulate-error">', 1)[1].split("</p>", 1)[0]).text
    assert message in error
