"""An exact package oracle on top of HiGHS (``scipy.optimize.milp``).

A package is one binary per allowed option with one option per issue (options a
red line removes get no variable: a fixed zero). A party's utility is linear in
the binaries, so reservation values and the requirements of the bargaining
rules (a smallest gain, a utilitarian sum, a product of gains by tangent cuts)
are linear rows.

A party whose utility is capped at 1 (weights as written summing above 1) gets
a continuous variable ``u <= sum``, ``u <= 1`` that stands for its utility
wherever more is better (lower bounds, maximised objectives, tangent cuts);
upper bounds and minimised objectives use the plain sum, whose minimum clamped
at the cap is the capped minimum.

Under a decision rule "at least k of n, R among them" only R's red lines remove
options; every other party gets a binary "accepts", which forces its red-line
options to 0 and its utility to its reservation value (both linear in the
option binaries, no big constant), and at least ``k - |R|`` of them are set:
the packages some passing coalition accepts, the union of
:mod:`zopa.space._coalitions`' ``F_S``.

HiGHS works in floating point with tolerances, so every package it returns is
re-evaluated in the engine's integer arithmetic (:mod:`zopa.space._tables`).
A package that breaks a requirement there (it passed only within HiGHS's
tolerance) is cut off with a no-good cut (its options cannot all be chosen
again) and the problem is solved again, so every answer meets its requirements
exactly. Per-party bounds are stated half an integer unit inside, which makes
HiGHS's own tolerance (1e-9) exact whenever a party's scale is below 5e8 (short
decimals); larger scales rely on the re-evaluation. What remains a matter of
tolerance is optimality: HiGHS proves it to an absolute gap of about 1e-9 in
utility.

References
----------
.. [1] Huangfu, Q. & Hall, J. A. J. (2018). Parallelizing the dual revised
   simplex method. Mathematical Programming Computation 10, 119-142.
   doi:10.1007/s12532-017-0130-5 (HiGHS)
.. [2] Balas, E. & Jeroslow, R. (1972). Canonical cuts on the unit hypercube.
   SIAM Journal on Applied Mathematics 23(1), 61-69. doi:10.1137/0123007
   (the no-good cut)
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
import threading
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from zopa.errors import LimitReachedError
from zopa.space._tables import NO_THRESHOLD, Compiled

__all__: list[str] = []

_TOLERANCE = 1e-9
_OPTIONS = {
    "mip_rel_gap": 0.0,
    # Passed to HiGHS verbatim (scipy warns that it does; the warning is silenced).
    "mip_abs_gap": 1e-12,
    "mip_feasibility_tolerance": _TOLERANCE,
    "primal_feasibility_tolerance": _TOLERANCE,
    "dual_feasibility_tolerance": _TOLERANCE,
}
_MAX_REPAIRS = 500  # no-good cuts per solve before giving up
SOLVE_LIMIT = 10.0  # seconds one program may take before its best package is taken


def _half(twice: int, scale: int) -> float:
    """``twice / (2 * scale)`` as a float, exact integers in, one rounding out."""
    return float(Fraction(twice, 2 * scale))


class _Silence:
    """Keeps HiGHS's occasional diagnostic lines off standard output (``--json``)
    and SciPy's warning that it passes options to HiGHS verbatim.

    Both are process-wide (a file descriptor, the warning filters), so threads
    solving at once share one silence: the first in sets it, the last out
    restores what was there.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._warnings: warnings.catch_warnings | None = None
        self._saved: tuple[int, int] | None = None  # (stdout's fd, its duplicate)

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._depth == 0:
                self._enter()
            self._depth += 1
        try:
            yield
        finally:
            with self._lock:
                self._depth -= 1
                if self._depth == 0:
                    self._leave()

    def _enter(self) -> None:
        self._warnings = warnings.catch_warnings()
        self._warnings.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            fd = sys.stdout.fileno()
        except (AttributeError, OSError, ValueError):  # not a real file
            return
        sys.stdout.flush()
        self._saved = (fd, os.dup(fd))
        with open(os.devnull, "w") as sink:
            os.dup2(sink.fileno(), fd)

    def _leave(self) -> None:
        assert self._warnings is not None
        self._warnings.__exit__(None, None, None)
        self._warnings = None
        if self._saved is not None:
            fd, copy = self._saved
            os.dup2(copy, fd)
            os.close(copy)
            self._saved = None


_quiet = _Silence()


@dataclass
class Requirements:
    """What a package must meet, stated exactly (integer term sums ``S``).

    ``lower``/``upper``: per-party bounds on ``S`` (None: no bound);
    ``utilitarian``: the sum of utilities is at least this; ``product``: the
    product of integer gains is at least this (enforced by tangent cuts);
    ``differ``: some party's ``S`` is strictly below this vector's (with
    ``either_way``: below or above it, i.e. another vector);
    ``accept``: parties that must accept the package (under a decision rule);
    ``off``: option columns fixed at 0 (options proven to lie in no qualifying
    package, :mod:`zopa.space._lagrange`).
    """

    lower: list[int | None]
    upper: list[int | None]
    utilitarian: Fraction | None = None
    product: int | None = None
    differ: tuple[int, ...] | None = None
    tangents: list[np.ndarray] = field(default_factory=list)  # gain points (utility units)
    accept: frozenset[int] = frozenset()
    either_way: bool = False
    off: np.ndarray | None = None

    def copy(self) -> Requirements:
        return Requirements(
            list(self.lower),
            list(self.upper),
            self.utilitarian,
            self.product,
            self.differ,
            list(self.tangents),
            self.accept,
            self.either_way,
            self.off,
        )


@dataclass(frozen=True, slots=True)
class Solved:
    """A solve's outcome: the package (None when the time ran out before one was
    found), HiGHS's dual bound on the (minimised) objective, and whether the
    package is proven optimal (False when the per-solve time limit cut it short)."""

    package: Package | None
    bound: float
    proven: bool


@dataclass(frozen=True, slots=True)
class Package:
    """One package: the option position chosen on each issue and its exact sums."""

    choices: tuple[int, ...]
    sums: tuple[int, ...]


class Oracle:
    """Builds and solves the package programs of one scenario.

    Variables, in order: the option binaries (``width``), one utility variable
    per capped party (``capped``), one "accepts" binary per party the decision
    rule does not require (``deciders``); ``cols`` counts them all. ``utility``
    gives each party's utility as coefficients over them (a capped party's is
    its variable), ``raw`` its uncapped sum over the option binaries.
    """

    def __init__(
        self,
        compiled: Compiled,
        deadline: float | None = None,
        solve_limit: float = SOLVE_LIMIT,
    ):
        self.compiled = compiled
        n = self.n = compiled.n_parties
        required = set(compiled.required)
        self.deciders = [] if compiled.unanimous else [p for p in range(n) if p not in required]
        # Only the required parties' red lines and reservations are unconditional.
        lifted = [it for it in compiled.red_line_items() if it.party in self.deciders]
        space = self.space = compiled.restrict(lifted, self.deciders)
        self.deadline = deadline
        self.solve_limit = solve_limit
        sizes = [len(ids) for ids in space.option_ids]
        self.offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        self.width = int(self.offsets[-1])
        self.terms = np.vstack(space.terms) if space.terms else np.zeros((0, n), dtype=space.dtype)
        self.scale = [int(s) for s in compiled.scale]
        raw = compiled.utilities(self.terms).reshape(self.width, n)
        cap = compiled.cap
        most = [sum(int(t[:, p].max(initial=0)) for t in space.terms) for p in range(n)]
        self.cap = [
            None if cap is None or most[p] <= int(cap[p]) else int(cap[p]) for p in range(n)
        ]
        self.capped = [p for p in range(n) if self.cap[p] is not None]
        self.cols = self.width + len(self.capped) + len(self.deciders)
        self.raw = np.zeros((self.cols, n))
        self.raw[: self.width] = raw
        self.utility = self.raw.copy()
        for j, p in enumerate(self.capped):
            self.utility[:, p] = 0.0
            self.utility[self.width + j, p] = 1.0
        self.threshold = [int(t) for t in compiled.threshold]
        self.base = [max(t, 0) for t in self.threshold]
        from scipy.sparse import csr_matrix  # SciPy loads on first use: the CLI starts faster

        rows = np.repeat(np.arange(len(sizes)), sizes)
        self.issue_rows = csr_matrix(
            (np.ones(self.width), (rows, np.arange(self.width))), shape=(len(sizes), self.width)
        )
        # Per decider, the option binaries its red lines rule out.
        self.forbidden = {
            p: np.concatenate(
                [
                    self.offsets[i] + np.flatnonzero(compiled.forbidden[i][ids, p])
                    for i, ids in enumerate(space.option_ids)
                ]
                or [np.zeros(0, dtype=np.int64)]
            ).astype(np.int64)
            for p in self.deciders
        }
        self.top = float(raw.sum(axis=0).max()) + 1.0 if self.width else 1.0
        self.solves = 0
        self._count = threading.Lock()  # programs may be solved from two threads

    # --- exact arithmetic ------------------------------------------------------

    def reservations(self) -> Requirements:
        lower = [None if t == NO_THRESHOLD else int(t) for t in self.space.threshold]
        return Requirements(lower, [None] * self.n)

    def gains(self, sums: tuple[int, ...]) -> list[int]:
        return [s - b for s, b in zip(sums, self.base, strict=True)]

    def utilitarian(self, sums: tuple[int, ...]) -> Fraction:
        return sum((Fraction(s, c) for s, c in zip(sums, self.scale, strict=True)), Fraction(0))

    def accepting(self, package: Package) -> set[int]:
        """The deciders that accept a package (red lines avoided, reservation met)."""
        chosen = set((self.offsets[:-1] + np.array(package.choices, dtype=np.int64)).tolist())
        return {
            p
            for p in self.deciders
            if package.sums[p] >= self.threshold[p]
            and not chosen.intersection(self.forbidden[p].tolist())
        }

    def meets(self, package: Package, req: Requirements) -> bool:
        sums = package.sums
        for s, lo, hi in zip(sums, req.lower, req.upper, strict=True):
            if (lo is not None and s < lo) or (hi is not None and s > hi):
                return False
        if self.deciders:
            accepting = self.accepting(package)
            needed = self.compiled.needed - len(self.compiled.required)
            if len(accepting) < needed or not req.accept.intersection(self.deciders) <= accepting:
                return False
        if req.utilitarian is not None and self.utilitarian(sums) < req.utilitarian:
            return False
        if req.product is not None and math.prod(self.gains(sums)) < req.product:
            return False
        if req.differ is None:
            return True
        if req.either_way:
            return tuple(sums) != tuple(req.differ)
        return any(s < d for s, d in zip(sums, req.differ, strict=True))

    def point(self, package: Package) -> np.ndarray:
        """A package as values of the variables (capped utilities, who accepts)."""
        x = np.zeros(self.cols)
        x[self.offsets[:-1] + np.array(package.choices, dtype=np.int64)] = 1.0
        for j, p in enumerate(self.capped):
            x[self.width + j] = float(Fraction(package.sums[p], self.scale[p]))
        accepting = self.accepting(package)
        for j, p in enumerate(self.deciders):
            x[self.width + len(self.capped) + j] = float(p in accepting)
        return x

    # --- the program -----------------------------------------------------------

    def solve(
        self,
        req: Requirements,
        objective: np.ndarray,
        aux_rows: list[tuple[np.ndarray, float, float, float]] = (),
        aux_bounds: tuple[float, float] | None = None,
        limit: float | None = None,
    ) -> Solved | None:
        """Minimise ``objective`` over packages meeting ``req`` exactly.

        ``objective`` has one entry per variable (``cols``), plus one for an
        auxiliary continuous variable when ``aux_bounds`` is given; ``aux_rows``
        are rows ``(variable coefficients, aux coefficient, low, high)``.
        ``limit`` shortens the per-solve time limit. Returns None when no
        package qualifies.
        """
        if self.space.size == 0:
            return None
        if self.width == 0:  # no issues: the one empty package
            empty = Package((), (0,) * self.n)
            return Solved(empty, 0.0, True) if self.meets(empty, req) else None
        req = req.copy()
        nogoods: list[tuple[int, ...]] = []
        for _ in range(_MAX_REPAIRS):
            result = self._run(req, objective, list(aux_rows), aux_bounds, nogoods, limit)
            if result is None or result.package is None:
                return result
            package = result.package
            if self.meets(package, req):
                return result
            # Passed only within HiGHS's tolerance: exclude it, and for a product
            # requirement add the tangent cut at it (it lies outside that region).
            nogoods.append(package.choices)
            if req.product is not None:
                pairs = zip(self.gains(package.sums), self.scale, strict=True)
                gains = np.array([float(Fraction(g, s)) for g, s in pairs])
                if (gains > 0).all():
                    req.tangents.append(gains)
        raise LimitReachedError(
            "the MILP method could not separate near-ties within HiGHS's tolerance",
            reason="tolerance",
        )

    def _run(self, req, objective, aux_rows, aux_bounds, nogoods, limit=None):
        from scipy.optimize import Bounds, LinearConstraint, milp
        from scipy.sparse import csr_matrix

        n_aux = 1 if aux_bounds is not None else 0
        n_ind = (2 if req.either_way else 1) * self.n if req.differ is not None else 0
        total = self.cols + n_aux + n_ind
        blocks: list[tuple[np.ndarray, float, float]] = []

        def row(x: np.ndarray, aux: float = 0.0, ind: np.ndarray | None = None):
            full = np.zeros(total)
            full[: len(x)] = x
            if n_aux:
                full[self.cols] = aux
            if ind is not None:
                full[self.cols + n_aux :] = ind
            return full

        cap = self.cap
        for p in range(self.n):
            lo, hi = req.lower[p], req.upper[p]
            if lo is not None and lo > 0:
                blocks.append((row(self.utility[:, p]), _half(2 * lo - 1, self.scale[p]), np.inf))
            if hi is not None and (cap[p] is None or hi < cap[p]):
                blocks.append((row(self.raw[:, p]), -np.inf, _half(2 * hi + 1, self.scale[p])))
        for j, p in enumerate(self.capped):  # u_p <= its sum
            x = -self.raw[:, p]
            x[self.width + j] = 1.0
            blocks.append((row(x), -np.inf, 0.0))
        lower = np.zeros(total)
        upper = np.ones(total)
        if req.off is not None:
            upper[req.off] = 0.0
        first = self.width + len(self.capped)
        if self.deciders:
            for j, p in enumerate(self.deciders):
                col = first + j
                if p in req.accept:
                    lower[col] = 1.0
                forbidden = self.forbidden[p]
                if len(forbidden):  # accepts: none of its red-line options
                    issues = np.unique(np.searchsorted(self.offsets, forbidden, side="right"))
                    x = np.zeros(self.cols)
                    x[forbidden] = 1.0
                    x[col] = len(issues)
                    blocks.append((row(x), -np.inf, float(len(issues))))
                t = self.threshold[p]
                if cap[p] is not None and t > cap[p]:
                    upper[col] = 0.0  # its reservation is out of reach
                elif t > 0:  # accepts: its sum reaches the reservation value
                    x = self.raw[:, p].copy()
                    x[col] = -_half(2 * t - 1, self.scale[p])
                    blocks.append((row(x), 0.0, np.inf))
            x = np.zeros(self.cols)
            x[first:] = 1.0
            needed = self.compiled.needed - len(self.compiled.required)
            blocks.append((row(x), float(needed), np.inf))
        if req.utilitarian is not None:
            blocks.append((row(self.utility.sum(axis=1)), float(req.utilitarian) - 1e-12, np.inf))
        if req.product is not None:
            target = math.log(req.product) - sum(math.log(s) for s in self.scale)
            for g in req.tangents:
                coef, const = self._tangent(g)
                blocks.append((row(coef), target - const - 1e-12, np.inf))
        if req.differ is not None:
            # indicator y_p = 1 forces S_p <= differ_p - 1 (either way: z_p = 1
            # forces S_p >= differ_p + 1); at least one is set.
            for p in range(self.n):
                ind = np.zeros(n_ind)
                ind[p] = self.top
                bound = _half(2 * req.differ[p] - 1, self.scale[p]) + self.top
                blocks.append((row(self.raw[:, p], ind=ind), -np.inf, bound))
                if req.either_way:
                    ind = np.zeros(n_ind)
                    ind[self.n + p] = -self.top
                    bound = _half(2 * req.differ[p] + 1, self.scale[p]) - self.top
                    blocks.append((row(self.utility[:, p], ind=ind), bound, np.inf))
            blocks.append((row(np.zeros(self.cols), ind=np.ones(n_ind)), 1.0, np.inf))
        for x, aux, lo, hi in aux_rows:
            blocks.append((row(x, aux), lo, hi))
        for choices in nogoods:
            x = np.zeros(self.cols)
            x[self.offsets[:-1] + np.array(choices, dtype=np.int64)] = 1.0
            blocks.append((row(x), -np.inf, len(choices) - 1.0))

        constraints = [
            LinearConstraint(
                csr_matrix(
                    (self.issue_rows.data, self.issue_rows.indices, self.issue_rows.indptr),
                    shape=(self.issue_rows.shape[0], total),
                ),
                1.0,
                1.0,
            )
        ]
        if blocks:
            # Sparse: a dense matrix makes SciPy switch the process's warning
            # filters to "error" while it converts it, racing a solve in another thread.
            matrix = csr_matrix(np.array([b[0] for b in blocks]))
            constraints.append(
                LinearConstraint(matrix, [b[1] for b in blocks], [b[2] for b in blocks])
            )
        c = np.zeros(total)
        c[: len(objective)] = objective
        integrality = np.ones(total)
        integrality[self.width : first] = 0  # capped utilities
        if n_aux:
            lower[self.cols], upper[self.cols] = aux_bounds
            integrality[self.cols] = 0
        options = dict(_OPTIONS)
        options["time_limit"] = self.solve_limit if limit is None else min(limit, self.solve_limit)
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise LimitReachedError("the time limit was reached", reason="timeout")
            options["time_limit"] = min(left, options["time_limit"])
        plain = {k: options[k] for k in ("mip_rel_gap", "time_limit")}
        attempts = (options, {**options, "presolve": False}, plain, {**plain, "presolve": False})
        for attempt in attempts:
            # Presolve, or the tight tolerances, can trip HiGHS ("solve error"):
            # then retry without presolve, then with its default tolerances (the
            # re-evaluation and the no-good cuts keep the answer exact either way).
            with _quiet():
                result = milp(
                    c,
                    integrality=integrality,
                    bounds=Bounds(lower, upper),
                    constraints=constraints,
                    options=attempt,
                )
            with self._count:
                self.solves += 1
            if result.x is not None or result.status in (1, 2):
                break
        if result.status == 2:  # infeasible
            return None
        stopped = result.status == 1  # a time limit
        if stopped and self.deadline is not None and time.monotonic() >= self.deadline:
            raise LimitReachedError("the time limit was reached", reason="timeout")
        bound = getattr(result, "mip_dual_bound", None)
        if result.x is None:
            if stopped:
                return Solved(None, -np.inf if bound is None else float(bound), False)
            raise LimitReachedError(f"HiGHS stopped: {result.message}", reason="solver")
        x = result.x[: self.width]
        choices = tuple(
            int(np.argmax(x[self.offsets[i] : self.offsets[i + 1]]))
            for i in range(len(self.offsets) - 1)
        )
        bound = float(result.fun if bound is None else bound)
        return Solved(Package(choices, self.sums(choices)), bound, not stopped)

    def sums(self, choices: tuple[int, ...]) -> tuple[int, ...]:
        """Exact term sums of a package, clamped at the caps."""
        total = [0] * self.n
        for i, o in enumerate(choices):
            row = self.terms[self.offsets[i] + o]
            for p in range(self.n):
                total[p] += int(row[p])
        return tuple(s if c is None else min(s, c) for s, c in zip(total, self.cap, strict=True))

    def _tangent(self, g: np.ndarray) -> tuple[np.ndarray, float]:
        """The tangent plane of sum_p log(gain_p) at gains ``g`` (utility units).

        Returns option coefficients and a constant: the plane's value at a
        package is ``coef @ x + const``, an upper bound on its log product.
        """
        base = np.array([float(Fraction(b, s)) for b, s in zip(self.base, self.scale, strict=True)])
        coef = (self.utility / g).sum(axis=1)
        const = float(np.log(g).sum() - len(g) - (base / g).sum())
        return coef, const

    def tangent_row(self, g: np.ndarray) -> tuple[np.ndarray, float, float, float]:
        """``eta <= tangent(x)`` as an auxiliary row: ``eta - coef @ x <= const``."""
        coef, const = self._tangent(g)
        return (-coef, 1.0, -np.inf, const)
