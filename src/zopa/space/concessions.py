"""Minimal concession sets: the fewest red lines or reservation values to give up.

A concession is one party dropping one red line (accepting an option it ruled
out) or its reservation value. A set of concessions *opens* a deal when some
package then meets every remaining red line and reservation value; it is minimal
when no smaller subset opens one. Sets are searched by increasing size; a set
that cannot unblock every issue left without an acceptable option is skipped
before any utility is computed, and the rest are decided exactly by the frontier
engine. Each set is reported with the number of packages it opens.

Under a decision rule other than unanimity a concession matters only when its
party is needed: a set opens a deal when some package then passes the rule, that
is, when for some minimal passing coalition every member accepts it after the
concessions. The quick skip is taken per coalition (an issue blocks a coalition
when its members rule out every option), and a set is kept when it unblocks the
issues of at least one coalition.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from zopa.errors import SpaceTooLargeError
from zopa.model import Scenario
from zopa.space._coalitions import minimal_coalitions
from zopa.space._tables import Compiled, RedLineItem, compile_scenario
from zopa.space.count import EXACT_LIMIT, FeasibleCount, count_rule
from zopa.space.frontier import enumerate_space, rule_frontier
from zopa.space.prune import rule_is_feasible
from zopa.space.solutions import Solution, nash_point

__all__ = ["Concession", "ConcessionSet", "minimal_concessions"]

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
    SpaceTooLargeError
        When the search would need more than ``max_checks`` exact checks; a
        smaller ``max_size`` may then finish.

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
        found = _search_sets(compiled, items, max_size, max_checks)
    else:
        raise ValueError(f"unknown method {method!r}; use 'search' or 'brute'")
    results = [_result(compiled, s, exact_limit, samples, seed) for s in found]
    results.sort(key=lambda r: (len(r.relax), -r.opens.count, [str(c) for c in r.relax]))
    return results


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


def _feasible(compiled: Compiled, items: tuple[_Item, ...]) -> bool:
    red, reservations = _split(items)
    return rule_is_feasible(compiled, red, reservations)


def _blocked_by_coalition(compiled: Compiled) -> list[list[list[set[RedLineItem]]]]:
    """Per minimal coalition, per issue its members block, per option their red lines on it."""
    out = []
    for coalition in minimal_coalitions(compiled):
        members = list(coalition)
        blocked = []
        for i, table in enumerate(compiled.forbidden):
            if table[:, members].any(axis=1).all():
                blocked.append(
                    [
                        {RedLineItem(p, i, o) for p in members if table[o, p]}
                        for o in range(len(table))
                    ]
                )
        out.append(blocked)
    return out


def _search_sets(
    compiled: Compiled, items: list[_Item], max_size: int, max_checks: int
) -> list[tuple]:
    if _feasible(compiled, ()):
        return []
    # Per coalition, each issue with no option its members all accept: per
    # option, the red lines on it.
    by_coalition = _blocked_by_coalition(compiled)
    found: list[frozenset] = []
    checks = 0
    for size in range(1, max_size + 1):
        for combo in itertools.combinations(items, size):
            chosen = frozenset(combo)
            if any(f <= chosen for f in found):
                continue
            if not any(
                all(any(option <= chosen for option in issue) for issue in blocked)
                for blocked in by_coalition
            ):
                continue
            checks += 1
            if checks > max_checks:
                raise SpaceTooLargeError(
                    f"the concession search needs more than {max_checks:,} exact checks "
                    f"at sets of {size} concessions; search smaller sets"
                )
            if _feasible(compiled, combo):
                found.append(chosen)
    return [tuple(sorted(f, key=_order)) for f in found]


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
