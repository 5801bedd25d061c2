"""One front door for simulated talks: :func:`simulate` runs many negotiations at once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from zopa.errors import ScenarioError, UnknownNameError
from zopa.model import Scenario, Strategy
from zopa.simulate.candidates import MAX_CANDIDATES, Candidates, candidate_packages
from zopa.simulate.protocols import PROTOCOLS, Table, Trace
from zopa.simulate.strategies import resolve_strategies
from zopa.space import nash_point
from zopa.space._tables import compile_scenario

__all__ = [
    "DEFAULT_ROUNDS",
    "PROTOCOL_NAMES",
    "Simulation",
    "SimulationTrace",
    "check_options",
    "simulate",
]

PROTOCOL_NAMES = tuple(PROTOCOLS)

DEFAULT_ROUNDS = 50
_CELLS = 1 << 23  # batch size x candidates the mediator scores at once


@dataclass(frozen=True, slots=True)
class SimulationTrace:
    """Per step, over the runs still negotiating: how many, their mean targets and offers.

    A step is an offer (alternating: ``per_round`` = the number of parties) or a
    round (mediator: ``per_round`` = 1). ``target[j, p]`` is party ``p``'s mean
    target at step ``j``, ``offer[j, p]`` its mean utility of the package on the
    table then (``nan`` once no run is open); ``open[j]`` counts the runs that had
    not agreed before step ``j``.
    """

    per_round: int
    open: np.ndarray  # (steps,)
    target: np.ndarray  # (steps, n)
    offer: np.ndarray  # (steps, n)

    def round_of(self, step: int) -> float:
        """The step's time in rounds: offer ``j`` of round ``r`` is at ``r + (j + 1) / n``."""
        return (step + 1) / self.per_round


@dataclass(frozen=True, slots=True)
class Simulation:
    """The outcome of every simulated negotiation, as read-only arrays (one row per run).

    ``round`` is 1-based (``-1`` without agreement); ``offers`` counts the offers
    (alternating) or texts (mediator) made up to the agreement; ``package`` indexes
    ``candidates``; ``distance`` is the Euclidean distance, in utilities, from the
    agreement to the Nash point of the agreement space (``nan`` without either).
    """

    scenario: str
    protocol: str
    rounds: int
    seed: int | None
    parties: tuple[str, ...]
    strategies: tuple[str, ...]
    candidates: Candidates
    agreed: np.ndarray
    round: np.ndarray
    offers: np.ndarray
    package: np.ndarray
    utilities: np.ndarray
    accepted: np.ndarray
    distance: np.ndarray
    nash: dict[str, Any] | None
    trace: SimulationTrace | None = None

    @property
    def runs(self) -> int:
        return len(self.agreed)

    @property
    def agreement_rate(self) -> float:
        return float(self.agreed.mean()) if self.runs else 0.0

    def package_counts(self) -> list[tuple[int, int]]:
        """(candidate index, runs agreeing on it), most frequent first."""
        counts = Counter(int(i) for i in self.package[self.agreed])
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def option_shares(self) -> dict[str, dict[str, float]]:
        """Per issue, the share of agreements that settle it on each option."""
        chosen = self.candidates.choices[self.package[self.agreed]]
        out = {}
        for i, issue in enumerate(self.candidates.issues):
            counts = np.bincount(chosen[:, i], minlength=len(self.candidates.options[i]))
            total = max(1, len(chosen))
            out[issue] = {
                option: counts[k] / total
                for k, option in enumerate(self.candidates.options[i])
                if counts[k]
            }
        return out

    def run(self, index: int) -> dict[str, Any]:
        agreed = bool(self.agreed[index])
        out: dict[str, Any] = {"run": index, "agreement": agreed}
        if agreed:
            out.update(
                round=int(self.round[index]),
                offers=int(self.offers[index]),
                package=self.candidates.package(int(self.package[index])),
                utilities=dict(zip(self.parties, map(float, self.utilities[index]), strict=True)),
                accepted_by=[
                    p for p, a in zip(self.parties, self.accepted[index], strict=True) if a
                ],
                distance_to_nash=None
                if np.isnan(self.distance[index])
                else float(self.distance[index]),
            )
        return out

    def to_dict(self, max_packages: int = 10, max_runs: int | None = None) -> dict[str, Any]:
        agreed_rounds = self.round[self.agreed]
        distances = self.distance[self.agreed & ~np.isnan(self.distance)]
        shown = self.runs if max_runs is None else min(max_runs, self.runs)
        return {
            "scenario": self.scenario,
            "protocol": self.protocol,
            "rounds": self.rounds,
            "runs": self.runs,
            "seed": self.seed,
            "strategies": dict(zip(self.parties, self.strategies, strict=True)),
            "candidates": len(self.candidates),
            "candidates_exhaustive": self.candidates.exhaustive,
            "agreement_rate": self.agreement_rate,
            "mean_round": float(agreed_rounds.mean()) if len(agreed_rounds) else None,
            "mean_distance_to_nash": float(distances.mean()) if len(distances) else None,
            "nash": self.nash,
            "packages": [
                {
                    "package": self.candidates.package(index),
                    "runs": count,
                    "share": count / self.runs,
                    "utilities": dict(
                        zip(
                            self.parties,
                            map(float, self.candidates.utilities[index]),
                            strict=True,
                        )
                    ),
                }
                for index, count in self.package_counts()[:max_packages]
            ],
            "option_shares": self.option_shares(),
            "outcomes": [self.run(i) for i in range(shown)],
        }


def check_options(
    scenario: Scenario, protocol: str, strategies: Mapping[str, str | Strategy] | None = None
) -> None:
    """Raise :class:`UnknownNameError` for an unknown protocol, party or strategy."""
    if protocol not in PROTOCOLS:
        raise UnknownNameError(f"unknown protocol {protocol!r}; known: {', '.join(PROTOCOLS)}")
    resolve_strategies(scenario, strategies)


def simulate(
    scenario: Scenario,
    *,
    protocol: Literal["mediator", "alternating"] = "mediator",
    rounds: int | None = None,
    runs: int = 100,
    seed: int | None = 0,
    strategies: Mapping[str, str | Strategy] | None = None,
    band: float = 0.02,
    max_candidates: int = MAX_CANDIDATES,
    batch: int = 1024,
    progress: Callable[[int, int], None] | None = None,
    trace: bool = False,
) -> Simulation:
    """Simulate ``runs`` negotiations of ``scenario``, vectorised in batches.

    Parameters
    ----------
    scenario : Scenario
    protocol : {"mediator", "alternating"}
        A mediator's single negotiating text, or stacked alternating offers (see
        :mod:`zopa.simulate.protocols`).
    rounds : int, optional
        The deadline in rounds; default: the scenario's ``deadline.rounds``, else 50.
    runs : int
        Negotiations to simulate.
    seed : int or None
        Same seed, same result (a :class:`numpy.random.Generator` drives offers
        within ``band`` of a target and the mediator's first weights).
    strategies : mapping, optional
        Party (name or alias) to a strategy name (``"boulware"``, ``"linear"``,
        ``"conceder"``, ``"tit-for-tat"``, ``"hardliner"``, optionally
        ``"NAME:EXPONENT"``), over the scenario's own (default: linear).
    band : float
        Share of a party's utility range above its target within which it picks
        its offer at random (0: always the package closest above the target).
    max_candidates : int
        Spaces up to this size offer every package; larger ones a chosen set
        (:func:`~zopa.simulate.candidates.candidate_packages`).
    batch : int
        Negotiations run together (the mediator lowers it for large candidate sets).
    progress : callable, optional
        Called as ``progress(runs_done, runs)`` after each batch.
    trace : bool
        Also record, per step, the mean targets and offers over the runs still
        negotiating (:class:`SimulationTrace`); off, the protocols record nothing.

    Raises
    ------
    UnknownNameError
        An unknown protocol, party or strategy.
    ScenarioError
        Rounds or runs below 1.

    Examples
    --------
    >>> from zopa.model import load_builtin
    >>> s = simulate(load_builtin("tiny"), protocol="alternating", runs=20, seed=1)
    >>> s.agreement_rate
    1.0
    """
    check_options(scenario, protocol, strategies)
    if rounds is None:
        rounds = scenario.deadline.rounds if scenario.deadline is not None else DEFAULT_ROUNDS
    if rounds < 1 or runs < 1:
        raise ScenarioError(f"rounds and runs must be at least 1 (got {rounds} and {runs})")
    if not 0 <= band <= 1:
        raise ScenarioError(f"band must be between 0 and 1 (got {band})")
    plan = resolve_strategies(scenario, strategies)
    rng = np.random.default_rng(seed)
    candidates = candidate_packages(scenario, max_candidates=max_candidates, seed=rng)
    compiled = compile_scenario(scenario)
    reservation = np.array(
        [np.nan if p.reservation is None else p.reservation.value for p in scenario.parties]
    )
    table = Table(
        candidates.utilities,
        candidates.respects,
        plan,
        compiled.needed,
        compiled.required,
        reservation,
        band,
    )
    if protocol == "mediator":
        batch = max(1, min(batch, _CELLS // max(1, len(candidates))))
    run_batch = PROTOCOLS[protocol]
    n = len(scenario.parties)
    per_round = n if protocol == "alternating" else 1
    sums = Trace(rounds * per_round, n) if trace else None
    parts = []
    for start in range(0, runs, batch):
        size = min(batch, runs - start)
        parts.append(run_batch(table, rounds, size, rng, sums))
        if progress is not None:
            progress(start + size, runs)
    agreed = np.concatenate([o.agreed for o in parts])
    step = np.concatenate([o.step for o in parts])
    package = np.concatenate([o.package for o in parts])
    accepted = np.concatenate([o.accepted for o in parts])
    utilities = np.full((runs, n), np.nan)
    utilities[agreed] = candidates.utilities[package[agreed]]
    nash = nash_point(scenario)
    distance = np.full(runs, np.nan)
    if nash is not None:
        point = np.array([nash.utilities[p] for p in scenario.party_names])
        distance[agreed] = np.linalg.norm(utilities[agreed] - point, axis=1)
    arrays = {
        "agreed": agreed,
        "round": np.where(agreed, step // per_round + 1, -1),
        "offers": np.where(agreed, step + 1, -1),
        "package": package,
        "utilities": utilities,
        "accepted": accepted,
        "distance": distance,
    }
    for a in arrays.values():
        a.setflags(write=False)
    recorded = None
    if sums is not None:
        recorded = SimulationTrace(per_round, *sums.means())
        for a in (recorded.open, recorded.target, recorded.offer):
            a.setflags(write=False)
    return Simulation(
        scenario=scenario.name,
        protocol=protocol,
        rounds=rounds,
        seed=seed,
        parties=scenario.party_names,
        strategies=tuple(plan.describe()),
        candidates=candidates,
        nash=None if nash is None else nash.to_dict(),
        trace=recorded,
        **arrays,
    )
