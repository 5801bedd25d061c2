"""A cheap exact local search that raises a max-min program's incumbent.

The egalitarian and Kalai–Smorodinsky programs maximise ``min_p (S_p - b_p) / c_p``
over packages. Before HiGHS is asked for a package strictly above the
incumbent, the incumbent is improved by moves that change one or two issues'
options (1-swap and 2-swap neighbourhoods, steepest ascent: the move raising
the smallest value most is taken, until none raises it). A better incumbent
tightens every later program and the reduced-cost fixing
(:mod:`zopa.space._lagrange`), and on 10 parties the best package HiGHS finds
is sometimes one or two such moves from a better one.

Floats only rank the moves: each accepted move is re-evaluated in exact
integers (a Fraction per party) and kept only when its exact value is larger,
so the search never returns a worse package and every value it reports is exact.

References
----------
.. [1] Aarts, E. & Lenstra, J. K. (eds.) (1997). Local Search in Combinatorial
   Optimization. Wiley. (steepest-ascent k-exchange neighbourhoods)
"""

from __future__ import annotations

import time
from fractions import Fraction

import numpy as np

__all__: list[str] = []

_BLOCK = 1 << 21  # floats per chunk of the 2-swap table (about 16 MB)
_MOVES = 200  # moves at most: each one raises the exact value


def climb(
    terms: np.ndarray,
    offsets: np.ndarray,
    norms: list[tuple[int, int, int]],
    choices: tuple[int, ...],
    allowed: np.ndarray,
    cap: list[int | None],
    budget: float = 0.5,
) -> tuple[int, ...]:
    """A package at least as good as ``choices`` that no allowed 1- or 2-swap improves
    (or the best reached when ``budget`` seconds ran out).

    ``terms``: per option column each party's integer term; ``offsets``: where
    each issue's columns start; ``norms``: ``(p, b_p, c_p)``; ``allowed``: a
    boolean mask of the columns a move may pick; ``cap``: per party the clamp on
    its sum (None: none). ``choices`` gives each issue's position among its columns.
    """
    stop = time.monotonic() + budget
    issues = len(offsets) - 1
    if not norms or issues == 0:
        return tuple(choices)
    parties = [p for p, _, _ in norms]
    raw = np.asarray(terms, dtype=np.float64)[:, parties]
    base = np.array([b for _, b, _ in norms], dtype=np.float64)
    scale = np.array([c for _, _, c in norms], dtype=np.float64)
    clamp = np.array([np.inf if cap[p] is None else cap[p] for p in parties])
    owner = np.repeat(np.arange(issues), np.diff(offsets))
    cols = np.flatnonzero(allowed)
    current = np.asarray(offsets[:-1]) + np.asarray(choices, dtype=np.int64)

    def float_value(sums: np.ndarray) -> np.ndarray:
        return ((np.minimum(sums, clamp) - base) / scale).min(axis=-1)

    def exact(chosen: np.ndarray) -> Fraction:
        def clamped(p: int) -> int:
            s = sum(int(terms[j][p]) for j in chosen)
            return s if cap[p] is None else min(s, cap[p])

        return min(Fraction(clamped(p) - b, c) for p, b, c in norms)

    best = exact(current)
    for _ in range(_MOVES):
        if time.monotonic() > stop:
            break
        sums = raw[current].sum(axis=0)
        delta = raw[cols] - raw[current[owner[cols]]]  # change of picking each column
        level = float(float_value(sums))
        single = float_value(sums + delta)
        move = [int(np.argmax(single))] if single.max() > level else []
        gain = single.max() if move else level
        pair = _best_pair(delta, owner[cols], sums, float_value, gain, stop)
        if pair is not None:
            move = list(pair)
        if not move:
            break
        trial = current.copy()
        for k in move:
            trial[owner[cols[k]]] = cols[k]
        value = exact(trial)
        if value <= best:  # the floats misjudged a near-tie: stop here
            break
        best, current = value, trial
    return tuple(int(j - offsets[i]) for i, j in enumerate(current))


def _best_pair(delta, owner, sums, float_value, level, stop):
    """The 2-swap (two columns of different issues) of the largest value above
    ``level``, or None; computed in chunks of the first column."""
    width, n = delta.shape
    rows = max(1, _BLOCK // max(1, width * n))
    best, found = level, None
    for start in range(0, width, rows):
        if time.monotonic() > stop:
            return None
        block = delta[start : start + rows]
        values = float_value(sums + block[:, None, :] + delta[None, :, :])
        values[owner[start : start + rows, None] == owner[None, :]] = -np.inf
        k = int(np.argmax(values))
        if values.flat[k] > best:
            best = values.flat[k]
            a, b = divmod(k, width)
            found = (start + a, b)
    return found
