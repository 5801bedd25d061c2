"""Skylines (Pareto-maximal points) of integer vectors, vectorised with NumPy.

The points handed in are distinct. A point is kept when no other point is at
least as large in every coordinate (for distinct points that is strict
dominance). Two parties: one sort and a running maximum. More: divide and
conquer on the order by coordinate sum (a point can only be dominated by one with
a larger sum), with the cross step answered by a multidimensional divide and
conquer on the coordinates (Kung, Luccio & Preparata 1975; Börzsönyi, Kossmann &
Stocker 2001), falling back to blocked broadcasting on small blocks.
"""

from __future__ import annotations

import numpy as np

__all__: list[str] = []

_BRUTE_PAIRS = 1 << 16
_LEAF = 256


def skyline_mask(points: np.ndarray) -> np.ndarray:
    """Boolean mask of the points no other point weakly dominates.

    Parameters
    ----------
    points : (m, d) integer array (int64, or object of Python integers) of distinct rows.
    """
    m, d = points.shape
    if m == 0:
        return np.zeros(0, dtype=bool)
    # Ranked once here, so the dominance queries below need not rank again: ranks
    # keep every comparison (of Python integers too) and narrow the integers.
    points = _dense_ranks(points)
    if d == 1:
        return points[:, 0] == points[:, 0].max()
    if d == 2:
        return _skyline_2d(points)
    order = np.argsort(-points.sum(axis=1), kind="stable")
    keep = _skyline_sorted(points[order])
    mask = np.zeros(m, dtype=bool)
    mask[order[keep]] = True
    return mask


def skyline_below_cap(points: np.ndarray, floor: np.ndarray) -> np.ndarray:
    """Mask of the distinct partial sums a merge must keep when utilities are capped.

    A partial sum ``b`` whose coordinate ``j`` is at or above ``floor[j]`` (the cap
    less the most the remaining issues can add) may still reach the cap there, and
    a lead of ``a`` over ``b`` in that coordinate may vanish. So ``b`` is dropped
    only when some ``a >= b`` leads it in a coordinate below its floor, which no
    completion can erase: then every completion of ``b`` is strictly dominated.
    Checked per coordinate with doubled integers: ``2a >= 2b + 1`` is ``a > b``.
    A sum below its floor everywhere (most of them, while many issues remain) is
    dropped exactly when another point weakly dominates it: one skyline answers
    all of those, rather than one dominance query per coordinate.
    """
    below = points < floor
    everywhere = below.all(axis=1)
    beaten = np.zeros(len(points), dtype=bool)
    if everywhere.any():
        beaten[everywhere] = ~skyline_mask(points)[everywhere]
    if everywhere.all():
        return ~beaten
    doubled = points * 2
    for j in range(points.shape[1]):
        targets = np.flatnonzero(below[:, j] & ~everywhere & ~beaten)
        if len(targets) == 0:
            continue
        shifted = doubled[targets].copy()
        shifted[:, j] += 1
        beaten[targets] = exists_geq(doubled, shifted)
    return ~beaten


def _skyline_2d(points: np.ndarray) -> np.ndarray:
    order = np.lexsort((-points[:, 1], -points[:, 0]))
    y = points[order, 1]
    best_before = np.maximum.accumulate(np.concatenate(([np.iinfo(y.dtype).min], y[:-1])))
    mask = np.zeros(len(points), dtype=bool)
    mask[order] = y > best_before
    return mask


def _skyline_sorted(points: np.ndarray) -> np.ndarray:
    """Indices of skyline points of rows sorted by decreasing coordinate sum."""
    m = len(points)
    if m <= _LEAF:
        ge = (points[:, None, :] >= points[None, :, :]).all(axis=2)
        np.fill_diagonal(ge, False)
        return np.flatnonzero(~ge.any(axis=0))
    half = m // 2
    left = _skyline_sorted(points[:half])
    right = half + _skyline_sorted(points[half:])
    beaten = _exists_geq_ranked(points[left], points[right])
    return np.concatenate([left, right[~beaten]])


def exists_geq(sources: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """For each target row, whether some source row is >= it in every coordinate."""
    sources, reachable = _within_reach(sources, targets)
    found = np.zeros(len(targets), dtype=bool)
    if len(reachable):
        ranked = _dense_ranks(np.concatenate([sources, targets[reachable]]))
        found[reachable] = _exists(ranked[: len(sources)], ranked[len(sources) :])
    return found


def _exists_geq_ranked(sources: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """:func:`exists_geq` for rows already ranked together (by :func:`_dense_ranks`)."""
    sources, reachable = _within_reach(sources, targets)
    found = np.zeros(len(targets), dtype=bool)
    if len(reachable):
        found[reachable] = _exists(sources, targets[reachable])
    return found


def _within_reach(sources: np.ndarray, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sources above the targets' lowest corner (only they can help), and the
    indices of the targets below those sources' highest corner (only they can be reached)."""
    if len(sources) == 0 or len(targets) == 0:
        return sources[:0], np.zeros(0, dtype=np.intp)
    sources = sources[(sources >= targets.min(axis=0)).all(axis=1)]
    if len(sources) == 0:
        return sources, np.zeros(0, dtype=np.intp)
    return sources, np.flatnonzero((targets <= sources.max(axis=0)).all(axis=1))


def _dense_ranks(points: np.ndarray) -> np.ndarray:
    """Each column replaced by its dense rank: comparisons keep their outcome, and
    narrow integers make the blocked comparisons cheaper."""
    dtype = np.int16 if len(points) < 2**15 else np.int32
    ranked = np.empty(points.shape, dtype=dtype)
    for dim in range(points.shape[1]):
        ranked[:, dim] = np.unique(points[:, dim], return_inverse=True)[1].reshape(-1)
    return ranked


def _exists(s: np.ndarray, t: np.ndarray) -> np.ndarray:
    if len(s) == 0 or len(t) == 0:
        return np.zeros(len(t), dtype=bool)
    d = s.shape[1]
    if d == 0:
        return np.ones(len(t), dtype=bool)
    if d == 1:
        return s[:, 0].max() >= t[:, 0]
    if d == 2:
        return _exists_2d(s, t)
    if len(s) * len(t) <= _BRUTE_PAIRS:
        return _exists_brute(s, t)
    values = np.concatenate([s[:, 0], t[:, 0]])
    low, high = values.min(), values.max()
    if low == high:  # the first coordinate decides nothing here
        return _exists(s[:, 1:], t[:, 1:])
    pivot = np.median(values)
    if pivot <= low:  # keep both halves non-empty
        pivot = values[values > low].min()
    s_hi, t_hi = s[:, 0] >= pivot, t[:, 0] >= pivot
    found = np.zeros(len(t), dtype=bool)
    # Targets on the high side can only be reached by high sources.
    found[t_hi] = _exists(s[s_hi], t[t_hi])
    lo = np.flatnonzero(~t_hi)
    hit = _exists(s[~s_hi], t[lo])
    rest = lo[~hit]
    # High sources beat low targets on the first coordinate: drop it.
    found[lo[hit]] = True
    found[rest] = _exists(s[s_hi][:, 1:], t[rest][:, 1:])
    return found


def _exists_2d(s: np.ndarray, t: np.ndarray) -> np.ndarray:
    order = np.argsort(-s[:, 0], kind="stable")
    x_desc = s[order, 0]
    best_y = np.maximum.accumulate(s[order, 1])
    # how many sources have x >= target x
    count = np.searchsorted(-x_desc, -t[:, 0], side="right")
    found = np.zeros(len(t), dtype=bool)
    some = count > 0
    found[some] = best_y[count[some] - 1] >= t[some, 1]
    return found


def _exists_brute(s: np.ndarray, t: np.ndarray) -> np.ndarray:
    found = np.zeros(len(t), dtype=bool)
    step = max(1, _BRUTE_PAIRS // max(1, len(s)))
    for start in range(0, len(t), step):
        block = t[start : start + step]
        ge = s[None, :, 0] >= block[:, None, 0]
        for dim in range(1, s.shape[1]):
            # In many dimensions the pairs die out long before the last one.
            if dim % 4 == 0 and not ge.any():
                break
            ge &= s[None, :, dim] >= block[:, None, dim]
        found[start : start + step] = ge.any(axis=1)
    return found
