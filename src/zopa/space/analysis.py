"""One call for the whole agreement-space analysis of a scenario.

Two methods give the bargaining points (see :mod:`zopa.space.solutions`):
``"frontier"`` builds the whole feasible Pareto frontier (exact, with its count
and multiplicities); ``"milp"`` solves mixed-integer programs and lists a
*sample* of frontier points instead. ``"auto"`` (the default, which may change)
starts the merge and switches to the MILP method when the frontier's growth
predicts more than :data:`AUTO_MAX_POINTS` points, the memory ceiling would be
passed, or the next merge would take more than :data:`AUTO_MAX_MERGE_SECONDS`
at the pace of the last (many parties: skylines of up to the square of the
candidates).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from zopa.errors import LimitReachedError, SpaceTooLargeError
from zopa.model import Scenario
from zopa.space._bargaining_milp import RULES, solve_points
from zopa.space._milp import Oracle
from zopa.space._tables import Compiled, compile_scenario
from zopa.space.concessions import ConcessionLimitError, ConcessionSet, minimal_concessions
from zopa.space.count import EXACT_LIMIT, FeasibleCount, count_rule, count_space
from zopa.space.frontier import Frontier, FrontierPoint, MergeLimits, rule_frontier
from zopa.space.prune import IssuePruning, outcome_count, prune
from zopa.space.solutions import (
    Solution,
    best_utilities,
    egalitarian_point,
    kalai_smorodinsky_point,
    milp_point,
    milp_solution,
    nash_point,
    utilitarian_point,
)

__all__ = ["AUTO_MAX_MERGE_SECONDS", "AUTO_MAX_POINTS", "Analysis", "analyze"]

AUTO_MAX_POINTS = 100_000
AUTO_MAX_MERGE_SECONDS = 120.0  # a merge predicted to take longer: the MILP method instead


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything :func:`analyze` finds; :meth:`to_dict` is the JSON of ``zopa analyze``.

    ``frontier`` is None under the MILP method, which lists ``sample`` instead:
    frontier points spread over the frontier, not counted.
    """

    scenario: str
    parties: tuple[str, ...]
    outcomes: int
    after_red_lines: int
    pruning: tuple[IssuePruning, ...]
    feasible: FeasibleCount
    unanimous: FeasibleCount
    rule: tuple[int, tuple[str, ...]]  # parties needed, parties always needed
    deal_possible: bool
    frontier: Frontier | None
    nash: Solution | None
    kalai_smorodinsky: Solution | None
    utilitarian: Solution | None
    egalitarian: Solution | None
    concessions: tuple[ConcessionSet, ...]
    max_pareto: int
    exact_arithmetic: bool
    notes: tuple[str, ...] = field(default=())
    method: str = "frontier"
    sample: tuple[FrontierPoint, ...] = field(default=())
    best: dict[str, float] | None = None

    def listed_points(self) -> list[FrontierPoint]:
        """The frontier points :meth:`to_dict` lists: the first ones, or the sample."""
        if self.frontier is None:
            return list(self.sample[: self.max_pareto])
        return list(self.frontier.points(self.max_pareto))

    def to_dict(self) -> dict[str, Any]:
        frontier = self.frontier
        return {
            "scenario": self.scenario,
            "parties": list(self.parties),
            "method": self.method,
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
            "pareto_count": None if frontier is None else frontier.count,
            "pareto_points": None if frontier is None else len(frontier),
            "pareto_sample": frontier is None,
            "pareto": [
                {"package": p.package, "utilities": p.utilities, "multiplicity": p.multiplicity}
                for p in self.listed_points()
            ],
            "best_utilities": self.best,
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
    method: Literal["auto", "frontier", "milp"] = "auto",
    max_pareto: int = 20,
    max_concession_size: int = 3,
    exact_limit: int = EXACT_LIMIT,
    samples: int = 20_000,
    seed: int | np.random.Generator | None = 0,
    timeout: float | None = None,
    max_memory: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    report: Callable[[str], None] | None = None,
) -> Analysis:
    """Prune, count, find the frontier, the bargaining points and the concessions.

    Everything follows the scenario's decision rule (unanimity by default):
    ``feasible`` counts the packages that pass it, ``unanimous`` those every
    party accepts, and the frontier, bargaining points and concession sets are
    those of the passing packages.

    Parameters
    ----------
    scenario : Scenario
    method : {"auto", "frontier", "milp"}
        How the bargaining points are found (see the module notes).
    max_pareto : int
        How many frontier points :meth:`Analysis.to_dict` lists (all are
        counted by the frontier method; the MILP method samples this many).
    max_concession_size : int
        Largest concession set searched.
    exact_limit, samples, seed
        Passed to :func:`~zopa.space.count_feasible`; ``seed`` also draws the
        weightings of the MILP method's frontier sample.
    timeout : float, optional
        Seconds after which the analysis stops.
    max_memory : int, optional
        Bytes the frontier merge may use (checked before each merge).
    progress : callable, optional
        Called as ``progress(issues_merged, issues)`` while the frontier is built.
    report : callable, optional
        Called with a line of text at each stage (what is being done, and why).

    Raises
    ------
    LimitReachedError
        When ``timeout`` passes, or the frontier method (chosen explicitly)
        passes ``max_memory``; ``reason`` says which.

    Examples
    --------
    >>> from zopa.model import load_builtin
    >>> a = analyze(load_builtin("ukraine-2026"))
    >>> a.deal_possible, a.to_dict()["blocked_issues"]
    (False, ['donetsk_control'])
    >>> b = analyze(load_builtin("tiny"), method="milp")
    >>> b.nash.package == analyze(load_builtin("tiny")).nash.package
    True
    """
    if method not in ("auto", "frontier", "milp"):
        raise ValueError(f"unknown method {method!r}; use 'auto', 'frontier' or 'milp'")
    say = report or (lambda message: None)
    deadline = None if timeout is None else time.monotonic() + timeout
    compiled = compile_scenario(scenario)
    space = compiled.restrict()
    notes: list[str] = []
    frontier = None
    if method != "milp":
        switch = method == "auto"
        limits = MergeLimits(
            max_points=AUTO_MAX_POINTS if switch else None,
            max_merge_seconds=AUTO_MAX_MERGE_SECONDS if switch else None,
            deadline=deadline,
            max_bytes=max_memory,
        )
        say(f"merging {len(space.terms)} issues into the Pareto frontier")
        try:
            frontier = rule_frontier(compiled, progress=progress, limits=limits)
        except LimitReachedError as error:
            if not switch or error.reason == "timeout":
                raise
            notes.append(f"frontier method stopped ({error}); bargaining points by MILP")
            say(f"{error}: switching to the MILP method")
    if frontier is not None:
        points = {
            "nash": nash_point(frontier),
            "kalai_smorodinsky": kalai_smorodinsky_point(frontier),
            "utilitarian": utilitarian_point(frontier),
            "egalitarian": egalitarian_point(frontier),
        }
        deal, best, sample, chosen = len(frontier) > 0, best_utilities(frontier), (), "frontier"
    else:
        points, deal, best, sample = _by_milp(compiled, max_pareto, seed, deadline, say)
        chosen = "milp"
    _check(deadline)
    say("counting feasible packages")
    options = {"exact_limit": exact_limit, "samples": samples, "seed": seed}
    unanimous = count_space(space, **options)
    count = unanimous if compiled.unanimous else count_rule(compiled, **options)
    known = frontier.count if frontier is not None else len(sample)
    if not count.exact and known > count.low:
        # Frontier packages are feasible, so they bound an estimate from below.
        count = FeasibleCount(max(count.count, known), False, known, count.high, count.method)
    concessions: list[ConcessionSet] = []
    size = max_concession_size
    while not deal and size >= 1:
        _check(deadline)
        say(f"searching concession sets of up to {size}")
        try:
            concessions = minimal_concessions(
                scenario, max_size=size, exact_limit=exact_limit, samples=samples, seed=seed
            )
            break
        except LimitReachedError:
            raise
        except ConcessionLimitError as error:
            # The sets of the sizes it finished come with it: nothing is searched twice.
            notes.append(f"{error}; searched sets of up to {error.searched} only")
            concessions = error.sets
            break
        except SpaceTooLargeError as error:
            notes.append(f"{error}; searched sets of up to {size - 1} only")
            size -= 1
    if chosen == "milp":
        notes.append(
            "bargaining points by MILP (HiGHS), re-evaluated exactly; the frontier is "
            f"not built: 'pareto' lists a sample of {len(sample)} frontier points"
        )
    return Analysis(
        scenario=scenario.name,
        parties=compiled.parties,
        outcomes=outcome_count(scenario),
        after_red_lines=space.size,
        pruning=tuple(prune(scenario)),
        feasible=count,
        unanimous=unanimous,
        rule=(compiled.needed, tuple(compiled.parties[p] for p in compiled.required)),
        deal_possible=deal,
        frontier=frontier,
        nash=points["nash"],
        kalai_smorodinsky=points["kalai_smorodinsky"],
        utilitarian=points["utilitarian"],
        egalitarian=points["egalitarian"],
        concessions=tuple(concessions),
        max_pareto=max_pareto,
        exact_arithmetic=compiled.exact,
        notes=tuple(notes),
        method=chosen,
        sample=sample,
        best=best,
    )


def _check(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise LimitReachedError("the time limit was reached", reason="timeout")


def _by_milp(
    compiled: Compiled,
    max_pareto: int,
    seed: int | np.random.Generator | None,
    deadline: float | None,
    say: Callable[[str], None],
):
    oracle = Oracle(compiled, deadline)
    space = oracle.space
    found = solve_points(oracle, RULES, sample=max_pareto, seed=seed, report=say)
    points = {rule: milp_solution(compiled, space, rule, found.points[rule]) for rule in RULES}
    if not found.feasible:
        return points, False, None, ()
    best = compiled.utilities(np.array([found.best], dtype=compiled.dtype))[0]
    sample = [milp_point(compiled, space, package) for package in found.sample]
    sample.sort(key=lambda p: -sum(p.utilities.values()))
    return (
        points,
        True,
        dict(zip(compiled.parties, map(float, best), strict=True)),
        tuple(sample),
    )
