"""The scenario model: parties, issues with discrete options, and preferences.

A scenario is validated once, when it is built: structure by pydantic, cross
references (every issue, option and source a party names exists; weights not all
zero; values for every option of a weighted issue) by :func:`_cross_check`.
Engines trust a :class:`Scenario` and never mutate it (every model is frozen).

Each judgement (a weight, a value, a red line, a reservation value) may cite the
articles it rests on (``sources``: ids of :class:`Source` entries) and claims of
the evidence store (``claims``). In files a judgement without citations may be
written as a bare number (or, for a red line, a bare option name).

A number may also be written as an exact fraction, ``"2/3"`` (or a decimal string,
``"0.25"``): every judgement keeps its exact rational value (:attr:`Judgement.exact`)
beside the nearest float (:attr:`Judgement.value`), and the engines compute with
the exact one.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from fractions import Fraction
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "ROLES",
    "STRATEGIES",
    "Citation",
    "Deadline",
    "DecisionRule",
    "Distribution",
    "Issue",
    "Judgement",
    "Option",
    "Party",
    "RedLine",
    "Scenario",
    "Source",
    "Strategy",
    "Topic",
    "date_before",
]

ROLES = ("principal", "mediator", "guarantor", "other")
Role = Literal["principal", "mediator", "guarantor", "other"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _nonblank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value.strip()


def _unquoted_date(value: Any) -> Any:
    # YAML reads an unquoted 2026-02-24 as a date; take it as written.
    return value.isoformat() if isinstance(value, dt.date) else value


def _check_date_text(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
            raise ValueError
        dt.date.fromisoformat(value if len(value) == 10 else f"{value}-01")
    except ValueError:
        raise ValueError(f"date {value!r} is not YYYY-MM-DD or YYYY-MM") from None
    return value


def date_before(earlier: str, later: str) -> bool:
    """Whether ``earlier`` comes strictly before ``later`` at the precision both share.

    Examples
    --------
    >>> date_before("2025-11", "2025-12-02"), date_before("2025-11", "2025-11-20")
    (True, False)
    """
    width = min(len(earlier), len(later))
    return earlier[:width] < later[:width]


class Source(_Frozen):
    """An article a judgement rests on."""

    id: str
    outlet: str
    date: str = Field(description="YYYY-MM-DD, or YYYY-MM when only the month is known")
    title: str | None = None
    file: str | None = None
    url: str | None = None

    _check_id = field_validator("id", "outlet")(_nonblank)

    _unquoted = field_validator("date", mode="before")(_unquoted_date)
    _check_date = field_validator("date")(_check_date_text)


class Citation(_Frozen):
    """Where a judgement comes from (article ids, claim ids, a note) and when it holds.

    ``since`` and ``until`` (YYYY-MM-DD or YYYY-MM) bound the time a red line or a
    reservation value is in force: from ``since`` on, and no longer from ``until``
    on, compared at the precision both dates share. Without them it always holds.
    """

    sources: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    note: str | None = None
    since: str | None = None
    until: str | None = None

    _unquoted = field_validator("since", "until", mode="before")(_unquoted_date)
    _check_dates = field_validator("since", "until")(_check_date_text)

    @model_validator(mode="after")
    def _ordered(self) -> Citation:
        if self.since and self.until and not date_before(self.since, self.until):
            raise ValueError(f"since {self.since} is not before until {self.until}")
        return self

    @property
    def cited(self) -> bool:
        """True when the judgement names at least one source or claim."""
        return bool(self.sources or self.claims)

    @property
    def dated(self) -> bool:
        """True when the judgement holds only for a time (``since`` or ``until``)."""
        return bool(self.since or self.until)

    def holds_on(self, date: str) -> bool:
        """Whether the judgement is in force on ``date``.

        Examples
        --------
        >>> line = RedLine(option="x", since="2025-11", until="2026-02-18")
        >>> [line.holds_on(d) for d in ("2025-10-30", "2025-11-20", "2026-02-18")]
        [False, True, False]
        """
        started = self.since is None or not date_before(date, self.since)
        return started and (self.until is None or date_before(date, self.until))


class Distribution(_Frozen):
    """What an analyst is unsure of, as a distribution: exactly one of its fields.

    ``uniform: [low, high]`` or ``triangular: [low, mode, high]``.
    """

    uniform: tuple[float, float] | None = None
    triangular: tuple[float, float, float] | None = None

    @model_validator(mode="after")
    def _one_valid_shape(self) -> Distribution:
        given = [p for p in (self.uniform, self.triangular) if p is not None]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of uniform: [low, high], triangular: [low, mode, high]"
            )
        points = given[0]
        if not all(math.isfinite(p) for p in points):
            raise ValueError("distribution parameters must be finite numbers")
        if list(points) != sorted(points):
            kind = "uniform" if self.uniform is not None else "triangular"
            shown = ", ".join(f"{p:g}" for p in points)
            raise ValueError(f"{kind} [{shown}]: parameters must be in increasing order")
        return self

    @property
    def bounds(self) -> tuple[float, float]:
        """The smallest and largest value the distribution gives."""
        points = self.uniform if self.uniform is not None else self.triangular
        assert points is not None
        return points[0], points[-1]


class Judgement(Citation):
    """A number an analyst judged (a weight, a value, a reservation value).

    ``value`` is a float for display and quick arithmetic; ``exact`` is the number
    as written, as a fraction: a decimal such as ``0.1`` is exactly 1/10, and a
    fraction written as ``"2/3"`` is exactly 2/3 (its float is only close).
    ``range: [low, high]`` (uniform) or a ``distribution`` says how unsure the
    analyst is, for Monte Carlo forecasts; ``value`` stays the best estimate.
    """

    value: float
    exact: Fraction = Field(default=None, exclude=True, repr=False)  # type: ignore[assignment]
    range: tuple[float, float] | None = None
    distribution: Distribution | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_number(cls, data: Any) -> Any:
        if isinstance(data, bool):
            raise ValueError("expected a number, got a boolean")
        if isinstance(data, int | float | str | Fraction):
            data = {"value": data}
        if isinstance(data, dict) and data.get("exact") is None and "value" in data:
            data = {**data, **_exact_number(data["value"])}
        return data

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("must be a finite number")
        return value

    @model_validator(mode="after")
    def _consistent_spread(self) -> Judgement:
        if self.range is not None and self.distribution is not None:
            raise ValueError("give a range or a distribution, not both")
        if self.range is not None:
            low, high = self.range
            if not (math.isfinite(low) and math.isfinite(high)):
                raise ValueError("range ends must be finite numbers")
            if low > high:
                raise ValueError(f"range [{low:g}, {high:g}]: low end above high end")
        low, high = self.bounds
        if not low <= self.value <= high:
            raise ValueError(f"value {self.value:g} is outside its range [{low:g}, {high:g}]")
        return self

    @property
    def spread(self) -> Distribution | None:
        """The judgement's uncertainty as a distribution (a range is uniform), if any."""
        if self.range is not None:
            return Distribution(uniform=self.range)
        return self.distribution

    @property
    def bounds(self) -> tuple[float, float]:
        """The smallest and largest value the judgement may take."""
        spread = self.spread
        return (self.value, self.value) if spread is None else spread.bounds


@functools.lru_cache(maxsize=1 << 16)
def _as_written(raw: float) -> Fraction:
    # repr() is the shortest decimal that reads back as the float: the number as written.
    # Cached: an imported domain repeats the same few values across thousands of cells.
    return Fraction(repr(raw))


def _exact_number(raw: Any) -> dict[str, Any]:
    """``value`` and ``exact`` of a number, a fraction, or a string such as "2/3"."""
    if isinstance(raw, bool):
        raise ValueError("expected a number, got a boolean")
    if isinstance(raw, Fraction):
        return {"value": float(raw), "exact": raw}
    if isinstance(raw, int):
        return {"value": float(raw), "exact": Fraction(raw)}
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise ValueError("must be a finite number")
        return {"value": raw, "exact": _as_written(raw)}
    if isinstance(raw, str):
        try:
            exact = Fraction(raw.strip())
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"{raw!r} is not a number or a fraction such as '2/3'") from None
        return {"value": float(exact), "exact": exact}
    return {"value": raw}


class RedLine(Citation):
    """An option a party will not accept."""

    option: str

    @model_validator(mode="before")
    @classmethod
    def _bare_option(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"option": data}
        return data


class Option(_Frozen):
    """One way an issue can be settled."""

    name: str
    label: str | None = None
    position: float | None = Field(
        default=None, ge=0, le=100, description="place on the issue's 0-100 scale"
    )
    cues: tuple[str, ...] = Field(default=(), description="phrases that name this option")

    _check_name = field_validator("name")(_nonblank)

    @property
    def title(self) -> str:
        """The label when there is one, else the name."""
        return self.label or self.name


class Issue(_Frozen):
    """A question the parties negotiate, with its ordered options."""

    name: str
    description: str = ""
    options: tuple[Option, ...]
    cues: tuple[str, ...] = Field(default=(), description="phrases that name this issue")
    aliases: tuple[str, ...] = Field(
        default=(), description="names of this issue in other vocabularies (e.g. gold files)"
    )

    _check_name = field_validator("name")(_nonblank)

    @field_validator("options")
    @classmethod
    def _options(cls, options: tuple[Option, ...]) -> tuple[Option, ...]:
        if not options:
            raise ValueError("an issue needs at least one option")
        dupes = _duplicates([o.name for o in options])
        if dupes:
            raise ValueError(f"duplicate option names: {', '.join(dupes)}")
        return options

    def option_index(self, name: str) -> int:
        """Position of the option called ``name``; raises KeyError if absent."""
        for index, option in enumerate(self.options):
            if option.name == name:
                return index
        raise KeyError(name)


class Topic(_Frozen):
    """A subject the news discusses that is not an issue of the agreement space.

    Claims may be about a topic (a summit, a deadline); the evidence extractor
    recognises it by its cue phrases.
    """

    name: str
    description: str = ""
    cues: tuple[str, ...] = ()

    _check_name = field_validator("name")(_nonblank)


#: Negotiation strategies a party may follow in ``zopa.simulate``.
STRATEGIES = ("boulware", "linear", "conceder", "tit-for-tat", "hardliner")


class Strategy(_Frozen):
    """How a party concedes in simulated talks (see :mod:`zopa.simulate`).

    Written as a bare name (``boulware``) or ``{name: boulware, exponent: 0.2}``.
    """

    name: Literal["boulware", "linear", "conceder", "tit-for-tat", "hardliner"]
    exponent: float | None = Field(default=None, gt=0, description="concession exponent e")
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_name(cls, data: Any) -> Any:
        return {"name": data} if isinstance(data, str) else data


class Party(_Frozen):
    """A party with its preferences: additive utility over issues."""

    name: str
    role: Role = "principal"
    aliases: tuple[str, ...] = Field(
        default=(), description="people, capitals and institutions that speak for the party"
    )
    capability: Judgement | None = Field(default=None, description="relative power, >= 0")
    salience: dict[str, Judgement] = Field(
        default_factory=dict, description="per issue, how much the party cares, in [0, 1]"
    )
    weights: dict[str, Judgement] = Field(default_factory=dict)
    values: dict[str, dict[str, Judgement]] = Field(default_factory=dict)
    red_lines: dict[str, tuple[RedLine, ...]] = Field(default_factory=dict)
    reservation: Judgement | None = None
    weighting: Literal["normalised", "as_written"] = Field(
        default="normalised",
        description=(
            "normalised: weights divided by their sum (zopa's default); as_written: "
            "weights used as they stand and the utility capped at 1 (GENIUS)"
        ),
    )
    strategy: Strategy | None = None

    _check_name = field_validator("name")(_nonblank)

    def normalised_weights(self) -> dict[str, float]:
        """Issue weights scaled to sum to 1, for the issues the party weighs."""
        total = sum(j.value for j in self.weights.values())
        return {issue: j.value / total for issue, j in self.weights.items()}

    def exact_weights(self) -> dict[str, Fraction]:
        """The weights the utility uses, exactly.

        Normalised to sum to 1 by default; as written when ``weighting`` is
        ``"as_written"`` (the utility is then capped at 1, see :mod:`zopa.space`).
        """
        if self.weighting == "as_written":
            return {issue: j.exact for issue, j in self.weights.items()}
        total = sum((j.exact for j in self.weights.values()), Fraction(0))
        return {issue: j.exact / total for issue, j in self.weights.items()}

    def forbidden(self, issue: str) -> frozenset[str]:
        """Names of the options of ``issue`` this party rules out."""
        return frozenset(r.option for r in self.red_lines.get(issue, ()))


class DecisionRule(Citation):
    """Who must accept a package for it to pass: at least ``at_least`` parties,
    ``including`` every party named there.

    Without ``at_least`` every party must accept (unanimity, the default). A
    party *accepts* a package when the package avoids all of its red lines and
    gives it at least its reservation value, so a party's red lines and
    reservation value only block a package when that party is needed for it:
    under "5 of 6" a package that crosses one party's red line still passes if
    the other five accept it. ``including`` names parties (by name or alias)
    whose acceptance is always needed, such as a proposer and a veto party.
    """

    at_least: int | None = Field(default=None, description="parties that must accept; all if unset")
    including: tuple[str, ...] = Field(default=(), description="parties that must be among them")

    @model_validator(mode="before")
    @classmethod
    def _bare_word(cls, data: Any) -> Any:
        if data == "unanimity":
            return {}
        if isinstance(data, dict) and (data.get("since") or data.get("until")):
            raise ValueError("a decision rule holds for the whole scenario: no since/until")
        if isinstance(data, str):
            raise ValueError(
                f"unknown decision rule {data!r}; use 'unanimity' or a mapping "
                "{at_least: K, including: [parties]}"
            )
        return data

    @property
    def unanimous(self) -> bool:
        """True when the rule needs every party (no ``at_least``)."""
        return self.at_least is None


class Deadline(Citation):
    """When talks must end: a number of rounds, and the date it stands for."""

    rounds: int = Field(ge=1, description="rounds of offers before talks end")
    date: str | None = Field(default=None, description="YYYY-MM-DD, the date it stands for")


class Scenario(_Frozen):
    """A negotiation: who takes part, what is on the table, who wants what."""

    name: str
    title: str = ""
    description: str = ""
    sources: tuple[Source, ...] = ()
    issues: tuple[Issue, ...]
    topics: tuple[Topic, ...] = ()
    parties: tuple[Party, ...]
    dismissed_claims: tuple[str, ...] = Field(
        default=(), description="claim ids an analyst reviewed and set aside (zopa suggest)"
    )
    decision_rule: DecisionRule = Field(default_factory=DecisionRule)
    deadline: Deadline | None = None

    _check_name = field_validator("name")(_nonblank)

    @model_validator(mode="after")
    def _references(self) -> Scenario:
        problems = _cross_check(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def issue(self, name: str) -> Issue:
        """The issue called ``name`` (raises :class:`~zopa.errors.UnknownNameError`)."""
        for issue in self.issues:
            if issue.name == name:
                return issue
        _unknown("issue", name, [i.name for i in self.issues])

    def party(self, name: str) -> Party:
        """The party called ``name``, or one of its aliases, case-insensitively."""
        wanted = name.casefold()
        for party in self.parties:
            if wanted == party.name.casefold() or wanted in (a.casefold() for a in party.aliases):
                return party
        _unknown("party", name, [p.name for p in self.parties])

    def subject(self, name: str) -> str | None:
        """The issue or topic ``name`` refers to (by name or issue alias), else ``None``."""
        for issue in self.issues:
            if name == issue.name or name in issue.aliases:
                return issue.name
        for topic in self.topics:
            if name == topic.name:
                return topic.name
        return None

    def with_default_cues(self) -> Scenario:
        """This scenario, or, when no issue, option or topic lists a cue, one with cues from names.

        A scenario written without ``cues`` would otherwise give the extractor
        nothing to recognise. The derived cues are each issue's and topic's name
        and each option's name, with ``_`` and ``-`` read as spaces
        (``south_bank`` -> "south bank"), plus an option's label; all lower case.
        A scenario with any cue of its own is returned unchanged: its author
        chose its vocabulary.

        Examples
        --------
        >>> from zopa.model import load_builtin
        >>> load_builtin("tiny").with_default_cues().issue("river").options[2].cues
        ('south bank', 'border on the south bank')
        """
        own = any(t.cues for t in self.topics) or any(
            i.cues or any(o.cues for o in i.options) for i in self.issues
        )
        if own:
            return self
        issues = tuple(
            issue.model_copy(
                update={
                    "cues": _name_cues(issue.name),
                    "options": tuple(
                        o.model_copy(update={"cues": _name_cues(o.name, o.label)})
                        for o in issue.options
                    ),
                }
            )
            for issue in self.issues
        )
        topics = tuple(t.model_copy(update={"cues": _name_cues(t.name)}) for t in self.topics)
        return self.model_copy(update={"issues": issues, "topics": topics})

    @property
    def party_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parties)

    def as_of(self, date: str) -> Scenario:
        """The scenario as it stood on ``date`` (YYYY-MM-DD or YYYY-MM).

        Red lines and reservation values that are not yet, or no longer, in force
        on that date are left out (see :meth:`Citation.holds_on`); everything else
        is as written.

        Examples
        --------
        >>> from zopa.model import load_builtin
        >>> scenario = load_builtin("ukraine-2026")
        >>> before, now = scenario.as_of("2025-06"), scenario.as_of("2026-02-24")
        >>> len(scenario.change_dates) > 0, now == scenario.as_of("2026-12")
        (True, True)
        """
        if _check_date_text(date) is None:
            raise ValueError("a date is needed")
        parties = []
        for party in self.parties:
            red_lines = {
                issue: kept
                for issue, lines in party.red_lines.items()
                if (kept := tuple(line for line in lines if line.holds_on(date)))
            }
            reservation = party.reservation
            if reservation is not None and not reservation.holds_on(date):
                reservation = None
            parties.append(
                party.model_copy(update={"red_lines": red_lines, "reservation": reservation})
            )
        return self.model_copy(update={"parties": tuple(parties)})

    @property
    def change_dates(self) -> tuple[str, ...]:
        """Every date on which a red line or a reservation value comes into or out of force."""
        dates = set()
        for party in self.parties:
            lines = [line for lines in party.red_lines.values() for line in lines]
            for citation in [*lines, *([party.reservation] if party.reservation else [])]:
                dates.update(d for d in (citation.since, citation.until) if d)
        return tuple(sorted(dates))

    def rule_parties(self) -> tuple[int, tuple[int, ...]]:
        """The decision rule as (parties needed, indices of the parties always needed)."""
        rule = self.decision_rule
        needed = len(self.parties) if rule.at_least is None else rule.at_least
        names = self.party_names
        return needed, tuple(sorted(names.index(self.party(n).name) for n in rule.including))


def _name_cues(name: str, label: str | None = None) -> tuple[str, ...]:
    """Cue phrases read off a name (and label): ``south_bank`` -> ``("south bank",)``."""
    phrases = [" ".join(name.replace("_", " ").replace("-", " ").split()).lower()]
    if label:
        phrases.append(" ".join(label.split()).lower())
    return tuple(p for p in dict.fromkeys(phrases) if p)


def _unknown(kind: str, name: str, known: list[str]) -> Any:
    from zopa.errors import UnknownNameError

    raise UnknownNameError(f"unknown {kind} {name!r}; known: {', '.join(known)}")


def _duplicates(names: list[str]) -> list[str]:
    return sorted({n for n in names if names.count(n) > 1})


_UNDATED = (
    "only red lines and reservation values can carry since/until; "
    "a weight or value that changed over time needs a scenario per period"
)


def _cross_check(scenario: Scenario) -> list[str]:
    """Every cross reference of a scenario, as ``path: problem`` strings."""
    problems: list[str] = []
    if not scenario.issues:
        problems.append("issues: a scenario needs at least one issue")
    if not scenario.parties:
        problems.append("parties: a scenario needs at least one party")
    for kind, names in (
        ("issues", [i.name for i in scenario.issues]),
        ("parties", [p.name for p in scenario.parties]),
        ("sources", [s.id for s in scenario.sources]),
        ("topics", [t.name for t in scenario.topics]),
    ):
        for dupe in _duplicates(names):
            problems.append(f"{kind}: duplicate name {dupe!r}")
    issues = {i.name: i for i in scenario.issues}
    source_ids = {s.id for s in scenario.sources}

    def cite(path: str, citation: Citation) -> None:
        for source in citation.sources:
            if source not in source_ids:
                problems.append(f"{path}.sources: unknown source {source!r}")

    def within(path: str, judgement: Judgement, low: float, high: float) -> None:
        # A point value is compared exactly (as written); a spread by its float ends.
        lo, hi = judgement.bounds if judgement.spread is not None else (judgement.exact,) * 2
        if lo < low or hi > high:
            what = "range" if judgement.spread is not None else "value"
            shown = f"[{lo:g}, {hi:g}]" if judgement.spread is not None else f"{judgement.value:g}"
            span = f"[{low:g}, {high:g}]" if math.isfinite(high) else f">= {low:g}"
            problems.append(f"{path}: {what} {shown} is not in {span}")

    for p, party in enumerate(scenario.parties):
        base = f"parties[{p}]"
        if not party.weights:
            problems.append(f"{base}: party {party.name!r} has no preferences (no weights)")
        for issue_name, weight in party.weights.items():
            path = f"{base}.weights.{issue_name}"
            if issue_name not in issues:
                problems.append(f"{path}: unknown issue {issue_name!r}")
            if weight.exact < 0:
                problems.append(f"{path}: weight {weight.value} is negative")
            if weight.dated:
                problems.append(f"{path}: {_UNDATED}")
            cite(path, weight)
        if party.weights and all(w.exact == 0 for w in party.weights.values()):
            problems.append(f"{base}.weights: all weights are zero")
        for issue_name, values in party.values.items():
            path = f"{base}.values.{issue_name}"
            issue = issues.get(issue_name)
            if issue is None:
                problems.append(f"{path}: unknown issue {issue_name!r}")
                continue
            known = {o.name for o in issue.options}
            for option, judgement in values.items():
                if option not in known:
                    problems.append(f"{path}.{option}: unknown option of {issue_name!r}")
                within(f"{path}.{option}", judgement, 0, 1)
                if judgement.dated:
                    problems.append(f"{path}.{option}: {_UNDATED}")
                cite(f"{path}.{option}", judgement)
        for issue_name, weight in party.weights.items():
            issue = issues.get(issue_name)
            if issue is None or weight.exact == 0:
                continue
            missing = [
                o.name for o in issue.options if o.name not in party.values.get(issue_name, {})
            ]
            if missing:
                problems.append(
                    f"{base}.values.{issue_name}: no value for option(s) {', '.join(missing)}"
                )
        for issue_name, lines in party.red_lines.items():
            path = f"{base}.red_lines.{issue_name}"
            issue = issues.get(issue_name)
            if issue is None:
                problems.append(f"{path}: unknown issue {issue_name!r}")
                continue
            known = {o.name for o in issue.options}
            for r, line in enumerate(lines):
                if line.option not in known:
                    problems.append(f"{path}[{r}]: unknown option {line.option!r}")
                cite(f"{path}[{r}]", line)
            if known and known <= {line.option for line in lines}:
                problems.append(
                    f"{path}: contradictory red lines: {party.name!r} rules out every option"
                )
        if party.reservation is not None:
            path = f"{base}.reservation"
            within(path, party.reservation, 0, 1)
            cite(path, party.reservation)
        if party.capability is not None:
            within(f"{base}.capability", party.capability, 0, math.inf)
            if party.capability.dated:
                problems.append(f"{base}.capability: {_UNDATED}")
            cite(f"{base}.capability", party.capability)
        for issue_name, salience in party.salience.items():
            path = f"{base}.salience.{issue_name}"
            if issue_name not in issues:
                problems.append(f"{path}: unknown issue {issue_name!r}")
            within(path, salience, 0, 1)
            if salience.dated:
                problems.append(f"{path}: {_UNDATED}")
            cite(path, salience)
    problems.extend(_rule_problems(scenario))
    cite("decision_rule", scenario.decision_rule)
    if scenario.deadline is not None:
        cite("deadline", scenario.deadline)
    return problems


def _rule_problems(scenario: Scenario) -> list[str]:
    """Why no set of parties can meet the decision rule, if none can."""
    rule, n = scenario.decision_rule, len(scenario.parties)
    out: list[str] = []
    lookup: dict[str, str] = {}
    for party in scenario.parties:
        for name in (party.name, *party.aliases):
            lookup.setdefault(name.casefold(), party.name)
    resolved = []
    for k, name in enumerate(rule.including):
        if name.casefold() not in lookup:
            out.append(
                f"decision_rule.including[{k}]: unknown party {name!r}; "
                f"known: {', '.join(scenario.party_names)}"
            )
        else:
            resolved.append(lookup[name.casefold()])
    for dupe in _duplicates(resolved):
        out.append(f"decision_rule.including: party {dupe!r} is named twice")
    if rule.at_least is not None:
        if rule.at_least < 1:
            out.append(f"decision_rule.at_least: {rule.at_least} is not a positive number")
        elif rule.at_least > n:
            out.append(
                f"decision_rule.at_least: {rule.at_least} parties must accept but there are "
                f"only {n}: no set of parties can meet the rule"
            )
        elif len(set(resolved)) > rule.at_least:
            out.append(
                f"decision_rule.including: names {len(set(resolved))} parties but at_least "
                f"is {rule.at_least}: the rule contradicts itself"
            )
    return out
