"""Validation errors in the scenario's own terms, not pydantic's.

pydantic says "Input should be a valid dictionary or instance of Judgement";
a scenario's author wrote a weight, so the message says what a weight may be.
Each error is translated by its pydantic type; types not listed keep
pydantic's message, which is already plain for them.
"""

from __future__ import annotations

import difflib
from typing import Any

__all__ = ["describe_error"]

_CITED = "sources: [...], claims: [...], note: ..."
_SHAPES = {  # what each kind of entry may be, as its author writes it
    "Judgement": f"a number, or a mapping {{value: number, {_CITED}}}",
    "RedLine": f"an option name, or a mapping {{option: name, {_CITED}}}",
    "Option": "a mapping (an option: {name: ..., label: ..., position: ..., cues: [...]})",
    "Issue": "a mapping (an issue: {name: ..., options: [...], cues: [...]})",
    "Party": "a mapping (a party: {name: ..., role: ..., weights: {...}, values: {...}})",
    "Source": "a mapping (a source: {id: ..., outlet: ..., date: ...})",
    "Topic": "a mapping (a topic: {name: ..., cues: [...]})",
}
_TYPE_WORDS = {
    "dict_type": "a mapping",
    "tuple_type": "a list",
    "list_type": "a list",
    "string_type": "text",
    "float_type": "a number",
    "float_parsing": "a number",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "bool_type": "true or false",
}
_BOUNDS = {"le": "at most", "lt": "less than", "ge": "at least", "gt": "more than"}


def _shown(value: Any) -> str:
    """A user's value as they would recognise it: short scalars as written, else the kind."""
    if (
        isinstance(value, str | int | float)
        and not isinstance(value, bool)
        and len(repr(value)) < 40
    ):
        return repr(value)
    if isinstance(value, str):
        return "a long string"
    kinds = {dict: "a mapping", list: "a list", tuple: "a list", bool: "a boolean"}
    return kinds.get(type(value), f"a {type(value).__name__}")


def _kind(value: Any) -> str:
    return {str: "a string", dict: "a mapping", list: "a list", tuple: "a list"}.get(
        type(value), _shown(value)
    )


def describe_error(item: dict[str, Any], path: str, field_names: frozenset[str]) -> str:
    """One pydantic error as ``path: what is wrong``, in the scenario's terms.

    Parameters
    ----------
    item
        One entry of ``ValidationError.errors()``.
    path
        Where it is, as ``parties[0].weights.river``.
    field_names
        Every key a scenario may use anywhere, for "did you mean" hints.
    """
    kind = item["type"]
    context = item.get("ctx") or {}
    value = item.get("input")
    parent, _, last = path.rpartition(".")
    if kind == "model_type" or kind == "model_attributes_type":
        shape = _SHAPES.get(context.get("class_name", ""), "a mapping")
        return f"{path}: expected {shape}; got {_shown(value)}"
    if kind == "missing":
        return (
            f"{parent}: missing key {last!r}"
            if parent
            else f"{path}: missing (every scenario needs it)"
        )
    if kind == "extra_forbidden":
        where = parent or "top level"
        hint = ""
        if last == "value" and ".red_lines." in f".{parent}":
            hint = " (a red line names its option: {option: NAME, sources: [...]})"
        elif close := difflib.get_close_matches(last, sorted(field_names), n=1, cutoff=0.75):
            hint = f" (did you mean {close[0]!r}?)"
        return f"{where}: unknown key {last!r}{hint}"
    if kind in _TYPE_WORDS:
        got = _kind(value) if kind in ("dict_type", "tuple_type", "list_type") else _shown(value)
        hint = ""
        if kind == "string_type" and isinstance(value, bool):
            # YAML reads yes/no/on/off/true/false unquoted as booleans
            hint = " (YAML reads unquoted yes, no, on, off as true or false: quote the value)"
        return f"{path}: expected {_TYPE_WORDS[kind]}, got {got}{hint}"
    if kind == "literal_error":
        return f"{path}: must be one of {context.get('expected', '')}; got {_shown(value)}"
    for bound, words in _BOUNDS.items():
        if kind.startswith(("less_than", "greater_than")) and bound in context:
            limit = context[bound]
            limit = int(limit) if isinstance(limit, float) and limit.is_integer() else limit
            return f"{path}: must be {words} {limit}; got {_shown(value)}"
    message = item["msg"].removeprefix("Value error, ")
    return f"{path}: {message}" if path else message
