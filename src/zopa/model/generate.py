"""Random linear-additive scenarios, for benchmarks, tests and teaching."""

from __future__ import annotations

import numpy as np

from zopa.model.types import Scenario

__all__ = ["random_scenario"]


def random_scenario(
    n_parties: int,
    n_issues: int,
    n_options: int | list[int],
    *,
    red_line_rate: float = 0.0,
    reservation: float | None = None,
    decimals: int | None = 3,
    seed: int | np.random.Generator | None = None,
) -> Scenario:
    """A scenario with random weights and values.

    Parameters
    ----------
    n_parties, n_issues : int
    n_options : int or list of int
        Options per issue (one number for all, or one per issue).
    red_line_rate : float
        Chance that a party rules out a given option (never every option of an issue).
    reservation : float, optional
        The same reservation value for every party.
    decimals : int or None
        Round weights and values to this many decimals (``None``: full floats),
        which keeps the engines' arithmetic exact.
    seed : int, Generator or None

    Examples
    --------
    >>> s = random_scenario(3, 4, 5, seed=1)
    >>> len(s.parties), len(s.issues), len(s.issues[0].options)
    (3, 4, 5)
    """
    rng = np.random.default_rng(seed)
    sizes = [n_options] * n_issues if isinstance(n_options, int) else list(n_options)

    def number(x: float) -> float:
        return float(round(x, decimals)) if decimals is not None else float(x)

    issues = [
        {"name": f"i{i}", "options": [{"name": f"o{o}"} for o in range(size)]}
        for i, size in enumerate(sizes)
    ]
    parties = []
    for p in range(n_parties):
        weights = {f"i{i}": number(rng.uniform(0.05, 1.0)) for i in range(len(sizes))}
        values = {
            f"i{i}": {f"o{o}": number(rng.uniform()) for o in range(size)}
            for i, size in enumerate(sizes)
        }
        red_lines = {}
        for i, size in enumerate(sizes):
            banned = [f"o{o}" for o in range(size) if rng.uniform() < red_line_rate]
            if banned and len(banned) < size:
                red_lines[f"i{i}"] = banned
        party = {"name": f"P{p}", "weights": weights, "values": values, "red_lines": red_lines}
        if reservation is not None:
            party["reservation"] = reservation
        parties.append(party)
    return Scenario.model_validate({"name": "random", "issues": issues, "parties": parties})
