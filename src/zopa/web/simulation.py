"""Simulated talks in the web app: a page with a small form, and a JSON endpoint.

``GET /scenarios/NAME/simulate`` shows the form (protocol, runs, seed, deadline,
a strategy per party) and, once submitted, the report's simulation section;
``POST /api/scenarios/NAME/simulate`` returns the same content as JSON. Both run
:func:`zopa.report.simulation_content`. Runs, rounds and runs x rounds are capped
so that one request stays within about 20 s; past a cap, or for an unknown protocol,
party or strategy, the answer is 422 with a message that says which.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from zopa.errors import ScenarioError, UnknownNameError
from zopa.model import STRATEGIES, Scenario
from zopa.report import SimulationOptions, simulation_content
from zopa.simulate import DEFAULT_ROUNDS, PROTOCOL_NAMES
from zopa.web.limits import (
    MAX_SEED,
    answer_or_422,
    check_count,
    check_seed,
    check_work,
    serve_script,
)

__all__ = ["MAX_ROUNDS", "MAX_RUNS", "MAX_WORK", "SimulateRequest", "simulation_router"]

MAX_RUNS = 2_000  # runs one request may ask for (zopa simulate has no cap)
MAX_ROUNDS = 200
# runs x rounds: the mediator's 2,000 x 19 on ukraine-2026 (49,349 candidates) takes
# 15-19 s on a loaded 2-core machine, the alternating protocol under 1 s.
MAX_WORK = 40_000


class SimulateRequest(BaseModel):
    """Simulated talks to run; strategies map a party (name or alias) to a strategy."""

    protocol: str = Field("mediator", max_length=40, description="mediator or alternating")
    runs: int = Field(100, ge=1, description=f"negotiations to simulate, at most {MAX_RUNS:,}")
    rounds: int | None = Field(
        None, ge=1, description=f"the deadline, at most {MAX_ROUNDS}; default: the scenario's"
    )
    seed: int = Field(0, ge=0, le=MAX_SEED)
    strategies: dict[
        Annotated[str, Field(max_length=200)], Annotated[str, Field(max_length=60)]
    ] = Field(default_factory=dict, max_length=50)


def _run(
    scenario: Scenario,
    protocol: str,
    runs: int,
    rounds: int | None,
    seed: int,
    strategies: dict[str, str],
) -> dict[str, Any]:
    """The simulation section's content; :class:`ScenarioError` past a cap."""
    check_seed(seed)
    check_count("runs", runs, 1, MAX_RUNS, "zopa simulate runs more")
    if rounds is not None:
        check_count("rounds", rounds, 1, MAX_ROUNDS)
    deadline = rounds or _default_rounds(scenario)
    check_work(
        "runs x rounds",
        runs,
        deadline,
        MAX_WORK,
        "ask for fewer runs or rounds, or use zopa simulate",
    )
    options = SimulationOptions(protocol, runs, rounds, tuple(strategies.items()))
    options.check(scenario)
    return {"scenario": scenario.name, **simulation_content(scenario, options, seed=seed)}


def _default_rounds(scenario: Scenario) -> int:
    return scenario.deadline.rounds if scenario.deadline is not None else DEFAULT_ROUNDS


def _form_strategies(pairs: list[str]) -> dict[str, str]:
    """The form's ``PARTY=NAME`` choices; an empty choice keeps the scenario's own."""
    out = {}
    for pair in pairs:
        party, sep, name = pair.partition("=")
        if not sep or not party.strip():
            raise UnknownNameError(f"strategy {pair!r}: expected PARTY=NAME")
        if name.strip():
            out[party.strip()] = name.strip()
    return out


def simulation_router(page: Callable[..., HTMLResponse]) -> APIRouter:
    """The simulation page, its script and the API endpoint; ``page`` renders a template."""
    router = APIRouter()

    def form_page(
        scenario: Scenario, chosen: dict[str, Any], status: int = 200, **extra: Any
    ) -> HTMLResponse:
        response = page(
            "simulate.html.j2",
            model=scenario,
            chosen=chosen,
            protocols=PROTOCOL_NAMES,
            strategies=STRATEGIES,
            max_runs=MAX_RUNS,
            max_rounds=MAX_ROUNDS,
            max_seed=MAX_SEED,
            default_rounds=_default_rounds(scenario),
            **{"sim": None, "error": None, **extra},
        )
        response.status_code = status
        return response

    @router.get(
        "/scenarios/{name}/simulate",
        response_class=HTMLResponse,
        summary="Simulated talks: the form and, once run, the results",
    )
    def simulate_page(
        request: Request,
        name: str,
        protocol: Annotated[str, Query(max_length=40)] = "mediator",
        runs: int = 100,  # out of range: the page says so (see _run)
        seed: int = 0,
        rounds: Annotated[str, Query(max_length=10)] = "",
        strategy: Annotated[list[Annotated[str, Query(max_length=260)]], Query()] = [],  # noqa: B006
        run: bool = False,
    ) -> HTMLResponse:
        scenario = request.app.state.zopa.scenario(name)
        chosen = {"protocol": protocol, "runs": runs, "seed": seed, "rounds": rounds}
        try:
            choices = _form_strategies(strategy)
            chosen["strategies"] = {scenario.party(p).name: s for p, s in choices.items()}
            if not run:
                return form_page(scenario, chosen)
            deadline = rounds.strip()
            if deadline and not re.fullmatch(r"[1-9][0-9]*", deadline):
                raise ScenarioError(f"rounds: a whole number from 1, or empty (got {rounds!r})")
            content = _run(
                scenario, protocol, runs, int(deadline) if deadline else None, seed, choices
            )
            return form_page(scenario, chosen, sim=content)
        except (UnknownNameError, ScenarioError) as error:
            chosen.setdefault("strategies", {})
            return form_page(scenario, chosen, 422, error=str(error))

    serve_script(router, "simulate.js", "The simulation page's script")

    @router.post("/api/scenarios/{name}/simulate", summary="Simulated talks, as JSON")
    def api_simulate(request: Request, name: str, body: SimulateRequest) -> Any:
        scenario = request.app.state.zopa.scenario(name)  # unknown: 404
        return answer_or_422(
            lambda: _run(
                scenario, body.protocol, body.runs, body.rounds, body.seed, body.strategies
            ),
            UnknownNameError,
        )

    return router
