"""Keep a scenario honest: judgements without evidence, and evidence against them.

:func:`check_scenario` reads every judgement of a scenario (each party's
weights, option values, red lines and reservation value) and the claims of an
evidence store, and reports

- **unsupported judgements**: those that cite no claim id, or cite only ids the
  store does not hold (an article id in ``sources`` is not a claim) or claims
  about another party or issue (a claim supports a judgement only when its actor
  is the judgement's party and its issue the judgement's issue; any issue of the
  party for a reservation value), each with
  the stored claims that could back it (same party and issue, and the same
  option where the claim names one), newest first, ready to cite;
- **contradictions**: stored claims, newer than the judgement's sources, in
  which a party now accepts, offers or proposes an option the scenario
  red-lines for it, or rejects or red-lines the option it values highest on an
  issue. They are listed newest first, each with its quote.

A claim is *newer* than a judgement when its date is later than the latest date
of the judgement's sources and cited claims, compared at the precision both
share ("2026-03" is newer than "2026-02-24"; "2026-02" is not). A judgement with
no dated citation is older than any dated claim; claims dated "unknown" are
never newer.

Examples
--------
>>> from zopa.evidence.store import Store
>>> from zopa.model import load_builtin
>>> report = check_scenario(load_builtin("tiny"), Store("sqlite://"))
>>> len(report.unsupported), len(report.contradictions)
(19, 0)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from zopa.model.types import Citation, Scenario

if TYPE_CHECKING:
    from zopa.evidence.store import Store, StoredClaim

__all__ = ["CheckReport", "Contradiction", "UnsupportedJudgement", "check_scenario", "is_newer"]

_ACCEPTING = frozenset({"accepts", "offers", "proposes"})
_REFUSING = frozenset({"rejects", "red_line"})


@dataclass(frozen=True, slots=True)
class UnsupportedJudgement:
    """A judgement no stored claim backs."""

    path: str  # where in the scenario: "parties[Russia].red_lines.foreign_troops[observers]"
    party: str
    kind: str  # weight, value, red_line or reservation
    reason: str
    missing: tuple[str, ...]  # cited claim ids the store does not hold
    candidates: tuple[str, ...] = ()  # stored claims that could back it, newest first
    mismatched: tuple[str, ...] = ()  # cited stored claims about another party or issue

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "path": self.path,
            "party": self.party,
            "kind": self.kind,
            "reason": self.reason,
            "missing": list(self.missing),
            "mismatched": list(self.mismatched),
            "candidates": list(self.candidates),
        }


@dataclass(frozen=True, slots=True)
class Contradiction:
    """A stored claim, newer than a judgement, that says the opposite."""

    path: str
    party: str
    issue: str
    option: str
    judgement: str  # what the scenario says, in words
    judged_on: str | None  # latest date the judgement cites, None when undated
    claim_id: str
    claim_date: str
    stance: str
    quote: str
    document_id: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "path": self.path,
            "party": self.party,
            "issue": self.issue,
            "option": self.option,
            "judgement": self.judgement,
            "judged_on": self.judged_on,
            "claim_id": self.claim_id,
            "claim_date": self.claim_date,
            "stance": self.stance,
            "quote": self.quote,
            "document_id": self.document_id,
        }


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What :func:`check_scenario` found."""

    scenario: str
    judgements: int
    unsupported: tuple[UnsupportedJudgement, ...]
    contradictions: tuple[Contradiction, ...]

    @property
    def ok(self) -> bool:
        """True when every judgement is supported and nothing contradicts one."""
        return not self.unsupported and not self.contradictions

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "scenario": self.scenario,
            "judgements": self.judgements,
            "unsupported_count": len(self.unsupported),
            "unsupported": [u.to_dict() for u in self.unsupported],
            "contradictions_count": len(self.contradictions),
            "contradictions": [c.to_dict() for c in self.contradictions],
        }


def is_newer(claim_date: str, than: str | None) -> bool:
    """Whether ``claim_date`` is later than ``than`` at the precision both share.

    Examples
    --------
    >>> is_newer("2026-03", "2026-02-24"), is_newer("2026-02", "2026-02-24")
    (True, False)
    >>> is_newer("2026-02-25", None), is_newer("unknown", None)
    (True, False)
    """
    if not claim_date[:4].isdigit():
        return False
    if than is None:
        return True
    width = min(len(claim_date), len(than))
    return claim_date[:width] > than[:width]


@dataclass(frozen=True, slots=True)
class _Judgement:
    path: str
    party: str
    kind: str
    issue: str | None  # None for a reservation value, which spans every issue
    option: str | None
    citation: Citation


def _judgements(scenario: Scenario) -> list[_Judgement]:
    """Every judgement of the scenario, in file order."""
    out: list[_Judgement] = []
    for party in scenario.parties:
        base = f"parties[{party.name}]"
        for issue, weight in party.weights.items():
            out.append(
                _Judgement(f"{base}.weights.{issue}", party.name, "weight", issue, None, weight)
            )
        for issue, values in party.values.items():
            for option, value in values.items():
                path = f"{base}.values.{issue}.{option}"
                out.append(_Judgement(path, party.name, "value", issue, option, value))
        for issue, lines in party.red_lines.items():
            for line in lines:
                path = f"{base}.red_lines.{issue}[{line.option}]"
                out.append(_Judgement(path, party.name, "red_line", issue, line.option, line))
        if party.reservation is not None:
            path = f"{base}.reservation"
            out.append(_Judgement(path, party.name, "reservation", None, None, party.reservation))
    return out


def _is_about(claim: StoredClaim, judgement: _Judgement) -> bool:
    """Whether a claim can back a judgement: the same party, and the same issue unless the
    judgement (a reservation value) spans every issue."""
    if claim.actor.casefold() != judgement.party.casefold():
        return False
    return judgement.issue is None or claim.issue == judgement.issue


def _candidates(judgement: _Judgement, by_actor_issue: dict, limit: int = 3) -> tuple[str, ...]:
    """Stored claims of the same party on the same issue (and option, where named)."""
    if judgement.issue is None:
        return ()
    claims = by_actor_issue.get((judgement.party, judgement.issue), [])
    fitting = [
        c for c in claims if judgement.option is None or c.option in (None, judgement.option)
    ]
    fitting.sort(key=lambda c: (c.date, c.id), reverse=True)
    return tuple(c.id for c in fitting[:limit])


def _judged_on(
    citation: Citation, source_dates: dict[str, str], claim_dates: dict[str, str]
) -> str | None:
    dates = [source_dates[s] for s in citation.sources if s in source_dates]
    dates += [claim_dates[c] for c in citation.claims if claim_dates.get(c, "unknown") != "unknown"]
    return max(dates) if dates else None


def check_scenario(scenario: Scenario, store: Store) -> CheckReport:
    """Judgements of ``scenario`` that no claim in ``store`` supports, and claims against them.

    Parameters
    ----------
    scenario
        The scenario whose judgements are checked.
    store
        The evidence store (see :class:`~zopa.evidence.store.Store`).

    Returns
    -------
    CheckReport
        Unsupported judgements in scenario order; contradictions newest first.
    """
    claims = store.claims()
    by_id = {c.id: c for c in claims}
    claim_dates = {c.id: c.date for c in claims}
    source_dates = {s.id: s.date for s in scenario.sources}
    judgements = _judgements(scenario)

    by_actor_issue: dict[tuple[str, str], list[StoredClaim]] = {}
    for claim in claims:
        by_actor_issue.setdefault((claim.actor, claim.issue), []).append(claim)

    unsupported: list[UnsupportedJudgement] = []
    for j in judgements:
        missing = tuple(c for c in j.citation.claims if c not in by_id)
        mismatched = tuple(
            c for c in j.citation.claims if c in by_id and not _is_about(by_id[c], j)
        )
        if not j.citation.claims:
            reason = "cites no claim"
        elif len(missing) == len(j.citation.claims):
            reason = "cites only claims the store does not hold"
        elif len(missing) + len(mismatched) == len(j.citation.claims):
            reason = "cites only claims about another party or issue"
        else:
            continue
        candidates = _candidates(j, by_actor_issue)
        unsupported.append(
            UnsupportedJudgement(j.path, j.party, j.kind, reason, missing, candidates, mismatched)
        )

    contradictions: list[Contradiction] = []
    for party in scenario.parties:
        for issue, lines in party.red_lines.items():
            for line in lines:
                contradictions += _against(
                    f"parties[{party.name}].red_lines.{issue}[{line.option}]",
                    party.name, issue, line.option, f"{party.name} rules out {line.option}",
                    _judged_on(line, source_dates, claim_dates), _ACCEPTING,
                    by_actor_issue.get((party.name, issue), []),
                )  # fmt: skip
        for issue, values in party.values.items():
            if not values:
                continue
            top = max(v.value for v in values.values())
            for option, value in values.items():
                if value.value != top:
                    continue
                contradictions += _against(
                    f"parties[{party.name}].values.{issue}.{option}",
                    party.name, issue, option, f"{party.name} values {option} highest ({top:g})",
                    _judged_on(value, source_dates, claim_dates), _REFUSING,
                    by_actor_issue.get((party.name, issue), []),
                )  # fmt: skip
    contradictions.sort(key=lambda c: (c.claim_date, c.claim_id), reverse=True)
    return CheckReport(
        scenario=scenario.name,
        judgements=len(judgements),
        unsupported=tuple(unsupported),
        contradictions=tuple(contradictions),
    )


def _against(
    path: str,
    party: str,
    issue: str,
    option: str,
    judgement: str,
    judged_on: str | None,
    stances: frozenset[str],
    claims: list[StoredClaim],
) -> list[Contradiction]:
    return [
        Contradiction(
            path=path,
            party=party,
            issue=issue,
            option=option,
            judgement=judgement,
            judged_on=judged_on,
            claim_id=claim.id,
            claim_date=claim.date,
            stance=claim.stance,
            quote=claim.quote,
            document_id=claim.document_id,
        )
        for claim in claims
        if claim.option == option and claim.stance in stances and is_newer(claim.date, judged_on)
    ]
