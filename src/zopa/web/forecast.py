"""The expected-utility forecast in the web app: a page, a plot of positions, a JSON endpoint.

``GET /scenarios/NAME/forecast`` shows a small form (rounds, how an actor picks
among offers, Monte Carlo samples and seed) and, once run, the report's forecast
section with a plot of every party's position per round on a chosen issue.
``POST /api/scenarios/NAME/forecast`` returns what ``zopa forecast --explain --json``
prints (:meth:`Forecast.to_dict` with every move, :meth:`MonteCarloForecast.to_dict`)
plus the positions per round the plot draws. Samples, rounds and samples x rounds
are capped so a request stays within seconds; past a cap, or for a bad value, the
answer is 422 with a message that says which.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from zopa.errors import ScenarioError
from zopa.forecast import OFFER_CHOICES, Forecast, IssueForecast, forecast, monte_carlo
from zopa.forecast.inputs import layout_of
from zopa.forecast.scenario import DEFAULT_ROUNDS
from zopa.model import Scenario
from zopa.report import forecast_content
from zopa.web.limits import (
    MAX_SEED,
    answer_or_422,
    check_count,
    check_seed,
    check_work,
    serve_script,
)

__all__ = [
    "MAX_ROUNDS",
    "MAX_SAMPLES",
    "MAX_WORK",
    "ForecastRequest",
    "forecast_router",
    "positions_per_round",
]

MAX_ROUNDS = 100  # the CLI allows 1,000; the model settles within a few rounds
MAX_SAMPLES = 10_000
# samples x rounds: 10,000 samples of the default 10 rounds take 3.9-4.4 s on
# ukraine-2026 in one process (a 2-core machine under light load).
MAX_WORK = 100_000
_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")


class ForecastRequest(BaseModel):
    """The forecast to run: ``zopa forecast``'s choices (samples 0: no Monte Carlo)."""

    rounds: int = Field(
        DEFAULT_ROUNDS, ge=1, description=f"rounds of the model, at most {MAX_ROUNDS}"
    )
    offer_choice: str = Field(
        "scholz", max_length=20, description=f"how an actor picks among offers: {OFFER_CHOICES}"
    )
    samples: int = Field(0, ge=0, description=f"Monte Carlo samples, at most {MAX_SAMPLES:,}")
    seed: int = Field(0, ge=0, le=MAX_SEED)


def _check(rounds: int, offer_choice: str, samples: int, seed: int) -> None:
    """:class:`ScenarioError` for a value out of range or past a cap."""
    if offer_choice not in OFFER_CHOICES:
        raise ScenarioError(
            f"offer_choice: {offer_choice!r} is not one of {', '.join(OFFER_CHOICES)}"
        )
    check_count("rounds", rounds, 1, MAX_ROUNDS)
    check_seed(seed)
    check_count("samples", samples, 0, MAX_SAMPLES, "zopa forecast --samples runs more")
    check_work("samples x rounds", samples, rounds, MAX_WORK, "ask for fewer, or use zopa forecast")


def positions_per_round(item: IssueForecast, rounds: int) -> dict[str, list[float]]:
    """Each taking part party's position before round 1 and after each round, from its moves."""
    out = {party: [start] * (rounds + 1) for party, start in item.start.items()}
    for move in item.moves or ():
        track = out[move.party]
        track[move.round :] = [move.after] * (rounds + 1 - move.round)
    return out


def api_content(
    scenario: Scenario, rounds: int, offer_choice: str, samples: int, seed: int
) -> dict[str, Any]:
    """What ``zopa forecast --explain --json`` prints, with the positions per round."""
    _check(rounds, offer_choice, samples, seed)
    point = forecast(scenario, rounds=rounds, offer_choice=offer_choice, explain=True)  # type: ignore[arg-type]
    sampled = (
        monte_carlo(
            scenario,
            samples=samples,
            seed=seed,
            rounds=rounds,
            offer_choice=offer_choice,  # type: ignore[arg-type]
            workers=1,  # in this process: a request must not spawn a pool
        )
        if samples
        else None
    )
    return {
        "scenario": scenario.name,
        "forecast": point.to_dict(),
        "monte_carlo": sampled.to_dict() if sampled else None,
        "positions": [
            {"issue": item.issue, "parties": positions_per_round(item, rounds)}
            for item in point.issues
        ],
    }


def _figures(
    scenario: Scenario, point: Forecast, spreads: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """One figure per issue: each party's position per round, the forecast, the options."""
    places = layout_of(scenario).option_positions
    figures = []
    for i, item in enumerate(point.issues):
        issue = scenario.issue(item.issue)
        tracks = positions_per_round(item, point.rounds)
        x = list(range(point.rounds + 1))
        data: list[dict[str, Any]] = [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "line": {"shape": "hv", "color": _COLOURS[k % len(_COLOURS)]},
                "name": party,
                "x": x,
                "y": [round(v, 2) for v in track],
            }
            for k, (party, track) in enumerate(tracks.items())
        ]
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "line": {"dash": "dash", "color": "#333"},
                "name": f"forecast: median voter {item.median:.1f}",
                "x": [0, point.rounds],
                "y": [round(item.median, 2)] * 2,
            }
        )
        if item.issue in spreads:
            q = spreads[item.issue]["median_quantiles"]
            data.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "marker": {"color": "#333", "symbol": "diamond"},
                    "name": "Monte Carlo p5 / p50 / p95",
                    "x": [point.rounds],
                    "y": [q["p50"]],
                    "error_y": {
                        "type": "data",
                        "symmetric": False,
                        "array": [round(q["p95"] - q["p50"], 2)],
                        "arrayminus": [round(q["p50"] - q["p5"], 2)],
                    },
                }
            )
        layout = {
            "title": {"text": f"{item.issue}: positions per round"},
            "xaxis": {"title": {"text": "round"}, "dtick": 1},
            "yaxis": {
                "title": {"text": "position (0-100)"},
                "range": [-5, 105],
                "tickvals": [float(p) for p in places[i]],
                "ticktext": [o.title for o in issue.options],
                "automargin": True,
            },
            "legend": {"orientation": "h", "y": -0.25},
            "margin": {"t": 50},
            "height": 420,
        }
        figures.append({"issue": item.issue, "figure": {"data": data, "layout": layout}})
    return figures


def page_content(
    scenario: Scenario, rounds: int, offer_choice: str, samples: int, seed: int
) -> dict[str, Any]:
    """The report's forecast section and the per-issue position plots."""
    _check(rounds, offer_choice, samples, seed)
    section = forecast_content(
        scenario, samples=samples, seed=seed, rounds=rounds, offer_choice=offer_choice, workers=1
    )
    point = forecast(scenario, rounds=rounds, offer_choice=offer_choice, explain=True)  # type: ignore[arg-type]
    spreads = {d["issue"]: d for d in (section["monte_carlo"] or {}).get("issues", [])}
    return {"forecast": section, "figures": _figures(scenario, point, spreads)}


def forecast_router(page: Callable[..., HTMLResponse]) -> APIRouter:
    """The forecast page, its script and the API endpoint; ``page`` renders a template."""
    router = APIRouter()

    @router.get(
        "/scenarios/{name}/forecast",
        response_class=HTMLResponse,
        summary="The expected-utility forecast: the form and, once run, the results",
    )
    def forecast_page(
        request: Request,
        name: str,
        rounds: int = DEFAULT_ROUNDS,  # out of range: the page says so (see _check)
        offer_choice: Annotated[str, Query(max_length=20)] = "scholz",
        samples: int = 0,
        seed: int = 0,
        run: bool = False,
    ) -> HTMLResponse:
        scenario = request.app.state.zopa.scenario(name)  # unknown: 404
        chosen = {"rounds": rounds, "offer_choice": offer_choice, "samples": samples, "seed": seed}
        context: dict[str, Any] = {"result": None, "error": None}
        status = 200
        if run:
            try:
                context["result"] = page_content(scenario, rounds, offer_choice, samples, seed)
            except ScenarioError as error:
                context["error"], status = str(error), 422
        response = page(
            "forecast.html.j2",
            model=scenario,
            chosen=chosen,
            offer_choices=OFFER_CHOICES,
            max_rounds=MAX_ROUNDS,
            max_samples=MAX_SAMPLES,
            max_seed=MAX_SEED,
            c=context["result"],  # the report's section reads c.forecast
            **context,
        )
        response.status_code = status
        return response

    serve_script(router, "forecast.js", "The forecast page's script")

    @router.post(
        "/api/scenarios/{name}/forecast",
        summary="The expected-utility forecast with every move, as zopa forecast --explain --json",
    )
    def api_forecast(request: Request, name: str, body: ForecastRequest) -> Any:
        scenario = request.app.state.zopa.scenario(name)  # unknown: 404
        return answer_or_422(
            lambda: api_content(scenario, body.rounds, body.offer_choice, body.samples, body.seed)
        )

    return router
