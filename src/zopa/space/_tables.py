"""A scenario compiled to integer utility tables, the common input of every engine.

Each party's utility of a package is a sum over issues of ``w_i * v_io / W`` (``W``
the sum of the party's weights). The engines work on these terms scaled to
integers, so sums are exact and ties are ties whatever the order of addition:

* When every weight, value and reservation value is a short decimal (as written in
  a scenario file), the scale is the least common denominator of the party's terms
  and the arithmetic is exact: a package meets a reservation value exactly when
  its rational utility does.
* Otherwise (e.g. evaluations divided by an issue's largest one, as GENIUS does)
  each term is rounded to a multiple of ``2**-40`` and a reservation value is met
  within the accumulated rounding (at most half a unit per issue): ``exact`` is
  then ``False``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from zopa.model import Scenario

__all__: list[str] = []

_EXACT_LIMIT = 2**52  # largest common denominator kept exact (floats hold it exactly)
_FALLBACK_SCALE = 2**40
NO_THRESHOLD = -1  # terms are >= 0, so a threshold of -1 never binds


@dataclass(frozen=True, slots=True)
class RedLineItem:
    """One option a party rules out."""

    party: int
    issue: int
    option: int


@dataclass(frozen=True, slots=True)
class Compiled:
    """Integer tables of a whole scenario (every option, red lines kept aside)."""

    parties: tuple[str, ...]
    issues: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]
    terms: tuple[np.ndarray, ...]  # per issue, (options, parties) int64
    forbidden: tuple[np.ndarray, ...]  # per issue, (options, parties) bool
    scale: tuple[int, ...]  # per party: utility = term sum / scale
    threshold: np.ndarray  # (parties,) int64, NO_THRESHOLD where no reservation value
    exact: bool
    at_least: int = 0  # the decision rule: parties that must accept (0: all)
    required: tuple[int, ...] = ()  # parties that must be among them

    @property
    def n_parties(self) -> int:
        return len(self.parties)

    @property
    def needed(self) -> int:
        """How many parties must accept a package for it to pass."""
        return self.at_least or self.n_parties

    @property
    def unanimous(self) -> bool:
        return self.needed == self.n_parties

    def red_line_items(self) -> list[RedLineItem]:
        return [
            RedLineItem(int(p), i, int(o))
            for i, table in enumerate(self.forbidden)
            for o, p in zip(*np.nonzero(table), strict=True)
        ]

    def utilities(self, sums: np.ndarray) -> np.ndarray:
        """Integer term sums (rows of packages) as float utilities."""
        return np.asarray(sums, dtype=np.float64) / np.array(self.scale, dtype=np.float64)

    def reservation_parties(self) -> list[int]:
        return [p for p in range(self.n_parties) if self.threshold[p] != NO_THRESHOLD]

    def restrict(
        self,
        relaxed_red_lines: Iterable[RedLineItem] = (),
        relaxed_reservations: Iterable[int] = (),
    ) -> Space:
        """The space left by the red lines and reservations not relaxed."""
        lifted = set(relaxed_red_lines)
        option_ids, terms = [], []
        for i, table in enumerate(self.forbidden):
            blocked = table.copy()
            for item in lifted:
                if item.issue == i:
                    blocked[item.option, item.party] = False
            keep = np.flatnonzero(~blocked.any(axis=1))
            option_ids.append(keep)
            terms.append(self.terms[i][keep])
        threshold = self.threshold.copy()
        for p in relaxed_reservations:
            threshold[p] = NO_THRESHOLD
        return Space(tuple(option_ids), tuple(terms), threshold)


@dataclass(frozen=True, slots=True)
class Space:
    """What the engines search: allowed options per issue and the thresholds."""

    option_ids: tuple[np.ndarray, ...]  # per issue, indices into the scenario's options
    terms: tuple[np.ndarray, ...]  # per issue, (allowed options, parties) int64
    threshold: np.ndarray

    @property
    def size(self) -> int:
        return math.prod(len(ids) for ids in self.option_ids)

    @property
    def constrained(self) -> np.ndarray:
        return np.flatnonzero(self.threshold != NO_THRESHOLD)

    def upper_bounds(self) -> np.ndarray:
        """Per issue, the best term each party can still get from the issues after it."""
        if not self.terms:
            return np.zeros((1, len(self.threshold)), dtype=np.int64)
        best = np.array(
            [t.max(axis=0) if len(t) else np.zeros(len(self.threshold)) for t in self.terms]
        )
        tail = np.cumsum(best[::-1], axis=0)[::-1]
        return np.vstack([tail[1:], np.zeros((1, best.shape[1]), dtype=np.int64)]).astype(np.int64)


def _fraction(x: float) -> Fraction:
    # repr() gives the shortest decimal that reads back as x: the number as written.
    return Fraction(repr(float(x)))


def compile_scenario(scenario: Scenario) -> Compiled:
    """Scale every party's utility terms to integers (see the module notes)."""
    issues = scenario.issues
    n = len(scenario.parties)
    fractions: list[list[list[Fraction]]] = []  # [party][issue][option]
    reservations: list[Fraction | None] = []
    for party in scenario.parties:
        total = sum((_fraction(j.value) for j in party.weights.values()), Fraction(0))
        rows = []
        for issue in issues:
            weight = party.weights.get(issue.name)
            values = party.values.get(issue.name, {})
            if weight is None or weight.value == 0:
                rows.append([Fraction(0)] * len(issue.options))
                continue
            w = _fraction(weight.value) / total
            rows.append([w * _fraction(values[o.name].value) for o in issue.options])
        fractions.append(rows)
        reservations.append(
            None if party.reservation is None else _fraction(party.reservation.value)
        )

    scales = []
    exact = True
    for p in range(n):
        denominators = [f.denominator for row in fractions[p] for f in row]
        if reservations[p] is not None:
            denominators.append(reservations[p].denominator)
        scale = math.lcm(*denominators) if denominators else 1
        if scale > _EXACT_LIMIT:
            exact = False
        scales.append(scale)
    if not exact:
        scales = [_FALLBACK_SCALE] * n

    terms = []
    for i, issue in enumerate(issues):
        table = np.empty((len(issue.options), n), dtype=np.int64)
        for p in range(n):
            for o in range(len(issue.options)):
                table[o, p] = round(fractions[p][i][o] * scales[p])
        table.setflags(write=False)
        terms.append(table)

    slack = len(issues) // 2 + 1 if not exact else 0
    threshold = np.full(n, NO_THRESHOLD, dtype=np.int64)
    for p, r in enumerate(reservations):
        if r is not None:
            threshold[p] = max(0, math.ceil(r * scales[p]) - slack)

    forbidden = []
    for issue in issues:
        table = np.zeros((len(issue.options), n), dtype=bool)
        for p, party in enumerate(scenario.parties):
            for name in party.forbidden(issue.name):
                table[issue.option_index(name), p] = True
        table.setflags(write=False)
        forbidden.append(table)

    return Compiled(
        parties=scenario.party_names,
        issues=tuple(i.name for i in issues),
        options=tuple(tuple(o.name for o in i.options) for i in issues),
        terms=tuple(terms),
        forbidden=tuple(forbidden),
        scale=tuple(scales),
        threshold=threshold,
        exact=exact,
        at_least=scenario.rule_parties()[0],
        required=scenario.rule_parties()[1],
    )
