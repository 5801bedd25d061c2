"""The exact Pareto frontier of two parties: a staircase, merged by sorting.

With two parties a set of distinct utility vectors is Pareto-maximal exactly
when, sorted by the first utility descending, the second strictly increases: a
staircase. The merge method's step (add one issue's options to every partial
vector, keep the maximal ones) therefore needs one sort of the candidate sums
and a running maximum instead of the general n-dimensional dominance checks.

Exactness and the choice of package follow the general merge in
:mod:`zopa.space.frontier`: int64 term sums, equal vectors merged with their
multiplicities, partials that cannot reach a reservation value dropped early,
and each vector reached by the first candidate (partial in ascending order,
then option) that produces it, so both paths name the same packages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from zopa.space._tables import Space

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
    bounds = space.upper_bounds()[:, constrained]
    points = np.zeros((1, 2), dtype=np.int64)
    mult = np.ones(1, dtype=object if space.size >= 2**62 else np.int64)
    choices = np.zeros((1, 0), dtype=np.int32)
    sizes: list[int] = []
    for i, terms in enumerate(space.terms):
        if limits is not None:
            limits.check_merge(len(points), len(terms), 2, i + 1)
        points, mult, choices = _step(
            points, mult, choices, terms, bounds[i], constrained, threshold
        )
        sizes.append(len(points))
        if progress is not None:
            progress(i + 1, len(space.terms))
        if len(points) == 0:
            break
        if limits is not None:
            limits.check_time()
            limits.check_growth(sizes, len(space.terms))
    return points, mult, choices


def _step(points, mult, choices, terms, bound, constrained, threshold):
    k, m = len(terms), len(points)
    if k == 0 or m == 0:
        return points[:0], mult[:0], np.zeros((0, choices.shape[1] + 1), dtype=np.int32)
    x = (points[:, 0, None] + terms[None, :, 0]).reshape(-1)
    y = (points[:, 1, None] + terms[None, :, 1]).reshape(-1)
    index = np.arange(m * k)
    if len(constrained):
        both = np.column_stack([x, y])[:, constrained]
        ok = (both + bound >= threshold).all(axis=1)
        x, y, index = x[ok], y[ok], index[ok]
        if len(x) == 0:
            return points[:0], mult[:0], np.zeros((0, choices.shape[1] + 1), dtype=np.int32)
    # Stable: within a run of equal vectors the first candidate comes first.
    order = np.lexsort((-y, -x))
    x, y, index = x[order], y[order], index[order]
    start = np.ones(len(x), dtype=bool)
    start[1:] = (x[1:] != x[:-1]) | (y[1:] != y[:-1])
    starts = np.flatnonzero(start)
    weights = np.add.reduceat(mult[index // k], starts)
    ys = y[starts]
    before = np.maximum.accumulate(np.concatenate(([-1], ys[:-1])))  # sums are >= 0
    keep = np.flatnonzero(ys > before)[::-1]  # ascending first utility, as the general path
    first = index[starts[keep]]
    parent, option = first // k, (first % k).astype(np.int32)
    new_points = np.column_stack([x[starts[keep]], ys[keep]])
    new_choices = np.concatenate([choices[parent], option[:, None]], axis=1)
    return new_points, weights[keep], new_choices
