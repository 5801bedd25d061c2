"""The packages simulated parties choose their offers from.

Small spaces offer every package. A large one offers the packages an efficient
negotiator would consider: the Pareto frontier of the whole space (red lines and
reservation values ignored), the frontier points that pass the decision rule,
and a uniform sample of the rest, so that every party still finds packages near
any target (each party sorts the set by its own utility).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from zopa.model import Scenario
from zopa.space._tables import Compiled, compile_scenario
from zopa.space.frontier import enumerate_space, frontier_of_space, rule_frontier

__all__ = ["Candidates", "candidate_packages"]

MAX_CANDIDATES = 50_000


@dataclass(frozen=True, slots=True)
class Candidates:
    """Candidate packages: option indices, utilities, and whose red lines each avoids."""

    issues: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]
    choices: np.ndarray  # (m, issues) option index per issue
    utilities: np.ndarray  # (m, parties) float
    respects: np.ndarray  # (m, parties) bool: the package avoids that party's red lines
    exhaustive: bool  # every package of the space is a candidate

    def __len__(self) -> int:
        return len(self.choices)

    def package(self, index: int) -> dict[str, str]:
        row = self.choices[index]
        return {issue: self.options[i][int(row[i])] for i, issue in enumerate(self.issues)}


def candidate_packages(
    scenario: Scenario,
    *,
    max_candidates: int = MAX_CANDIDATES,
    seed: int | np.random.Generator | None = 0,
) -> Candidates:
    """Every package when there are at most ``max_candidates``, else a chosen set.

    Examples
    --------
    >>> from zopa.model import load_builtin
    >>> c = candidate_packages(load_builtin("tiny"))
    >>> len(c), c.exhaustive
    (9, True)
    """
    compiled = compile_scenario(scenario)
    everything = compiled.restrict(compiled.red_line_items(), compiled.reservation_parties())
    if everything.size <= max_candidates:
        grid, _ = enumerate_space(everything)
        return _build(compiled, grid.astype(np.int64), exhaustive=True)
    rng = np.random.default_rng(seed)
    parts = [
        frontier_of_space(compiled, everything)._choices,
        rule_frontier(compiled)._choices,
    ]
    chosen = np.unique(np.concatenate(parts).astype(np.int64), axis=0)[:max_candidates]
    room = max_candidates - len(chosen)
    if room > 0:
        sizes = [len(o) for o in compiled.options]
        sample = np.column_stack([rng.integers(0, k, size=room) for k in sizes])
        chosen = np.unique(np.concatenate([chosen, sample]), axis=0)
    return _build(compiled, chosen, exhaustive=False)


def _build(compiled: Compiled, choices: np.ndarray, *, exhaustive: bool) -> Candidates:
    n = compiled.n_parties
    sums = np.zeros((len(choices), n), dtype=compiled.dtype)
    crossed = np.zeros((len(choices), n), dtype=bool)
    for i, terms in enumerate(compiled.terms):
        sums += terms[choices[:, i]]
        crossed |= compiled.forbidden[i][choices[:, i]]
    arrays = [choices, compiled.utilities(sums), ~crossed]
    for a in arrays:
        a.setflags(write=False)
    return Candidates(compiled.issues, compiled.options, *arrays, exhaustive=exhaustive)
