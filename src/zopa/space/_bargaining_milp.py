"""The bargaining points as mixed-integer programs, without the frontier.

Each rule is a program over the package oracle (:mod:`zopa.space._milp`):

* each party's best feasible utility: maximise its utility;
* utilitarian: maximise the sum of utilities;
* egalitarian: maximise ``t`` with every gain at least ``t``;
* Kalai–Smorodinsky: maximise ``t`` with every gain at least ``t`` times the
  party's best gain (a party whose best gain is 0 counts as fully served);
* Nash: maximise ``eta`` below the tangent planes of ``sum_p log(gain_p)``
  (outer approximation, Kelley's cutting planes; the log is concave, so each
  plane bounds it from above and the program's value is an upper bound), adding
  the plane at each new package until the relative gap between that bound and
  the best product found is at most ``1e-9``.

Under a decision rule a party that rejects a package gains 0 from it (as in
:mod:`zopa.space.solutions`), so a positive product or egalitarian minimum needs
every party to accept, and a positive Kalai–Smorodinsky ratio every party with
a possible gain; each of these programs is solved with those parties' "accepts"
fixed, and when its value is 0 every passing package ties at 0 and the point is
the utilitarian one. Each party's best gain (the Kalai–Smorodinsky reference) is
its best over the passing packages it accepts; its best utility, reported, is
over all passing packages.

Ties are settled as the frontier method settles them (:mod:`zopa.space.solutions`):
the rule's exact value, then the larger exact utilitarian sum, then the
lexicographically smallest integer utility vector. One program asks whether
another vector reaches the rule's value and the package's sum (usually none
does: the package stands); otherwise the sum is maximised at that value, the
question asked again, and only then is the vector fixed party by party,
smallest first.

References
----------
.. [1] Kelley, J. E. (1960). The cutting-plane method for solving convex programs.
   Journal of SIAM 8(4), 703-712. doi:10.1137/0108053
.. [2] Duran, M. A. & Grossmann, I. E. (1986). An outer-approximation algorithm
   for a class of mixed-integer nonlinear programs. Mathematical Programming
   36, 307-339. doi:10.1007/BF02592064
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from zopa.errors import LimitReachedError
from zopa.space._lagrange import relax
from zopa.space._maxmin_search import climb
from zopa.space._milp import Oracle, Package, Requirements

__all__: list[str] = []

NASH_GAP = 1e-9
_MAX_CUTS = 400
_SUPPORT = Fraction(1, 10**9)
_QUICK_LIMIT = 1.0  # seconds for the incumbent over the LP relaxation's options
_PROBE = 0.25  # of one solve's time, for one ceiling probe
_ABOVE = 0.3  # of one solve's time, for the program above the incumbent
_CLOSEST = 64  # probes at most 1/64 of the gap below the ceiling
RULES = ("nash", "kalai_smorodinsky", "utilitarian", "egalitarian")


@dataclass(frozen=True, slots=True)
class Choice:
    """A rule's package, its exact value (a Fraction; Nash: the product) and gap."""

    package: Package
    value: Fraction
    gap: float = 0.0


@dataclass
class MilpPoints:
    """What :func:`solve_points` found; ``None`` everywhere when nothing is feasible."""

    feasible: bool
    best: tuple[int, ...] | None = None  # per party, the largest feasible integer sum
    tops: tuple[int, ...] | None = None  # per party, its best gain where it accepts
    best_gap: float = 0.0  # the largest relative gap among them (0: all proven)
    points: dict[str, Choice | None] = field(default_factory=dict)
    sample: list[Package] = field(default_factory=list)
    solves: int = 0


def solve_points(
    oracle: Oracle,
    rules: tuple[str, ...] = RULES,
    *,
    sample: int = 0,
    seed: int | np.random.Generator | None = 0,
    report: Callable[[str], None] | None = None,
) -> MilpPoints:
    """The requested bargaining points, each party's best, and a frontier sample."""
    say = report or (lambda message: None)
    base = oracle.reservations()
    first = oracle.solve(base, np.zeros(oracle.cols))
    if first is None:
        return MilpPoints(False, points=dict.fromkeys(rules), solves=oracle.solves)
    if first.package is None:
        raise LimitReachedError(
            "HiGHS found no feasible package within its time limit", reason="timeout"
        )
    say("MILP: each party's best feasible utility")
    bests = [_maximise(oracle, base, oracle.utility[:, p]) for p in range(oracle.n)]
    best = tuple(pkg.sums[p] for p, (pkg, _) in enumerate(bests))
    gaps = [gap for _, gap in bests]
    seeds = [first.package, *(pkg for pkg, _ in bests)]
    tops = list(oracle.gains(best))
    if "kalai_smorodinsky" in rules:
        for p in oracle.deciders:  # its best gain among the packages it accepts
            if p in oracle.accepting(bests[p][0]):
                continue
            accepted = _maximise(oracle, _accepted(base, [p]), oracle.utility[:, p])
            tops[p] = 0 if accepted is None else max(0, oracle.gains(accepted[0].sums)[p])
            if accepted is not None:
                gaps.append(accepted[1])
                seeds.append(accepted[0])
    found = MilpPoints(True, best=best, tops=tuple(tops), best_gap=max(gaps))
    # The two max-min programs are independent and the slowest: they run side
    # by side (HiGHS releases the GIL); the Nash cuts start from their packages.
    stages = [("utilitarian",), ("egalitarian", "kalai_smorodinsky"), ("nash",)]
    for stage in stages:
        todo = [r for r in stage if r in rules]
        for rule in todo:
            say(f"MILP: {rule.replace('_', '–')} point")
        if len(todo) > 1:
            with ThreadPoolExecutor(len(todo)) as pool:
                futures = [
                    pool.submit(_RULES[r], oracle, base, best, list(seeds), found) for r in todo
                ]
                choices = [f.result() for f in futures]
        else:
            choices = [_RULES[r](oracle, base, best, seeds, found) for r in todo]
        for rule, choice in zip(todo, choices, strict=True):
            found.points[rule] = choice
            seeds.append(choice.package)
    if sample:
        say(f"MILP: sampling {sample} frontier points")
        found.sample = _sample(oracle, base, sample, np.random.default_rng(seed), seeds)
    found.solves = oracle.solves
    return found


# --- the exact value of each rule ------------------------------------------------


def _product(oracle: Oracle, sums: tuple[int, ...]) -> int:
    return math.prod(oracle.gains(sums))


def _log_product(oracle: Oracle, sums: tuple[int, ...]) -> float:
    gains = oracle.gains(sums)
    if min(gains) <= 0:
        return -math.inf
    return sum(math.log(g) for g in gains) - sum(math.log(s) for s in oracle.scale)


# --- the programs ------------------------------------------------------------------


def _gap(value: float, bound: float) -> float:
    """Relative gap of a maximised value below its proven upper bound."""
    return max(0.0, bound - value) / max(abs(value), 1e-300) if bound > value else 0.0


def _maximise(oracle: Oracle, req: Requirements, weights: np.ndarray):
    """The package maximising ``weights @ x`` and its relative gap (0: proven).

    None when no package meets ``req``.
    """
    result = oracle.solve(req, -weights)
    if result is None:
        return None
    if result.package is None:
        raise LimitReachedError(
            "HiGHS found no feasible package within its time limit", reason="timeout"
        )
    value = float(weights @ oracle.point(result.package))
    return result.package, 0.0 if result.proven else _gap(value, -result.bound)


def _accepted(req: Requirements, parties) -> Requirements:
    """``req`` with these parties required to accept."""
    out = req.copy()
    out.accept = out.accept | frozenset(parties)
    return out


def _zero_point(oracle, base, best, found, value: Fraction) -> Choice:
    """Every passing package ties at ``value``: the utilitarian point, with it."""
    util = found.points.get("utilitarian") or _utilitarian(oracle, base, best, [], found)
    return Choice(util.package, value, util.gap)


def _utilitarian(oracle, base, best, seeds, found) -> Choice:
    package, gap = _maximise(oracle, base, oracle.utility.sum(axis=1))

    def require(value: Fraction) -> Requirements:
        req = base.copy()
        req.utilitarian = value
        return req

    if gap == 0:
        package = _settle(oracle, package, oracle.utilitarian, require, maximise_sum=False)
    return Choice(package, oracle.utilitarian(package.sums), gap)


def _egalitarian(oracle, base, best, seeds, found) -> Choice:
    if oracle.deciders:  # a positive minimum needs every party to accept
        everyone = _accepted(base, oracle.deciders)
        if oracle.solve(everyone, np.zeros(oracle.cols)) is None:
            return _zero_point(oracle, base, best, found, Fraction(0))
        choice = _plain_egalitarian(oracle, everyone, seeds)
        return choice if choice.value > 0 else _zero_point(oracle, base, best, found, Fraction(0))
    return _plain_egalitarian(oracle, base, seeds)


def _plain_egalitarian(oracle, base, seeds) -> Choice:
    norms = [(p, oracle.base[p], oracle.scale[p]) for p in range(oracle.n)]
    return _max_min(oracle, base, norms, (-oracle.top, oracle.top), seeds)


def _kalai_smorodinsky(oracle, base, best, seeds, found) -> Choice:
    tops = list(found.tops)
    if all(b <= 0 for b in tops):  # every party fully served by any package
        return _zero_point(oracle, base, best, found, Fraction(1))
    if oracle.deciders:  # a positive ratio needs each party with a possible gain to accept
        served = _accepted(base, [p for p in oracle.deciders if tops[p] > 0])
        if oracle.solve(served, np.zeros(oracle.cols)) is None:
            return _zero_point(oracle, base, best, found, Fraction(0))
        choice = _plain_ks(oracle, served, tops, seeds)
        return choice if choice.value > 0 else _zero_point(oracle, base, best, found, Fraction(0))
    return _plain_ks(oracle, base, tops, seeds)


def _plain_ks(oracle, base, tops, seeds) -> Choice:
    norms = [(p, oracle.base[p], tops[p]) for p in range(oracle.n) if tops[p] > 0]
    return _max_min(oracle, base, norms, (0.0, 1.0), seeds)


def _max_min(oracle, base, norms, bounds, seeds) -> Choice:
    """Maximise ``min_p (S_p - b_p) / c_p`` over ``norms`` ``(p, b_p, c_p)``
    (egalitarian, Kalai–Smorodinsky), then settle ties.

    The best seed (or the program over the options the LP relaxation uses) is
    the incumbent; the program then asks only for packages strictly above its
    value (every party's bound an exact integer), over the options the exact
    Lagrangian bound leaves (:mod:`zopa.space._lagrange`). No such package:
    the incumbent is proven optimal.
    """

    def value(sums) -> Fraction:
        return min((Fraction(sums[p] - b, c) for p, b, c in norms), default=Fraction(1))

    def bounded(r: Fraction, above: bool) -> Requirements:
        req = base.copy()
        for p, b, c in norms:
            step = math.floor(r * c) + 1 if above else math.ceil(r * c)
            _raise_lower(req, p, b + step)
        return req

    rows = [
        (
            oracle.utility[:, p] * float(Fraction(oracle.scale[p], c)),
            -1.0,
            float(Fraction(b, c)),
            np.inf,
        )
        for p, b, c in norms
    ]
    objective = np.zeros(oracle.cols + 1)
    objective[-1] = -1.0
    relaxation = relax(oracle.terms.tolist(), oracle.offsets, norms, base.off)
    candidates = [s for s in seeds if oracle.meets(s, base)]
    if relaxation is not None:  # a quick incumbent from the LP relaxation's options
        support = base.copy()
        # (reduced costs within 1e-9 of 0: the duals' rounding breaks the LP's ties)
        near = relaxation.bound() - _SUPPORT
        support.off = _union(base.off, relaxation.off(near, strict=False))
        quick = oracle.solve(support, objective, rows, bounds, limit=_QUICK_LIMIT)
        if quick is not None and quick.package is not None:
            candidates.append(quick.package)
    if candidates:  # one or two issues changed can raise HiGHS's best package
        start = max(candidates, key=lambda p: _rank(oracle, value, p))
        moved = _local(oracle, base, norms, start)
        if moved is not None:
            candidates.append(moved)
    ceiling = relaxation.bound() if relaxation is not None else None
    package, ceiling = _climb(
        oracle, base, candidates, value, bounded, relaxation, ceiling, (objective, rows, bounds)
    )
    moved = _local(oracle, base, norms, package)  # HiGHS's last find, polished
    if moved is not None and _rank(oracle, value, moved) > _rank(oracle, value, package):
        package = moved
    best = value(package.sums)
    if ceiling is None or ceiling > best:
        return Choice(
            package, best, _gap(float(best), math.inf if ceiling is None else float(ceiling))
        )

    def require(r: Fraction) -> Requirements:
        out = bounded(r, above=False)
        if relaxation is not None:  # r is at least the best value: the same options suffice
            out.off = _union(out.off, relaxation.off(best, strict=False))
        return out

    return Choice(_settle(oracle, package, value, require), best)


def _local(oracle, base, norms, start: Package) -> Package | None:
    """The local search's package from ``start`` (:mod:`zopa.space._maxmin_search`),
    when it meets ``base``."""
    allowed = np.ones(oracle.width, dtype=bool)
    if base.off is not None:
        allowed[base.off] = False
    for p in base.accept.intersection(oracle.deciders):  # it accepts: no red-line option
        allowed[oracle.forbidden[p]] = False
    choices = climb(oracle.terms, oracle.offsets, norms, start.choices, allowed, oracle.cap)
    moved = Package(choices, oracle.sums(choices))
    return moved if oracle.meets(moved, base) else None


def _climb(oracle, base, candidates, value, bounded, relaxation, ceiling, program):
    """The best package and a proven ceiling on the value (equal to its value: optimal).

    The program asks for the best package strictly above the incumbent's value
    (none: the incumbent is optimal). When it runs out of time (30% of the time of
    one solve), the rest goes to proving lower ceilings: feasibility programs
    asking for a package at a threshold a quarter of the way down from the
    ceiling; none there lowers the ceiling, one found raises the incumbent.
    A probe may take a quarter of one solve's time; one that runs out (close to
    the optimum HiGHS neither finds nor excludes a package for long) is tried
    again half as far down, so the rest of the time still lowers the ceiling.
    """
    objective, rows, bounds = program
    stop = time.monotonic() + oracle.solve_limit
    req = base
    if candidates:
        incumbent = max(candidates, key=lambda p: _rank(oracle, value, p))
        req = _above(bounded, relaxation, value(incumbent.sums), strict=True)
    result = oracle.solve(req, objective, rows, bounds, limit=oracle.solve_limit * _ABOVE)
    if result is not None and result.package is not None:
        candidates = [*candidates, result.package]
    if not candidates:
        raise LimitReachedError("HiGHS found no package within its time limit", reason="timeout")
    incumbent = max(candidates, key=lambda p: _rank(oracle, value, p))
    if result is None or result.proven:
        return incumbent, value(incumbent.sums)
    if math.isfinite(result.bound):  # HiGHS's dual bound, when it has one
        found = Fraction(-result.bound)
        ceiling = found if ceiling is None else min(ceiling, found)
    if ceiling is None:
        return incumbent, None
    step = 4
    while (left := stop - time.monotonic()) > 0 and step <= _CLOSEST:
        v = value(incumbent.sums)
        if v >= ceiling:
            return incumbent, v
        target = ceiling - (ceiling - v) / step
        result = oracle.solve(
            _above(bounded, relaxation, target, strict=False),
            np.zeros(oracle.cols),
            limit=min(left, oracle.solve_limit * _PROBE),
        )
        if result is None:
            ceiling = target
        elif result.package is None:  # too close to the optimum: probe nearer the ceiling
            step *= 2
        else:
            incumbent = max([incumbent, result.package], key=lambda p: _rank(oracle, value, p))
    return incumbent, ceiling


def _above(bounded, relaxation, value: Fraction, *, strict: bool) -> Requirements:
    """Packages whose value is at least ``value`` (``strict``: above it), over
    the options the Lagrangian bound leaves."""
    req = bounded(value, above=strict)
    if relaxation is not None:
        req.off = _union(req.off, relaxation.off(value, strict=strict))
    return req


def _union(a: np.ndarray | None, b: np.ndarray) -> np.ndarray:
    return b if a is None else np.union1d(a, b)


def _nash(oracle, base, best, seeds, found) -> Choice:
    positive = _accepted(base, oracle.deciders)  # a positive product: everyone accepts
    for p in range(oracle.n):
        _raise_lower(positive, p, oracle.base[p] + 1)
    candidates = [s for s in seeds if oracle.meets(s, positive)]
    if not candidates:
        first = oracle.solve(positive, np.zeros(oracle.cols))
        if first is None:  # every product is 0: the frontier method then picks by sum
            return _zero_point(oracle, base, best, found, Fraction(0))
        if first.package is None:
            raise LimitReachedError(
                "HiGHS found no package with a positive product within its time limit",
                reason="timeout",
            )
        candidates = [first.package]
    incumbent = max(candidates, key=lambda s: _log_product(oracle, s.sums))
    points = {s.sums for s in candidates}
    cuts = [oracle.tangent_row(_gain_vector(oracle, sums)) for sums in points]
    tops = zip(oracle.gains(best), oracle.scale, strict=True)
    ceiling = sum(math.log(max(g, 1) / s) for g, s in tops)
    gap, proven = math.inf, False
    for _ in range(_MAX_CUTS):
        floor = _log_product(oracle, incumbent.sums)
        objective = np.zeros(oracle.cols + 1)
        objective[-1] = -1.0
        result = oracle.solve(positive, objective, cuts, (floor - 1.0, ceiling + 1e-6))
        assert result is not None
        package = result.package
        if package is not None and _log_product(oracle, package.sums) > floor:
            incumbent = package
            floor = _log_product(oracle, package.sums)
        gap = math.expm1(max(0.0, -result.bound - floor))
        proven = result.proven
        if gap <= NASH_GAP or package is None or package.sums in points:
            break
        points.add(package.sums)
        cuts.append(oracle.tangent_row(_gain_vector(oracle, package.sums)))

    def value(sums):
        return _product(oracle, sums)

    def require(p: int) -> Requirements:
        req = positive.copy()
        req.product = p
        req.tangents = [_gain_vector(oracle, s) for s in points]
        return req

    if proven and gap > NASH_GAP:
        # The bound can stall up to HiGHS's feasibility tolerance (1e-9, the gap
        # sought) above the best product: ask exactly whether any product is larger.
        incumbent, gap = _certify(oracle, incumbent, require, gap)
    if proven and gap <= NASH_GAP:
        incumbent = _settle(oracle, incumbent, value, require)
    product = Fraction(_product(oracle, incumbent.sums), math.prod(oracle.scale))
    return Choice(incumbent, product, gap)


def _certify(
    oracle: Oracle, incumbent: Package, require: Callable[[int], Requirements], gap: float
) -> tuple[Package, float]:
    """The incumbent with gap 0 when no package has a larger integer product.

    A larger product found instead becomes the incumbent, the gap unchanged (it
    bounds the new product's gap too); a check that runs out of repairs or time
    leaves both as they are.
    """
    try:
        better = oracle.solve(require(_product(oracle, incumbent.sums) + 1), np.zeros(oracle.cols))
    except LimitReachedError:
        return incumbent, gap
    if better is None:
        return incumbent, 0.0
    if better.package is None:
        return incumbent, gap
    return better.package, gap


_RULES = {
    "utilitarian": _utilitarian,
    "egalitarian": _egalitarian,
    "kalai_smorodinsky": _kalai_smorodinsky,
    "nash": _nash,
}


# --- helpers -------------------------------------------------------------------------


def _gain_vector(oracle: Oracle, sums: tuple[int, ...]) -> np.ndarray:
    gains = zip(oracle.gains(sums), oracle.scale, strict=True)
    return np.array([float(Fraction(g, s)) for g, s in gains])


def _raise_lower(req: Requirements, p: int, bound: int) -> None:
    current = req.lower[p]
    req.lower[p] = bound if current is None else max(current, bound)


def _rank(oracle: Oracle, value, package: Package) -> tuple:
    return (value(package.sums), oracle.utilitarian(package.sums), tuple(-s for s in package.sums))


def _settle(
    oracle: Oracle,
    incumbent: Package,
    value: Callable[[tuple[int, ...]], Any],
    require: Callable[[Any], Requirements],
    *,
    maximise_sum: bool = True,
) -> Package:
    """Apply the frontier method's tie-breaking among packages of the best value.

    One program first asks whether another utility vector reaches the
    incumbent's value and sum; usually none does and the incumbent stands.
    Otherwise (``maximise_sum``; without it the incumbent's sum is known to be
    the largest) the sum is maximised at the best value found, the question
    asked again, and a remaining tie is fixed party by party.
    A step whose program runs out of time leaves the incumbent as it is.
    """
    tied = _other_vector(oracle, incumbent, value, require, either_way=maximise_sum)
    if tied is None:
        return incumbent
    if maximise_sum and _rank(oracle, value, tied)[:2] > _rank(oracle, value, incumbent)[:2]:
        incumbent = _largest_sum(oracle, tied, value, require)
        tied = _other_vector(oracle, incumbent, value, require, either_way=False)
        if tied is None:
            return incumbent
    # Several vectors tie: the smallest one, party by party.
    req = _at(oracle, incumbent, value, require)
    for p in range(oracle.n - 1):
        result = oracle.solve(req, oracle.raw[:, p])  # the smallest sum, clamped after
        if result is None or result.package is None or not result.proven:
            return incumbent
        s = result.package.sums[p]
        _raise_lower(req, p, s)
        req.upper[p] = s
    result = oracle.solve(req, np.zeros(oracle.cols))
    if result is None or result.package is None:
        return incumbent
    return max([incumbent, result.package], key=lambda p: _rank(oracle, value, p))


def _at(oracle: Oracle, incumbent: Package, value, require) -> Requirements:
    """Packages reaching the incumbent's value and its utilitarian sum."""
    req = require(value(incumbent.sums))
    req.utilitarian = oracle.utilitarian(incumbent.sums)
    return req


def _other_vector(
    oracle: Oracle, incumbent: Package, value, require, *, either_way: bool = True
) -> Package | None:
    """A package at least as good as the incumbent (value, then sum) with another
    utility vector; None when there is none or the time ran out. Where the sum is
    known to be the largest, another vector has some party below the incumbent's
    (``either_way=False``: half the indicators)."""
    probe = _at(oracle, incumbent, value, require)
    probe.differ = incumbent.sums
    probe.either_way = either_way
    tied = oracle.solve(probe, np.zeros(oracle.cols))
    return None if tied is None else tied.package


def _largest_sum(oracle: Oracle, incumbent: Package, value, require) -> Package:
    """The package of the largest sum at the best value (a better value found on
    the way restarts the step)."""
    total = oracle.utility.sum(axis=1)
    for _ in range(20):
        result = oracle.solve(require(value(incumbent.sums)), -total)
        if result is None or result.package is None:
            break
        candidate = result.package
        if _rank(oracle, value, candidate)[:2] <= _rank(oracle, value, incumbent)[:2]:
            break
        incumbent = candidate
    return incumbent


def _sample(oracle, base, count, rng, seeds) -> list[Package]:
    """Frontier points maximising random positive weightings of the utilities."""
    found: dict[tuple[int, ...], Package] = {}
    for _ in range(count * 3):
        if len(found) >= count:
            break
        weights = rng.dirichlet(np.ones(oracle.n)) + 1e-3
        package, _ = _maximise(oracle, base, oracle.utility @ weights)
        found.setdefault(package.sums, package)
    return list(found.values())
