"""Read and write negotiation domains in the GENIUS XML format.

GENIUS (the platform of the ANAC competitions) keeps a domain in one folder:
a domain file lists the issues and their values, and one profile per party
gives issue weights and an evaluation for each value, optionally with a
reservation value and a discount factor. The utility of a package is linear
additive:

.. math:: U = \\sum_i w_i \\, e_i(x_i) / \\max_x e_i(x)

for discrete issues; an integer issue has a linear evaluator (see
:func:`read_genius`). zopa reads linear additive profiles only; nonlinear
(constraint, hyperrectangle) utility spaces and real-valued issues are refused
with a :class:`~zopa.errors.ScenarioError`.

References
----------
.. [1] Lin, R., Kraus, S., Baarslag, T., Tykhonov, D., Hindriks, K., Jonker, C. M.
   "Genius: An integrated environment for supporting the design of generic
   automated negotiators." Computational Intelligence 30(1), 2014.
   https://doi.org/10.1111/j.1467-8640.2012.00463.x
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

from zopa.errors import ScenarioError
from zopa.interop._genius_xml import DOMAIN_ROOT, parse_genius
from zopa.interop._weights import weight_sum_warning
from zopa.model.io import scenario_from_data
from zopa.model.types import Party, Scenario

__all__ = ["GeniusImport", "genius_export_notes", "read_genius", "write_genius"]

# Elements of GENIUS's nonlinear (constraint / hyperrectangle) utility spaces,
# compared in lower case; none of them occurs in a linear additive profile.
_NONLINEAR_TAGS = frozenset(
    {"ufun", "hyperrectangle", "utility_function", "includes", "excludes", "constraint"}
)
_LINEAR_SPACE_TYPES = frozenset({"", "linear", "additive"})
# GENIUS's own threshold: an issue whose largest evaluation is below it scores 0 throughout.
_SMALLEST_MAXIMUM = Fraction(1, 100_000)
_LISTED = 5  # names listed in a warning before "..."


@dataclass(frozen=True, slots=True)
class GeniusImport:
    """What :func:`read_genius` found in a GENIUS folder.

    Attributes
    ----------
    scenario : Scenario
        One party per profile (named after the profile's file stem, role
        ``"other"``), the domain's issues in order.
    discount_factors : Mapping[str, float | None]
        Each party's discount factor, ``None`` when its profile has none. Read
        and reported, never applied: zopa's scenarios have no time.
    domain_file : Path
        The file recognised as the domain (named, the ``<negotiation_template>``,
        or the one XML without evaluations).
    profile_files : Mapping[str, Path]
        Each party's profile file.
    warnings : tuple of str
        One line per thing the reader did that GENIUS users should know, each
        naming its file: a profile whose weights do not sum to 1 (used as
        written, as GENIUS does), a file skipped or repaired, an "uncertain"
        profile read for its additive utility, values without an evaluation or
        an issue evaluated 0 throughout.
    """

    scenario: Scenario
    discount_factors: Mapping[str, float | None]
    domain_file: Path
    profile_files: Mapping[str, Path]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _DomainIssue:
    index: str
    name: str
    kind: str  # "discrete" or "integer"
    options: tuple[str, ...]
    lower: int = 0


def _is_profile(root: ET.Element) -> bool:
    """A profile carries preferences (weights, evaluations, evaluators); a domain does not."""
    for element in root.iter():
        tag = element.tag.lower()
        if tag in ("weight", "evaluator") or tag in _NONLINEAR_TAGS:
            return True
        if tag == "item" and "evaluation" in element.attrib:
            return True
    return False


def _check_space(root: ET.Element, path: Path, notes: list[str]) -> None:
    """Refuse a nonlinear profile; note an uncertain one, which is additive underneath."""
    for element in root.iter():
        if element.tag.lower() == "utility_space":
            kind = element.get("type", "").strip().lower()
            if kind == "uncertain":
                # genius.core.utility.UncertainAdditiveUtilitySpace: an additive
                # space from which GENIUS draws the ranked bids its agents see.
                notes.append(
                    f"{path}: an 'uncertain' profile; zopa reads the additive utility it "
                    "holds (GENIUS shows its agents only a ranking of bids drawn from it)"
                )
            elif kind not in _LINEAR_SPACE_TYPES:
                raise ScenarioError(
                    f"{path}: unsupported {kind!r} utility space; zopa reads linear "
                    "additive GENIUS profiles only"
                )
        if element.tag.lower() in _NONLINEAR_TAGS:
            raise ScenarioError(
                f"{path}: nonlinear utility space (element <{element.tag}>) is not supported; "
                "zopa reads linear additive GENIUS profiles only"
            )


def _exact(text: str | None, what: str, path: Path) -> Fraction:
    """A number as written in the file, exactly (``0.1`` is 1/10, not its float)."""
    try:
        return Fraction((text or "").strip())
    except (ValueError, ZeroDivisionError):
        raise ScenarioError(f"{path}: {what} is {text!r}, not a number") from None


def _written(x: Fraction) -> float | str:
    """How an exact number goes into scenario data: a float when that is exact."""
    return float(x) if Fraction(repr(float(x))) == x else str(x)


def _integer(text: str | None, what: str, path: Path) -> int:
    try:
        return int(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ScenarioError(f"{path}: {what} is {text!r}, not an integer") from None


def _text(value: str | None) -> str:
    # zopa strips names (some ANAC files end item values with a space).
    return (value or "").strip()


def _kind(issue: ET.Element) -> str:
    for attribute in ("vtype", "type", "etype"):
        if issue.get(attribute):
            return issue.get(attribute, "").strip().lower()
    return "discrete"


def _bound(issue: ET.Element, which: str) -> str | None:
    """An integer issue's bound, an attribute of the issue or of its ``<range>``."""
    written = issue.get(which)
    within = issue.find("range")
    if written is None and within is not None:
        written = within.get(which)
    return written


def _domain_issues(root: ET.Element, path: Path, notes: list[str]) -> list[_DomainIssue]:
    issues = []
    for element in root.iter("issue"):
        name = _text(element.get("name"))
        index = element.get("index", "")
        kind = _kind(element)
        where = f"issue {name!r}"
        if kind == "discrete":
            listed = [_text(item.get("value")) for item in element.findall("item")]
            if not listed:
                raise ScenarioError(f"{path}: {where} has no items")
            options = tuple(dict.fromkeys(listed))
            if len(options) < len(listed):
                twice = sorted({o for o in listed if listed.count(o) > 1})
                notes.append(f"{path}: {where} lists {_listed(twice)} more than once; read once")
            issues.append(_DomainIssue(index, name, kind, options))
        elif kind == "integer":
            lower = _integer(_bound(element, "lowerbound"), f"{where} lowerbound", path)
            upper = _integer(_bound(element, "upperbound"), f"{where} upperbound", path)
            if upper < lower:
                raise ScenarioError(f"{path}: {where} has upperbound {upper} < lowerbound {lower}")
            options = tuple(str(x) for x in range(lower, upper + 1))
            issues.append(_DomainIssue(index, name, kind, options, lower))
        else:
            raise ScenarioError(
                f"{path}: {where} has type {kind!r}; zopa reads discrete and integer issues only"
            )
    if not issues:
        raise ScenarioError(f"{path}: the domain has no issues")
    return issues


def _listed(names: list[str]) -> str:
    return ", ".join(names[:_LISTED]) + (", ..." if len(names) > _LISTED else "")


def _discrete_values(
    issue: _DomainIssue, element: ET.Element, path: Path, notes: list[str]
) -> dict[str, float | str]:
    where = f"issue {issue.name!r}"
    evaluations: dict[str, Fraction] = {}
    # Only direct <item> children: some files nest items in a similarity function.
    for item in element.findall("item"):
        value = _text(item.get("value"))
        written = item.get("evaluation")
        if written is None or written.strip() == "null":
            continue  # GENIUS skips the item: the value stays without an evaluation
        evaluation = _exact(written, f"{where} item {value!r} evaluation", path)
        if evaluation < 0:
            raise ScenarioError(f"{path}: {where} item {value!r} has negative evaluation")
        evaluations[value] = evaluation
    unknown = [v for v in evaluations if v not in issue.options]
    if unknown:
        raise ScenarioError(
            f"{path}: {where} evaluates {_listed(unknown)}, not a value of the domain's issue "
            "(a profile of another domain?)"
        )
    missing = [o for o in issue.options if o not in evaluations]
    if missing:
        notes.append(
            f"{path}: {where}: {len(missing)} value(s) without an evaluation "
            f"({_listed(missing)}), read as 0 (GENIUS leaves them unevaluated and fails "
            "on a package that holds one)"
        )
    best = max(evaluations.values(), default=Fraction(0))
    if best < _SMALLEST_MAXIMUM:
        notes.append(f"{path}: {where} has no evaluation above 0.00001: 0 throughout, as in GENIUS")
        return {o: 0.0 for o in issue.options}
    # Exact quotients: 0.25 / 0.75 is 1/3, not a float one unit off.
    return {o: _written(evaluations.get(o, Fraction(0)) / best) for o in issue.options}


def _integer_values(
    issue: _DomainIssue, element: ET.Element, path: Path, notes: list[str]
) -> dict[str, float | str]:
    where = f"issue {issue.name!r}"
    lower = issue.lower
    if _bound(element, "lowerbound") is not None:
        lower = _integer(_bound(element, "lowerbound"), f"{where} lowerbound", path)
    slope = offset = Fraction(0)  # GENIUS's defaults when the evaluator is absent
    origin = lower
    evaluator = element.find("evaluator")
    if evaluator is not None:
        ftype = evaluator.get("ftype", "linear").strip().lower()
        if ftype != "linear":
            raise ScenarioError(f"{path}: {where} has a {ftype!r} evaluator; only linear is read")
        if "slope" in evaluator.attrib or "parameter1" not in evaluator.attrib:
            slope = _exact(evaluator.get("slope"), f"{where} slope", path)
            offset = _exact(evaluator.get("offset"), f"{where} offset", path)
        else:
            # Older files: parameter0 + parameter1 * x on the value itself, as
            # genius.core.utility.EvaluatorReal still reads its linear evaluator.
            slope = _exact(evaluator.get("parameter1"), f"{where} parameter1", path)
            offset = _exact(evaluator.get("parameter0", "0"), f"{where} parameter0", path)
            origin = 0
    # genius.core.utility.EvaluatorInteger: offset + slope * (x - lowerbound),
    # clipped to [0, 1] and, unlike discrete issues, not divided by a maximum.
    return {
        o: _written(min(Fraction(1), max(Fraction(0), offset + slope * (int(o) - origin))))
        for o in issue.options
    }


def _profile(
    root: ET.Element, path: Path, issues: list[_DomainIssue], notes: list[str]
) -> tuple[dict[str, Any], float | None]:
    """A party's data (weights, values, reservation) and its discount factor."""
    _check_space(root, path, notes)
    by_index = {e.get("index", ""): e for e in root.iter("issue")}
    by_name = {_text(e.get("name")): e for e in root.iter("issue")}
    weights: dict[str, Fraction] = {}
    for element in root.iter("weight"):
        weights[element.get("index", "")] = _exact(
            element.get("value"), f"weight {element.get('index')!r}", path
        )
    # GENIUS uses weights as written (no division by their sum) and caps utility at 1.
    party: dict[str, Any] = {
        "name": path.stem,
        "role": "other",
        "weighting": "as_written",
        "weights": {},
        "values": {},
    }
    for issue in issues:
        element = by_index.get(issue.index)
        if element is None or _text(element.get("name", issue.name)) != issue.name:
            element = by_name.get(issue.name)
        if element is None:
            raise ScenarioError(f"{path}: no evaluation for issue {issue.name!r}")
        if issue.index not in weights:
            raise ScenarioError(f"{path}: no weight for issue {issue.name!r}")
        if weights[issue.index] < 0:
            raise ScenarioError(f"{path}: issue {issue.name!r} has a negative weight")
        party["weights"][issue.name] = _written(weights[issue.index])
        reader = _discrete_values if issue.kind == "discrete" else _integer_values
        party["values"][issue.name] = reader(issue, element, path, notes)
    reservation = root.find(".//reservation")
    if reservation is not None:
        value = _exact(reservation.get("value"), "reservation value", path)
        if not 0 <= value <= 1:
            raise ScenarioError(f"{path}: reservation value {float(value)} is not in [0, 1]")
        party["reservation"] = _written(value)
    if all(w == 0 for w in weights.values()):
        raise ScenarioError(f"{path}: every weight is 0 (the profile prefers nothing)")
    discount = root.find(".//discount_factor")
    factor = None
    if discount is not None:
        try:
            factor = float(discount.get("value", ""))
        except ValueError:  # read and reported only, never applied: no reason to refuse
            notes.append(f"{path}: discount factor {discount.get('value')!r} is not a number")
    return party, factor


def read_genius(path: str | Path) -> GeniusImport:
    """Read a GENIUS domain folder: one domain XML and one profile XML per party.

    Parameters
    ----------
    path : str or Path
        A folder, or one domain file in it. In a folder the domain is the file
        whose root is ``<negotiation_template>`` (else the one XML without
        weights or evaluations) and every other GENIUS file a profile. A
        domain file named in a folder of several ("Barbecue-A-domain.xml"
        beside "Barbecue-B-domain.xml") takes the profiles whose names start
        as its own does without "domain" ("Barbecue-A-prof1.xml"), else every
        profile there.

    Returns
    -------
    GeniusImport
        The scenario and each party's discount factor (read, not applied).

    Raises
    ------
    ScenarioError
        A missing folder, malformed XML (with the parser's message), no or
        several domain files, a real-valued issue, a nonlinear profile, or a
        profile that does not cover the domain; each names the file.

    Notes
    -----
    Issues come in domain order and options in item order; an option's name
    and label are the item's value, stripped of surrounding white space (some
    ANAC files end a value with a space). Weights are matched to issues by
    index; a weight on the objective itself is ignored. Weights are used as
    written, as GENIUS does (each party gets ``weighting: as_written``): not
    divided by their sum, and a utility above 1 is capped at 1; a profile whose
    weights do not sum to 1 is listed in ``warnings``. A discrete option's
    value is its evaluation divided by the issue's largest evaluation, as
    GENIUS does, kept as the exact quotient. An integer issue (``lowerbound``
    to ``upperbound``) becomes one option per integer, named by
    its decimal digits, valued as GENIUS's ``EvaluatorInteger`` does:
    ``offset + slope * (x - lowerbound)`` clipped to [0, 1], with no division
    by a maximum (older files' ``parameter0 + parameter1 * x``, on the value
    itself, as GENIUS's real evaluator still reads it). A ``<reservation>``
    becomes the party's reservation value.

    Read as GENIUS reads them, each with a line in ``warnings``: files that
    are not GENIUS XML are skipped (see :mod:`zopa.interop._genius_xml`, also
    for the repairs made to files GENIUS's lenient parser accepts); an
    "uncertain" profile gives the additive utility it holds; a value without an
    evaluation (none, or "null") is 0; an issue whose largest evaluation is
    below 0.00001 is 0 throughout; a value listed twice in the domain is one
    option; a discount factor that is no number is ignored.

    Examples
    --------
    >>> from pathlib import Path
    >>> folder = Path(__file__).parents[3] / "tests" / "interop" / "data" / "genius" / "lunch"
    >>> imported = read_genius(folder)
    >>> imported.scenario.party_names
    ('alice', 'bob')
    >>> dict(imported.discount_factors)
    {'alice': 0.9, 'bob': None}
    """
    given = Path(path)
    if not given.exists():
        raise ScenarioError(f"{given}: no such folder or file")
    folder = (given if given.is_dir() else given.parent).resolve()
    given = given.resolve()
    files = sorted(folder.glob("*.xml"))
    if not files:
        raise ScenarioError(f"{folder}: no XML files")
    warnings: list[str] = []
    roots: dict[Path, ET.Element] = {}
    for file in files:
        root, note = parse_genius(file)
        if note is not None:
            warnings.append(note)
        if root is not None:
            roots[file] = root
    if given.is_dir():
        domain_file = _the_domain(folder, roots)
        profiles = [file for file in roots if file != domain_file]
    else:
        root = roots.get(given)
        if root is None or (root.tag != DOMAIN_ROOT and _is_profile(root)):
            raise ScenarioError(f"{given}: not a GENIUS domain file")
        domain_file = given
        others = [f for f, root in roots.items() if f != given and root.tag != DOMAIN_ROOT]
        profiles = _named_like(given, others)
    if not profiles:
        raise ScenarioError(f"{folder}: no profile files beside {domain_file.name}")
    issues = _domain_issues(roots[domain_file], domain_file, warnings)
    parties = []
    factors: dict[str, float | None] = {}
    for file in profiles:
        party, factors[file.stem] = _profile(roots[file], file, issues, warnings)
        parties.append(party)
        total = sum(Fraction(str(w)) for w in party["weights"].values())
        warning = weight_sum_warning(str(file), total, "used as written, as GENIUS does")
        if warning:
            warnings.append(warning)
    name = folder.name if given.is_dir() else _domain_name(domain_file)
    data = {
        "name": name,
        "title": f"GENIUS domain {name}",
        "issues": [
            {"name": issue.name, "options": [{"name": o, "label": o} for o in issue.options]}
            for issue in issues
        ],
        "parties": parties,
    }
    scenario = scenario_from_data(data, where=str(folder))
    return GeniusImport(
        scenario=scenario,
        discount_factors=MappingProxyType(factors),
        domain_file=domain_file,
        profile_files=MappingProxyType({f.stem: f for f in profiles}),
        warnings=tuple(warnings),
    )


def _the_domain(folder: Path, roots: dict[Path, ET.Element]) -> Path:
    """The folder's one domain: the ``<negotiation_template>``, else the one file
    without preferences."""
    domains = [f for f, root in roots.items() if root.tag == DOMAIN_ROOT]
    domains = domains or [f for f, root in roots.items() if not _is_profile(root)]
    if len(domains) == 1:
        return domains[0]
    found = ", ".join(f.name for f in domains) or "none"
    hint = (
        f"; name one (zopa import-genius {folder / domains[0].name}) to read it with the "
        "profiles whose names start as its name does"
        if domains
        else ""
    )
    raise ScenarioError(
        f"{folder}: expected one domain file (an XML without weights or evaluations), "
        f"found {found}{hint}"
    )


def _named_like(domain: Path, candidates: list[Path]) -> list[Path]:
    """The profiles of a domain named in a folder of several: those whose names
    start as the domain's does without "domain" ("Barbecue-A-prof1.xml" for
    "Barbecue-A-domain.xml"), else every profile there."""
    prefix = _domain_name(domain).lower()
    named = [f for f in candidates if prefix and f.stem.lower().startswith(prefix)]
    return named if prefix != domain.stem.lower() and named else candidates


def _domain_name(domain: Path) -> str:
    """A domain file's name without "domain": "Barbecue-A" for "Barbecue-A-domain.xml"."""
    return re.sub(r"[-_ .]*domain$", "", domain.stem, flags=re.IGNORECASE) or domain.stem


def _file_stem(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9 ._-]", "_", name).strip(" .") or "_"


@dataclass(frozen=True, slots=True)
class _PartyPlan:
    weights: dict[str, float]  # normalised, each issue's weight times its best value
    evaluations: dict[str, dict[str, float]]
    reservation: float | None
    scale: float  # the factor GENIUS's utilities differ from zopa's by


def _plan_party(scenario: Scenario, party: Party) -> _PartyPlan:
    """GENIUS weights and evaluations that reproduce ``party``'s utilities.

    GENIUS divides each issue's evaluations by their largest, so an issue
    whose best value ``m`` is below 1 is written with weight ``w * m``; the
    utilities then differ from zopa's by one factor per party, ``scale``, and
    the reservation value is multiplied by it, which keeps acceptance intact.
    """
    raw_weights = {i.name: 0.0 for i in scenario.issues}
    raw_weights.update({k: j.value for k, j in party.weights.items()})
    total = sum(raw_weights.values())
    effective: dict[str, float] = {}
    evaluations: dict[str, dict[str, float]] = {}
    for issue in scenario.issues:
        given = party.values.get(issue.name, {})
        values = {o.name: given[o.name].value for o in issue.options if o.name in given}
        best = max(values.values(), default=0.0)
        if len(values) < len(issue.options) or best <= 0:
            # Nothing to say about this issue: weight 0, any positive evaluations.
            effective[issue.name] = 0.0
            evaluations[issue.name] = {o.name: 1.0 for o in issue.options}
        else:
            effective[issue.name] = raw_weights[issue.name] * best
            evaluations[issue.name] = values
    kept = sum(effective.values())
    if kept <= 0:
        raise ScenarioError(
            f"party {party.name!r}: every weighted issue has only zero values; "
            "GENIUS cannot express that profile"
        )
    if party.weighting == "as_written":
        # Same utilities, same cap at 1 in GENIUS: write the weights unnormalised.
        weights = dict(effective)
        return _PartyPlan(weights, evaluations, _value(party.reservation), 1.0)
    scale = total / kept
    reservation = None
    if party.reservation is not None:
        reservation = min(1.0, party.reservation.value * scale)
    weights = {name: w / kept for name, w in effective.items()}
    return _PartyPlan(weights, evaluations, reservation, scale)


def _value(judgement: Any) -> float | None:
    return None if judgement is None else judgement.value


def genius_export_notes(scenario: Scenario) -> list[str]:
    """What :func:`write_genius` cannot carry over for ``scenario``, one line each.

    Always lost: citations and notes, descriptions, option labels, positions
    and cues, roles, aliases, capabilities, sources and topics. Listed per
    party: red lines (GENIUS has none), utilities rescaled because an issue's
    best value is below 1, and party names changed to make file names.
    """
    notes = [
        "GENIUS keeps only issues, options, weights, evaluations and reservation values: "
        "citations, descriptions, labels, roles, aliases, sources and topics are not written"
    ]
    for party in scenario.parties:
        lines = sum(len(v) for v in party.red_lines.values())
        if lines:
            issues = ", ".join(party.red_lines)
            notes.append(
                f"party {party.name!r}: {lines} red line(s) on {issues} dropped "
                "(GENIUS has no red lines)"
            )
        plan = _plan_party(scenario, party)
        if party.reservation is not None and party.reservation.value * plan.scale > 1:
            notes.append(
                f"party {party.name!r}: its reservation value, rescaled, exceeds 1 and is "
                "written as 1: no package reaches it in zopa, but the best ones do in GENIUS"
            )
        elif abs(plan.scale - 1.0) > 1e-12:
            notes.append(
                f"party {party.name!r}: some issue's best value is below 1, and GENIUS scales "
                f"each issue's best option to 1, so utilities are multiplied by "
                f"{plan.scale:.6g} (reservation value too; acceptance is unchanged)"
            )
        if _file_stem(party.name) != party.name:
            notes.append(
                f"party {party.name!r}: written as {_file_stem(party.name)!r} "
                "(profile file names carry party names)"
            )
    return notes


def _fmt(x: float) -> str:
    return repr(float(x))


def _issue_element(parent: ET.Element, index: int, issue_name: str) -> ET.Element:
    return ET.SubElement(
        parent,
        "issue",
        index=str(index),
        name=issue_name,
        vtype="discrete",
        type="discrete",
        etype="discrete",
    )


def _objective(parent: ET.Element, name: str) -> ET.Element:
    return ET.SubElement(
        parent,
        "objective",
        index="0",
        description="",
        name=name,
        type="objective",
        etype="objective",
    )


def _write(root: ET.Element, path: Path) -> Path:
    ET.indent(root)
    try:
        ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    except OSError as error:
        raise ScenarioError(f"{path}: cannot write: {error}") from None
    return path


def write_genius(scenario: Scenario, folder: str | Path) -> list[Path]:
    """Write ``scenario`` as a GENIUS folder: one domain file, one profile per party.

    Parameters
    ----------
    scenario : Scenario
        Any scenario; every issue is written as a discrete issue.
    folder : str or Path
        Created if absent. It must not hold other XML files, which would make
        the folder ambiguous to :func:`read_genius`.

    Returns
    -------
    list of Path
        The domain file first, then the profiles in party order.

    Raises
    ------
    ScenarioError
        The folder holds other XML files, two parties map to one file name, a
        party's profile cannot be expressed, or a file cannot be written.

    Notes
    -----
    :func:`read_genius` reads the folder back with the same issues, options and
    parties; each package gets the same utility for every party whose best
    value on each weighted issue is 1 (every scenario read from GENIUS), and a
    utility multiplied by one positive factor per party otherwise (the
    reservation value is multiplied too, so acceptance is unchanged, unless the
    rescaled reservation value exceeds 1, which GENIUS cannot hold). A party
    without values for an issue gets weight 0 there. Lost on the way: red
    lines (GENIUS has none), citations, descriptions, labels, roles, aliases,
    sources and topics; :func:`genius_export_notes` lists what applies.

    Examples
    --------
    >>> import tempfile
    >>> from zopa.model import load_builtin
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in write_genius(load_builtin("tiny"), tmp)]
    ['tiny_domain.xml', 'North.xml', 'South.xml']
    """
    folder = Path(folder)
    domain_path = folder / f"{_file_stem(scenario.name)}_domain.xml"
    profile_paths = [folder / f"{_file_stem(p.name)}.xml" for p in scenario.parties]
    targets = [domain_path, *profile_paths]
    if len({p.name.casefold() for p in targets}) != len(targets):
        raise ScenarioError(
            f"{folder}: party and scenario names collide as GENIUS file names: "
            + ", ".join(p.name for p in targets)
        )
    if folder.exists() and not folder.is_dir():
        raise ScenarioError(f"{folder}: exists and is not a folder")
    if folder.is_dir():
        others = sorted(p.name for p in folder.glob("*.xml") if p not in targets)
        if others:
            raise ScenarioError(f"{folder}: already holds other XML files: {', '.join(others)}")
    plans = [_plan_party(scenario, party) for party in scenario.parties]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ScenarioError(f"{folder}: cannot create: {error}") from None

    template = ET.Element("negotiation_template")
    space = ET.SubElement(template, "utility_space", number_of_issues=str(len(scenario.issues)))
    objective = _objective(space, scenario.name)
    for i, issue in enumerate(scenario.issues, start=1):
        element = _issue_element(objective, i, issue.name)
        for k, option in enumerate(issue.options, start=1):
            ET.SubElement(element, "item", index=str(k), value=option.name)
    written = [_write(template, domain_path)]

    for plan, path in zip(plans, profile_paths, strict=True):
        space = ET.Element("utility_space", number_of_issues=str(len(scenario.issues)))
        objective = _objective(space, scenario.name)
        for i, issue in enumerate(scenario.issues, start=1):
            element = _issue_element(objective, i, issue.name)
            for k, option in enumerate(issue.options, start=1):
                ET.SubElement(
                    element,
                    "item",
                    index=str(k),
                    value=option.name,
                    evaluation=_fmt(plan.evaluations[issue.name][option.name]),
                )
        for i, issue in enumerate(scenario.issues, start=1):
            ET.SubElement(objective, "weight", index=str(i), value=_fmt(plan.weights[issue.name]))
        if plan.reservation is not None:
            ET.SubElement(space, "reservation", value=_fmt(plan.reservation))
        written.append(_write(space, path))
    return written
