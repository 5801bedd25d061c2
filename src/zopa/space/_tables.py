"""A scenario compiled to integer utility tables, the common input of every engine.

Each party's utility of a package is a sum over issues of ``w_i * v_io / W`` (``W``
the sum of the party's weights). Every weight, value and reservation value is a
rational number (a decimal as written, or a fraction such as ``2/3``: see
:class:`~zopa.model.Judgement`), so each party's terms are scaled by the least
common denominator of all of them (and of its reservation value) to integers:
sums are exact and ties are ties whatever the order of addition, and a package
meets a reservation value exactly when its rational utility does.

A party whose weights are used as written (``weighting: as_written``, as GENIUS
does) has its utility capped at 1: ``cap`` holds the scaled 1 for each party whose
largest possible sum exceeds it. Terms are never negative, so a partial sum that
reaches the cap stays there, and the engines clamp partial sums at it.

The tables are int64 when every party's largest possible sum fits with room to
spare (``2**60``), the fast path; otherwise they are NumPy object arrays of
Python integers, which are exact at any size (slower, used only where int64
would overflow, e.g. many issues whose evaluations have different denominators).

A scenario is frozen, so :func:`compile_scenario` compiles each scenario object
once and returns the same read-only tables on later calls (the engines compile
for every frontier, point and count); the entry goes when the scenario does.

"""

from __future__ import annotations

import itertools
import math
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from operator import itemgetter

import numpy as np

from zopa.model import Scenario

__all__: list[str] = []

_INT64_LIMIT = 2**60  # largest term sum kept in int64 (room for differences and doubling)
NO_THRESHOLD = -1  # terms are >= 0, so a threshold of -1 never binds
# Multiplicities stay int64 while the packages counted so far, times the options
# of the next issue merged (a bound on every count after it), stay below this.
COUNT_LIMIT = 2**62


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
    terms: tuple[np.ndarray, ...]  # per issue, (options, parties) integers (see the module notes)
    forbidden: tuple[np.ndarray, ...]  # per issue, (options, parties) bool
    scale: tuple[int, ...]  # per party: utility = term sum / scale
    threshold: np.ndarray  # (parties,) NO_THRESHOLD where no reservation value
    exact: bool  # utilities compared in exact arithmetic (always, since the scale is exact)
    at_least: int = 0  # the decision rule: parties that must accept (0: all)
    required: tuple[int, ...] = ()  # parties that must be among them
    cap: np.ndarray | None = None  # (parties,) largest utility (scaled 1), or None if none binds

    @property
    def dtype(self) -> np.dtype:
        """int64 on the fast path, object (Python integers) where int64 would overflow."""
        return self.threshold.dtype

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
        if self.dtype == object:
            # Python's int / int rounds correctly at any size.
            quotients = np.asarray(sums, dtype=object) / np.array(self.scale, dtype=object)
            return np.asarray(quotients, dtype=np.float64).reshape(np.shape(sums))
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
            if not table.any():  # nothing ruled out: every option, the read-only table itself
                option_ids.append(np.arange(len(table)))
                terms.append(self.terms[i])
                continue
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
        return Space(tuple(option_ids), tuple(terms), threshold, self.cap)


@dataclass(frozen=True, slots=True)
class Space:
    """What the engines search: allowed options per issue and the thresholds."""

    option_ids: tuple[np.ndarray, ...]  # per issue, indices into the scenario's options
    terms: tuple[np.ndarray, ...]  # per issue, (allowed options, parties) integers
    threshold: np.ndarray
    cap: np.ndarray | None = None  # see Compiled.cap

    @property
    def size(self) -> int:
        return math.prod(len(ids) for ids in self.option_ids)

    @property
    def constrained(self) -> np.ndarray:
        return np.flatnonzero(self.threshold != NO_THRESHOLD)

    @property
    def dtype(self) -> np.dtype:
        return self.threshold.dtype

    def upper_bounds(self) -> np.ndarray:
        """Per issue, the best term each party can still get from the issues after it."""
        n = len(self.threshold)
        if not self.terms:
            return np.zeros((1, n), dtype=self.dtype)
        best = np.array(
            [t.max(axis=0) if len(t) else np.zeros(n, dtype=self.dtype) for t in self.terms],
            dtype=self.dtype,
        ).reshape(len(self.terms), n)
        tail = np.cumsum(best[::-1], axis=0)[::-1]
        return np.vstack([tail[1:], np.zeros((1, n), dtype=self.dtype)]).astype(self.dtype)


def _weight_ratios(party) -> dict[str, tuple[int, int]]:
    """``party.exact_weights()`` as (numerator, denominator) pairs, in integers:
    over the weights' common denominator ``L``, as written or divided by their sum."""
    ratios = {issue: j.exact.as_integer_ratio() for issue, j in party.weights.items()}
    common = math.lcm(*(b for _, b in ratios.values()))
    numerators = {issue: a * (common // b) for issue, (a, b) in ratios.items()}
    total = common if party.weighting == "as_written" else sum(numerators.values())
    return {issue: (a, total) for issue, a in numerators.items()}


def _scaled_terms(
    party, issues, names: list[list[str]], reservation: Fraction | None
) -> tuple[list[list[int]], int]:
    """One party's terms ``w_i * v_io`` over their least common denominator (and the
    reservation value's), and that scale.

    Integers instead of :class:`~fractions.Fraction` products: over any common
    denominator ``M`` the terms have integer numerators ``n``, and their least
    common denominator is ``M / gcd(M, n...)`` (the same exact numbers, several
    times faster). ``M`` is the weights' denominator times the values' ``lcm``.
    """
    weights = _weight_ratios(party)
    numerators: list[tuple[int, list[tuple[int, int]]] | None] = []  # per issue
    denominators = set()
    for issue, options in zip(issues, names, strict=True):
        a, _ = weights.get(issue.name, (0, 1))
        if a == 0:
            numerators.append(None)
            continue
        values = party.values[issue.name]
        ratios = [values[o].exact.as_integer_ratio() for o in options]
        denominators.update(map(itemgetter(1), ratios))
        numerators.append((a, ratios))
    common = math.lcm(*denominators)
    total = next(iter(weights.values()))[1] if weights else 1  # the weights' denominator
    rows = [
        [0] * len(issue.options) if n is None else [n[0] * c * (common // d) for c, d in n[1]]
        for issue, n in zip(issues, numerators, strict=True)
    ]
    g = math.gcd(total * common, *itertools.chain.from_iterable(rows))
    scale = total * common // g
    # A reservation value is met exactly when its numerator over the scale is.
    factor = 1 if reservation is None else math.lcm(scale, reservation.denominator) // scale
    if g == 1 and factor == 1:
        return rows, scale
    return [[x // g * factor for x in row] for row in rows], scale * factor


# Compiled tables per live scenario object (id -> (weak reference, tables)): a
# scenario is frozen, so its tables never change; an entry goes with its scenario.
_COMPILED: dict[int, tuple[weakref.ref, Compiled]] = {}


def compile_scenario(scenario: Scenario) -> Compiled:
    """Scale every party's utility terms to integers (see the module notes).

    Compiled once per scenario object: later calls return the same read-only
    tables (the engines call this for every frontier, point and count).
    """
    key = id(scenario)
    hit = _COMPILED.get(key)
    if hit is not None and hit[0]() is scenario:
        return hit[1]
    compiled = _compile(scenario)
    try:
        ref = weakref.ref(scenario, lambda _, key=key: _COMPILED.pop(key, None))
    except TypeError:  # not weakly referable: compile each time
        return compiled
    _COMPILED[key] = (ref, compiled)
    return compiled


def _compile(scenario: Scenario) -> Compiled:
    issues = scenario.issues
    parties = scenario.parties
    n = len(parties)
    names = [[o.name for o in issue.options] for issue in issues]
    sizes = [len(options) for options in names]
    bounds = [0, *itertools.accumulate(sizes)]  # each issue's rows in the tables below
    integers: list[list[list[int]]] = []  # [party][issue][option], scaled
    scales: list[int] = []
    reservations: list[Fraction | None] = []
    for party in parties:
        reservation = None if party.reservation is None else party.reservation.exact
        terms, scale = _scaled_terms(party, issues, names, reservation)
        integers.append(terms)
        scales.append(scale)
        reservations.append(reservation)
    reach = [sum(max(row, default=0) for row in integers[p]) for p in range(n)]
    largest = max(reach, default=0)
    dtype = np.dtype(np.int64) if largest < _INT64_LIMIT else np.dtype(object)
    cap = None
    capped = [
        p
        for p, party in enumerate(parties)
        if party.weighting == "as_written" and reach[p] > scales[p]
    ]
    if capped:
        # Parties without a binding cap get one above anything they can reach.
        cap = np.array([scales[p] if p in capped else largest + 1 for p in range(n)], dtype=dtype)
        cap.setflags(write=False)

    # One (all options, parties) table, viewed per issue (the views are read-only too).
    columns = [list(itertools.chain.from_iterable(rows)) for rows in integers]
    table = np.array(columns, dtype=dtype).reshape(n, bounds[-1]).T.copy()
    table.setflags(write=False)
    terms = tuple(table[bounds[i] : bounds[i + 1]] for i in range(len(issues)))

    threshold = np.full(n, NO_THRESHOLD, dtype=dtype)
    for p, r in enumerate(reservations):
        if r is not None:
            threshold[p] = int(r * scales[p])
    threshold.setflags(write=False)

    blocked = np.zeros((bounds[-1], n), dtype=bool)
    for p, party in enumerate(parties):
        if not party.red_lines:
            continue
        for i, issue in enumerate(issues):
            for name in party.forbidden(issue.name):
                blocked[bounds[i] + issue.option_index(name), p] = True
    blocked.setflags(write=False)
    forbidden = tuple(blocked[bounds[i] : bounds[i + 1]] for i in range(len(issues)))

    at_least, required = scenario.rule_parties()
    return Compiled(
        parties=tuple(party.name for party in parties),
        issues=tuple(i.name for i in issues),
        options=tuple(tuple(options) for options in names),
        terms=terms,
        forbidden=forbidden,
        scale=tuple(scales),
        threshold=threshold,
        exact=True,
        cap=cap,
        at_least=at_least,
        required=required,
    )
