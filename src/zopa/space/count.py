"""How many packages meet every red line and every reservation value.

Red lines remove options issue by issue, so without reservation values the count
is a product. Reservation values couple the issues: the issues are split in two
halves whose partial utility sums are enumerated separately, and matching pairs
are counted (meet in the middle, Horowitz & Sahni 1974): memory grows with the
square root of the space; with one constrained party the work does too (a sort
and a binary search), with several the pairs are compared in sorted blocks, up
to the size of the space in the worst case. Above ``exact_limit`` packages the count is estimated:
one half is still enumerated, packages of the other half are drawn at random and
for each draw the matching packages of the first half are counted exactly, which
gives an unbiased estimate with a 95% confidence interval.

Under a decision rule other than unanimity the count is the Möbius sum
``Σ_T c(T) |F_T|`` over the passing coalitions ``T`` (see
:mod:`zopa.space._coalitions`), each ``|F_T|`` counted as above; when some are
estimated the interval combines their intervals (a negative coefficient swaps
the bounds).

References
----------
.. [1] Horowitz, E. & Sahni, S. (1974). Computing partitions with applications to
   the knapsack problem. Journal of the ACM 21(2), 277-292. doi:10.1145/321812.321823
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from zopa.model import Scenario
from zopa.space._coalitions import acceptance, coalition_space, coalitions, passing
from zopa.space._tables import Compiled, RedLineItem, Space, compile_scenario
from zopa.space.frontier import enumerate_space

__all__ = ["FeasibleCount", "count_feasible", "count_unanimous"]

EXACT_LIMIT = 10**9
_SAMPLED_HALF = 200_000  # partial sums enumerated on the exact side of an estimate
_PAIR_BLOCK = 1 << 22  # comparisons per vectorised block


@dataclass(frozen=True, slots=True)
class FeasibleCount:
    """A count of feasible packages; ``low``/``high`` bound it (95%) when not exact."""

    count: int
    exact: bool
    low: int
    high: int
    method: str


def count_feasible(
    scenario: Scenario,
    *,
    method: Literal["auto", "brute"] = "auto",
    exact_limit: int = EXACT_LIMIT,
    samples: int = 20_000,
    seed: int | np.random.Generator | None = 0,
) -> FeasibleCount:
    """Count the packages that pass the decision rule.

    Under unanimity (the default) these are the packages that meet every red
    line and reservation value.

    Parameters
    ----------
    scenario : Scenario
    method : {"auto", "brute"}
        ``"auto"`` counts exactly by meet in the middle up to ``exact_limit``
        packages (after red lines) and estimates beyond; ``"brute"`` enumerates.
    exact_limit : int
        Largest space (after red lines) counted exactly.
    samples : int
        Draws for an estimate.
    seed : int, Generator or None
        Makes an estimate repeatable.

    Examples
    --------
    >>> from zopa.model import load_builtin
    >>> count_feasible(load_builtin("tiny")).count
    3
    """
    compiled = compile_scenario(scenario)
    if method == "brute" and not compiled.unanimous:
        everything = compiled.restrict(compiled.red_line_items(), compiled.reservation_parties())
        grid, sums = enumerate_space(everything)
        n = int(passing(compiled, acceptance(compiled, grid, sums)).sum())
        return FeasibleCount(n, True, n, n, "brute")
    return count_rule(compiled, method=method, exact_limit=exact_limit, samples=samples, seed=seed)


def count_unanimous(
    scenario: Scenario,
    *,
    exact_limit: int = EXACT_LIMIT,
    samples: int = 20_000,
    seed: int | np.random.Generator | None = 0,
) -> FeasibleCount:
    """Count the packages every party accepts, whatever the decision rule.

    Examples
    --------
    >>> from zopa.model import load_builtin
    >>> count_unanimous(load_builtin("tiny")).count
    3
    """
    return count_space(
        compile_scenario(scenario).restrict(), exact_limit=exact_limit, samples=samples, seed=seed
    )


def count_rule(
    compiled: Compiled,
    relaxed_red_lines: list[RedLineItem] | tuple[RedLineItem, ...] = (),
    relaxed_reservations: list[int] | tuple[int, ...] = (),
    *,
    method: str = "auto",
    exact_limit: int = EXACT_LIMIT,
    samples: int = 20_000,
    seed: int | np.random.Generator | None = 0,
) -> FeasibleCount:
    """The packages that pass the decision rule, red lines and reservations relaxed as given."""
    options = {"method": method, "exact_limit": exact_limit, "samples": samples, "seed": seed}
    if compiled.unanimous:
        return count_space(compiled.restrict(relaxed_red_lines, relaxed_reservations), **options)
    total = low = high = 0
    exact = True
    for coalition, c in coalitions(compiled):
        if c == 0:
            continue
        space = coalition_space(compiled, coalition, relaxed_red_lines, relaxed_reservations)
        part = count_space(space, **options)
        total += c * part.count
        low += c * (part.low if c > 0 else part.high)
        high += c * (part.high if c > 0 else part.low)
        exact = exact and part.exact
    size = math.prod(len(o) for o in compiled.options)
    if exact:
        return FeasibleCount(total, True, total, total, "inclusion-exclusion")
    return FeasibleCount(
        max(0, total), False, max(0, low), min(size, high), "inclusion-exclusion, sampled"
    )


def count_space(
    space: Space,
    *,
    method: str = "auto",
    exact_limit: int = EXACT_LIMIT,
    samples: int = 20_000,
    seed: int | np.random.Generator | None = 0,
) -> FeasibleCount:
    """:func:`count_feasible` on a restricted space (shared with the concession search)."""
    size = space.size
    constrained = space.constrained
    if method == "brute":
        _, sums = enumerate_space(space)
        n = int((sums[:, constrained] >= space.threshold[constrained]).all(axis=1).sum())
        return FeasibleCount(n, True, n, n, "brute")
    if method != "auto":
        raise ValueError(f"unknown method {method!r}; use 'auto' or 'brute'")
    if size == 0 or len(constrained) == 0:
        return FeasibleCount(size, True, size, size, "product")
    terms = [t[:, constrained] for t in space.terms]
    threshold = space.threshold[constrained]
    if size <= exact_limit:
        left, right = _balanced_halves([len(t) for t in terms])
        a = _partial_sums([terms[i] for i in left], len(threshold), space.dtype)
        b = _partial_sums([terms[i] for i in right], len(threshold), space.dtype)
        n = int(_matches(a, b, threshold).sum())
        return FeasibleCount(n, True, n, n, "meet-in-the-middle")
    return _estimate(terms, threshold, size, samples, np.random.default_rng(seed))


def _balanced_halves(sizes: list[int]) -> tuple[list[int], list[int]]:
    halves: tuple[list[int], list[int]] = ([], [])
    products = [1, 1]
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        side = 0 if products[0] <= products[1] else 1
        halves[side].append(i)
        products[side] *= sizes[i]
    return halves


def _partial_sums(terms: list[np.ndarray], width: int, dtype: np.dtype) -> np.ndarray:
    sums = np.zeros((1, width), dtype=dtype)
    for t in terms:
        sums = (sums[:, None, :] + t[None, :, :]).reshape(-1, width)
    return sums


def _matches(queries: np.ndarray, table: np.ndarray, threshold: np.ndarray) -> np.ndarray:
    """For each query row q, how many table rows t satisfy q + t >= threshold."""
    need = threshold - queries  # (q, c): what the table row must reach
    if table.shape[1] == 1:
        column = np.sort(table[:, 0])
        return len(column) - np.searchsorted(column, need[:, 0], side="left")
    # Sort both sides on the first coordinate so each block of queries only
    # compares with the table rows that can reach its smallest need.
    table = table[np.argsort(-table[:, 0], kind="stable")]
    first_desc = -table[:, 0]
    order = np.argsort(-need[:, 0], kind="stable")
    counts = np.zeros(len(need), dtype=np.int64)
    step = max(1, _PAIR_BLOCK // max(1, len(table)))
    for start in range(0, len(order), step):
        rows = order[start : start + step]
        block = need[rows]
        reach = np.searchsorted(first_desc, -block[:, 0].min(), side="right")
        if reach == 0:
            continue
        candidates = table[:reach]
        ok = candidates[None, :, 0] >= block[:, None, 0]
        for dim in range(1, table.shape[1]):
            ok &= candidates[None, :, dim] >= block[:, None, dim]
        counts[rows] = ok.sum(axis=1)
    return counts


def _estimate(terms, threshold, size, samples, rng) -> FeasibleCount:
    # Enumerate the largest group of issues that stays small; sample the rest.
    order = sorted(range(len(terms)), key=lambda i: len(terms[i]))
    exact_side, product = [], 1
    for i in order:
        if product * len(terms[i]) > _SAMPLED_HALF:
            break
        exact_side.append(i)
        product *= len(terms[i])
    sampled_side = [i for i in range(len(terms)) if i not in exact_side]
    table = _partial_sums([terms[i] for i in exact_side], len(threshold), threshold.dtype)
    draws = np.zeros((samples, len(threshold)), dtype=threshold.dtype)
    for i in sampled_side:
        draws += terms[i][rng.integers(0, len(terms[i]), size=samples)]
    per_draw = _matches(draws, table, threshold).astype(np.float64)
    outer = math.prod(len(terms[i]) for i in sampled_side)
    mean = per_draw.mean()
    half_width = 1.96 * per_draw.std(ddof=1) / math.sqrt(samples) if samples > 1 else mean
    estimate = outer * mean
    low = max(0, math.floor(outer * max(0.0, mean - half_width)))
    high = min(size, math.ceil(outer * (mean + half_width)))
    if mean == 0:  # no draw matched: the rule of three bounds the matching share
        high = min(size, math.ceil(outer * len(table) * 3 / samples))
    return FeasibleCount(round(estimate), False, low, high, "sampled")
