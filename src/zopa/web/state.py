"""What the app holds while it runs: the scenarios, the store, cached analyses."""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, field
from typing import Any

from zopa.errors import UnknownNameError
from zopa.evidence import Store
from zopa.model import Scenario
from zopa.report import ReportOptions, WhatIf, analysis_content, apply_whatif

__all__ = ["AppState"]

_CACHED = 256  # what-if analyses kept; the built-in one is a few hundred kB each


@dataclass
class AppState:
    """The scenarios served (by name), the evidence store and an analysis cache."""

    scenarios: dict[str, Scenario]
    store: Store
    max_upload: int
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._live = functools.lru_cache(maxsize=_CACHED)(self._compute)

    def scenario(self, name: str) -> Scenario:
        try:
            return self.scenarios[name]
        except KeyError:
            known = ", ".join(sorted(self.scenarios))
            raise UnknownNameError(f"unknown scenario {name!r}; known: {known}") from None

    def live(
        self, name: str, change: WhatIf | None = None, pair: tuple[str, str] | None = None
    ) -> dict[str, Any]:
        """:func:`~zopa.report.analysis_content` of a scenario after ``change``, cached."""
        change = change or WhatIf()
        return self._live(name, change.key(), pair)

    def changed(self, name: str, change: WhatIf | None) -> Scenario:
        scenario = self.scenario(name)
        return scenario if change is None else apply_whatif(scenario, change)

    def _compute(self, name: str, key: tuple, pair: tuple[str, str] | None) -> dict[str, Any]:
        drop_red_lines, drop_reservations, weights = key
        nested: dict[str, dict[str, float]] = {}
        for party, issue, weight in weights:
            nested.setdefault(party, {})[issue] = weight
        change = WhatIf(drop_red_lines, drop_reservations, nested)
        scenario = self.changed(name, change)
        return analysis_content(scenario, ReportOptions(pair=pair))
