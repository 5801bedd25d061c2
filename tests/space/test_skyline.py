from __future__ import annotations

import numpy as np
import pytest

from zopa.space._skyline import skyline_below_cap, skyline_mask


def _kept_by_definition(points: np.ndarray, floor: np.ndarray) -> np.ndarray:
    """A sum is dropped when another one is >= it everywhere and > it in some
    coordinate below that sum's floor (a lead no completion can erase)."""
    kept = np.ones(len(points), dtype=bool)
    for b, row in enumerate(points):
        for a, other in enumerate(points):
            if a != b and (other >= row).all() and ((other > row) & (row < floor)).any():
                kept[b] = False
                break
    return kept


def _distinct(rng: np.random.Generator, m: int, d: int, top: int) -> np.ndarray:
    return np.unique(rng.integers(0, top, size=(m, d)), axis=0)


@pytest.mark.parametrize("seed", range(40))
def test_skyline_below_cap_follows_its_definition(seed):
    rng = np.random.default_rng(seed)
    d = int(rng.integers(2, 7))
    points = _distinct(rng, int(rng.integers(1, 120)), d, 6)
    # Floors from below everything (nothing can be dropped) to above everything
    # (a plain skyline), through mixed ones.
    floor = rng.integers(-1, 8, size=d)
    np.testing.assert_array_equal(
        skyline_below_cap(points, floor), _kept_by_definition(points, floor)
    )


def test_skyline_below_cap_is_the_skyline_when_every_sum_is_below_its_floor():
    rng = np.random.default_rng(7)
    points = _distinct(rng, 3000, 12, 40)
    floor = np.full(12, 41)
    np.testing.assert_array_equal(skyline_below_cap(points, floor), skyline_mask(points))
