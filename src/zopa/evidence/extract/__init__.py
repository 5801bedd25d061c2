"""Claim extractors: one interface, several implementations chosen by name.

An extractor reads the stored text of one document and returns the claims it
finds (:class:`~zopa.evidence.types.ExtractedClaim`), each with the exact quote
and its character span in that text. The default, ``"rules"``, runs offline on
lexicons drawn from the scenario (party aliases, issue, option and topic cues)
and a general English lexicon of stance phrases. Others (a small local model, a
user's own LLM endpoint) plug in behind the same :class:`Extractor` protocol and
are added to the registry with :func:`register_extractor`.

Examples
--------
>>> extractor = get_extractor("rules")
>>> extractor.name
'rules'
>>> "rules" in available_extractors()
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from zopa.errors import UnknownNameError
from zopa.evidence.types import ExtractedClaim
from zopa.model.types import Scenario

__all__ = ["Extractor", "available_extractors", "get_extractor", "register_extractor"]


@runtime_checkable
class Extractor(Protocol):
    """What every claim extractor provides.

    ``extract`` must be deterministic for a given text, scenario and date, and
    every claim it returns must satisfy ``text[claim.start:claim.end] == claim.quote``.
    """

    name: str

    def extract(
        self, text: str, *, scenario: Scenario, date: str | None = None
    ) -> list[ExtractedClaim]:
        """Claims of ``text`` about ``scenario``'s parties and issues or topics.

        Parameters
        ----------
        text
            The document's stored (normalised) text; spans refer to it.
        scenario
            Parties (with aliases), issues and options (with cues) and topics.
        date
            The document's date, ``YYYY-MM-DD`` or ``YYYY-MM``; relative dates in
            the text ("on Friday", "last month") resolve against it. ``None``
            when unknown: claims then carry only dates the text states in full,
            else ``"unknown"``.
        """
        ...


def _rules() -> Extractor:
    from zopa.evidence.extract.rules import RulesExtractor

    return RulesExtractor()


def _learned() -> Extractor:
    from zopa.evidence.extract.learned import LearnedExtractor

    return LearnedExtractor()


_REGISTRY: dict[str, Callable[[], Extractor]] = {"learned": _learned, "rules": _rules}


def register_extractor(name: str, factory: Callable[[], Extractor]) -> None:
    """Make ``get_extractor(name)`` build an extractor with ``factory``."""
    _REGISTRY[name] = factory


def available_extractors() -> list[str]:
    """Names :func:`get_extractor` accepts, sorted."""
    return sorted(_REGISTRY)


def get_extractor(name: str = "rules") -> Extractor:
    """A new extractor by name.

    Raises
    ------
    UnknownNameError
        When ``name`` is not registered; the message lists the known names.
    """
    factory = _REGISTRY.get(name)
    if factory is None:
        raise UnknownNameError(
            f"unknown extractor {name!r}; known: {', '.join(available_extractors())}"
        )
    return factory()
