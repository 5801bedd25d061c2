"""Whether some package of a space meets every reservation value: a yes/no answer.

Deciding feasibility needs far less than the frontier. Only the parties with a
reservation value matter, and of each one's partial sum only how much of its
reservation value is still missing: the merge runs on partial sums clamped at
the reservation values, ``min(S, t)``. That state is enough, since terms are
never negative (``min(a + x, t) == min(min(a, t) + x, t)``), so a clamped partial
that another one weakly dominates can be dropped: whatever completes it
completes the other too. Partials that cannot reach a reservation value with the
best options left are dropped as in the frontier merge, and the merge stops at
the first partial that already meets every reservation value. Everything is in
the engine's exact integers (:mod:`zopa.space._tables`); no tolerance enters.

Before the merge, two cheap tests: each party's best possible sum (per issue its
best option) must reach its reservation value, which refutes most spaces; and a
few greedy packages (each party's best, and the one with the most summed
fractions of the reservation values) prove many others feasible. A space of few
packages (a single issue of a thousand options, say) is then enumerated outright:
with many parties the merge's skylines cost far more than the sums.

A utility cap (``as_written`` weights) changes nothing here but one test: a
capped utility ``min(S, cap)`` meets ``t`` exactly when ``S >= t`` and
``cap >= t``.
"""

from __future__ import annotations

import numpy as np

from zopa.space._skyline import skyline_mask
from zopa.space._tables import Space

__all__: list[str] = []


def reaches(space: Space) -> bool:
    """Whether some package of ``space`` meets every reservation value it keeps."""
    if space.size == 0:
        return False
    c = space.constrained
    if len(c) == 0:
        return True
    threshold = space.threshold[c]
    if space.cap is not None and (space.cap[c] < threshold).any():
        return False
    terms = [t[:, c] for t in space.terms]
    best = [t.max(axis=0) for t in terms]
    if (sum(best) < threshold).any():
        return False
    if _greedy(terms, threshold):
        return True
    if space.size * len(c) <= ENUMERATE_CELLS:
        return _enumerated(terms, threshold)
    return _clamped_merge(terms, best, threshold)


ENUMERATE_CELLS = 1 << 20  # packages times constrained parties summed outright


def _greedy(terms: list[np.ndarray], threshold: np.ndarray) -> bool:
    """Whether one of a few obvious packages meets every reservation value."""
    if not terms:  # no issues: the empty package
        return bool((threshold <= 0).all())
    share = 1.0 / np.maximum(threshold.astype(np.float64), 1.0)
    mixed = sum(t[int(np.argmax(t.astype(np.float64) @ share))] for t in terms)
    if (mixed >= threshold).all():
        return True
    # Row p: the sums of the package best for party p (its best option per issue).
    favourites = sum(t[np.argmax(t, axis=0)] for t in terms)
    return bool((favourites >= threshold).all(axis=1).any())


def _enumerated(terms: list[np.ndarray], threshold: np.ndarray) -> bool:
    """Every package's sums, issue by issue (a small space)."""
    sums = np.zeros((1, len(threshold)), dtype=threshold.dtype)
    for t in terms:
        sums = (sums[:, None, :] + t[None, :, :]).reshape(-1, len(threshold))
    return bool((sums >= threshold).all(axis=1).any())


def _clamped_merge(terms: list[np.ndarray], best: list[np.ndarray], threshold: np.ndarray) -> bool:
    # Issues with the widest spread first: their choice prunes most.
    order = sorted(
        range(len(terms)),
        key=lambda i: -float((terms[i].max(axis=0) - terms[i].min(axis=0)).sum()),
    )
    left = [np.zeros_like(threshold)]  # best still to come after each step
    for i in reversed(order[1:]):
        left.append(left[-1] + best[i])
    left.reverse()
    states = np.zeros((1, len(threshold)), dtype=threshold.dtype)
    for step, i in enumerate(order):
        table = _useful_options(np.minimum(terms[i], threshold))
        cand = np.minimum(
            (states[:, None, :] + table[None, :, :]).reshape(-1, len(threshold)), threshold
        )
        cand = cand[(cand + left[step] >= threshold).all(axis=1)]
        if len(cand) == 0:
            return False
        if (cand == threshold).all(axis=1).any():
            return True
        cand = _distinct(cand)
        states = cand[skyline_mask(cand)]
    return bool((states >= threshold).all(axis=1).any())  # no issues at all


def _useful_options(table: np.ndarray) -> np.ndarray:
    """An issue's distinct (clamped) option terms that no other option dominates."""
    table = _distinct(table)
    return table[skyline_mask(table)]


def _distinct(rows: np.ndarray) -> np.ndarray:
    if rows.dtype != object:
        return np.unique(rows, axis=0)
    return np.array(sorted(set(map(tuple, rows))), dtype=object).reshape(-1, rows.shape[1])
