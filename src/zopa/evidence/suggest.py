"""What newer claims say an analyst should change in a scenario.

:func:`suggest_changes` reads the stored claims that are newer than the judgements
they speak to (see :func:`zopa.evidence.check.is_newer`) and proposes, per party,
issue and option, one change with every claim that backs it:

- ``add_red_line``: the party now rejects or draws a red line at an option it
  does not rule out (only from claims that name the option);
- ``end_red_line``: the party now accepts, offers or proposes an option it rules
  out; applied, the red line gets ``until`` the newest claim's date;
- ``dropped_demand``: the party offers or accepts something on an issue where it
  rules options out, without naming an option ("Moscow dropped its demand");
  applied, each of its red lines on that issue ends;
- ``accepted_option``: the party accepts or offers an option it values below its
  best on that issue. Advice only: the new value is the analyst's to set.

The analyst applies a suggestion (:func:`apply_suggestions`, ``zopa suggest
--apply KEY``), which writes the change with the claims cited and the claim's date
as ``since``/``until``, or rejects it (:func:`dismiss_suggestions`, ``--reject``),
which lists its claims under the scenario's ``dismissed_claims`` so they are not
proposed again. Keys are stable: the same kind, party, issue and option give the
same key whatever claims back it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from zopa.errors import ScenarioError, UnknownNameError
from zopa.evidence.check import _judged_on, is_newer
from zopa.model.io import scenario_from_data, scenario_to_data
from zopa.model.types import Citation, Party, RedLine, Scenario

if TYPE_CHECKING:
    from zopa.evidence.store import Store, StoredClaim

__all__ = ["KINDS", "Suggestion", "apply_suggestions", "dismiss_suggestions", "suggest_changes"]

KINDS = ("add_red_line", "end_red_line", "dropped_demand", "accepted_option")
_REFUSING = frozenset({"rejects", "red_line"})
_ACCEPTING = frozenset({"accepts", "offers", "proposes"})
_CONCEDING = frozenset({"accepts", "offers"})


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One change newer claims call for, with the claims (newest first) that back it."""

    key: str
    kind: str
    party: str
    issue: str
    option: str | None
    change: str  # in words
    claims: tuple[StoredClaim, ...]
    applicable: bool  # False for advice an analyst must turn into a number

    @property
    def date(self) -> str:
        """The newest backing claim's date."""
        return self.claims[0].date

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping, with each claim's id, date, stance, quote and source."""
        return {
            "key": self.key,
            "kind": self.kind,
            "party": self.party,
            "issue": self.issue,
            "option": self.option,
            "change": self.change,
            "date": self.date,
            "applicable": self.applicable,
            "claims": [
                {
                    "id": c.id,
                    "date": c.date,
                    "stance": c.stance,
                    "quote": c.quote,
                    "outlet": c.outlet,
                    "title": c.title,
                    "document_id": c.document_id,
                }
                for c in self.claims
            ],
        }


def _key(kind: str, party: str, issue: str, option: str | None) -> str:
    joined = "\x1f".join((kind, party, issue, option or ""))
    return "s" + hashlib.sha256(joined.encode("utf-8")).hexdigest()[:8]


def suggest_changes(scenario: Scenario, store: Store) -> tuple[Suggestion, ...]:
    """The changes stored claims newer than ``scenario``'s judgements call for, newest first.

    Claims listed in ``scenario.dismissed_claims`` are left out; a red line that
    has already ended (``until``) is not proposed again.

    Examples
    --------
    >>> from zopa.evidence.store import Store
    >>> from zopa.model import load_builtin
    >>> suggest_changes(load_builtin("tiny"), Store("sqlite://"))
    ()
    """
    dismissed = set(scenario.dismissed_claims)
    claims = [c for c in store.claims() if c.id not in dismissed]
    claim_dates = {c.id: c.date for c in claims}
    source_dates = {s.id: s.date for s in scenario.sources}
    issues = {i.name for i in scenario.issues}
    found: dict[str, tuple[str, str, str, str | None, str, bool, list[StoredClaim]]] = {}

    def propose(
        kind: str, party: Party, claim: StoredClaim, option: str | None, change: str
    ) -> None:
        key = _key(kind, party.name, claim.issue, option)
        entry = found.setdefault(
            key, (kind, party.name, claim.issue, option, change, kind != "accepted_option", [])
        )
        entry[6].append(claim)

    def newer(claim: StoredClaim, citation: Citation) -> bool:
        return is_newer(claim.date, _judged_on(citation, source_dates, claim_dates))

    for claim in claims:
        if claim.issue not in issues or claim.actor not in scenario.party_names:
            continue
        party = scenario.party(claim.actor)
        lines = {
            line.option: line for line in party.red_lines.get(claim.issue, ()) if not line.until
        }
        values = party.values.get(claim.issue, {})
        option = claim.option
        if option is None:
            if claim.stance in _CONCEDING and lines:
                latest = max(
                    lines.values(),
                    key=lambda line: _judged_on(line, source_dates, claim_dates) or "",
                )
                if newer(claim, latest):
                    change = f"{party.name} no longer rules out {', '.join(lines)} on {claim.issue}"
                    propose("dropped_demand", party, claim, None, change)
            continue
        if claim.stance in _ACCEPTING and option in lines:
            if newer(claim, lines[option]):
                change = f"{party.name} no longer rules out {claim.issue}={option}"
                propose("end_red_line", party, claim, option, change)
        elif claim.stance in _REFUSING and option not in lines and option in values:
            if newer(claim, values[option]):
                change = f"{party.name} rules out {claim.issue}={option}"
                propose("add_red_line", party, claim, option, change)
        elif claim.stance in _CONCEDING and option in values and option not in lines:
            top = max(v.value for v in values.values())
            if values[option].value < top and newer(claim, values[option]):
                change = (
                    f"{party.name} accepts {claim.issue}={option}, valued "
                    f"{values[option].value:g} of its best {top:g}: consider raising it"
                )
                propose("accepted_option", party, claim, option, change)

    suggestions = [
        Suggestion(
            key,
            kind,
            party,
            issue,
            option,
            change,
            tuple(sorted(backing, key=lambda c: (c.date, c.id), reverse=True)),
            applicable,
        )
        for key, (kind, party, issue, option, change, applicable, backing) in found.items()
    ]
    suggestions.sort(key=lambda s: (s.date, s.key), reverse=True)
    return tuple(suggestions)


def _pick(suggestions: tuple[Suggestion, ...], keys: list[str]) -> list[Suggestion]:
    by_key = {s.key: s for s in suggestions}
    unknown = [k for k in keys if k not in by_key]
    if unknown:
        known = ", ".join(by_key) or "none"
        raise UnknownNameError(f"unknown suggestion {', '.join(unknown)}; current: {known}")
    return [by_key[k] for k in keys]


def apply_suggestions(
    scenario: Scenario, suggestions: tuple[Suggestion, ...], keys: list[str]
) -> Scenario:
    """``scenario`` with the suggestions named by ``keys`` applied, each citing its claims.

    Raises
    ------
    UnknownNameError
        When a key is not among ``suggestions``.
    ScenarioError
        When a suggestion is advice only, or applying it would rule out every option
        of an issue (the scenario's own validation says so).
    """
    picked = _pick(suggestions, keys)
    advice = [s.key for s in picked if not s.applicable]
    if advice:
        raise ScenarioError(
            f"{', '.join(advice)}: advice only (a value to reconsider); change it by hand"
        )
    parties = {p.name: p for p in scenario.parties}
    for s in picked:
        party = parties[s.party]
        ids = tuple(c.id for c in s.claims)
        lines = list(party.red_lines.get(s.issue, ()))
        if s.kind == "add_red_line":
            note = f"Added by zopa suggest from {len(ids)} claim(s) of {s.date}."
            lines.append(RedLine(option=s.option, claims=ids, since=s.date, note=note))
        else:
            ending = {s.option} if s.kind == "end_red_line" else {line.option for line in lines}
            lines = [
                line.model_copy(update={"until": s.date, "claims": (*line.claims, *ids)})
                if line.option in ending and not line.until
                else line
                for line in lines
            ]
        parties[s.party] = party.model_copy(
            update={"red_lines": {**party.red_lines, s.issue: tuple(lines)}}
        )
    updated = scenario.model_copy(update={"parties": tuple(parties.values())})
    # Validate again: a new red line may leave an issue with no option at all.
    return scenario_from_data(scenario_to_data(updated), where="the suggested scenario")


def dismiss_suggestions(
    scenario: Scenario, suggestions: tuple[Suggestion, ...], keys: list[str]
) -> Scenario:
    """``scenario`` with the claims behind the named suggestions listed as dismissed."""
    ids = [c.id for s in _pick(suggestions, keys) for c in s.claims]
    dismissed = tuple(dict.fromkeys((*scenario.dismissed_claims, *ids)))
    return scenario.model_copy(update={"dismissed_claims": dismissed})
