"""Scenarios in and out of YAML and JSON, and the built-in scenarios.

Every failure a user can cause becomes one :class:`~zopa.errors.ScenarioError`
that names the file, the path inside it (``parties[2].red_lines.donetsk``) and
what is wrong.
"""

from __future__ import annotations

import json
import warnings
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from zopa.errors import ScenarioError, ScenarioWarning, UnknownNameError
from zopa.model._messages import describe_error
from zopa.model.types import Citation, Judgement, Party, RedLine, Scenario

__all__ = [
    "builtin_names",
    "dump_scenario",
    "load_builtin",
    "load_scenario",
    "load_yaml",
    "resolve_scenario",
    "save_scenario",
    "scenario_from_data",
    "scenario_to_data",
]

_BUILTIN_PACKAGE = "zopa.model.scenarios"
# libyaml's parser, where PyYAML was built with it, reads the same documents into
# the same values several times faster than the pure-Python one.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEFAULT_SCENARIO = "ukraine-2026"


def _location(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def _field_names() -> frozenset[str]:
    """Every key a scenario may use anywhere: every field of every model in types."""
    from pydantic import BaseModel

    from zopa.model import types

    models = [m for m in vars(types).values() if isinstance(m, type) and issubclass(m, BaseModel)]
    return frozenset(name for model in models for name in model.model_fields)


_FIELD_NAMES = _field_names()


_SHOWN_ERRORS = 5  # a mistake repeated down a long list is named a few times, then counted


def _describe(error: ValidationError, where: str) -> str:
    lines = []
    for item in error.errors():
        path = _location(tuple(p for p in item["loc"] if not str(p).startswith("function-")))
        lines.append(describe_error(item, path, _FIELD_NAMES))
    distinct = list(dict.fromkeys(lines))
    more = len(distinct) - _SHOWN_ERRORS
    tail = [f"and {more} more"] if more > 0 else []
    return f"{where}: " + "; ".join(distinct[:_SHOWN_ERRORS] + tail)


def scenario_from_data(data: Any, *, where: str = "<data>") -> Scenario:
    """Validate a parsed mapping into a :class:`Scenario`.

    Raises
    ------
    ScenarioError
        With ``where`` and the path inside the data of each problem.
    """
    if not isinstance(data, dict):
        raise ScenarioError(f"{where}: expected a mapping at the top, got {type(data).__name__}")
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as error:
        raise ScenarioError(_describe(error, where)) from None
    for message in _doubts(scenario):
        warnings.warn(f"{where}: {message}", ScenarioWarning, stacklevel=2)
    return scenario


def _doubts(scenario: Scenario) -> list[str]:
    """What is valid in a scenario but probably not meant (each becomes a warning)."""
    if len(scenario.parties) == 1:
        return [
            f"only one party ({scenario.parties[0].name!r}); a negotiation needs two or more, "
            "so the analysis describes that party's preferences alone"
        ]
    return []


def load_yaml(text: str) -> Any:
    """``yaml.safe_load(text)``, by libyaml where it is there; the same errors."""
    return yaml.load(text, Loader=_YAML_LOADER)


def _parse(text: str, where: str, fmt: str) -> Any:
    try:
        if fmt == "json":
            return json.loads(text)
        return load_yaml(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        place = f"{where}:{mark.line + 1}:{mark.column + 1}" if mark is not None else where
        what = " ".join(str(error.problem or error).split())
        raise ScenarioError(f"{place}: not valid YAML: {what}") from None
    except json.JSONDecodeError as error:
        raise ScenarioError(
            f"{where}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"
        ) from None
    # PyYAML raises ValueError for an impossible date such as 2026-02-30.
    except (yaml.YAMLError, ValueError) as error:
        what = " ".join(str(error).split())
        raise ScenarioError(f"{where}: not valid {fmt.upper()}: {what}") from None


def _format_of(path: Path) -> str:
    return "json" if path.suffix.lower() == ".json" else "yaml"


def load_scenario(path: str | Path) -> Scenario:
    """Read a scenario from a YAML or JSON file (chosen by the suffix)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ScenarioError(f"{path}: cannot read: {error}") from None
    return scenario_from_data(_parse(text, str(path), _format_of(path)), where=str(path))


def builtin_names() -> list[str]:
    """Names of the scenarios shipped with zopa."""
    folder = resources.files(_BUILTIN_PACKAGE)
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


def load_builtin(name: str = DEFAULT_SCENARIO) -> Scenario:
    """Load a built-in scenario by name (see :func:`builtin_names`).

    Examples
    --------
    >>> load_builtin("tiny").party_names
    ('North', 'South')
    """
    if name not in builtin_names():
        raise UnknownNameError(
            f"unknown built-in scenario {name!r}; built-ins: {', '.join(builtin_names())}"
        )
    text = resources.files(_BUILTIN_PACKAGE).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return scenario_from_data(_parse(text, f"built-in:{name}", "yaml"), where=f"built-in:{name}")


def resolve_scenario(name_or_path: str | Path | None) -> Scenario:
    """A built-in by name, or a file by path; ``None`` gives the default built-in."""
    if name_or_path is None:
        return load_builtin()
    if str(name_or_path) in builtin_names() and not Path(name_or_path).exists():
        return load_builtin(str(name_or_path))
    if not Path(name_or_path).exists():
        raise ScenarioError(
            f"{name_or_path}: no such file, nor a built-in scenario "
            f"(built-ins: {', '.join(builtin_names())})"
        )
    return load_scenario(name_or_path)


def _compact_citation(citation: Citation) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if citation.sources:
        out["sources"] = list(citation.sources)
    if citation.claims:
        out["claims"] = list(citation.claims)
    if citation.note:
        out["note"] = citation.note
    for bound in ("since", "until"):
        if getattr(citation, bound):
            out[bound] = getattr(citation, bound)
    return out


def _number(j: Judgement) -> float | str:
    # A float when it is the number exactly as written, else the fraction ("2/3").
    if Fraction(repr(j.value)) == j.exact:
        return j.value
    return str(j.exact)


def _judgement(j: Judgement) -> Any:
    extra = _compact_citation(j)
    if j.range is not None:
        extra["range"] = list(j.range)
    if j.distribution is not None:
        extra["distribution"] = j.distribution.model_dump(mode="json", exclude_none=True)
    return {"value": _number(j), **extra} if extra else _number(j)


def _red_line(r: RedLine) -> Any:
    extra = _compact_citation(r)
    return {"option": r.option, **extra} if extra else r.option


def _party(party: Party) -> dict[str, Any]:
    out = party.model_dump(
        exclude={"weights", "values", "red_lines", "reservation", "capability", "salience"},
        exclude_defaults=True,
    )
    out["name"] = party.name
    out["role"] = party.role
    if party.aliases:
        out["aliases"] = list(party.aliases)
    if party.capability is not None:
        out["capability"] = _judgement(party.capability)
    if party.salience:
        out["salience"] = {k: _judgement(v) for k, v in party.salience.items()}
    out["weights"] = {k: _judgement(v) for k, v in party.weights.items()}
    out["values"] = {
        issue: {opt: _judgement(v) for opt, v in values.items()}
        for issue, values in party.values.items()
    }
    if party.red_lines:
        out["red_lines"] = {k: [_red_line(r) for r in v] for k, v in party.red_lines.items()}
    if party.reservation is not None:
        out["reservation"] = _judgement(party.reservation)
    return out


def scenario_to_data(scenario: Scenario) -> dict[str, Any]:
    """Plain data for a scenario, compact: uncited judgements become bare numbers."""
    out = scenario.model_dump(mode="json", exclude={"parties"}, exclude_defaults=True)
    out["name"] = scenario.name
    out["issues"] = [
        issue.model_dump(mode="json", exclude_defaults=True) for issue in scenario.issues
    ]
    out["parties"] = [_party(p) for p in scenario.parties]
    return out


def dump_scenario(scenario: Scenario, fmt: str = "yaml") -> str:
    """A scenario as YAML or JSON text that :func:`load_scenario` reads back."""
    data = scenario_to_data(scenario)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def save_scenario(scenario: Scenario, path: str | Path) -> Path:
    """Write a scenario to ``path`` (YAML, or JSON for a ``.json`` suffix)."""
    path = Path(path)
    text = dump_scenario(scenario, _format_of(path))
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ScenarioError(f"{path}: cannot write: {error}") from None
    return path
