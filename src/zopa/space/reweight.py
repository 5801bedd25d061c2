"""Feasibility of one scenario under many re-weightings, with the red lines compiled once.

Monte Carlo over an analyst's uncertainty changes weights, values and reservation
values but not the options or the red lines, so the pruned space is computed once
and each sample only re-scales its utility terms. Sampled terms are floats, so they
are rounded to multiples of ``2**-40`` and a reservation value is met within the
accumulated rounding (at most half a unit per issue): near-ties may go either way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np

from zopa.model import Scenario
from zopa.space._tables import NO_THRESHOLD, compile_scenario
from zopa.space.prune import rule_is_feasible

__all__ = ["FeasibilityCheck"]

_SCALE = 2**40  # sampled terms are floats, not numbers as written: rounded to 2**-40


class FeasibilityCheck:
    """``is_feasible`` for re-weighted copies of ``scenario``.

    Examples
    --------
    >>> from zopa.model import load_builtin
    >>> check = FeasibilityCheck(load_builtin("tiny"))
    >>> terms = [np.array([[0.0, 0.5], [0.4, 0.25], [0.67, 0.0]]),
    ...          np.array([[0.33, 0.0], [0.17, 0.35], [0.0, 0.5]])]
    >>> check(terms, np.array([np.nan, 0.4]))
    True
    """

    def __init__(self, scenario: Scenario) -> None:
        self._compiled = compile_scenario(scenario)
        self._slack = len(scenario.issues) // 2 + 1
        # Red lines alone rule everything out, whatever the weights (unanimity only).
        self.never = self._compiled.unanimous and self._compiled.restrict().size == 0

    def __call__(self, terms: Sequence[np.ndarray], reservation: np.ndarray) -> bool:
        """Whether a package passes the decision rule (red lines and reservation values).

        Parameters
        ----------
        terms : sequence of ndarray, one per issue, shape ``(options, parties)``
            Each party's utility from each option: its normalised issue weight times
            its value of the option.
        reservation : ndarray, shape ``(parties,)``
            Reservation values, NaN for a party without one.
        """
        if self.never:
            return False
        scaled = tuple(np.rint(np.asarray(t) * _SCALE).astype(np.int64) for t in terms)
        threshold = np.where(
            np.isnan(reservation),
            NO_THRESHOLD,
            np.maximum(0, np.ceil(np.nan_to_num(reservation) * _SCALE) - self._slack),
        ).astype(np.int64)
        compiled = dataclasses.replace(
            self._compiled,
            terms=scaled,
            scale=(_SCALE,) * self._compiled.n_parties,
            threshold=threshold,
            exact=False,
        )
        return rule_is_feasible(compiled)
