"""Pruning by red lines: what each party rules out and what is left."""

from __future__ import annotations

import math
from dataclasses import dataclass

from zopa.model import Scenario
from zopa.space._coalitions import coalition_space, minimal_coalitions
from zopa.space._reachable import reaches
from zopa.space._tables import Compiled, RedLineItem, compile_scenario

__all__ = ["IssuePruning", "is_feasible", "outcome_count", "prune"]


@dataclass(frozen=True, slots=True)
class IssuePruning:
    """One issue after red lines: the options left and who removed the others."""

    issue: str
    allowed: tuple[str, ...]
    removed_by: dict[str, tuple[str, ...]]  # option -> parties that rule it out

    @property
    def blocked(self) -> bool:
        """True when every option is ruled out by some party."""
        return not self.allowed


def outcome_count(scenario: Scenario) -> int:
    """The number of packages (one option per issue), red lines ignored.

    Examples
    --------
    >>> from zopa.model import load_builtin
    >>> outcome_count(load_builtin("tiny"))
    9
    """
    return math.prod(len(issue.options) for issue in scenario.issues)


def prune(scenario: Scenario) -> list[IssuePruning]:
    """Per issue, the options no party rules out, and who rules out the rest."""
    out = []
    for issue in scenario.issues:
        removed: dict[str, tuple[str, ...]] = {}
        for option in issue.options:
            parties = tuple(
                p.name for p in scenario.parties if option.name in p.forbidden(issue.name)
            )
            if parties:
                removed[option.name] = parties
        allowed = tuple(o.name for o in issue.options if o.name not in removed)
        out.append(IssuePruning(issue.name, allowed, removed))
    return out


def is_feasible(scenario: Scenario) -> bool:
    """Whether some package passes the decision rule.

    Under unanimity: whether some package meets every red line and every
    reservation value. Exact at any size, without building the frontier: a
    merge of partial sums clamped at the reservation values that stops at the
    first package meeting them all (see :mod:`zopa.space._reachable`). Under
    "at least k of n" it is decided for each minimal passing coalition in turn.

    Examples
    --------
    >>> from zopa.model import load_builtin
    >>> is_feasible(load_builtin("tiny")), is_feasible(load_builtin("ukraine-2026"))
    (True, False)
    """
    return rule_is_feasible(compile_scenario(scenario))


def rule_is_feasible(
    compiled: Compiled,
    relaxed_red_lines: list[RedLineItem] | tuple[RedLineItem, ...] = (),
    relaxed_reservations: list[int] | tuple[int, ...] = (),
) -> bool:
    """:func:`is_feasible` with red lines and reservations relaxed as given."""
    if compiled.unanimous:
        space = compiled.restrict(relaxed_red_lines, relaxed_reservations)
        return reaches(space)
    return any(
        reaches(coalition_space(compiled, s, relaxed_red_lines, relaxed_reservations))
        for s in minimal_coalitions(compiled)
    )
