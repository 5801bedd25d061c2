"""Fixtures shared by the extractor tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from zopa.evidence.extract.rules import RulesExtractor
from zopa.model import load_builtin


@pytest.fixture(scope="session")
def triples() -> Callable[[str], set[tuple[str, str, str]]]:
    """The (actor, issue, stance) triples the rules read in a text, on ukraine-2026."""
    scenario = load_builtin("ukraine-2026")
    extractor = RulesExtractor()

    def run(text: str) -> set[tuple[str, str, str]]:
        return {
            (c.actor, c.issue, c.stance)
            for c in extractor.extract(text, scenario=scenario, date="2026-03-06")
        }

    return run
