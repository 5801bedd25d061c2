"""The simulation section of the report: how simulated talks end, and how positions move.

Runs :func:`zopa.simulate.simulate` (with its per-step trace) and turns the
result into plain data for the template and the web app: the agreement rate,
the rounds agreements come in, the most frequent packages, per issue the share
of agreements on each option, and the parties' mean targets and offers round
by round. Figures are Plotly dicts, like :mod:`zopa.report.plots`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from zopa.model import Scenario
from zopa.simulate import Simulation, check_options, simulate

__all__ = ["PACKAGES_SHOWN", "SimulationOptions", "simulation_content"]

PACKAGES_SHOWN = 10  # the most frequent agreements listed
_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")


@dataclass(frozen=True, slots=True)
class SimulationOptions:
    """The simulated talks to run: ``zopa simulate``'s choices (the seed is the report's).

    ``strategies`` are (party, strategy) pairs over the scenario's own; ``rounds``
    ``None`` takes the scenario's deadline, else 50.
    """

    protocol: str = "mediator"
    runs: int = 100
    rounds: int | None = None
    strategies: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "protocol": self.protocol,
            "runs": self.runs,
            "rounds": self.rounds,
            "strategies": [list(pair) for pair in self.strategies],
        }

    def check(self, scenario: Scenario) -> None:
        """Raise :class:`~zopa.errors.UnknownNameError` for an unknown protocol, party, strategy."""
        check_options(scenario, self.protocol, dict(self.strategies))


def _title(scenario: Scenario, issue: str, option: str) -> str:
    spec = scenario.issue(issue)
    return spec.options[spec.option_index(option)].title


def _round(x: float) -> float:
    return round(float(x), 6)


def simulation_content(
    scenario: Scenario, options: SimulationOptions, *, seed: int
) -> dict[str, Any]:
    """What the simulation section shows, as JSON-ready data (same inputs, same data).

    Raises
    ------
    UnknownNameError
        An unknown protocol, party or strategy.
    ScenarioError
        Rounds or runs below 1.
    """
    result = simulate(
        scenario,
        protocol=options.protocol,  # type: ignore[arg-type]
        rounds=options.rounds,
        runs=options.runs,
        seed=seed,
        strategies=dict(options.strategies),
        trace=True,
    )
    agreed_rounds = result.round[result.agreed]
    distances = result.distance[result.agreed & ~np.isnan(result.distance)]
    by_round = np.bincount(agreed_rounds, minlength=result.rounds + 1)[1:]
    content: dict[str, Any] = {
        "protocol": result.protocol,
        "rounds": result.rounds,
        "runs": result.runs,
        "seed": seed,
        "strategies": [
            {"party": p, "strategy": s}
            for p, s in zip(result.parties, result.strategies, strict=True)
        ],
        "candidates": len(result.candidates),
        "candidates_exhaustive": result.candidates.exhaustive,
        "agreements": int(result.agreed.sum()),
        "agreement_rate": _round(result.agreement_rate),
        "mean_round": _round(agreed_rounds.mean()) if len(agreed_rounds) else None,
        "mean_distance_to_nash": _round(distances.mean()) if len(distances) else None,
        "nash_exists": result.nash is not None,
        "rounds_distribution": [
            {"round": r, "runs": int(k)} for r, k in enumerate(by_round, 1) if k
        ],
        "packages": _packages(scenario, result),
        "option_shares": _option_shares(scenario, result),
        "positions": _positions(result),
    }
    content["figures"] = _figures(content, result)
    return content


def _packages(scenario: Scenario, result: Simulation) -> list[dict[str, Any]]:
    out = []
    for rank, (index, count) in enumerate(result.package_counts()[:PACKAGES_SHOWN], 1):
        package = result.candidates.package(index)
        out.append(
            {
                "rank": rank,
                "runs": count,
                "share": _round(count / result.runs),
                "package": [
                    {"issue": i, "option": o, "title": _title(scenario, i, o)}
                    for i, o in package.items()
                ],
                "utilities": {
                    p: _round(u)
                    for p, u in zip(result.parties, result.candidates.utilities[index], strict=True)
                },
            }
        )
    return out


def _option_shares(scenario: Scenario, result: Simulation) -> list[dict[str, Any]]:
    shares = result.option_shares()
    return [
        {
            "issue": issue.name,
            "options": [
                {"option": o.name, "title": o.title, "share": _round(shares[issue.name][o.name])}
                for o in issue.options
                if o.name in shares[issue.name]
            ],
        }
        for issue in scenario.issues
    ]


def _positions(result: Simulation) -> dict[str, Any]:
    """Mean targets and offers per step while any run is open (the trace's rows)."""
    trace = result.trace
    assert trace is not None  # simulation_content always asks for it
    steps = np.flatnonzero(trace.open > 0)
    return {
        "per_round": trace.per_round,
        "time": [_round(trace.round_of(int(j))) for j in steps],
        "open": [int(trace.open[j]) for j in steps],
        "parties": [
            {
                "party": party,
                "target": [_round(trace.target[j, p]) for j in steps],
                "offer": [
                    None if np.isnan(trace.offer[j, p]) else _round(trace.offer[j, p])
                    for j in steps
                ],
            }
            for p, party in enumerate(result.parties)
        ],
    }


def _figures(content: dict[str, Any], result: Simulation) -> list[dict[str, Any]]:
    figures = [{"id": "simulation-positions", "figure": _positions_figure(content, result)}]
    if content["agreements"]:
        figures.append({"id": "simulation-rounds", "figure": _rounds_figure(content)})
        figures.append({"id": "simulation-options", "figure": _options_figure(content)})
    return figures


def _positions_figure(content: dict[str, Any], result: Simulation) -> dict[str, Any]:
    positions = content["positions"]
    data = []
    for k, row in enumerate(positions["parties"]):
        colour = _COLOURS[k % len(_COLOURS)]
        party = row["party"]
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": f"{party}: target",
                "legendgroup": party,
                "x": positions["time"],
                "y": row["target"],
                "line": {"color": colour, "dash": "dash", "width": 1.5},
                "hovertemplate": f"{party} target %{{y:.3f}}<br>round %{{x:.2f}}<extra></extra>",
            }
        )
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": f"{party}: offer on the table",
                "legendgroup": party,
                "x": positions["time"],
                "y": row["offer"],
                "line": {"color": colour, "width": 2},
                "hovertemplate": f"{party} utility of the offer %{{y:.3f}}<br>round %{{x:.2f}}"
                "<extra></extra>",
            }
        )
    what = "offer" if result.protocol == "alternating" else "mediator's text"
    title = (
        f"Positions per round: each party's mean target (dashed) and its utility of the "
        f"{what} (solid)<br><sub>mean over the runs still negotiating</sub>"
    )
    layout = {
        "title": {"text": title},
        "xaxis": {"title": {"text": "round"}, "range": [0, content["rounds"]]},
        "yaxis": {"title": {"text": "utility"}, "range": [-0.02, 1.02]},
        "legend": {"orientation": "h", "y": -0.2},
        "margin": {"t": 60, "l": 60, "r": 20, "b": 40},
        "height": 480,
    }
    return {"data": data, "layout": layout}


def _rounds_figure(content: dict[str, Any]) -> dict[str, Any]:
    rows = content["rounds_distribution"]
    data = [
        {
            "type": "bar",
            "name": "agreements",
            "x": [r["round"] for r in rows],
            "y": [r["runs"] for r in rows],
            "marker": {"color": "#1f77b4"},
            "hovertemplate": "round %{x}: %{y} runs<extra></extra>",
        }
    ]
    layout = {
        "title": {
            "text": f"Round of agreement ({content['agreements']:,} of {content['runs']:,} runs)"
        },
        "xaxis": {"title": {"text": "round"}, "range": [0.5, content["rounds"] + 0.5]},
        "yaxis": {"title": {"text": "runs"}},
        "margin": {"t": 50, "l": 60, "r": 20, "b": 40},
        "height": 320,
    }
    return {"data": data, "layout": layout}


def _options_figure(content: dict[str, Any]) -> dict[str, Any]:
    """A stacked horizontal bar per issue: the share of agreements on each option."""
    data = []
    issues = [row["issue"] for row in content["option_shares"]]
    for row in content["option_shares"]:
        for k, option in enumerate(row["options"]):
            data.append(
                {
                    "type": "bar",
                    "orientation": "h",
                    "name": option["title"],
                    "showlegend": False,
                    "x": [option["share"]],
                    "y": [row["issue"]],
                    "text": [option["title"]],
                    "textposition": "inside",
                    "insidetextanchor": "middle",
                    "marker": {"color": _COLOURS[k % len(_COLOURS)]},
                    "hovertemplate": f"{row['issue']}: %{{text}} %{{x:.0%}}<extra></extra>",
                }
            )
    layout = {
        "title": {"text": "How the agreements settle each issue (share of agreements)"},
        "barmode": "stack",
        "xaxis": {"range": [0, 1], "tickformat": ".0%"},
        "yaxis": {
            "autorange": "reversed",
            "automargin": True,
            "categoryorder": "array",
            "categoryarray": issues,
        },
        "margin": {"t": 50, "l": 160, "r": 20, "b": 40},
        "height": 120 + 45 * len(issues),
    }
    return {"data": data, "layout": layout}
