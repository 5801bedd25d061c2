"""The agreement space over time: the verdict at each date a judgement changed.

Red lines and reservation values may say when they hold (``since``/``until``, see
:meth:`zopa.model.Citation.holds_on`). :func:`history` analyses the scenario as it
stood on each date one of them comes into or out of force, so a user sees the
zone of agreement open or close as positions moved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from zopa.model import Scenario
from zopa.space.analysis import Analysis, analyze

__all__ = ["Change", "Period", "history"]


@dataclass(frozen=True, slots=True)
class Change:
    """A red line or reservation value that comes into (``starts``) or out of (``ends``) force."""

    party: str
    kind: str  # red_line or reservation
    event: str  # starts or ends
    issue: str | None = None
    option: str | None = None
    value: float | None = None  # the reservation value

    def __str__(self) -> str:
        what = (
            f"red line {self.issue}={self.option}"
            if self.kind == "red_line"
            else f"reservation {self.value:g}"
        )
        return f"{self.party}: {what} {self.event}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (keys without a value left out)."""
        out = {"party": self.party, "kind": self.kind, "event": self.event}
        extra = {"issue": self.issue, "option": self.option, "value": self.value}
        return out | {k: v for k, v in extra.items() if v is not None}


@dataclass(frozen=True, slots=True)
class Period:
    """The scenario from ``date`` until the next change: what changed, and its analysis."""

    date: str
    changes: tuple[Change, ...]
    analysis: Analysis

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping: the date, the changes and the verdict."""
        a = self.analysis
        return {
            "date": self.date,
            "changes": [c.to_dict() for c in self.changes],
            "deal_possible": a.deal_possible,
            "feasible_count": a.feasible.count,
            "feasible_count_exact": a.feasible.exact,
            "blocked_issues": [p.issue for p in a.pruning if p.blocked],
            "nash": None if a.nash is None else a.nash.to_dict(),
            "concessions": [c.to_dict() for c in a.concessions],
            "notes": list(a.notes),
        }


def _changes_on(scenario: Scenario, date: str) -> tuple[Change, ...]:
    changes = []
    for party in scenario.parties:
        for issue, lines in party.red_lines.items():
            for line in lines:
                for event, bound in (("starts", line.since), ("ends", line.until)):
                    if bound == date:
                        changes.append(Change(party.name, "red_line", event, issue, line.option))
        reservation = party.reservation
        if reservation is not None:
            for event, bound in (("starts", reservation.since), ("ends", reservation.until)):
                if bound == date:
                    changes.append(
                        Change(party.name, "reservation", event, value=reservation.value)
                    )
    return tuple(changes)


def history(
    scenario: Scenario,
    *,
    max_concession_size: int = 2,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Period, ...]:
    """Analyse ``scenario`` as it stood on each date a dated judgement changed.

    Parameters
    ----------
    scenario : Scenario
    max_concession_size : int
        Largest concession set searched at each date.
    progress : callable, optional
        Called as ``progress(dates_done, dates)``.

    Returns
    -------
    tuple of Period
        One per date of :attr:`Scenario.change_dates`, oldest first; empty when no
        judgement is dated.

    Examples
    --------
    >>> from zopa.model import load_builtin
    >>> periods = history(load_builtin("tiny"))
    >>> periods
    ()
    """
    dates = scenario.change_dates
    periods = []
    for done, date in enumerate(dates):
        analysis = analyze(
            scenario.as_of(date), max_pareto=0, max_concession_size=max_concession_size
        )
        periods.append(Period(date, _changes_on(scenario, date), analysis))
        if progress is not None:
            progress(done + 1, len(dates))
    return tuple(periods)
