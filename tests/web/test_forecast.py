"""The forecast page and its JSON API against the CLI and the model's own trace."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.report.htmlcheck import parse
from zopa.cli.app import app as cli
from zopa.evidence import Store
from zopa.forecast.inputs import layout_of
from zopa.forecast.scenario import run_model
from zopa.model import load_builtin
from zopa.web import create_app
from zopa.web.forecast import MAX_ROUNDS, MAX_SAMPLES, MAX_WORK
from zopa.web.limits import MAX_SEED


@pytest.fixture(scope="module")
def client():
    store = Store("sqlite://")
    yield TestClient(create_app(store))
    store.close()


def _cli(name: str, body: dict) -> dict:
    """``zopa forecast --explain --json`` with the same choices."""
    args = ["forecast", name, "--explain", "--json", "--workers", "1"]
    args += ["--samples", str(body.get("samples", 0)), "--seed", str(body.get("seed", 0))]
    args += ["--rounds", str(body.get("rounds", 10))]
    args += ["--offer-choice", body.get("offer_choice", "scholz")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("tiny", {}),
        ("ukraine-2026", {"rounds": 6, "offer_choice": "nearest"}),
        ("ukraine-2026", {"samples": 300, "seed": 5}),
    ],
)
def test_the_api_gives_what_the_cli_prints(client, name, body):
    response = client.post(f"/api/scenarios/{name}/forecast", json=body)
    assert response.status_code == 200, response.text
    got = response.json()
    want = _cli(name, body)
    assert got["forecast"] == want["forecast"]
    assert got["monte_carlo"] == want["monte_carlo"]
    assert any(i.get("moves") for i in got["forecast"]["issues"]) or name == "tiny"


@pytest.mark.parametrize(
    ("name", "rounds"), [("tiny", 10), ("ukraine-2026", 10), ("ukraine-2026", 3)]
)
def test_positions_per_round_are_the_models_trace(client, name, rounds):
    """The plot's positions, rebuilt from the moves, against the model's own record."""
    got = client.post(f"/api/scenarios/{name}/forecast", json={"rounds": rounds}).json()
    scenario = load_builtin(name)
    layout = layout_of(scenario)
    inputs = layout.inputs(layout.point[None, :])
    trace = run_model(inputs, rounds=rounds, q=1.0, offer_choice="scholz", explain=True).trace
    assert [p["issue"] for p in got["positions"]] == [i.name for i in scenario.issues]
    moved = 0
    for i, row in enumerate(got["positions"]):
        for p, party in enumerate(scenario.parties):
            if not inputs.active[0, i, p]:
                assert party.name not in row["parties"]
                continue
            track = row["parties"][party.name]
            assert track == pytest.approx(trace.positions[:, 0, i, p].tolist(), abs=1e-9)
            moved += track[0] != track[-1]
    assert moved > 0 or name == "tiny"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"samples": MAX_SAMPLES + 1}, f"samples: from 0 to {MAX_SAMPLES:,}"),
        ({"rounds": MAX_ROUNDS + 1}, f"rounds: from 1 to {MAX_ROUNDS}"),
        (
            {"samples": MAX_SAMPLES, "rounds": MAX_WORK // MAX_SAMPLES + 1},
            f"samples x rounds: at most {MAX_WORK:,}",
        ),
        ({"offer_choice": "loudest"}, "'loudest' is not one of scholz, nearest"),
    ],
)
def test_caps_and_unknown_choices_are_422_with_a_message(client, body, message):
    response = client.post("/api/scenarios/tiny/forecast", json=body)
    assert response.status_code == 422
    assert message in response.json()["error"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"samples": -1}, "samples"),
        ({"samples": "lots"}, "samples"),
        ({"rounds": 0}, "rounds"),
        ({"seed": -1}, "seed"),
        ({"seed": MAX_SEED + 1}, "seed"),
        ({"offer_choice": "x" * 21}, "offer_choice"),
    ],
)
def test_bad_values_are_422_naming_the_field(client, body, field):
    response = client.post("/api/scenarios/tiny/forecast", json=body)
    assert response.status_code == 422
    assert [e["loc"][-1] for e in response.json()["detail"]] == [field]


def test_an_unknown_scenario_is_404(client):
    response = client.post("/api/scenarios/atlantis/forecast", json={})
    assert response.status_code == 404 and "unknown scenario 'atlantis'" in response.json()["error"]
    page = client.get("/scenarios/atlantis/forecast")
    assert page.status_code == 404 and "unknown scenario" in page.text


def test_the_page_shows_the_apis_forecast_and_plots(client):
    assert 'href="/scenarios/ukraine-2026/forecast"' in client.get("/scenarios/ukraine-2026").text
    form = client.get("/scenarios/ukraine-2026/forecast")
    assert form.status_code == 200 and 'id="forecast-run"' in form.text
    assert 'id="forecast-point"' not in form.text  # nothing run yet
    body = {"rounds": 6, "samples": 200, "seed": 2}
    shown = client.get("/scenarios/ukraine-2026/forecast", params={**body, "run": 1})
    assert shown.status_code == 200
    api = client.post("/api/scenarios/ukraine-2026/forecast", json=body).json()
    figures = json.loads(shown.text.split('id="forecast-figures">', 1)[1].split("</script>", 1)[0])
    for figure, row in zip(figures, api["positions"], strict=True):
        lines = {t["name"]: t["y"] for t in figure["figure"]["data"][: len(row["parties"])]}
        assert lines == {p: [round(v, 2) for v in ys] for p, ys in row["parties"].items()}
    text = parse(shown.text).text
    for item in api["forecast"]["issues"]:
        assert f"{round(item['initial_median'], 2)} → {round(item['median'], 2)}" in text
    assert f"{api['monte_carlo']['samples']} samples (seed 2)" in text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"samples": MAX_SAMPLES + 1}, "samples: from 0"),
        ({"rounds": 0}, "rounds: from 1"),
        ({"seed": -3}, "seed: a whole number"),
        ({"offer_choice": "loudest"}, "is not one of"),
    ],
)
def test_the_page_says_what_is_wrong(client, params, message):
    response = client.get("/scenarios/tiny/forecast", params={**params, "run": 1})
    assert response.status_code == 422
    error = parse(response.text.split('id="forecast-error">', 1)[1].split("</p>", 1)[0]).text
    assert message in error
