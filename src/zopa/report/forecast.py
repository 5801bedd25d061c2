"""The forecast section of the report: the expected-utility model and Monte Carlo over it.

Runs :func:`zopa.forecast.forecast` (positions at the judged values, moved round
by round by Bueno de Mesquita's model) and, with samples, :func:`zopa.forecast.monte_carlo`
(the spread of the forecast over the scenario's uncertain judgements and the
inputs that move it most), and turns both into plain data for the template.
"""

from __future__ import annotations

from typing import Any

from zopa.forecast import forecast, monte_carlo
from zopa.forecast.scenario import DEFAULT_ROUNDS
from zopa.model import Scenario

__all__ = ["SENSITIVITY_SHOWN", "forecast_content"]

SENSITIVITY_SHOWN = 10  # the inputs listed, strongest first


def _title(scenario: Scenario, issue: str, option: str) -> str:
    spec = scenario.issue(issue)
    return spec.options[spec.option_index(option)].title


def _shares(scenario: Scenario, issue: str, shares: dict[str, float]) -> list[dict[str, Any]]:
    ranked = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))
    return [
        {"option": o, "title": _title(scenario, issue, o), "share": round(s, 4)}
        for o, s in ranked
        if s > 0
    ]


def forecast_content(
    scenario: Scenario,
    *,
    samples: int,
    seed: int,
    workers: int | None = None,
    rounds: int = DEFAULT_ROUNDS,
    offer_choice: str = "scholz",
) -> dict[str, Any]:
    """The point forecast per issue and, for ``samples`` > 0, the Monte Carlo summary.

    Positions are on each issue's 0-100 scale (the options' ``position``). Each issue's
    ``steps`` are its moves round by round, with the offer accepted and why. ``rounds``
    and ``offer_choice`` are ``zopa forecast``'s (the report uses the defaults).
    """
    point = forecast(scenario, rounds=rounds, offer_choice=offer_choice, explain=True)  # type: ignore[arg-type]
    issues = []
    for item in point.issues:
        moves = [
            {
                "party": party,
                "start": round(item.start[party], 2),
                "end": round(item.end[party], 2),
                "moved": abs(item.end[party] - item.start[party]) > 1e-9,
            }
            for party in item.start
        ]
        issues.append(
            {
                "issue": item.issue,
                "initial_median": round(item.initial_median, 2),
                "median": round(item.median, 2),
                "median_option": _title(scenario, item.issue, item.median_option),
                "initial_mean": round(item.initial_mean, 2),
                "mean": round(item.mean, 2),
                "mean_option": _title(scenario, item.issue, item.mean_option),
                "settled_after": item.settled_after,
                "moves": moves,
                "steps": [
                    {
                        "round": m.round,
                        "party": m.party,
                        "before": round(m.before, 2),
                        "after": round(m.after, 2),
                        "exchange": m.exchange,
                        "toward": m.toward,
                        "why": m.reason(),
                    }
                    for m in item.moves or ()
                ],
            }
        )
    out: dict[str, Any] = {"rounds": point.rounds, "issues": issues, "monte_carlo": None}
    if samples > 0:
        sampled = monte_carlo(
            scenario,
            samples=samples,
            seed=seed,
            rounds=rounds,
            offer_choice=offer_choice,  # type: ignore[arg-type]
            workers=workers,
        )
        out["monte_carlo"] = {
            "samples": sampled.samples,
            "seed": sampled.seed,
            "uncertain_inputs": len(sampled.uncertain_inputs),
            "deal_probability": round(sampled.deal_probability, 4),
            "deal_samples": sampled.deal_samples,
            "issues": [
                {
                    "issue": d.issue,
                    "median_quantiles": {k: round(v, 2) for k, v in d.median_quantiles.items()},
                    "median_options": _shares(scenario, d.issue, d.median_options),
                    "mean_options": _shares(scenario, d.issue, d.mean_options),
                    "settled_share": round(d.settled_share, 4),
                }
                for d in sampled.issues
            ],
            "sensitivity": [
                {"input": s.input, "strongest": round(s.strongest, 3), "output": s.output}
                for s in sampled.sensitivity[:SENSITIVITY_SHOWN]
            ],
        }
    return out
