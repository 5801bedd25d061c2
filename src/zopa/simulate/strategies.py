"""How each simulated party concedes: targets over time, and which offers it may make.

Every strategy keeps a *target*, the least utility it accepts now, and offers a
package worth about its target to itself. Time runs from ``t`` near 0 at the first
offer to ``t = 1`` at the deadline.

* ``boulware``, ``linear``, ``conceder`` (time-based, Faratin, Sierra & Jennings
  1998, in the form GENIUS uses): ``target(t) = r + (M - r) * (1 - t ** (1 / e))``,
  ``M`` the party's best utility among the candidate packages and ``r`` its
  reservation value (its worst candidate when it has none). ``e < 1`` holds firm
  until late (Boulware), ``e = 1`` concedes at a steady pace, ``e > 1`` concedes
  early (Conceder). The default exponents, 0.25, 1 and 4, give the curves of
  NegMAS's ``BoulwareTBNegotiator``, ``LinearTBNegotiator`` and
  ``ConcederTBNegotiator``, which write the same target as ``1 - t ** 4``, ``1 - t``
  and ``1 - t ** 0.25``; GENIUS's own Boulware and Conceder use 0.2 and 2.
* ``tit-for-tat`` (relative tit-for-tat, Faratin et al. 1998, for many parties):
  opens with one round's worth of linear concession, then lowers its target by the
  mean concession the others made in their last offers, measured in its own
  utility (a party that moves towards it is matched; one that hardens is not).
* ``hardliner``: concedes like Boulware (exponent 0.25 unless given) but never
  proposes or accepts a package that crosses one of its red lines.

Every strategy stops at its reservation value. Only a hard-liner treats its red
lines as absolute: the others see a red line as what its values already say (a
package it strongly dislikes), so simulated talks can show who gives way first.

References
----------
.. [1] Faratin, P., Sierra, C. & Jennings, N. R. (1998). Negotiation decision functions
   for autonomous agents. Robotics and Autonomous Systems 24(3-4), 159-182.
   doi:10.1016/S0921-8890(98)00029-3
.. [2] Baarslag, T., Hindriks, K. & Jonker, C. (2011). Towards a quantitative concession-
   based classification method of negotiation strategies. PRIMA 2011, LNCS 7047, 143-158.
   doi:10.1007/978-3-642-25044-6_13
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from zopa.errors import UnknownNameError
from zopa.model import STRATEGIES, Scenario, Strategy

__all__ = ["DEFAULT_EXPONENTS", "StrategyPlan", "resolve_strategies", "time_target"]

#: Exponent ``e`` of each time-based strategy when the scenario names none.
DEFAULT_EXPONENTS = {"boulware": 0.25, "linear": 1.0, "conceder": 4.0, "hardliner": 0.25}
DEFAULT_STRATEGY = "linear"


@dataclass(frozen=True, slots=True)
class StrategyPlan:
    """The strategy of every party, by index: names and exponents (``nan`` for tit-for-tat)."""

    names: tuple[str, ...]
    exponents: np.ndarray

    @property
    def hardliners(self) -> np.ndarray:
        return np.array([n == "hardliner" for n in self.names], dtype=bool)

    @property
    def tit_for_tat(self) -> np.ndarray:
        return np.array([n == "tit-for-tat" for n in self.names], dtype=bool)

    def describe(self) -> list[str]:
        return [
            name if np.isnan(e) else f"{name} (e={e:g})"
            for name, e in zip(self.names, self.exponents, strict=True)
        ]


def parse_strategy(text: str) -> Strategy:
    """``NAME`` or ``NAME:EXPONENT`` (e.g. ``boulware:0.1``) as a :class:`Strategy`."""
    name, _, exponent = text.partition(":")
    name = name.strip().lower()
    if name not in STRATEGIES:
        raise UnknownNameError(f"unknown strategy {name!r}; known: {', '.join(STRATEGIES)}")
    if not exponent:
        return Strategy(name=name)
    try:
        value = float(exponent)
    except ValueError:
        value = float("nan")
    if not value > 0 or not np.isfinite(value):
        raise UnknownNameError(f"strategy {text!r}: the exponent must be a positive number")
    return Strategy(name=name, exponent=value)


def resolve_strategies(
    scenario: Scenario, overrides: Mapping[str, str | Strategy] | None = None
) -> StrategyPlan:
    """Each party's strategy: an override (by party name or alias), its own, or linear.

    Raises
    ------
    UnknownNameError
        For an unknown party or strategy name.
    """
    chosen: list[Strategy | None] = [p.strategy for p in scenario.parties]
    for who, what in (overrides or {}).items():
        index = scenario.party_names.index(scenario.party(who).name)
        chosen[index] = parse_strategy(what) if isinstance(what, str) else what
    names, exponents = [], []
    for strategy in chosen:
        strategy = strategy or Strategy(name=DEFAULT_STRATEGY)
        names.append(strategy.name)
        if strategy.name == "tit-for-tat":
            exponents.append(np.nan)
        else:
            exponents.append(strategy.exponent or DEFAULT_EXPONENTS[strategy.name])
    return StrategyPlan(tuple(names), np.array(exponents, dtype=np.float64))


def time_target(t: float, best: np.ndarray, floor: np.ndarray, exponent: np.ndarray) -> np.ndarray:
    """``floor + (best - floor) * (1 - t ** (1 / e))`` for each party (``t`` in [0, 1])."""
    with np.errstate(invalid="ignore"):
        return floor + (best - floor) * (1.0 - t ** (1.0 / exponent))
