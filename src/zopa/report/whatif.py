"""What-if changes to a scenario: drop red lines or reservation values, change weights.

The changed scenario is rebuilt through :func:`~zopa.model.scenario_from_data`,
so it is validated like a file (a weight set negative, or every weight set to
zero, is a :class:`~zopa.errors.ScenarioError` naming the party and issue).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from zopa.errors import UnknownNameError
from zopa.model import Scenario, scenario_from_data, scenario_to_data
from zopa.space import Concession

__all__ = ["WhatIf", "apply_whatif"]


@dataclass(frozen=True, slots=True)
class WhatIf:
    """Changes to try: red lines dropped (party, issue, option) and weights set.

    ``weights`` maps a party to ``{issue: new weight}``; weights are relative,
    as in scenario files.
    """

    drop_red_lines: tuple[tuple[str, str, str], ...] = ()
    drop_reservations: tuple[str, ...] = ()
    weights: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.drop_red_lines or self.drop_reservations or any(self.weights.values()))

    @classmethod
    def from_concessions(cls, concessions: Iterable[Concession]) -> WhatIf:
        """The change that makes these concessions (from :func:`~zopa.space.analyze`)."""
        items = list(concessions)
        return cls(
            drop_red_lines=tuple(
                (c.party, c.issue, c.option) for c in items if c.kind == "red_line"
            ),
            drop_reservations=tuple(c.party for c in items if c.kind == "reservation"),
        )

    def key(self) -> tuple:
        """A hashable, order-free form (for caching analyses)."""
        weights = tuple(
            sorted((p, i, float(w)) for p, ws in self.weights.items() for i, w in ws.items())
        )
        return (
            tuple(sorted(set(self.drop_red_lines))),
            tuple(sorted(set(self.drop_reservations))),
            weights,
        )


def _party_index(scenario: Scenario, name: str) -> int:
    party = scenario.party(name)  # raises UnknownNameError with the known names
    return scenario.party_names.index(party.name)


def apply_whatif(scenario: Scenario, change: WhatIf) -> Scenario:
    """The scenario with ``change`` applied; the input is left as it was.

    Raises
    ------
    UnknownNameError
        For a party, issue or red line the scenario does not have.
    ScenarioError
        When the changed scenario is not valid (a negative or all-zero weight).

    Examples
    --------
    >>> from zopa.model import load_builtin
    >>> tiny = load_builtin("tiny")
    >>> changed = apply_whatif(tiny, WhatIf(drop_red_lines=(("North", "river", "north_bank"),)))
    >>> changed.parties[0].red_lines, tiny.parties[0].red_lines["river"][0].option
    ({}, 'north_bank')
    """
    if change.empty:
        return scenario
    data = scenario_to_data(scenario)
    for party_name, issue, option in _unique(change.drop_red_lines):
        party = data["parties"][_party_index(scenario, party_name)]
        lines = party.get("red_lines", {}).get(issue)
        kept = [r for r in lines or () if _option(r) != option]
        if lines is None or len(kept) == len(lines):
            raise UnknownNameError(f"what-if: {party['name']} has no red line on {issue}={option}")
        if kept:
            party["red_lines"][issue] = kept
        else:
            del party["red_lines"][issue]
    for party_name in sorted(set(change.drop_reservations)):
        party = data["parties"][_party_index(scenario, party_name)]
        if party.pop("reservation", None) is None:
            raise UnknownNameError(f"what-if: {party['name']} has no reservation value")
    for party_name, weights in change.weights.items():
        party = data["parties"][_party_index(scenario, party_name)]
        for issue, weight in weights.items():
            scenario.issue(issue)  # raises UnknownNameError for an unknown issue
            old = party["weights"].get(issue)
            if isinstance(old, dict):
                party["weights"][issue] = {**old, "value": float(weight)}
            else:
                party["weights"][issue] = float(weight)
    return scenario_from_data(data, where="what-if")


def _option(red_line: object) -> str:
    return red_line["option"] if isinstance(red_line, dict) else str(red_line)


def _unique(items: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return sorted(set(items))
