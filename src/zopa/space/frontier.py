"""The Pareto frontier of the feasible packages, without enumerating them.

Method ``"merge"`` adds one issue at a time to a set of partial utility vectors
and keeps only the vectors no other one dominates. This is exact because
utilities are additive: a package whose partial vector over the first issues is
dominated is dominated by the package that swaps in the dominating partial.
Equal vectors are merged with their multiplicity, so ``count`` counts every
package on the frontier, ties included. Partials that cannot reach a party's
reservation value even with the best remaining options are dropped early; since
feasibility is upward closed this leaves exactly the frontier of the feasible
packages.

Method ``"brute"`` enumerates every package (for checks on small spaces).

References
----------
.. [1] Kung, H. T., Luccio, F. & Preparata, F. P. (1975). On finding the maxima of a
   set of vectors. Journal of the ACM 22(4), 469-476. doi:10.1145/321906.321910
.. [2] Börzsönyi, S., Kossmann, D. & Stocker, K. (2001). The skyline operator. ICDE
   2001, 421-430. doi:10.1109/ICDE.2001.914855
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

import numpy as np

from zopa.errors import SpaceTooLargeError
from zopa.model import Scenario
from zopa.space._skyline import exists_geq, skyline_mask
from zopa.space._tables import Compiled, Space, compile_scenario

__all__ = ["Frontier", "FrontierPoint", "pareto_frontier"]

BRUTE_LIMIT = 5_000_000


@dataclass(frozen=True, slots=True)
class FrontierPoint:
    """One utility vector on the frontier and a package that reaches it."""

    package: dict[str, str]
    utilities: dict[str, float]
    multiplicity: int


@dataclass(frozen=True, slots=True)
class Frontier:
    """The feasible Pareto frontier: distinct utility vectors and how to reach them.

    ``sums`` holds the exact integer term sums (see :mod:`zopa.space._tables`),
    ``utilities`` the same as floats; both read-only, one row per distinct vector,
    sorted by decreasing utilitarian sum. ``count`` is the number of packages on
    the frontier (the sum of ``multiplicity``).
    """

    parties: tuple[str, ...]
    issues: tuple[str, ...]
    sums: np.ndarray
    utilities: np.ndarray
    multiplicity: np.ndarray
    exact: bool
    _compiled: Compiled
    _choices: np.ndarray  # (points, issues) option index of one package per point
    _threshold: np.ndarray  # the space's thresholds (reservations not relaxed)

    @property
    def count(self) -> int:
        return int(sum(int(m) for m in self.multiplicity))

    def __len__(self) -> int:
        return len(self.sums)

    def package(self, index: int) -> dict[str, str]:
        """A package (issue -> option name) that reaches point ``index``."""
        return {
            issue: self._compiled.options[i][int(self._choices[index, i])]
            for i, issue in enumerate(self.issues)
        }

    def point(self, index: int) -> FrontierPoint:
        return FrontierPoint(
            package=self.package(index),
            utilities=dict(zip(self.parties, map(float, self.utilities[index]), strict=True)),
            multiplicity=int(self.multiplicity[index]),
        )

    def points(self, limit: int | None = None) -> Iterator[FrontierPoint]:
        stop = len(self) if limit is None else min(limit, len(self))
        for index in range(stop):
            yield self.point(index)


def pareto_frontier(
    scenario: Scenario,
    *,
    method: Literal["merge", "brute"] = "merge",
    progress: Callable[[int, int], None] | None = None,
) -> Frontier:
    """The Pareto frontier of the packages that meet every red line and reservation.

    Parameters
    ----------
    scenario : Scenario
    method : {"merge", "brute"}
        ``"merge"`` (default) is exact without enumeration; ``"brute"`` enumerates
        and refuses spaces above five million packages.
    progress : callable, optional
        Called as ``progress(issues_merged, issues)`` by the merge method.

    Returns
    -------
    Frontier
        Empty (``count == 0``) when no package is feasible.

    Examples
    --------
    >>> from zopa.model import load_builtin
    >>> f = pareto_frontier(load_builtin("tiny"))
    >>> f.count, f.package(0)
    (3, {'river': 'midline', 'fishing': 'shared'})
    """
    compiled = compile_scenario(scenario)
    space = compiled.restrict()
    if method == "brute":
        return _brute(compiled, space)
    if method != "merge":
        raise ValueError(f"unknown method {method!r}; use 'merge' or 'brute'")
    return frontier_of_space(compiled, space, progress)


def frontier_of_space(
    compiled: Compiled, space: Space, progress: Callable[[int, int], None] | None = None
) -> Frontier:
    """The merge method on an already restricted space (shared with other engines).

    ``progress(done, total)`` is called after each issue is merged.
    """
    n = compiled.n_parties
    constrained = space.constrained
    threshold = space.threshold[constrained]
    bounds = space.upper_bounds()[:, constrained]
    points = np.zeros((1, n), dtype=np.int64)
    mult = np.ones(1, dtype=object if space.size >= 2**62 else np.int64)
    choices = np.zeros((1, 0), dtype=np.int32)
    for i, terms in enumerate(space.terms):
        points, mult, choices = _merge_issue(
            points, mult, choices, terms, bounds[i], constrained, threshold
        )
        if progress is not None:
            progress(i + 1, len(space.terms))
        if len(points) == 0:
            break
    return _finish(compiled, space, points, mult, choices)


def _merge_issue(points, mult, choices, terms, bound, constrained, threshold):
    k = len(terms)
    m = len(points)
    if k == 0 or m == 0:
        return points[:0], mult[:0], np.zeros((0, choices.shape[1] + 1), dtype=np.int32)
    cand = (points[:, None, :] + terms[None, :, :]).reshape(m * k, -1)
    parent = np.repeat(np.arange(m), k)
    option = np.tile(np.arange(k, dtype=np.int32), m)
    if len(constrained):
        reachable = (cand[:, constrained] + bound >= threshold).all(axis=1)
        cand, parent, option = cand[reachable], parent[reachable], option[reachable]
        if len(cand) == 0:
            return points[:0], mult[:0], np.zeros((0, choices.shape[1] + 1), dtype=np.int32)
    uniq, first, group_mult = _group(cand, mult[parent])
    # Each unique vector joins the copy (option) of its first occurrence; every
    # copy is a shifted antichain, so merging copies needs only cross checks.
    survivors = _merge_antichains(uniq, option[first], k)
    new_choices = np.concatenate(
        [choices[parent[first[survivors]]], option[first[survivors], None]], axis=1
    )
    return uniq[survivors], group_mult[survivors], new_choices


def _group(rows: np.ndarray, weights: np.ndarray):
    """Distinct rows, the index of each one's first occurrence, and summed weights."""
    order = np.lexsort(rows.T[::-1])
    ordered = rows[order]
    new = np.ones(len(rows), dtype=bool)
    new[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    starts = np.flatnonzero(new)
    sums = np.add.reduceat(weights[order], starts)
    # first occurrence in input order within each group
    group_id = np.cumsum(new) - 1
    first = np.full(len(starts), len(rows), dtype=np.int64)
    np.minimum.at(first, group_id, order)
    return ordered[starts], first, sums


def _merge_antichains(points: np.ndarray, copy: np.ndarray, k: int) -> np.ndarray:
    """Skyline of the union of ``k`` antichains, given as a copy label per point.

    Copies are added strongest first (largest mean coordinate sum), so the
    skyline built so far discards most of each new copy before the check the
    other way round: measured about 1.5-1.9x faster than merging in pairs.
    """
    groups = [np.flatnonzero(copy == c) for c in range(k)]
    groups = [g for g in groups if len(g)]
    if not groups:
        return np.zeros(0, dtype=np.int64)
    groups.sort(key=lambda g: -points[g].sum(axis=1).mean())
    kept = groups[0]
    for group in groups[1:]:
        new = group[~exists_geq(points[kept], points[group])]
        if len(new):
            kept = np.concatenate([kept[~exists_geq(points[new], points[kept])], new])
    return np.sort(kept)


def _finish(compiled, space, points, mult, choices) -> Frontier:
    issues = len(space.terms)
    if len(points) and issues:
        ids = np.column_stack([space.option_ids[i][choices[:, i]] for i in range(issues)])
    else:
        ids = np.zeros((len(points), issues), dtype=np.int64)
    utilities = compiled.utilities(points)
    order = np.lexsort((*points.T[::-1], -utilities.sum(axis=1)))
    arrays = [points[order], utilities[order], mult[order], ids[order]]
    for a in arrays:
        a.setflags(write=False)
    return Frontier(
        parties=compiled.parties,
        issues=compiled.issues,
        sums=arrays[0],
        utilities=arrays[1],
        multiplicity=arrays[2],
        exact=compiled.exact,
        _compiled=compiled,
        _choices=arrays[3],
        _threshold=space.threshold,
    )


def enumerate_space(space: Space) -> tuple[np.ndarray, np.ndarray]:
    """Every package of a space: (packages × issues) option positions and term sums."""
    if space.size > BRUTE_LIMIT:
        raise SpaceTooLargeError(
            f"brute force refuses {space.size:,} packages (limit {BRUTE_LIMIT:,})"
        )
    n = len(space.threshold)
    sizes = [len(ids) for ids in space.option_ids]
    if math.prod(sizes) == 0:
        return np.zeros((0, len(sizes)), dtype=np.int64), np.zeros((0, n), dtype=np.int64)
    grid = np.indices(sizes).reshape(len(sizes), -1).T if sizes else np.zeros((1, 0), np.int64)
    sums = np.zeros((len(grid), n), dtype=np.int64)
    for i, terms in enumerate(space.terms):
        sums += terms[grid[:, i]]
    return grid, sums


def _brute(compiled: Compiled, space: Space) -> Frontier:
    grid, sums = enumerate_space(space)
    c = space.constrained
    if len(c):
        ok = (sums[:, c] >= space.threshold[c]).all(axis=1)
        grid, sums = grid[ok], sums[ok]
    if len(sums) == 0:
        return _finish(compiled, space, sums, np.zeros(0, np.int64), grid.astype(np.int32))
    uniq, inverse = np.unique(sums, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    mult = np.bincount(inverse, minlength=len(uniq)).astype(np.int64)
    keep = _dominance_free(uniq)
    first = np.full(len(uniq), -1)
    first[inverse[::-1]] = np.arange(len(inverse))[::-1]
    return _finish(compiled, space, uniq[keep], mult[keep], grid[first[keep]].astype(np.int32))


def _dominance_free(points: np.ndarray) -> np.ndarray:
    """Pairwise check up to 20,000 points; beyond, one sort (see ``skyline_mask``).

    Either way it shares no code with the merge method's cross checks, so the
    brute method can test them.
    """
    if len(points) > 20_000:
        return skyline_mask(points)
    keep = np.ones(len(points), dtype=bool)
    for start in range(0, len(points), 256):
        block = points[start : start + 256]
        ge = (points[None, :, :] >= block[:, None, :]).all(axis=2)
        ge[np.arange(len(block)), np.arange(start, start + len(block))] = False
        keep[start : start + len(block)] = ~ge.any(axis=1)
    return keep
