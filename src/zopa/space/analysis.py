"""One call for the whole agreement-space analysis of a scenario."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from zopa.errors import SpaceTooLargeError
from zopa.model import Scenario
from zopa.space._tables import compile_scenario
from zopa.space.concessions import ConcessionSet, minimal_concessions
from zopa.space.count import EXACT_LIMIT, FeasibleCount, count_rule, count_space
from zopa.space.frontier import Frontier, rule_frontier
from zopa.space.prune import IssuePruning, outcome_count, prune
from zopa.space.solutions import (
    Solution,
    egalitarian_point,
    kalai_smorodinsky_point,
    nash_point,
    utilitarian_point,
)

__all__ = ["Analysis", "analyze"]


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything :func:`analyze` finds; :meth:`to_dict` is the JSON of ``zopa analyze``."""

    scenario: str
    parties: tuple[str, ...]
    outcomes: int
    after_red_lines: int
    pruning: tuple[IssuePruning, ...]
    feasible: FeasibleCount
    unanimous: FeasibleCount
    rule: tuple[int, tuple[str, ...]]  # parties needed, parties always needed
    frontier: Frontier
    nash: Solution | None
    kalai_smorodinsky: Solution | None
    utilitarian: Solution | None
    egalitarian: Solution | None
    concessions: tuple[ConcessionSet, ...]
    max_pareto: int
    exact_arithmetic: bool
    notes: tuple[str, ...] = field(default=())

    @property
    def deal_possible(self) -> bool:
        return len(self.frontier) > 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "parties": list(self.parties),
            "outcomes": self.outcomes,
            "after_red_lines": self.after_red_lines,
            "blocked_issues": [p.issue for p in self.pruning if p.blocked],
            "deal_possible": self.deal_possible,
            "decision_rule": {
                "at_least": self.rule[0],
                "of": len(self.parties),
                "including": list(self.rule[1]),
                "unanimity": self.rule[0] == len(self.parties),
            },
            "feasible_count": self.feasible.count,
            "feasible_count_exact": self.feasible.exact,
            "feasible_count_interval": [self.feasible.low, self.feasible.high],
            "feasible_count_method": self.feasible.method,
            "unanimous_count": self.unanimous.count,
            "unanimous_count_exact": self.unanimous.exact,
            "pareto_count": self.frontier.count,
            "pareto_points": len(self.frontier),
            "pareto": [
                {"package": p.package, "utilities": p.utilities, "multiplicity": p.multiplicity}
                for p in self.frontier.points(self.max_pareto)
            ],
            "nash": _solution(self.nash),
            "kalai_smorodinsky": _solution(self.kalai_smorodinsky),
            "utilitarian": _solution(self.utilitarian),
            "egalitarian": _solution(self.egalitarian),
            "concessions": [c.to_dict() for c in self.concessions],
            "pruning": [
                {"issue": p.issue, "allowed": list(p.allowed), "removed_by": p.removed_by}
                for p in self.pruning
            ],
            "exact_arithmetic": self.exact_arithmetic,
            "notes": list(self.notes),
        }


def _solution(solution: Solution | None) -> dict[str, Any] | None:
    return None if solution is None else solution.to_dict()


def analyze(
    scenario: Scenario,
    *,
    max_pareto: int = 20,
    max_concession_size: int = 3,
    exact_limit: int = EXACT_LIMIT,
    samples: int = 20_000,
    seed: int | np.random.Generator | None = 0,
    progress: Callable[[int, int], None] | None = None,
) -> Analysis:
    """Prune, count, find the frontier, the bargaining points and the concessions.

    Everything follows the scenario's decision rule (unanimity by default):
    ``feasible`` counts the packages that pass it, ``unanimous`` those every
    party accepts, and the frontier, bargaining points and concession sets are
    those of the passing packages.

    Parameters
    ----------
    scenario : Scenario
    max_pareto : int
        How many frontier points :meth:`Analysis.to_dict` lists (all are counted).
    max_concession_size : int
        Largest concession set searched.
    exact_limit, samples, seed
        Passed to :func:`~zopa.space.count_feasible`.
    progress : callable, optional
        Called as ``progress(issues_merged, issues)`` while the frontier is built.

    Examples
    --------
    >>> from zopa.model import load_builtin
    >>> a = analyze(load_builtin("ukraine-2026"))
    >>> a.deal_possible, a.to_dict()["blocked_issues"]
    (False, ['donetsk_control'])
    """
    compiled = compile_scenario(scenario)
    space = compiled.restrict()
    frontier = rule_frontier(compiled, progress=progress)
    options = {"exact_limit": exact_limit, "samples": samples, "seed": seed}
    unanimous = count_space(space, **options)
    count = unanimous if compiled.unanimous else count_rule(compiled, **options)
    if not count.exact and frontier.count > count.low:
        # Frontier packages are feasible, so they bound an estimate from below.
        count = FeasibleCount(
            max(count.count, frontier.count), False, frontier.count, count.high, count.method
        )
    notes = []
    concessions: list[ConcessionSet] = []
    size = max_concession_size
    while not len(frontier) and size >= 1:
        try:
            concessions = minimal_concessions(
                scenario, max_size=size, exact_limit=exact_limit, samples=samples, seed=seed
            )
            break
        except SpaceTooLargeError as error:
            notes.append(f"{error}; searched sets of up to {size - 1} only")
            size -= 1
    return Analysis(
        scenario=scenario.name,
        parties=compiled.parties,
        outcomes=outcome_count(scenario),
        after_red_lines=space.size,
        pruning=tuple(prune(scenario)),
        feasible=count,
        unanimous=unanimous,
        rule=(compiled.needed, tuple(compiled.parties[p] for p in compiled.required)),
        frontier=frontier,
        nash=nash_point(frontier),
        kalai_smorodinsky=kalai_smorodinsky_point(frontier),
        utilitarian=utilitarian_point(frontier),
        egalitarian=egalitarian_point(frontier),
        concessions=tuple(concessions),
        max_pareto=max_pareto,
        exact_arithmetic=compiled.exact,
        notes=tuple(notes),
    )
