"""Minimal concession sets: the fewest red lines or reservation values to give up.

A concession is one party dropping one red line (accepting an option it ruled
out) or its reservation value. A set of concessions *opens* a deal when some
package then meets every remaining red line and reservation value; it is minimal
when no smaller subset opens one. Each set is reported with the number of
packages it opens.

Sets are searched by increasing size, as unions of *moves*: a move frees one
option (every red line on it together) or drops one reservation value; a set
that lifts only some of an option's red lines leaves the space as a smaller set
left it. By induction every proper subset of a candidate that holds no set
already found opens nothing, so each package a candidate opens takes every
option it frees: two freed options on one issue are never minimal, and a
candidate is checked with its freed options fixed. Sets that cannot unblock
every issue without an acceptable option are never formed; the rest are
refuted by each party's best possible sum or decided by the exact yes/no test
of :mod:`zopa.space._reachable`.

Under a decision rule other than unanimity a concession matters only when its
party is needed: a set opens a deal when some package then passes the rule, that
is, when for some minimal passing coalition every member accepts it after the
concessions. The moves are formed per coalition (an issue blocks a coalition
when its members rule out every option), and a candidate is checked only for the
coalitions it is a union of moves of: for any other, its space is that of a
proper subset.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from zopa.errors import SpaceTooLargeError
from zopa.model import Scenario
from zopa.space._coalitions import minimal_coalitions
from zopa.space._reachable import reaches
from zopa.space._tables import NO_THRESHOLD, Compiled, RedLineItem, Space, compile_scenario
from zopa.space.count import EXACT_LIMIT, FeasibleCount, count_rule
from zopa.space.frontier import enumerate_space, rule_frontier
from zopa.space.solutions import Solution, nash_point

__all__ = ["Concession", "ConcessionLimitError", "ConcessionSet", "minimal_concessions"]

MAX_CHECKS = 200_000


@dataclass(frozen=True, slots=True)
class Concession:
    """One party giving up one red line (``option`` set) or its reservation value."""

    party: str
    kind: Literal["red_line", "reservation"]
    issue: str | None = None
    option: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"party": self.party, "kind": self.kind}
        if self.kind == "red_line":
            out.update(issue=self.issue, option=self.option)
        return out

    def __str__(self) -> str:
        if self.kind == "reservation":
            return f"{self.party} lowers its reservation value"
        return f"{self.party} accepts {self.issue}={self.option}"


@dataclass(frozen=True, slots=True)
class ConcessionSet:
    """A minimal set of concessions, how many packages it opens, and the deal it allows.

    ``nash`` is the Nash point of the space once these concessions are made: what
    a mediator could then propose.
    """

    relax: tuple[Concession, ...]
    opens: FeasibleCount
    nash: Solution | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "relax": [c.to_dict() for c in self.relax],
            "opens": self.opens.count,
            "opens_exact": self.opens.exact,
            "nash": None if self.nash is None else self.nash.to_dict(),
        }


class ConcessionLimitError(SpaceTooLargeError):
    """The search passed its check limit; ``sets`` are the minimal sets of up to
    ``searched`` concessions, the sizes it finished (ranked as usual)."""

    def __init__(self, message: str, searched: int, sets: list[ConcessionSet]):
        super().__init__(message)
        self.searched = searched
        self.sets = sets


class _Limit(Exception):
    """Raised inside the search, with the raw sets found below the size reached."""

    def __init__(self, message: str, size: int, found: list[tuple]):
        super().__init__(message)
        self.size = size
        self.found = found


_Item = RedLineItem | int  # a red line, or a party index for its reservation value


def minimal_concessions(
    scenario: Scenario,
    *,
    max_size: int = 3,
    method: Literal["search", "brute"] = "search",
    max_checks: int = MAX_CHECKS,
    exact_limit: int = EXACT_LIMIT,
    samples: int = 20_000,
    seed: int | np.random.Generator | None = 0,
) -> list[ConcessionSet]:
    """The minimal concession sets of up to ``max_size`` concessions, ranked.

    Ranked by size, then by the number of packages opened (most first). Empty
    when a deal is already possible.

    Parameters
    ----------
    scenario : Scenario
    max_size : int
        Largest set searched.
    method : {"search", "brute"}
        ``"brute"`` enumerates every package and reads the sets off the
        concessions each package needs (for checks on small spaces).
    max_checks : int
        Most candidate sets the search decides exactly.
    exact_limit, samples, seed
        How the packages each set opens are counted (see
        :func:`~zopa.space.count_feasible`).

    Raises
    ------
    ConcessionLimitError
        When the search would need more than ``max_checks`` exact checks; it
        carries the sets of the sizes finished.

    Examples
    --------
    >>> from zopa.model import load_builtin
    >>> minimal_concessions(load_builtin("tiny"))
    []
    """
    compiled = compile_scenario(scenario)
    items: list[_Item] = [*compiled.red_line_items(), *compiled.reservation_parties()]
    if method == "brute":
        found = _brute_sets(compiled, items, max_size)
    elif method == "search":
        try:
            found = _search_sets(compiled, items, max_size, max_checks)
        except _Limit as limit:
            sets = _ranked([_result(compiled, s, exact_limit, samples, seed) for s in limit.found])
            raise ConcessionLimitError(str(limit), limit.size - 1, sets) from None
    else:
        raise ValueError(f"unknown method {method!r}; use 'search' or 'brute'")
    return _ranked([_result(compiled, s, exact_limit, samples, seed) for s in found])


def _ranked(results: list[ConcessionSet]) -> list[ConcessionSet]:
    return sorted(results, key=lambda r: (len(r.relax), -r.opens.count, [str(c) for c in r.relax]))


def _split(items: tuple[_Item, ...]) -> tuple[list[RedLineItem], list[int]]:
    return [i for i in items if isinstance(i, RedLineItem)], [
        i for i in items if isinstance(i, int)
    ]


def _result(
    compiled: Compiled,
    items: tuple[_Item, ...],
    exact_limit: int,
    samples: int,
    seed: int | np.random.Generator | None,
) -> ConcessionSet:
    red, reservations = _split(items)
    nash = nash_point(rule_frontier(compiled, red, reservations))
    opens = count_rule(
        compiled, red, reservations, exact_limit=exact_limit, samples=samples, seed=seed
    )
    return ConcessionSet(_describe(compiled, items), opens, nash)


class _View:
    """The concession search seen from one minimal passing coalition (all parties
    under unanimity): what its members rule out, and the moves that relax it.

    A move frees one option for the coalition (every member's red line on it,
    together) or drops one member's reservation value. Only unions of moves can
    be minimal: a set that lifts one member's red line on an option another
    member still rules out leaves this coalition's space as it was without it.
    """

    def __init__(self, compiled: Compiled, members: tuple[int, ...], position: dict):
        self.compiled = compiled
        self.members = list(members)
        self.forbidden = [t[:, self.members].any(axis=1) for t in compiled.forbidden]
        self.blocked = {i for i, f in enumerate(self.forbidden) if f.all()}
        # moves: (item bitmask, size, issue or -1, option or party)
        self.moves: list[tuple[int, int, int, int]] = []
        for i, table in enumerate(compiled.forbidden):
            for o in np.flatnonzero(self.forbidden[i]):
                bits = [position[RedLineItem(p, i, int(o))] for p in self.members if table[o, p]]
                self.moves.append((_mask(bits), len(bits), i, int(o)))
        for p in self.members:
            if compiled.threshold[p] != NO_THRESHOLD:
                self.moves.append((_mask([position[p]]), 1, -1, p))
        self.threshold = np.full(compiled.n_parties, NO_THRESHOLD, dtype=compiled.dtype)
        self.threshold[self.members] = compiled.threshold[self.members]

    @functools.cached_property
    def conflicts(self) -> list[tuple[int, int]]:
        """Found when the first candidates are formed: a space that is already feasible
        (the search stops before any) needs none of these checks."""
        return _disjoint_conflicts(self.compiled, self.threshold)

    @functools.cached_property
    def conflict_of(self) -> dict[int, int]:
        return {p: k for k, pair in enumerate(self.conflicts) for p in pair}

    def space(self, moves: tuple[int, ...]) -> Space:
        """What must be checked once ``moves`` (indices into ``self.moves``) are made.

        Each issue a move frees an option on is fixed to that option: when no
        proper subset opens a deal, every package a candidate opens takes each
        option it frees (one without it was open before).
        """
        threshold = self.threshold.copy()
        option_ids = [np.flatnonzero(~forbidden) for forbidden in self.forbidden]
        for m in moves:
            _, _, issue, which = self.moves[m]
            if issue < 0:
                threshold[which] = NO_THRESHOLD
            else:
                option_ids[issue] = np.array([which])
        terms = tuple(t[ids] for t, ids in zip(self.compiled.terms, option_ids, strict=True))
        return Space(tuple(option_ids), terms, threshold, self.compiled.cap)

    def unions(self, size: int, found: set[int]) -> Iterator[tuple[int, tuple[int, ...]]]:
        """Unions of moves of ``size`` items that free every blocked issue, drop a
        reservation value of every conflicting pair, and hold no set already found:
        (item bitmask, moves)."""
        if len(self.blocked) + len(self.conflicts) > size:
            return
        moves, blocked, conflict_of = self.moves, self.blocked, self.conflict_of

        def grow(start, budget, mask, chosen, open_, unsettled):
            # At most one option freed per issue: of two, a package takes one, and
            # the set without the other's move opened it already.
            if budget == 0:
                if open_ == 0 and unsettled == 0:
                    yield mask, chosen
                return
            # Each move frees at most one blocked issue or settles one pair (the
            # pairs are disjoint), never both.
            if open_ + unsettled.bit_count() > budget:
                return
            for m in range(start, len(moves)):
                bits, cost, issue, which = moves[m]
                if cost > budget or (issue >= 0 and any(moves[c][2] == issue for c in chosen)):
                    continue
                new = mask | bits
                if found and _holds_found(new, bits, found):
                    continue
                settled = 1 << conflict_of[which] if issue < 0 and which in conflict_of else 0
                yield from grow(
                    m + 1,
                    budget - cost,
                    new,
                    (*chosen, m),
                    open_ - (issue in blocked),
                    unsettled & ~settled,
                )

        yield from grow(0, size, 0, (), len(blocked), (1 << len(self.conflicts)) - 1)


MAX_PAIR_CHECKS = 5_000


def _disjoint_conflicts(compiled: Compiled, threshold: np.ndarray) -> list[tuple[int, int]]:
    """Disjoint pairs of parties whose reservation values no package meets together,
    even with every red line lifted: every set that opens a deal drops a reservation
    value of each pair, so a set needs at least one concession per pair.

    A greedy matching, tightest parties first, of at most ``MAX_PAIR_CHECKS``
    exact two-party checks: any set of disjoint pairs is a valid bound.
    """
    parties = [int(p) for p in np.flatnonzero(threshold != NO_THRESHOLD)]
    if len(parties) < 2:
        return []
    best = sum(t.max(axis=0) for t in compiled.terms)
    # Tightest first: the share of its best sum a party's reservation value asks.
    parties.sort(key=lambda p: -float(threshold[p]) / max(float(best[p]), 1.0))
    everything = tuple(np.arange(len(t)) for t in compiled.terms)
    pairs: list[tuple[int, int]] = []
    matched: set[int] = set()
    checks = 0
    for a, p in enumerate(parties):
        if p in matched:
            continue
        for q in parties[a + 1 :]:
            if q in matched:
                continue
            if checks == MAX_PAIR_CHECKS:
                return pairs
            checks += 1
            both = np.full_like(threshold, NO_THRESHOLD)
            both[[p, q]] = threshold[[p, q]]
            if not reaches(Space(everything, compiled.terms, both, compiled.cap)):
                pairs.append((p, q))
                matched |= {p, q}
                break
    return pairs


def _mask(bits: list[int]) -> int:
    out = 0
    for b in bits:
        out |= 1 << b
    return out


def _holds_found(mask: int, added: int, found: set[int]) -> bool:
    """Whether ``mask`` contains a found set that meets ``added`` (the others were
    looked for when the smaller union was formed)."""
    sub = mask
    while sub:
        if sub & added and sub in found:
            return True
        sub = (sub - 1) & mask
    return False


def _search_sets(
    compiled: Compiled, items: list[_Item], max_size: int, max_checks: int
) -> list[tuple]:
    """Minimal sets by increasing size (see the module notes).

    By induction every proper subset of a candidate that holds no found set is
    infeasible, so a candidate needs checking only for the coalitions it is a
    union of moves of: for any other its space is that of a proper subset.
    """
    position = {item: k for k, item in enumerate(items)}
    views = [_View(compiled, members, position) for members in minimal_coalitions(compiled)]
    if any(reaches(v.space(())) for v in views):
        return []
    found: set[int] = set()
    checks = 0
    for size in range(1, max_size + 1):
        candidates: dict[int, list[tuple[_View, tuple[int, ...]]]] = {}
        for view in views:
            for mask, moves in view.unions(size, found):
                candidates.setdefault(mask, []).append((view, moves))
        new = set()
        for mask, ways in candidates.items():
            spaces = [view.space(moves) for view, moves in ways]
            spaces = [s for s in spaces if _within_reach(s)]
            if not spaces:
                continue
            checks += 1
            if checks > max_checks:
                raise _Limit(
                    f"the concession search needs more than {max_checks:,} exact checks "
                    f"at sets of {size} concessions; search smaller sets",
                    size,
                    _sorted_sets(found, items),
                )
            if any(reaches(s) for s in spaces):
                new.add(mask)
        found |= new
    return _sorted_sets(found, items)


def _sorted_sets(found: set[int], items: list[_Item]) -> list[tuple]:
    return [tuple(sorted(_unmask(f, items), key=_order)) for f in found]


def _within_reach(space: Space) -> bool:
    """Each party's best possible sum (its best option on every issue) meets its
    reservation value: the quick test before an exact check."""
    if space.size == 0:
        return False
    c = space.constrained
    if not len(c):
        return True
    return bool((sum(t[:, c].max(axis=0) for t in space.terms) >= space.threshold[c]).all())


def _unmask(mask: int, items: list[_Item]) -> list[_Item]:
    return [item for k, item in enumerate(items) if mask >> k & 1]


def _brute_sets(compiled: Compiled, items: list[_Item], max_size: int) -> list[tuple]:
    full = compiled.restrict(compiled.red_line_items(), compiled.reservation_parties())
    grid, sums = enumerate_space(full)
    coalitions = [set(c) for c in minimal_coalitions(compiled)]
    needs: set[frozenset] = set()
    for row, total in zip(grid, sums, strict=True):
        need: set[_Item] = set()
        for i, o in enumerate(row):
            for p in np.flatnonzero(compiled.forbidden[i][o]):
                need.add(RedLineItem(int(p), i, int(o)))
        for p in compiled.reservation_parties():
            if total[p] < compiled.threshold[p]:
                need.add(p)
        # What each minimal coalition would have to give up for this package.
        for members in coalitions:
            needs.add(
                frozenset(
                    x for x in need if (x.party if isinstance(x, RedLineItem) else x) in members
                )
            )
    if frozenset() in needs:
        return []
    minimal = [n for n in needs if len(n) <= max_size and not any(m < n for m in needs)]
    return [tuple(sorted(n, key=_order)) for n in minimal]


def _order(item: _Item) -> tuple:
    if isinstance(item, RedLineItem):
        return (0, item.issue, item.option, item.party)
    return (1, item, 0, 0)


def _describe(compiled: Compiled, items: tuple[_Item, ...]) -> tuple[Concession, ...]:
    out = []
    for item in items:
        if isinstance(item, RedLineItem):
            out.append(
                Concession(
                    compiled.parties[item.party],
                    "red_line",
                    compiled.issues[item.issue],
                    compiled.options[item.issue][item.option],
                )
            )
        else:
            out.append(Concession(compiled.parties[item], "reservation"))
    return tuple(out)
