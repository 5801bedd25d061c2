"""The exact Pareto frontier of two parties: a staircase, merged by sorting.

With two parties a set of distinct utility vectors is Pareto-maximal exactly
when, sorted by the first utility descending, the second strictly increases: a
staircase. The merge method's step (add one issue's options to every partial
vector, keep the maximal ones) therefore needs one sort of the candidate sums
and a running maximum instead of the general n-dimensional dominance checks.

Before merging, each issue's options are reduced to their own staircase: an
option whose terms another option dominates never reaches the frontier (the
package that swaps in the better option dominates it and meets every
reservation value it meets), and options with equal terms are kept once, with
their number as a multiplicity.

Exactness and the choice of package follow the general merge in
:mod:`zopa.space.frontier`: int64 term sums, equal vectors merged with their
multiplicities, partials that cannot reach a reservation value dropped early,
and each vector reached by the first candidate (partial in ascending order,
then option) that produces it, so both paths name the same packages.
Multiplicities stay int64 while the packages counted so far, times the options
of the next issue, stay below 2**62, and become Python integers beyond.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from zopa.space._tables import COUNT_LIMIT, Space

if TYPE_CHECKING:
    from zopa.space.frontier import MergeLimits

__all__: list[str] = []


def handles(n_parties: int, space: Space) -> bool:
    """Whether this path applies: two parties, int64 sums, no utility cap."""
    return n_parties == 2 and space.dtype != object and space.cap is None


def staircase_merge(
    space: Space,
    progress: Callable[[int, int], None] | None = None,
    limits: MergeLimits | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Frontier term sums (ascending first utility), multiplicities and option positions."""
    constrained = space.constrained
    threshold = space.threshold[constrained]
    bounds = space.upper_bounds()[:, constrained] if len(constrained) else None
    options = issue_staircases(space.terms)
    x, y = np.zeros(1, dtype=np.int64), np.zeros(1, dtype=np.int64)
    mult = np.ones(1, dtype=np.int64)
    total = 1  # packages counted by mult
    steps: list[tuple[np.ndarray, np.ndarray]] = []  # per issue: (parent, option position)
    sizes: list[int] = []
    for i, (terms, positions, counts) in enumerate(options):
        if limits is not None:
            limits.check_merge(len(x), len(space.terms[i]), 2, i + 1)
        if mult.dtype != object and total * len(space.terms[i]) >= COUNT_LIMIT:
            mult, counts = mult.astype(object), counts.astype(object)
        floor = None if bounds is None else threshold - bounds[i]
        x, y, mult, parent, option = _step(x, y, mult, terms, counts, constrained, floor)
        steps.append((parent, positions[option]))
        total = int(mult.sum())
        sizes.append(len(x))
        if progress is not None:
            progress(i + 1, len(space.terms))
        if len(x) == 0:
            break
        if limits is not None:
            limits.check_time()
            limits.check_growth(sizes, len(space.terms))
    points = np.column_stack([x, y])
    if len(x) == 0:
        return points, mult, np.zeros((0, len(space.terms)), dtype=np.int32)
    choices = np.empty((len(x), len(space.terms)), dtype=np.int32)
    row = np.arange(len(x))
    for i in range(len(steps) - 1, -1, -1):
        parent, position = steps[i]
        choices[:, i] = position[row]
        row = parent[row]
    return points, mult, choices


def issue_staircases(
    tables: tuple[np.ndarray, ...],
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per issue: the undominated distinct terms (ascending first utility), the
    position of the first option with each, and how many options have it.

    One sort for all issues: the second utility is replaced by its rank, offset
    by the issue, so one running maximum restarts at every issue.
    """
    sizes = [len(t) for t in tables]
    if not sizes or sum(sizes) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return [(np.zeros((0, 2), dtype=np.int64), empty, empty) for _ in sizes]
    terms = np.concatenate(tables)
    issue = np.repeat(np.arange(len(sizes)), sizes)
    position = np.arange(len(terms)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    x, y = terms[:, 0], terms[:, 1]
    # Issue ascending, then first utility and second descending; stable, so the
    # first option of equal terms leads its run.
    order = np.lexsort((-y, -x, issue))
    x, y, issue, position = x[order], y[order], issue[order], position[order]
    start = np.ones(len(x), dtype=bool)
    start[1:] = (x[1:] != x[:-1]) | (y[1:] != y[:-1]) | (issue[1:] != issue[:-1])
    starts = np.flatnonzero(start)
    counts = np.diff(np.append(starts, len(x)))
    rank = np.unique(y, return_inverse=True)[1].reshape(-1)
    key = (issue * (len(x) + 1) + rank)[starts]
    before = np.maximum.accumulate(np.concatenate(([-1], key[:-1])))
    keep = starts[key > before]
    kept_counts = counts[key > before]
    out = []
    bounds = np.searchsorted(issue[keep], np.arange(len(sizes) + 1))
    for i in range(len(sizes)):
        part = slice(bounds[i], bounds[i + 1])
        rows = keep[part][::-1]  # ascending first utility
        out.append(
            (
                np.column_stack([x[rows], y[rows]]),
                position[rows],
                kept_counts[part][::-1].astype(np.int64),
            )
        )
    return out


def _step(x, y, mult, terms, counts, constrained, floor):
    """Merge one issue's staircase of options into the partial staircase (x, y)."""
    k = len(terms)
    cx = (x[:, None] + terms[None, :, 0]).reshape(-1)
    cy = (y[:, None] + terms[None, :, 1]).reshape(-1)
    index = np.arange(len(cx))
    if floor is not None:
        # A partial that even the best remaining options cannot lift to a
        # reservation value is dropped.
        ok = np.ones(len(cx), dtype=bool)
        for c, f in zip(constrained, floor, strict=True):
            ok &= (cx if c == 0 else cy) >= f
        cx, cy, index = cx[ok], cy[ok], index[ok]
    if len(cx) == 0:
        nothing = np.zeros(0, dtype=np.int64)
        return nothing, nothing, mult[:0], nothing, nothing.astype(np.int32)
    # Stable: within a run of equal vectors the first candidate comes first.
    order = np.lexsort((-cy, -cx))
    cx, cy, index = cx[order], cy[order], index[order]
    parent, option = index // k, index % k
    weights = mult[parent] * counts[option]
    if len(cx) > 1:
        start = np.ones(len(cx), dtype=bool)
        start[1:] = (cx[1:] != cx[:-1]) | (cy[1:] != cy[:-1])
        if not start.all():
            starts = np.flatnonzero(start)
            weights = np.add.reduceat(weights, starts)
            cx, cy, parent, option = cx[starts], cy[starts], parent[starts], option[starts]
    before = np.maximum.accumulate(np.concatenate(([-1], cy[:-1])))  # sums are >= 0
    keep = np.flatnonzero(cy > before)[::-1]  # ascending first utility, as the general path
    return cx[keep], cy[keep], weights[keep], parent[keep], option[keep].astype(np.int32)
