"""Read and write GeniusWeb's JSON domains and linear additive profiles.

GeniusWeb, the successor of GENIUS, keeps a domain as JSON,
``{"name": ..., "issuesValues": {issue: {"values": [value, ...]}}}``, and a
linear additive profile as
``{"LinearAdditiveUtilitySpace": {"issueUtilities": {issue:
{"discreteutils": {"valueUtilities": {value: u}}}}, "issueWeights":
{issue: w}, "domain": {...}, "name": ..., "reservationBid": {"issuevalues":
{issue: value}}}}``. A bid's utility is ``sum_i w_i u_i(x_i)``, with the value
utilities as written (not divided by a maximum) and weights that GeniusWeb
requires to sum to 1. A party accepts the bids at least as good as its
reservation bid, so the reservation bid's utility becomes the reservation value.
``"discreteutils"`` is the name GeniusWeb's serialiser gives the discrete value
utilities (``DiscreteValueSetUtilities``, which is also read, as files written
by zopa before 2026-12 have it); number issues (``"numberutils"``) are refused.

Numbers are read exactly as written (a JSON ``0.1`` is 1/10). JSON holds only
decimals, so a value that is no finite decimal (a third) is written as the
nearest float's shortest decimal, and :func:`geniusweb_export_notes` says so.

References
----------
.. [1] Baarslag, T., Jonker, C. M., Pasman, W., van Krimpen, J. (2019-). GeniusWeb:
   an open platform for automated negotiation. https://tracinsy.ewi.tudelft.nl/pubtrac/GeniusWeb
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

from zopa.errors import ScenarioError
from zopa.interop._weights import weight_sum_warning
from zopa.model.io import scenario_from_data
from zopa.model.types import Party, Scenario

__all__ = [
    "GeniusWebImport",
    "geniusweb_export_notes",
    "read_geniusweb",
    "write_geniusweb",
]

_PROFILE = "LinearAdditiveUtilitySpace"
_VALUES = "discreteutils"  # GeniusWeb's JSON type name of DiscreteValueSetUtilities
_VALUES_BY_CLASS = "DiscreteValueSetUtilities"  # the class name, as zopa once wrote it
_RESERVATION_SEARCH_LIMIT = 10**12  # packages searched (meet in the middle) for a reservation bid


@dataclass(frozen=True, slots=True)
class GeniusWebImport:
    """What :func:`read_geniusweb` found: the scenario, its files, and warnings."""

    scenario: Scenario
    domain_file: Path | None  # None when the domain came from inside the profiles
    profile_files: Mapping[str, Path]
    warnings: tuple[str, ...] = ()


def _load(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ScenarioError(f"{path}: cannot read: {error}") from None
    try:
        # Decimals as written, exactly.
        return json.loads(text, parse_float=Fraction)
    except json.JSONDecodeError as error:
        raise ScenarioError(f"{path}: not valid JSON: {error}") from None


def _mapping(data: Any, where: str, path: Path) -> dict:
    if not isinstance(data, dict):
        raise ScenarioError(f"{path}: {where} should be a JSON object, got {type(data).__name__}")
    return data


def _number(data: Any, where: str, path: Path) -> Fraction:
    if isinstance(data, bool) or not isinstance(data, int | Fraction):
        raise ScenarioError(f"{path}: {where} is {data!r}, not a number")
    return Fraction(data)


def _domain(data: Any, path: Path, where: str = "the domain") -> tuple[str, dict[str, list[str]]]:
    data = _mapping(data, where, path)
    issues_values = data.get("issuesValues")
    if issues_values is None:
        raise ScenarioError(f"{path}: {where} has no 'issuesValues'")
    issues: dict[str, list[str]] = {}
    for issue, spec in _mapping(issues_values, f"{where}'s issuesValues", path).items():
        spec = _mapping(spec, f"issue {issue!r}", path)
        if "values" not in spec:
            kinds = ", ".join(spec) or "nothing"
            raise ScenarioError(
                f"{path}: issue {issue!r} has {kinds}; zopa reads discrete value sets "
                "('values') only"
            )
        values = spec["values"]
        if not isinstance(values, list) or not values:
            raise ScenarioError(f"{path}: issue {issue!r} needs a non-empty list of values")
        if not all(isinstance(v, str) for v in values):
            raise ScenarioError(f"{path}: issue {issue!r} has values that are not strings")
        issues[issue] = values
    if not issues:
        raise ScenarioError(f"{path}: {where} has no issues")
    return str(data.get("name") or path.stem), issues


def _utility(weights, utilities, bid: dict[str, str]) -> Fraction:
    return sum((weights[i] * utilities[i][v] for i, v in bid.items()), Fraction(0))


def _profile(
    data: Any, path: Path, issues: dict[str, list[str]]
) -> tuple[dict[str, Any], str | None]:
    """A party's data and a warning when its weights do not sum to 1."""
    data = _mapping(data, "the profile", path)
    if _PROFILE not in data:
        kinds = ", ".join(data) or "nothing"
        raise ScenarioError(f"{path}: a {kinds} profile; zopa reads {_PROFILE} profiles only")
    space = _mapping(data[_PROFILE], _PROFILE, path)
    for key in ("issueUtilities", "issueWeights"):
        if key not in space:
            raise ScenarioError(f"{path}: no {key!r} in {_PROFILE}")
    raw_weights = _mapping(space["issueWeights"], "issueWeights", path)
    raw_utilities = _mapping(space["issueUtilities"], "issueUtilities", path)
    for name in (*raw_weights, *raw_utilities):
        if name not in issues:
            raise ScenarioError(f"{path}: unknown issue {name!r} (not in the domain)")
    weights: dict[str, Fraction] = {}
    utilities: dict[str, dict[str, Fraction]] = {}
    for issue, values in issues.items():
        if issue not in raw_weights:
            raise ScenarioError(f"{path}: no weight for issue {issue!r}")
        weights[issue] = _number(raw_weights[issue], f"weight of {issue!r}", path)
        if weights[issue] < 0:
            raise ScenarioError(f"{path}: issue {issue!r} has a negative weight")
        spec = _mapping(raw_utilities.get(issue), f"issueUtilities of {issue!r}", path)
        key = next((k for k in (_VALUES, _VALUES_BY_CLASS) if k in spec), None)
        if key is None:
            kinds = ", ".join(spec) or "nothing"
            raise ScenarioError(
                f"{path}: issue {issue!r} has {kinds}; zopa reads discrete value utilities "
                f"({_VALUES}) only"
            )
        given = _mapping(
            _mapping(spec[key], key, path).get("valueUtilities"),
            f"valueUtilities of {issue!r}",
            path,
        )
        row = {}
        for value in values:
            if value not in given:
                raise ScenarioError(f"{path}: issue {issue!r} has no utility for {value!r}")
            u = _number(given[value], f"utility of {issue}={value}", path)
            if not 0 <= u <= 1:
                raise ScenarioError(f"{path}: utility of {issue}={value} is not in [0, 1]")
            row[value] = u
        extra = sorted(set(given) - set(values))
        if extra:
            raise ScenarioError(f"{path}: issue {issue!r} has no value(s) {', '.join(extra)}")
        utilities[issue] = row
    if not any(weights.values()):
        raise ScenarioError(f"{path}: all weights are zero")
    party: dict[str, Any] = {
        "name": path.stem,
        "role": "other",
        "weighting": "as_written",  # GeniusWeb's sum: weights as they stand
        "weights": {i: _written(w) for i, w in weights.items()},
        "values": {i: {v: _written(u) for v, u in row.items()} for i, row in utilities.items()},
    }
    bid = space.get("reservationBid")
    if bid is not None:
        values = _mapping(
            _mapping(bid, "reservationBid", path).get("issuevalues"), "issuevalues", path
        )
        for issue, value in values.items():
            if issue not in issues or value not in issues[issue]:
                raise ScenarioError(
                    f"{path}: reservationBid names {issue}={value!r}, not in the domain"
                )
        missing = [i for i in issues if i not in values]
        if missing:
            raise ScenarioError(f"{path}: reservationBid has no value for {', '.join(missing)}")
        party["reservation"] = {
            "value": _written(min(Fraction(1), _utility(weights, utilities, values))),
            "note": "utility of the GeniusWeb reservation bid "
            + ", ".join(f"{i}={v}" for i, v in values.items()),
        }
    return party, weight_sum_warning(str(path), sum(weights.values()), "used as written")


def _written(x: Fraction) -> float | str:
    return float(x) if Fraction(repr(float(x))) == x else str(x)


def read_geniusweb(path: str | Path) -> GeniusWebImport:
    """Read a folder of GeniusWeb JSON: a domain file (optional) and one profile per party.

    Parameters
    ----------
    path : str or Path
        A folder of ``.json`` files, told apart by content: a domain has
        ``issuesValues`` at the top, a profile a ``LinearAdditiveUtilitySpace``.
        Without a domain file, the domain inside the profiles is used.

    Returns
    -------
    GeniusWebImport
        One party per profile (named after the file stem, ``weighting:
        as_written``), the domain's issues and values in order; a party's
        reservation value is the utility of its reservation bid.

    Raises
    ------
    ScenarioError
        Malformed JSON, a profile that is not linear additive, a number-valued
        issue, profiles on different domains, a missing weight or utility, a
        utility outside [0, 1]; each names the file.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise ScenarioError(f"{folder}: no such folder")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise ScenarioError(f"{folder}: no JSON files")
    data = {file: _load(file) for file in files}
    domains = [f for f, d in data.items() if isinstance(d, dict) and "issuesValues" in d]
    profiles = [f for f in files if f not in domains and _is_profile(data[f])]
    # Published domains ship other JSON beside them (ANL's specials.json: the
    # Pareto front and the solutions): read past it, and say so.
    warnings = [
        f"{f}: neither a GeniusWeb domain nor a profile; skipped"
        for f in files
        if f not in domains and f not in profiles
    ]
    if len(domains) > 1:
        raise ScenarioError(f"{folder}: several domain files: {', '.join(f.name for f in domains)}")
    if not profiles:
        raise ScenarioError(f"{folder}: no profile files")
    if domains:
        name, issues = _domain(data[domains[0]], domains[0])
    else:
        inner = _mapping(data[profiles[0]], "the profile", profiles[0]).get(_PROFILE, {})
        if not isinstance(inner, dict) or "domain" not in inner:
            raise ScenarioError(f"{folder}: no domain file and no domain inside {profiles[0].name}")
        name, issues = _domain(inner["domain"], profiles[0], "its domain")
    parties = []
    for file in profiles:
        inner = data[file].get(_PROFILE) if isinstance(data[file], dict) else None
        if isinstance(inner, dict) and "domain" in inner:
            _, own = _domain(inner["domain"], file, "its domain")
            if own != issues:
                raise ScenarioError(
                    f"{file}: its domain differs from the domain's issues or values"
                )
        party, warning = _profile(data[file], file, issues)
        parties.append(party)
        if warning:
            warnings.append(warning)
    scenario = scenario_from_data(
        {
            "name": name,
            "title": f"GeniusWeb domain {name}",
            "issues": [
                {"name": issue, "options": [{"name": v, "label": v} for v in values]}
                for issue, values in issues.items()
            ],
            "parties": parties,
        },
        where=str(folder),
    )
    return GeniusWebImport(
        scenario=scenario,
        domain_file=domains[0] if domains else None,
        profile_files=MappingProxyType({f.stem: f for f in profiles}),
        warnings=tuple(warnings),
    )


def _is_profile(data: Any) -> bool:
    """A GeniusWeb profile is one object named by its type (``...UtilitySpace``,
    ``...Profile`` or ``...Ordering``); a type zopa cannot read is still a profile."""
    if not isinstance(data, dict) or len(data) != 1:
        return False
    kind = next(iter(data))
    return kind.endswith(("UtilitySpace", "Profile", "Ordering"))


def _file_stem(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9 ._-]", "_", name).strip(" .") or "_"


def _party_numbers(
    scenario: Scenario, party: Party
) -> tuple[dict[str, Fraction], dict[str, dict[str, Fraction]]]:
    """Exact weights (as the utility uses them) and value utilities, every option covered."""
    weights = party.exact_weights()
    out_w, out_u = {}, {}
    for issue in scenario.issues:
        given = party.values.get(issue.name, {})
        out_w[issue.name] = weights.get(issue.name, Fraction(0))
        out_u[issue.name] = {
            o.name: given[o.name].exact if o.name in given else Fraction(0) for o in issue.options
        }
    return out_w, out_u


def _reservation_bid(
    scenario: Scenario, weights, utilities, reservation: Fraction
) -> dict[str, str] | None:
    """The package of smallest utility at or above ``reservation`` (meet in the middle).

    Accepting every bid at least as good as it accepts exactly the packages
    whose utility reaches ``reservation``. ``None`` when none does.
    """
    issues = [i.name for i in scenario.issues]
    terms = [[(weights[i] * utilities[i][o], o) for o in utilities[i]] for i in issues]
    sizes = [len(t) for t in terms]
    if math.prod(sizes) > _RESERVATION_SEARCH_LIMIT:
        raise ScenarioError(
            f"{scenario.name}: too many packages to find a reservation bid "
            f"({math.prod(sizes):,}; at most {_RESERVATION_SEARCH_LIMIT:,})"
        )
    half = len(issues) // 2

    def sums(part: list) -> list[tuple[Fraction, tuple[str, ...]]]:
        out = [(Fraction(0), ())]
        for options in part:
            out = [(s + t, (*chosen, o)) for s, chosen in out for t, o in options]
        return out

    left, right = sums(terms[:half]), sorted(sums(terms[half:]))
    right_values = [s for s, _ in right]
    best = None
    for s, chosen in left:
        k = bisect.bisect_left(right_values, reservation - s)
        if k < len(right) and (best is None or s + right[k][0] < best[0]):
            best = (s + right[k][0], chosen + right[k][1])
    return None if best is None else dict(zip(issues, best[1], strict=True))


def geniusweb_export_notes(scenario: Scenario) -> list[str]:
    """What :func:`write_geniusweb` cannot carry over exactly for ``scenario``."""
    notes = [
        "GeniusWeb keeps only issues, values, weights, value utilities and a reservation "
        "bid: red lines, citations, descriptions, labels, roles and sources are not written"
    ]
    for party in scenario.parties:
        weights, utilities = _party_numbers(scenario, party)
        numbers = [*weights.values(), *(u for row in utilities.values() for u in row.values())]
        rounded = sum(1 for x in numbers if Fraction(repr(float(x))) != x)
        if rounded:
            notes.append(
                f"party {party.name!r}: {rounded} number(s) are not finite decimals (such as "
                "1/3) and are written as the nearest float; exact ties among them may break"
            )
        note = weight_sum_warning(
            f"party {party.name!r}",
            sum(weights.values()),
            "written as they are, though GeniusWeb itself requires a sum of 1",
        )
        if note:
            notes.append(note)
        if any(party.red_lines.values()):
            notes.append(f"party {party.name!r}: red lines dropped (GeniusWeb has none)")
        if party.reservation is not None and party.reservation.exact > 0:
            bid = _reservation_bid(scenario, weights, utilities, party.reservation.exact)
            if bid is not None:
                reached = _utility(weights, utilities, bid)
                if reached != party.reservation.exact:
                    notes.append(
                        f"party {party.name!r}: reservation value {party.reservation.value} "
                        f"becomes the reservation bid of least utility reaching it "
                        f"({float(reached):.6g}): the same packages are acceptable, but "
                        "gains (Nash, Kalai-Smorodinsky, egalitarian) are measured from it"
                    )
    return notes


def write_geniusweb(scenario: Scenario, folder: str | Path) -> list[Path]:
    """Write ``scenario`` as GeniusWeb JSON: a domain file and one profile per party.

    A positive reservation value becomes the reservation bid of smallest utility
    at or above it (so the same packages are acceptable); a reservation value of
    0 is left out (no bid: every package acceptable, gains measured from 0). A
    reservation value no package reaches cannot be written and raises
    :class:`~zopa.errors.ScenarioError`. Returns the files written, domain first.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ScenarioError(f"{folder}: exists and is not a folder")
    domain_path = folder / f"{_file_stem(scenario.name)}_domain.json"
    profile_paths = [folder / f"{_file_stem(p.name)}.json" for p in scenario.parties]
    targets = [domain_path, *profile_paths]
    if len({p.name.casefold() for p in targets}) != len(targets):
        raise ScenarioError(
            f"{folder}: party and scenario names collide as file names: "
            + ", ".join(p.name for p in targets)
        )
    if folder.is_dir():
        others = sorted(p.name for p in folder.glob("*.json") if p not in targets)
        if others:
            raise ScenarioError(f"{folder}: already holds other JSON files: {', '.join(others)}")
    domain = {
        "name": scenario.name,
        "issuesValues": {i.name: {"values": [o.name for o in i.options]} for i in scenario.issues},
    }
    profiles = []
    for party in scenario.parties:
        weights, utilities = _party_numbers(scenario, party)
        space: dict[str, Any] = {
            "issueUtilities": {
                issue: {_VALUES: {"valueUtilities": {v: float(u) for v, u in row.items()}}}
                for issue, row in utilities.items()
            },
            "issueWeights": {issue: float(w) for issue, w in weights.items()},
            "domain": domain,
            "name": party.name,
        }
        # A reservation value of 0 accepts everything and measures gains from 0, as
        # GeniusWeb does without a reservation bid: nothing to write.
        if party.reservation is not None and party.reservation.exact > 0:
            bid = _reservation_bid(scenario, weights, utilities, party.reservation.exact)
            if bid is None:
                raise ScenarioError(
                    f"party {party.name!r}: no package reaches its reservation value "
                    f"{party.reservation.value}; GeniusWeb's reservation bid cannot say that"
                )
            space["reservationBid"] = {"issuevalues": bid}
        profiles.append({_PROFILE: space})
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, content in zip(targets, [domain, *profiles], strict=True):
            path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", "utf-8")
    except OSError as error:
        raise ScenarioError(f"{folder}: cannot write: {error}") from None
    return targets
