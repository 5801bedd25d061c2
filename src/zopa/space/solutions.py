"""Bargaining solutions on the feasible Pareto frontier.

Every point below is optimal over all feasible packages and lies on the
frontier. Two methods share one return convention (:class:`Solution`):

* ``method="frontier"`` (default) scans the feasible Pareto frontier
  (:func:`~zopa.space.pareto_frontier`): exact, and fast while the frontier is
  small (up to about 100,000 points).
* ``method="milp"`` solves mixed-integer programs with HiGHS and never builds
  the frontier (:mod:`zopa.space._bargaining_milp`); every package it returns
  is re-evaluated in exact arithmetic, and the Nash point carries the certified
  relative gap of its product (at most ``1e-9``).

Gains are measured over the reservation values (0 for a party without one).
Comparisons are exact: a float pass picks the candidates, ties are settled with
integer or rational arithmetic, remaining ties go to the larger utilitarian sum
and then to the lexicographically smallest utility vector (in party order).
Both methods find the same utility vector; where several packages reach it,
they may name different ones.

Under a decision rule other than unanimity a package may pass although some
parties reject it (a red line crossed, or less than their reservation value).
Such a party gains nothing from the deal it rejects: its gain counts as 0, so
the Nash product and the egalitarian minimum of a package some party rejects
are 0, and a package every party accepts wins when one exists. The optimum then
need not lie on the frontier of utilities (a package everyone accepts can be
dominated by one somebody rejects), but it lies on the frontier of the packages
some passing coalition accepts, which the frontier carries as its candidates.

References
----------
.. [1] Nash, J. F. (1950). The bargaining problem. Econometrica 18(2), 155-162.
   doi:10.2307/1907266
.. [2] Kalai, E. & Smorodinsky, M. (1975). Other solutions to Nash's bargaining
   problem. Econometrica 43(3), 513-518. doi:10.2307/1914280
.. [3] Rawls, J. (1971). A Theory of Justice (the maximin, or egalitarian, rule).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from zopa.model import Scenario
from zopa.space._bargaining_milp import Choice, solve_points
from zopa.space._milp import Oracle, Package
from zopa.space._tables import Compiled, Space, compile_scenario
from zopa.space.frontier import Frontier, FrontierPoint, pareto_frontier

__all__ = [
    "Solution",
    "best_utilities",
    "egalitarian_point",
    "kalai_smorodinsky_point",
    "nash_point",
    "utilitarian_point",
]

_CLOSE = 1e-9
_SMALL = 64  # frontier points


@dataclass(frozen=True, slots=True)
class Solution:
    """A package chosen by a bargaining rule, with its utilities and the rule's value."""

    rule: str
    package: dict[str, str]
    utilities: dict[str, float]
    value: float
    gap: float = 0.0  # MILP: certified relative gap of the value (0: proven optimal)

    _VALUE_KEYS = {  # noqa: RUF012 - a class constant, not a field
        "nash": "product",
        "kalai_smorodinsky": "min_ratio",
        "utilitarian": "sum",
        "egalitarian": "min_gain",
    }

    def to_dict(self) -> dict[str, Any]:
        out = {
            "package": self.package,
            "utilities": self.utilities,
            self._VALUE_KEYS[self.rule]: self.value,
        }
        out["relative_gap"] = self.gap
        return out


Method = Literal["frontier", "milp"]


def _frontier(source: Scenario | Frontier, method: str = "frontier") -> Frontier:
    """The points a rule scans: the frontier, or its candidates under a decision rule."""
    if method != "frontier":
        raise ValueError(f"unknown method {method!r}; use 'frontier' or 'milp'")
    frontier = source if isinstance(source, Frontier) else pareto_frontier(source)
    return frontier if frontier._candidates is None else frontier._candidates


def _by_milp(source: Scenario | Frontier, rule: str) -> Solution | None:
    if isinstance(source, Frontier):
        raise TypeError("method='milp' works on a Scenario, not on a Frontier")
    oracle = Oracle(compile_scenario(source))
    found = solve_points(oracle, (rule,))
    return milp_solution(oracle.compiled, oracle.space, rule, found.points[rule])


def milp_point(compiled: Compiled, space: Space, package: Package) -> FrontierPoint:
    """A MILP package as a frontier point (names, float utilities; not counted)."""
    utilities = compiled.utilities(np.array([package.sums], dtype=compiled.dtype))[0]
    names = {
        issue: compiled.options[i][int(space.option_ids[i][o])]
        for i, (issue, o) in enumerate(zip(compiled.issues, package.choices, strict=True))
    }
    values = dict(zip(compiled.parties, map(float, utilities), strict=True))
    return FrontierPoint(names, values, None)


def milp_solution(
    compiled: Compiled, space: Space, rule: str, choice: Choice | None
) -> Solution | None:
    """A MILP answer in the frontier method's terms (shared with ``analyze``)."""
    if choice is None:
        return None
    point = milp_point(compiled, space, choice.package)
    if rule == "utilitarian":  # the frontier method's float sum
        sums = np.array([choice.package.sums], dtype=compiled.dtype)
        value = float(compiled.utilities(sums).sum(axis=1)[0])
    else:
        value = float(choice.value)
    return Solution(rule, point.package, point.utilities, value, choice.gap)


def best_utilities(
    source: Scenario | Frontier, *, method: Method = "frontier"
) -> dict[str, float] | None:
    """Each party's largest utility over the feasible packages (None: none is feasible).

    Examples
    --------
    >>> from zopa.model import load_builtin
    >>> best_utilities(load_builtin("tiny"), method="milp")
    {'North': 0.6666666666666666, 'South': 0.75}
    """
    if method == "milp":
        if isinstance(source, Frontier):
            raise TypeError("method='milp' works on a Scenario, not on a Frontier")
        compiled = compile_scenario(source)
        found = solve_points(Oracle(compiled), ())
        if not found.feasible:
            return None
        best = np.array([found.best], dtype=compiled.dtype)
        return dict(zip(compiled.parties, map(float, compiled.utilities(best)[0]), strict=True))
    frontier = _frontier(source, method)
    if len(frontier) == 0:
        return None
    return dict(zip(frontier.parties, map(float, frontier.utilities.max(axis=0)), strict=True))


def _gains(frontier: Frontier) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Integer gains over the reservation values (0 where a party rejects), the
    same as floats, and the scales; computed once per frontier."""
    memo = frontier._memo.get("gains")
    if memo is None:
        threshold = frontier._threshold
        gains = frontier.sums  # no reservation values: gains over 0
        if len(threshold) and threshold.max() >= 0:
            gains = gains - np.where(threshold < 0, 0, threshold)
        if frontier._accepts is not None:
            gains = np.where(frontier._accepts, gains, 0)
        gains.setflags(write=False)
        real = frontier._compiled.utilities(gains)
        real.setflags(write=False)
        memo = frontier._memo["gains"] = (gains, real, list(frontier._compiled.scale))
    return memo


def _pick(frontier: Frontier, score: np.ndarray, exact: Callable[[int], Any]) -> int:
    small = len(score) <= _SMALL  # plain Python beats NumPy's per-call cost on a few points
    values = score.tolist() if small else score
    top = float(max(values) if small else score.max())
    if top == -math.inf:
        candidates = range(len(score))
    elif small:
        cutoff = top - _CLOSE * max(1.0, abs(top))
        candidates = [i for i, v in enumerate(values) if v >= cutoff]
    else:
        candidates = np.flatnonzero(score >= top - _CLOSE * max(1.0, abs(top))).tolist()
    if len(candidates) == 1:  # no tie to settle
        return candidates[0]
    sums = frontier.sums
    scales = frontier._compiled.scale
    common = math.lcm(*scales)
    factors = [common // scale for scale in scales]

    def utilitarian(i: int) -> int:
        """The sum of utilities, times their common denominator: exact."""
        return sum(int(s) * f for s, f in zip(sums[i], factors, strict=True))

    def smallest(i: int) -> tuple[int, ...]:
        return tuple(-int(s) for s in sums[i])

    return int(max(candidates, key=lambda i: (exact(i), utilitarian(i), smallest(i))))


def _least_ratio(numerators: list[int], denominators: list[int]) -> tuple[int, int]:
    """The smallest ``numerators[p] / denominators[p]`` (denominators > 0) as
    (numerator, denominator): exact, by cross-multiplying integers."""
    n, d = numerators[0], denominators[0]
    for a, b in zip(numerators[1:], denominators[1:], strict=True):
        if a * d < n * b:
            n, d = a, b
    return n, d


def _solution(frontier: Frontier, rule: str, index: int, value: float) -> Solution:
    point = frontier.point(index)
    return Solution(rule, point.package, point.utilities, float(value))


def nash_point(source: Scenario | Frontier, *, method: Method = "frontier") -> Solution | None:
    """The feasible package that maximises the product of gains (Nash 1950).

    Examples
    --------
    >>> from zopa.model import load_builtin
    >>> s = nash_point(load_builtin("tiny"))
    >>> s.package, round(s.value, 4)
    ({'river': 'midline', 'fishing': 'south_only'}, 0.14)
    """
    if method == "milp":
        return _by_milp(source, "nash")
    frontier = _frontier(source, method)
    if len(frontier) == 0:
        return None
    gains, real, scales = _gains(frontier)
    with np.errstate(divide="ignore"):
        score = np.log(real).sum(axis=1)
    index = _pick(frontier, score, lambda i: math.prod(int(g) for g in gains[i]))
    # int / int rounds correctly: the float of the exact product of gains / scales.
    product = math.prod(int(g) for g in gains[index]) / math.prod(scales)
    return _solution(frontier, "nash", index, product)


def kalai_smorodinsky_point(
    source: Scenario | Frontier, *, method: Method = "frontier"
) -> Solution | None:
    """The frontier point that maximises the smallest gain relative to each party's best.

    A party's best is its largest feasible gain; a party with no possible gain
    (best 0) counts as fully served.
    """
    if method == "milp":
        return _by_milp(source, "kalai_smorodinsky")
    frontier = _frontier(source, method)
    if len(frontier) == 0:
        return None
    gains, real, _ = _gains(frontier)
    best_list = [int(b) for b in gains.max(axis=0)]
    real_best = real.max(axis=0)  # the float of each best gain: rounding keeps the order
    served = np.array([b > 0 for b in best_list])  # a party with no possible gain: ratio 1
    score = np.where(served, real / np.where(served, real_best, 1.0), 1.0).min(axis=1)

    def ratio(i: int) -> tuple[int, int]:  # a party with no possible gain is fully served
        pairs = [(int(g), b) if b > 0 else (1, 1) for g, b in zip(gains[i], best_list, strict=True)]
        return _least_ratio([a for a, _ in pairs], [b for _, b in pairs])

    index = _pick(frontier, score, lambda i: Fraction(*ratio(i)))
    n, d = ratio(index)
    return _solution(frontier, "kalai_smorodinsky", index, n / d)


def utilitarian_point(
    source: Scenario | Frontier, *, method: Method = "frontier"
) -> Solution | None:
    """The feasible package with the largest sum of utilities."""
    if method == "milp":
        return _by_milp(source, "utilitarian")
    frontier = _frontier(source, method)
    if len(frontier) == 0:
        return None
    score = frontier.utilities.sum(axis=1)
    index = _pick(frontier, score, lambda i: 0)
    return _solution(frontier, "utilitarian", index, float(score[index]))


def egalitarian_point(
    source: Scenario | Frontier, *, method: Method = "frontier"
) -> Solution | None:
    """The feasible package whose smallest gain is largest (maximin)."""
    if method == "milp":
        return _by_milp(source, "egalitarian")
    frontier = _frontier(source, method)
    if len(frontier) == 0:
        return None
    gains, real, scales = _gains(frontier)
    score = real.min(axis=1)

    def least(i: int) -> tuple[int, int]:
        return _least_ratio([int(g) for g in gains[i]], scales)

    index = _pick(frontier, score, lambda i: Fraction(*least(i)))
    n, d = least(index)
    return _solution(frontier, "egalitarian", index, n / d)
