"""The expected-utility forecast of a scenario, issue by issue, at the judged values.

Each issue is one line: parties sit at the place of the option they value most, with
their capability and salience (see :mod:`zopa.forecast.inputs`), and the model of
:mod:`zopa.forecast.bdm` runs on all issues at once. The forecast of an issue is
the median-voter position after the rounds, with the option nearest to it; the
capability×salience weighted mean (the compromise model) stands beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from zopa.forecast.bdm import EXCHANGES, OfferChoice, expected_utility_model
from zopa.forecast.inputs import ForecastInputs, layout_of
from zopa.model import Scenario

__all__ = ["Forecast", "IssueForecast", "Move", "forecast", "nearest_option"]

DEFAULT_ROUNDS = 10


@dataclass(frozen=True, slots=True)
class Move:
    """One party moving in one round, and why (``forecast(explain=True)``)."""

    round: int  # 1 for the first round
    party: str
    before: float
    after: float
    exchange: str  # confrontation, compromise or capitulation (see zopa.forecast.bdm)
    toward: str  # the party whose offer it accepted
    own_value: float  # E_ij: the party's expected utility of challenging ``toward``
    offer_value: float  # E_ji: ``toward``'s expected utility of challenging it

    def to_dict(self) -> dict[str, Any]:
        return {
            "round": self.round,
            "party": self.party,
            "before": self.before,
            "after": self.after,
            "exchange": self.exchange,
            "toward": self.toward,
            "own_value": self.own_value,
            "offer_value": self.offer_value,
        }

    def reason(self) -> str:
        """Why it moved, in words."""
        verb = {
            "confrontation": "expects to lose a challenge from",
            "compromise": "meets part way",
            "capitulation": "gives in to",
        }[self.exchange]
        return (
            f"{self.exchange}: {verb} {self.toward} "
            f"(E[{self.party} challenges] {self.own_value:+.3f}, "
            f"E[{self.toward} challenges] {self.offer_value:+.3f})"
        )


@dataclass(frozen=True, slots=True)
class IssueForecast:
    """One issue's forecast."""

    issue: str
    start: dict[str, float]  # party -> initial position (parties taking part)
    end: dict[str, float]  # party -> position after the rounds
    median: float  # median-voter position after the rounds: the forecast
    median_option: str
    mean: float  # compromise model after the rounds
    mean_option: str
    initial_median: float
    initial_mean: float
    settled_after: int | None  # rounds until no position moves; None: still moving
    moves: tuple[Move, ...] | None = None  # with explain: every move of every round

    def to_dict(self) -> dict[str, Any]:
        explained = {} if self.moves is None else {"moves": [m.to_dict() for m in self.moves]}
        return {
            "issue": self.issue,
            "median": self.median,
            "median_option": self.median_option,
            "mean": self.mean,
            "mean_option": self.mean_option,
            "initial_median": self.initial_median,
            "initial_mean": self.initial_mean,
            "settled_after": self.settled_after,
            "start": self.start,
            "end": self.end,
            **explained,
        }


@dataclass(frozen=True, slots=True)
class Forecast:
    """A scenario's forecast, issue by issue."""

    scenario: str
    rounds: int
    issues: tuple[IssueForecast, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "rounds": self.rounds,
            "issues": [i.to_dict() for i in self.issues],
        }


def nearest_option(places: np.ndarray, position: np.ndarray) -> np.ndarray:
    """Index of the option whose place is nearest ``position`` (the lower on a tie)."""
    return np.argmin(np.abs(np.asarray(position)[..., None] - places), axis=-1)


def run_model(
    inputs: ForecastInputs,
    *,
    rounds: int,
    q: float,
    offer_choice: OfferChoice,
    explain: bool = False,
):
    """The model on every (sample, issue) of ``inputs`` at once."""
    capability = np.broadcast_to(inputs.capability[:, None, :], inputs.position.shape)
    return expected_utility_model(
        capability,
        inputs.position,
        inputs.salience,
        rounds=rounds,
        q=q,
        offer_choice=offer_choice,
        active=inputs.active,
        explain=explain,
    )


def forecast(
    scenario: Scenario,
    *,
    rounds: int = DEFAULT_ROUNDS,
    q: float = 1.0,
    offer_choice: OfferChoice = "scholz",
    explain: bool = False,
) -> Forecast:
    """The expected-utility forecast of every issue at the judged values.

    With ``explain``, each issue lists its moves: who moved in which round, from
    where to where, and whose offer it accepted, by which kind of exchange.

    Examples
    --------
    >>> from zopa.model import load_builtin
    >>> result = forecast(load_builtin("tiny"))
    >>> [(i.issue, i.median_option) for i in result.issues]
    [('river', 'north_bank'), ('fishing', 'south_only')]
    """
    layout = layout_of(scenario)
    inputs = layout.inputs(layout.point[None, :])
    run = run_model(inputs, rounds=rounds, q=q, offer_choice=offer_choice, explain=explain)
    out = []
    for i, issue in enumerate(scenario.issues):
        places = layout.option_positions[i]
        taking_part = [p for p in range(len(scenario.parties)) if inputs.active[0, i, p]]
        names = [scenario.parties[p].name for p in taking_part]
        median, mean = float(run.medians[-1, 0, i]), float(run.means[-1, 0, i])
        settled = int(run.settled_after[0, i])
        out.append(
            IssueForecast(
                issue=issue.name,
                start={
                    n: float(inputs.position[0, i, p])
                    for n, p in zip(names, taking_part, strict=True)
                },
                end={
                    n: float(run.positions[0, i, p])
                    for n, p in zip(names, taking_part, strict=True)
                },
                median=median,
                median_option=issue.options[int(nearest_option(places, median))].name,
                mean=mean,
                mean_option=issue.options[int(nearest_option(places, mean))].name,
                initial_median=float(run.medians[0, 0, i]),
                initial_mean=float(run.means[0, 0, i]),
                settled_after=settled if settled >= 0 else None,
                moves=_moves(run.trace, i, scenario) if explain else None,
            )
        )
    return Forecast(scenario=scenario.name, rounds=rounds, issues=tuple(out))


def _moves(trace, issue: int, scenario: Scenario) -> tuple[Move, ...]:
    """The moves of one issue of a one-sample run, in round and party order."""
    names = [p.name for p in scenario.parties]
    out = []
    rounds, _, _, n = trace.exchange.shape
    for k in range(rounds):
        for p in range(n):
            before = float(trace.positions[k, 0, issue, p])
            after = float(trace.positions[k + 1, 0, issue, p])
            code = int(trace.exchange[k, 0, issue, p])
            if code == 0 or after == before:
                continue
            out.append(
                Move(
                    round=k + 1,
                    party=names[p],
                    before=before,
                    after=after,
                    exchange=EXCHANGES[code],
                    toward=names[int(trace.offerer[k, 0, issue, p])],
                    own_value=float(trace.own_value[k, 0, issue, p]),
                    offer_value=float(trace.offer_value[k, 0, issue, p]),
                )
            )
    return tuple(out)
