"""What the report and the web app show, computed once as plain, sorted data.

:func:`report_content` runs the agreement-space analysis and gathers the
evidence behind every position; the result is a JSON-ready mapping that the
HTML template renders and the web app's API returns. Nothing in it depends on
the clock, so the same inputs give the same content.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, replace
from typing import Any

from zopa import __version__
from zopa.evidence import Store, StoredClaim
from zopa.model import Party, Scenario, scenario_to_data
from zopa.report.forecast import forecast_content
from zopa.report.plots import pair_figure, parallel_figure
from zopa.report.simulation import SimulationOptions, simulation_content
from zopa.report.whatif import WhatIf, apply_whatif
from zopa.space import Analysis, Concession, Frontier, analyze, pareto_frontier

__all__ = [
    "UNCONSTRAINED_LIMIT",
    "ReportOptions",
    "analysis_content",
    "anchor",
    "inputs_hash",
    "report_content",
    "verdict",
]

UNCONSTRAINED_LIMIT = 10**8  # packages; above it the grey layer of the plots is left out


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """Choices that shape a report; each is part of the inputs' hash.

    ``pair`` names the two parties of the frontier scatter (default: the first
    two); ``seed`` is passed to the analysis (used for estimates above 1e9
    packages) and to the Monte Carlo forecast. ``forecast_samples`` adds the
    forecast section: ``None`` leaves it out, 0 gives the point forecast only,
    more adds Monte Carlo over that many samples. ``simulation`` adds the
    simulated talks (seeded by ``seed``); ``None`` leaves them out.
    """

    max_concessions: int = 3
    seed: int = 0
    pair: tuple[str, str] | None = None
    forecast_samples: int | None = None
    simulation: SimulationOptions | None = None


def anchor(*parts: str) -> str:
    """A stable, HTML-safe element id made of ``parts``."""
    return "-".join(re.sub(r"[^a-z0-9]+", "_", p.casefold()).strip("_") or "x" for p in parts)


def _count(n: int) -> str:
    return f"{n:,}" if n < 10**12 else f"{n:.3e}"


def _concession_phrase(scenario: Scenario, concession: Concession) -> str:
    if concession.kind == "reservation":
        return f"{concession.party} lowering its reservation value"
    issue = scenario.issue(concession.issue or "")
    option = issue.options[issue.option_index(concession.option or "")]
    return f"{concession.party} accepting “{option.title}” on {issue.name}"


def verdict(scenario: Scenario, analysis: Analysis) -> str:
    """The state of the agreement space in one sentence.

    Examples
    --------
    >>> from zopa.model import load_builtin
    >>> from zopa.space import analyze
    >>> tiny = load_builtin("tiny")
    >>> verdict(tiny, analyze(tiny))
    'A deal is possible: 3 packages meet every red line and reservation value.'
    """
    if analysis.deal_possible:
        count = _count(analysis.feasible.count)
        count = count if analysis.feasible.exact else f"about {count}"
        noun = "package meets" if analysis.feasible.count == 1 else "packages meet"
        return f"A deal is possible: {count} {noun} every red line and reservation value."
    what = "every red line" if not analysis.after_red_lines else "every red line and reservation"
    head = f"No package meets {what}"
    if not analysis.concessions:
        return f"{head}, and no set of up to {_max_size(analysis)} concessions opens one."
    first = analysis.concessions[0]
    who = " and ".join(_concession_phrase(scenario, c) for c in first.relax)
    opens = _count(first.opens.count) if first.opens.exact else f"about {_count(first.opens.count)}"
    others = sum(1 for c in analysis.concessions[1:] if len(c.relax) == len(first.relax))
    tail = (
        " (1 other set of that size also opens one)"
        if others == 1
        else f" ({others} other sets of that size also open one)"
    )
    return f"{head}; {who} opens {opens} packages{tail if others else ''}."


def _max_size(analysis: Analysis) -> int:
    return max((len(c.relax) for c in analysis.concessions), default=3)


def inputs_hash(scenario: Scenario, claims: list[StoredClaim], options: ReportOptions) -> str:
    """SHA-256 of the scenario, the stored claims used and the options, as sorted JSON."""
    payload = {
        "scenario": scenario_to_data(scenario),
        "claims": sorted((c.to_dict() for c in claims), key=lambda c: c["id"]),
        "options": {
            "max_concessions": options.max_concessions,
            "seed": options.seed,
            "pair": list(options.pair or ()),
            "forecast_samples": options.forecast_samples,
        },
    }
    if options.simulation is not None:  # only when asked, so other reports keep their hash
        payload["options"]["simulation"] = options.simulation.to_dict()
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _claim(claim: StoredClaim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "document_id": claim.document_id,
        "actor": claim.actor,
        "issue": claim.issue,
        "stance": claim.stance,
        "option": claim.option,
        "position": claim.position,
        "date": claim.date,
        "quote": claim.quote,
        "hedged": claim.hedged,
        "title": claim.title,
        "outlet": claim.outlet,
        "published": claim.published,
    }


def _best_option(scenario: Scenario, party: Party, issue_name: str) -> str | None:
    values = party.values.get(issue_name)
    if not values or not party.weights.get(issue_name) or not party.weights[issue_name].value:
        return None
    issue = scenario.issue(issue_name)
    best = max(issue.options, key=lambda o: values[o.name].value)  # first of ties, file order
    return best.title


def _evidence(
    scenario: Scenario, party: Party, issue_name: str, claims: list[StoredClaim]
) -> dict[str, Any]:
    """What one matrix cell rests on: cited sources and notes, and the store's claims."""
    citations = []
    if issue_name in party.weights:
        citations.append(("weight", party.weights[issue_name]))
    for option, judgement in party.values.get(issue_name, {}).items():
        citations.append((f"value of {option}", judgement))
    for red_line in party.red_lines.get(issue_name, ()):
        citations.append((f"red line {red_line.option}", red_line))
    sources = {s.id: s for s in scenario.sources}
    cited_sources = sorted({s for _w, c in citations for s in c.sources})
    cited_claims = {c for _w, j in citations for c in j.claims}
    notes = [{"what": what, "note": c.note} for what, c in citations if c.note]
    own = [c for c in claims if c.actor == party.name and c.issue == issue_name]
    own_ids = {c.id for c in own}
    own += [c for c in claims if c.id in cited_claims and c.id not in own_ids]
    return {
        "anchor": anchor("evidence", party.name, issue_name),
        "party": party.name,
        "issue": issue_name,
        "sources": [
            {
                "id": sid,
                "outlet": sources[sid].outlet,
                "date": sources[sid].date,
                "title": sources[sid].title,
                "url": sources[sid].url,
            }
            for sid in cited_sources
        ],
        "notes": notes,
        "claims": [_claim(c) for c in own],
    }


def _unconstrained(scenario: Scenario) -> Frontier | None:
    """The frontier with every red line and reservation ignored, where it is affordable."""
    if math.prod(len(i.options) for i in scenario.issues) > UNCONSTRAINED_LIMIT:
        return None
    free = scenario.model_copy(
        update={
            "parties": tuple(
                p.model_copy(update={"red_lines": {}, "reservation": None})
                for p in scenario.parties
            )
        }
    )
    return pareto_frontier(free)


def _figures(
    scenario: Scenario, analysis: Analysis, options: ReportOptions, seed: int
) -> tuple[list[dict[str, Any]], str]:
    """The frontier plots: of the scenario, or once the first concession set is made."""
    shown, caption = analysis, "the feasible packages"
    if not analysis.deal_possible and analysis.concessions:
        first = analysis.concessions[0]
        changed = apply_whatif(scenario, WhatIf.from_concessions(first.relax))
        shown = analyze(changed, max_concession_size=1, seed=seed)
        caption = "once " + " and ".join(
            _concession_phrase(scenario, c) for c in first.relax
        ).replace(" accepting ", " accepts ").replace(" lowering ", " lowers ")
    points = {
        "nash": shown.nash,
        "kalai_smorodinsky": shown.kalai_smorodinsky,
        "utilitarian": shown.utilitarian,
        "egalitarian": shown.egalitarian,
    }
    parties = analysis.parties
    grey = _unconstrained(scenario)
    feasible = shown.frontier if len(shown.frontier) else None
    figures = []
    if len(parties) >= 2:
        pair = options.pair or (parties[0], parties[1])
        title = f"Pareto frontier, {pair[0]} against {pair[1]}: {caption}"
        figures.append(
            {
                "id": "frontier-pair",
                "figure": pair_figure(parties, pair, feasible, grey, points, title),
            }
        )
    if len(parties) > 2:
        title = f"Pareto frontier, every party: {caption}"
        figures.append(
            {
                "id": "frontier-parallel",
                "figure": parallel_figure(parties, feasible, grey, points, title),
            }
        )
    return figures, caption


def _package(scenario: Scenario, package: dict[str, str]) -> list[dict[str, str]]:
    rows = []
    for issue_name, option_name in package.items():
        issue = scenario.issue(issue_name)
        rows.append(
            {
                "issue": issue_name,
                "option": option_name,
                "title": issue.options[issue.option_index(option_name)].title,
            }
        )
    return rows


def _solution(scenario: Scenario, solution: Any) -> dict[str, Any] | None:
    if solution is None:
        return None
    return {
        "package": _package(scenario, solution.package),
        "utilities": {p: round(u, 6) for p, u in solution.utilities.items()},
    }


def _options(scenario: Scenario, options: ReportOptions | None) -> ReportOptions:
    options = options or ReportOptions()
    if options.pair is None:
        return options
    pair = (scenario.party(options.pair[0]).name, scenario.party(options.pair[1]).name)
    return replace(options, pair=pair)


def analysis_content(
    scenario: Scenario,
    options: ReportOptions | None = None,
    *,
    analysis: Analysis | None = None,
) -> dict[str, Any]:
    """The parts of the report that the agreement space alone decides.

    The verdict, counts, concession sets, bargaining points and frontier plots:
    what a what-if changes. ``inputs_hash`` covers the scenario and options.

    Raises
    ------
    UnknownNameError
        When ``options.pair`` names a party the scenario does not have.
    """
    options = _options(scenario, options)
    if analysis is None:
        analysis = analyze(scenario, max_concession_size=options.max_concessions, seed=options.seed)
    figures, plot_caption = _figures(scenario, analysis, options, options.seed)
    return {
        "zopa_version": __version__,
        "inputs_hash": inputs_hash(scenario, [], options),
        "seed": options.seed,
        "scenario": {
            "name": scenario.name,
            "title": scenario.title or scenario.name,
            "description": scenario.description,
        },
        "verdict": verdict(scenario, analysis),
        "deal_possible": analysis.deal_possible,
        "counts": {
            "outcomes": analysis.outcomes,
            "after_red_lines": analysis.after_red_lines,
            "feasible": analysis.feasible.count,
            "feasible_exact": analysis.feasible.exact,
            "pareto": analysis.frontier.count,
        },
        "blocked_issues": [p.issue for p in analysis.pruning if p.blocked],
        "parties": [
            {
                "name": p.name,
                "role": p.role,
                "aliases": list(p.aliases),
                "reservation": None if p.reservation is None else p.reservation.value,
            }
            for p in scenario.parties
        ],
        "concessions": [
            {
                "rank": rank,
                "relax": [c.to_dict() | {"text": _concession_phrase(scenario, c)} for c in s.relax],
                "opens": s.opens.count,
                "opens_exact": s.opens.exact,
                "nash": _solution(scenario, s.nash),
            }
            for rank, s in enumerate(analysis.concessions, 1)
        ],
        "points": {
            "nash": _solution(scenario, analysis.nash),
            "kalai_smorodinsky": _solution(scenario, analysis.kalai_smorodinsky),
            "utilitarian": _solution(scenario, analysis.utilitarian),
            "egalitarian": _solution(scenario, analysis.egalitarian),
        },
        "plot_caption": plot_caption,
        "figures": figures,
        "notes": list(analysis.notes),
    }


def report_content(
    scenario: Scenario,
    store: Store | None = None,
    options: ReportOptions | None = None,
    *,
    analysis: Analysis | None = None,
    live: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything the report shows, as JSON-ready data in a fixed order.

    :func:`analysis_content`, plus the issues, the matrix of positions and red
    lines with the evidence behind each cell, and the timeline of claims.

    Parameters
    ----------
    scenario : Scenario
    store : Store, optional
        Where the claims behind positions and the timeline come from; without
        one only the scenario's own citations are shown.
    options : ReportOptions, optional
    analysis : Analysis, optional
        A result of :func:`~zopa.space.analyze` for ``scenario`` to reuse.
    live : dict, optional
        A result of :func:`analysis_content` for ``scenario`` and ``options`` to
        reuse (the web app caches it).

    Raises
    ------
    UnknownNameError
        When ``options.pair`` names a party the scenario does not have.
    """
    options = _options(scenario, options)
    content = live or analysis_content(scenario, options, analysis=analysis)
    issue_names = {i.name for i in scenario.issues}
    claims = [c for c in (store.claims() if store else []) if c.issue in issue_names]
    evidence = [
        _evidence(scenario, party, issue.name, claims)
        for party in scenario.parties
        for issue in scenario.issues
    ]
    by_cell = {(e["party"], e["issue"]): e for e in evidence}
    matrix = []
    for party in scenario.parties:
        weights = party.normalised_weights()
        cells = []
        for issue in scenario.issues:
            cell = by_cell[(party.name, issue.name)]
            forbidden = party.forbidden(issue.name)
            cells.append(
                {
                    "issue": issue.name,
                    "anchor": cell["anchor"],
                    "weight": round(weights.get(issue.name, 0.0), 4),
                    "best": _best_option(scenario, party, issue.name),
                    "red_lines": [o.title for o in issue.options if o.name in forbidden],
                    "red_line_options": [o.name for o in issue.options if o.name in forbidden],
                    "quotes": len(cell["claims"]),
                    "sources": len(cell["sources"]),
                    "notes": len(cell["notes"]),
                }
            )
        matrix.append({"party": party.name, "cells": cells})
    return {
        **content,
        "inputs_hash": inputs_hash(scenario, claims, options),
        "store": store.url if store else None,
        "issues": [
            {
                "name": i.name,
                "description": i.description,
                "options": [{"name": o.name, "title": o.title} for o in i.options],
            }
            for i in scenario.issues
        ],
        "matrix": matrix,
        "evidence": evidence,
        "timeline": _timeline(scenario, store),
        "forecast": (
            None
            if options.forecast_samples is None
            else forecast_content(scenario, samples=options.forecast_samples, seed=options.seed)
        ),
        "simulation": (
            None
            if options.simulation is None
            else simulation_content(scenario, options.simulation, seed=options.seed)
        ),
    }


def _timeline(scenario: Scenario, store: Store | None) -> list[dict[str, Any]]:
    if store is None:
        return []
    out = []
    for issue in scenario.issues:
        entries = store.timeline(issue.name)
        if not entries:
            continue
        out.append(
            {
                "issue": issue.name,
                "anchor": anchor("timeline", issue.name),
                "entries": [
                    {
                        "actor": e.actor,
                        "stance": e.stance,
                        "option": e.option,
                        "position": e.position,
                        "first_date": e.first_date,
                        "last_date": e.last_date,
                        "claims": [_claim(c) for c in e.claims],
                    }
                    for e in entries
                ],
            }
        )
    return out
