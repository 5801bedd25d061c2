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

Small steps run on plain Python lists (one dictionary pass keeps, per first
sum, the best second sum and the first candidate reaching it), large ones on
NumPy arrays; the merge switches at its first large step. Both give the same
vectors, counts and packages (tested against each other and brute force).
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


# Up to these sizes a merge step (candidates) or an issue's staircase (options) is
# computed in plain Python: NumPy's fixed cost per call (a microsecond or more,
# dozens of calls per step) outweighs its speed on tiny arrays (measured: even
# at about 50 candidates a step, or 60 options an issue).
SMALL_STEP = 48
SMALL_ISSUE = 64


def staircase_merge(
    space: Space,
    progress: Callable[[int, int], None] | None = None,
    limits: MergeLimits | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Frontier term sums (ascending first utility), multiplicities and option positions."""
    constrained = space.constrained.tolist()
    threshold = space.threshold[constrained].tolist()
    bounds = space.upper_bounds()[:, constrained].tolist() if constrained else None
    n_issues = len(space.terms)
    options = _staircases(space.terms)
    # Plain Python lists while the steps are small, NumPy arrays from the first large one.
    x, y, mult = [0], [0], [1]
    arrays = False
    wide = False  # a count could pass int64: Python integers (see the module notes)
    total = 1  # packages counted by mult
    steps: list[tuple] = []  # per issue: (parent, option position)
    sizes: list[int] = []
    for i, (terms, positions, counts) in enumerate(options):
        k_all = len(space.terms[i])
        if limits is not None:
            limits.check_merge(len(x), k_all, 2, i + 1)
        wide = wide or total * k_all >= COUNT_LIMIT
        floor = (
            None if bounds is None else [t - b for t, b in zip(threshold, bounds[i], strict=True)]
        )
        if not arrays and len(x) * len(counts) > SMALL_STEP:
            arrays = True
            x, y = np.array(x, dtype=np.int64), np.array(y, dtype=np.int64)
            mult = np.array(mult, dtype=object if wide else np.int64)
        if arrays:
            terms, positions, counts = _as_arrays(terms, positions, counts)
            if wide and mult.dtype != object:
                mult = mult.astype(object)
            counts = counts.astype(object) if wide else counts
            step = _step(x, y, mult, terms, counts, constrained, floor)
            x, y, mult, parent, option = step
            steps.append((parent, positions[option]))
            total = int(mult.sum())
        else:
            if isinstance(counts, np.ndarray):  # NumPy staircases (many options)
                terms = (terms[:, 0].tolist(), terms[:, 1].tolist())
                positions, counts = positions.tolist(), counts.tolist()
            x, y, mult, parent, option = _small_step(x, y, mult, terms, counts, constrained, floor)
            steps.append((parent, [positions[o] for o in option]))
            total = sum(mult)
        sizes.append(len(x))
        if progress is not None:
            progress(i + 1, n_issues)
        if len(x) == 0:
            break
        if limits is not None:
            limits.check_time()
            limits.check_growth(sizes, n_issues)
    points = np.array([x, y], dtype=np.int64).T.reshape(len(x), 2)
    mult = np.asarray(mult, dtype=object if wide else np.int64)
    if len(x) == 0:
        return points, mult, np.zeros((0, n_issues), dtype=np.int32)
    if not arrays:
        return points, mult, _small_choices(steps, len(x))
    choices = np.empty((len(x), n_issues), dtype=np.int32)
    row = np.arange(len(x))
    for i in range(len(steps) - 1, -1, -1):
        parent, position = (np.asarray(a) for a in steps[i])
        choices[:, i] = position[row]
        row = parent[row]
    return points, mult, choices


def _staircases(tables: tuple[np.ndarray, ...]) -> list[tuple]:
    """Each issue's staircase: in plain Python for few options, in NumPy for many."""
    out: list[tuple | None] = [None] * len(tables)
    large = [i for i, t in enumerate(tables) if len(t) > SMALL_ISSUE]
    small = [i for i, t in enumerate(tables) if len(t) <= SMALL_ISSUE]
    for i, staircase in zip(large, issue_staircases(tuple(tables[i] for i in large)), strict=True):
        out[i] = staircase
    for i, staircase in zip(small, _small_staircases(tuple(tables[i] for i in small)), strict=True):
        out[i] = staircase
    return out


def _as_arrays(terms, positions, counts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A staircase from :func:`_small_staircases` as :func:`issue_staircases` gives it."""
    if isinstance(counts, np.ndarray):
        return terms, positions, counts
    tx, ty = terms
    table = np.array([tx, ty], dtype=np.int64).T.reshape(len(tx), 2)
    return table, np.array(positions, dtype=np.int64), np.array(counts, dtype=np.int64)


def _small_staircases(tables: tuple[np.ndarray, ...]) -> list[tuple]:
    """:func:`issue_staircases` in plain Python: per issue ((first terms, second
    terms), positions, counts), ascending first utility."""
    out = []
    for table in tables:
        seen: dict[tuple[int, int], list[int]] = {}
        for position, (a, b) in enumerate(table.tolist()):
            entry = seen.get((a, b))
            if entry is None:
                seen[(a, b)] = [position, 1]
            else:
                entry[1] += 1
        tx, ty, positions, counts = [], [], [], []
        best = -1
        # First utility descending, then second: keep each strict rise of the second.
        for a, b in sorted(seen, reverse=True):
            if b > best:
                best = b
                position, count = seen[(a, b)]
                tx.append(a)
                ty.append(b)
                positions.append(position)
                counts.append(count)
        out.append(((tx[::-1], ty[::-1]), positions[::-1], counts[::-1]))
    return out


def _small_step(x, y, mult, terms, counts, constrained, floor):
    """:func:`_step` in plain Python lists, with the same order and the same packages.

    Per first-utility sum only the best second sum can be on the staircase: one
    dictionary pass in candidate order (partial, then option) keeps it, with the
    first candidate that reaches it and the summed multiplicity, then one sort.
    """
    low = [-1, -1]  # sums are >= 0: no floor
    for c, f in zip(constrained or (), floor or (), strict=True):
        low[c] = f
    low_x, low_y = low
    if (len(x) == 1 or len(counts) == 1) and low_x < 0 and low_y < 0:
        return _shifted(x, y, mult, terms, counts)
    options = list(enumerate(zip(*terms, counts, strict=True)))
    best: dict[int, list[int]] = {}  # first sum -> [second sum, parent, option, multiplicity]
    get = best.get
    for p in range(len(x)):
        xp, yp, mp = x[p], y[p], mult[p]
        for o, (a, b, c) in options:
            cx, cy = xp + a, yp + b
            if cx < low_x or cy < low_y:
                continue
            entry = get(cx)
            if entry is None or cy > entry[0]:
                best[cx] = [cy, p, o, mp * c]
            elif cy == entry[0]:
                entry[3] += mp * c
    nx, ny, nm, parent, option = [], [], [], [], []
    top = -1
    for cx in sorted(best, reverse=True):
        cy, p, o, m = best[cx]
        if cy > top:
            top = cy
            nx.append(cx)
            ny.append(cy)
            nm.append(m)
            parent.append(p)
            option.append(o)
    # ascending first utility
    return nx[::-1], ny[::-1], nm[::-1], parent[::-1], option[::-1]


def _shifted(x, y, mult, terms, counts):
    """:func:`_small_step` where one side is a single vector: the sums of a staircase
    and one vector are a staircase, distinct and in order already."""
    tx, ty = terms
    if len(x) == 1:
        xp, yp, mp = x[0], y[0], mult[0]
        k = len(tx)
        return (
            [xp + a for a in tx],
            [yp + b for b in ty],
            [mp * c for c in counts],
            [0] * k,
            list(range(k)),
        )
    a, b, c = tx[0], ty[0], counts[0]
    return (
        [v + a for v in x],
        [v + b for v in y],
        [m * c for m in mult],
        list(range(len(x))),
        [0] * len(x),
    )


def _small_choices(steps: list[tuple], m: int) -> np.ndarray:
    """Each final point's option positions, walking the parents back."""
    rows = list(range(m))
    columns = []
    for parent, position in reversed(steps):
        columns.append([position[r] for r in rows])
        rows = [parent[r] for r in rows]
    return np.array(columns[::-1], dtype=np.int32).reshape(len(steps), m).T.copy()


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
    index = None  # candidate i: partial i // k with option i % k
    if floor is not None:
        # A partial that even the best remaining options cannot lift to a
        # reservation value is dropped.
        ok = np.ones(len(cx), dtype=bool)
        for c, f in zip(constrained, floor, strict=True):
            ok &= (cx if c == 0 else cy) >= f
        index = np.flatnonzero(ok)
        cx, cy = cx[index], cy[index]
    if len(cx) == 0:
        nothing = np.zeros(0, dtype=np.int64)
        return nothing, nothing, mult[:0], nothing, nothing.astype(np.int32)
    # Stable: within a run of equal vectors the first candidate comes first.
    order = np.lexsort((-cy, -cx))
    cx, cy = cx[order], cy[order]
    index = order if index is None else index[order]
    parent, option = index // k, index % k
    weights = mult[parent] * counts[option]
    if len(cx) > 1:
        start = np.ones(len(cx), dtype=bool)
        start[1:] = (cx[1:] != cx[:-1]) | (cy[1:] != cy[:-1])
        if not start.all():
            starts = np.flatnonzero(start)
            weights = np.add.reduceat(weights, starts)
            cx, cy, parent, option = cx[starts], cy[starts], parent[starts], option[starts]
    # Keep each strict rise of the second sum over all before it (sums are >= 0).
    rise = np.empty(len(cy), dtype=bool)
    rise[0] = True
    np.greater(cy[1:], np.maximum.accumulate(cy)[:-1], out=rise[1:])
    keep = np.flatnonzero(rise)[::-1]  # ascending first utility, as the general path
    return cx[keep], cy[keep], weights[keep], parent[keep], option[keep].astype(np.int32)
