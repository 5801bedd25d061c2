"""The max-min local search against a brute force over every 1- and 2-swap."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest

from zopa.space._maxmin_search import climb


def _value(terms, offsets, norms, cap, choices):
    sums = [
        sum(int(terms[offsets[i] + o][p]) for i, o in enumerate(choices)) for p in range(len(cap))
    ]
    sums = [s if c is None else min(s, c) for s, c in zip(sums, cap, strict=True)]
    return min(Fraction(sums[p] - b, c) for p, b, c in norms)


def _neighbours(offsets, allowed, choices):
    """Every package one or two allowed option changes away."""
    issues = len(offsets) - 1
    moves = [
        [
            o
            for o in range(offsets[i + 1] - offsets[i])
            if allowed[offsets[i] + o] and o != choices[i]
        ]
        for i in range(issues)
    ]
    for i in range(issues):
        for o in moves[i]:
            one = list(choices)
            one[i] = o
            yield tuple(one)
            for j in range(i + 1, issues):
                for q in moves[j]:
                    two = list(one)
                    two[j] = q
                    yield tuple(two)


def _case(seed):
    rng = np.random.default_rng(seed)
    parties, sizes = int(rng.integers(2, 5)), rng.integers(2, 5, size=int(rng.integers(2, 6)))
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    terms = rng.integers(0, 1000, size=(int(offsets[-1]), parties)).astype(np.int64)
    norms = [(p, int(rng.integers(0, 300)), int(rng.integers(500, 5000))) for p in range(parties)]
    if rng.uniform() < 0.3:  # Kalai–Smorodinsky: some parties not in the minimum
        norms = norms[: max(1, parties - 1)]
    cap = [int(rng.integers(800, 3000)) if rng.uniform() < 0.3 else None for _ in range(parties)]
    allowed = rng.uniform(size=len(terms)) < 0.8
    choices = tuple(int(rng.integers(0, s)) for s in sizes)
    return terms, offsets, norms, cap, allowed, choices


@pytest.mark.parametrize("seed", range(60))
def test_no_swap_improves_the_result(seed):
    terms, offsets, norms, cap, allowed, start = _case(seed)
    found = climb(terms, offsets, norms, start, allowed, cap, budget=10.0)
    value = _value(terms, offsets, norms, cap, found)
    assert value >= _value(terms, offsets, norms, cap, start)
    # every issue it changed takes an allowed option
    for i, (a, b) in enumerate(zip(start, found, strict=True)):
        assert a == b or allowed[offsets[i] + b]
    best_move = max(
        (_value(terms, offsets, norms, cap, n) for n in _neighbours(offsets, allowed, found)),
        default=value,
    )
    assert best_move <= value


def test_it_reaches_the_optimum_when_two_swaps_suffice():
    # two issues, the optimum two changes away: the brute force over all packages agrees
    for seed in range(20):
        rng = np.random.default_rng(100 + seed)
        sizes = [3, 4]
        offsets = np.array([0, 3, 7])
        terms = rng.integers(0, 1000, size=(7, 3)).astype(np.int64)
        norms = [(p, 0, 1000) for p in range(3)]
        cap = [None] * 3
        allowed = np.ones(7, dtype=bool)
        found = climb(terms, offsets, norms, (0, 0), allowed, cap, budget=10.0)
        every = itertools.product(*(range(s) for s in sizes))
        best = max(_value(terms, offsets, norms, cap, c) for c in every)
        assert _value(terms, offsets, norms, cap, found) == best
