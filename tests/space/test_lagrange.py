"""The exact Lagrangian bound of the max-min programs against a brute force in Fractions."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest

from zopa.model import random_scenario
from zopa.space._lagrange import relax
from zopa.space._milp import Oracle
from zopa.space._tables import compile_scenario


def _packages(oracle):
    """Every package as (columns, per-party sums), by enumeration."""
    terms = oracle.terms.tolist()
    issues = [range(int(a), int(b)) for a, b in itertools.pairwise(oracle.offsets)]
    for cols in itertools.product(*issues):
        yield cols, [sum(terms[j][p] for j in cols) for p in range(oracle.n)]


@pytest.mark.parametrize("seed", range(12))
def test_bound_and_fixing_against_brute_force(seed):
    parties = 2 + seed % 3
    scenario = random_scenario(parties, 4, 3, seed=seed, decimals=2)
    oracle = Oracle(compile_scenario(scenario))
    # Egalitarian for even seeds; for odd ones Kalai–Smorodinsky-like norms
    # (each party's gain over its best possible sum).
    norms = [(p, oracle.base[p], oracle.scale[p]) for p in range(parties)]
    if seed % 2:
        tops = [max(s[p] for _, s in _packages(oracle)) for p in range(parties)]
        norms = [(p, oracle.base[p], tops[p] - oracle.base[p]) for p in range(parties)]
    relaxation = relax(oracle.terms.tolist(), oracle.offsets, norms)
    assert relaxation is not None
    values = [
        (cols, min(Fraction(s[p] - b, c) for p, b, c in norms)) for cols, s in _packages(oracle)
    ]
    best = max(v for _, v in values)
    assert relaxation.bound() >= best
    for cut in sorted({v for _, v in values})[-4:]:
        for strict in (False, True):
            off = set(relaxation.off(cut, strict=strict).tolist())
            # No package reaching the value (strict: passing it) uses a column ruled out.
            for cols, v in values:
                if v > cut or (v == cut and not strict):
                    assert not off.intersection(cols)
    # The certificate: "a package strictly above v" over the columns left is
    # infeasible at the optimum and finds one just below it.
    for cut, expect in [(best, None), *[(v, True) for v in sorted({v for _, v in values})[-3:-1]]]:
        req = oracle.reservations()
        for p, b, c in norms:
            req.lower[p] = b + math.floor(cut * c) + 1
        req.off = relaxation.off(cut, strict=True)
        found = oracle.solve(req, np.zeros(oracle.cols))
        if expect is None:
            assert found is None
        else:
            sums = found.package.sums
            assert min(Fraction(sums[p] - b, c) for p, b, c in norms) > cut
