"""An exact Lagrangian bound for the max-min programs (egalitarian, Kalai–Smorodinsky).

The programs maximise ``min_p (S_p - b_p) / c_p`` over packages, ``S_p`` a
party's integer term sum. For weights ``l_p >= 0`` (here the duals of the
program's LP relaxation, rounded to integers) and a package ``x``::

    (sum_p l_p) * min_p g_p(x)  <=  sum_p l_p g_p(x)  =  (total - sum_i rc_i(x_i)) / C

with ``C`` the lowest common multiple of the ``c_p``, ``rc_i(o) >= 0`` the
reduced cost of option ``o`` of issue ``i`` (how far its weighted sum falls
below the issue's best) and ``total`` the weighted best of every issue, all
integers. So ``total / (C * sum_p l_p)`` bounds every package's value, and an
option whose reduced cost alone exceeds ``total - C * sum_p l_p * v`` lies in
no package of value ``v`` or more: the programs drop it (reduced-cost fixing,
proven in exact arithmetic; the rounded duals only make the bound weaker).
A term sum clamped at a cap is at most its raw sum, so the raw terms bound it.

References
----------
.. [1] Geoffrion, A. M. (1974). Lagrangean relaxation for integer programming.
   Mathematical Programming Study 2, 82-114. doi:10.1007/BFb0120690
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

__all__: list[str] = []

_DUAL_SCALE = 2**30  # duals rounded to multiples of 2**-30


@dataclass(frozen=True, slots=True)
class Relaxation:
    """Per option column its integer reduced cost; ``value <= (total - costs) / weight``."""

    costs: np.ndarray  # object array of Python ints, one per option column
    total: int
    weight: int

    def bound(self) -> Fraction:
        """An upper bound on every package's value."""
        return Fraction(self.total, self.weight)

    def off(self, value: Fraction, *, strict: bool) -> np.ndarray:
        """Option columns in no package whose value is at least ``value``
        (``strict``: above it)."""
        room = self.total - value * self.weight  # a Fraction
        mask = [c >= room if strict else c > room for c in self.costs]
        return np.flatnonzero(np.array(mask, dtype=bool)).astype(np.int64)


def relax(
    terms: list[list[int]],
    offsets: np.ndarray,
    norms: list[tuple[int, int, int]],
    off: np.ndarray | None = None,
) -> Relaxation | None:
    """The exact bound of ``max min_p (S_p - b_p) / c_p`` for ``norms`` ``(p, b_p, c_p)``.

    ``terms``: per option column, each party's integer term; ``offsets``: where
    each issue's columns start; ``off``: columns already ruled out. None when the
    LP relaxation gives no usable duals.
    """
    from scipy.optimize import linprog  # SciPy loads on first use: the CLI starts faster
    from scipy.sparse import csr_matrix, hstack

    width = len(terms)
    if not norms or width == 0:
        return None
    lcm = math.lcm(*(c for _, _, c in norms))
    factor = [lcm // c for _, _, c in norms]
    a = np.array([[terms[j][p] / c for p, _, c in norms] for j in range(width)])
    d = np.array([b / c for _, b, c in norms])
    issues = len(offsets) - 1
    rows = np.repeat(np.arange(issues), np.diff(offsets))
    eq = csr_matrix((np.ones(width), (rows, np.arange(width))), shape=(issues, width))
    upper = np.ones(width)
    if off is not None:
        upper[off] = 0.0
    cost = np.zeros(width + 1)
    cost[-1] = -1.0  # maximise t with t - a_p x <= -d_p
    result = linprog(
        cost,
        A_ub=csr_matrix(np.hstack([-a.T, np.ones((len(norms), 1))])),
        b_ub=-d,
        A_eq=hstack([eq, csr_matrix((issues, 1))]),
        b_eq=np.ones(issues),
        bounds=[*zip(np.zeros(width), upper, strict=True), (None, None)],
        method="highs",
    )
    if result.status != 0:
        return None
    duals = np.maximum(-np.asarray(result.ineqlin.marginals), 0.0)
    weights = [round(float(x) * _DUAL_SCALE) for x in duals]
    if sum(weights) == 0:
        return None
    coef = [w * f for w, f in zip(weights, factor, strict=True)]
    parties = [p for p, _, _ in norms]
    allowed = np.ones(width, dtype=bool) if off is None else upper > 0
    weighted = [
        sum(k * terms[j][p] for k, p in zip(coef, parties, strict=True)) for j in range(width)
    ]
    costs = np.empty(width, dtype=object)
    total = -sum(k * b for k, (_, b, _) in zip(coef, norms, strict=True))
    for i in range(issues):
        cols = range(int(offsets[i]), int(offsets[i + 1]))
        best = max(weighted[j] for j in cols if allowed[j])
        total += best
        for j in cols:
            costs[j] = best - weighted[j]
    return Relaxation(costs, total, lcm * sum(weights))
