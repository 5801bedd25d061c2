"""Decision rules as coalitions: the sets of parties whose acceptance passes a package.

A party *accepts* a package when the package avoids its red lines and gives it at
least its reservation value. A package passes the rule "at least ``k`` parties,
``R`` among them" when its set of accepting parties ``A`` has ``|A| >= k`` and
``R ⊆ A``. Write ``F_T`` for the packages every party of ``T`` accepts: a product
of the options ``T``'s red lines leave, cut by ``T``'s reservation values, which
is exactly what the unanimity engines search (with the other parties' red lines
and reservation values lifted). Then

* a package passes exactly when it lies in ``F_S`` for some *minimal* passing
  coalition ``S`` (``R`` plus ``k - |R|`` others), so the passing packages are the
  union of the ``F_S``;
* ``F_S ∩ F_T = F_{S ∪ T}``, so by Möbius inversion over the lattice of coalitions
  the number of passing packages is ``Σ_T c(T) |F_T|`` over the passing
  coalitions ``T``, with ``c(T) = Σ_{j=k}^{|T|} (-1)^{|T|-j} C(|T|-|R|, j-|R|)``
  (Rota 1964). The same identity counts the packages behind each frontier point.

Under unanimity there is one coalition (every party) with coefficient 1, and the
engines reduce to the plain case.

References
----------
.. [1] Rota, G.-C. (1964). On the foundations of combinatorial theory I: theory of
   Möbius functions. Z. Wahrscheinlichkeitstheorie 2, 340-368. doi:10.1007/BF00531932
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

import numpy as np

from zopa.errors import SpaceTooLargeError
from zopa.space._tables import NO_THRESHOLD, Compiled, RedLineItem, Space

__all__: list[str] = []

MAX_COALITIONS = 4096

Coalition = tuple[int, ...]


def coalitions(compiled: Compiled) -> list[tuple[Coalition, int]]:
    """Every passing coalition and its Möbius coefficient (which may be 0).

    The bargaining points need them all, zeros included: a package's gains count
    the parties of the coalition it is found under (see zopa.space.solutions).
    """
    n, k, required = compiled.n_parties, compiled.needed, compiled.required
    if k == n:
        return [(tuple(range(n)), 1)]
    others = [p for p in range(n) if p not in required]
    r = len(required)
    total = sum(math.comb(len(others), j - r) for j in range(k, n + 1))
    if total > MAX_COALITIONS:
        raise SpaceTooLargeError(
            f"the decision rule ({k} of {n}) has {total:,} passing coalitions; "
            f"the engines handle at most {MAX_COALITIONS:,}"
        )
    out = []
    for size in range(k, n + 1):
        c = sum((-1) ** (size - j) * math.comb(size - r, j - r) for j in range(k, size + 1))
        for extra in itertools.combinations(others, size - r):
            out.append((tuple(sorted((*required, *extra))), c))
    return out


def minimal_coalitions(compiled: Compiled) -> list[Coalition]:
    """The smallest passing coalitions: the required parties plus enough others."""
    return [t for t, _ in coalitions(compiled) if len(t) == compiled.needed]


def coalition_space(
    compiled: Compiled,
    coalition: Iterable[int],
    relaxed_red_lines: Iterable[RedLineItem] = (),
    relaxed_reservations: Iterable[int] = (),
) -> Space:
    """``F_T``: the space where every party of ``coalition`` accepts (others ignored)."""
    members = set(coalition)
    red = [*relaxed_red_lines]
    red += [item for item in compiled.red_line_items() if item.party not in members]
    reservations = [
        *relaxed_reservations,
        *(p for p in range(compiled.n_parties) if p not in members),
    ]
    return compiled.restrict(red, reservations)


def acceptance(
    compiled: Compiled,
    grid: np.ndarray,
    sums: np.ndarray,
    relaxed_red_lines: Iterable[RedLineItem] = (),
    relaxed_reservations: Iterable[int] = (),
) -> np.ndarray:
    """(packages, parties) bool: who accepts each package (rows of option indices)."""
    lifted = set(relaxed_red_lines)
    crossed = np.zeros(sums.shape, dtype=bool)
    for i, table in enumerate(compiled.forbidden):
        blocked = table.copy()
        for item in lifted:
            if item.issue == i:
                blocked[item.option, item.party] = False
        crossed |= blocked[grid[:, i]]
    threshold = compiled.threshold.copy()
    for p in relaxed_reservations:
        threshold[p] = NO_THRESHOLD
    return ~crossed & (sums >= threshold)


def passing(compiled: Compiled, accepts: np.ndarray) -> np.ndarray:
    """Which rows of an acceptance table pass the decision rule."""
    ok = accepts.sum(axis=1) >= compiled.needed
    for p in compiled.required:
        ok &= accepts[:, p]
    return ok
