"""A stand-in claim extractor for the store and ingestion tests, and a script the
crash test runs and kills.

The fake reads one claim from each sentence that names a party of the ``tiny``
scenario and one of a few stance verbs; it is a test double, not the project's
extractor. Run as a script it ingests a folder into a database, slowly enough
to be killed midway: ``python fakes.py DB_URL FOLDER``.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from zopa.evidence.types import ExtractedClaim

_VERBS = {
    "insists": "demands",
    "demands": "demands",
    "rejects": "rejects",
    "offers": "offers",
    "accepts": "accepts",
}
_OPTIONS = {
    "south bank": ("river", "south_bank"),
    "north bank": ("river", "north_bank"),
    "midline": ("river", "midline"),
    "shared": ("fishing", "shared"),
    "share": ("fishing", "shared"),
    "exclusive fishing": ("fishing", None),
}
SENTENCE = re.compile(r"[^.\n]+\.")


class FakeExtractor:
    """One claim per sentence with a party name and a stance verb."""

    name = "fake"

    def extract(self, text: str, *, scenario: Any, date: str | None = None) -> list[ExtractedClaim]:
        parties = [p.name for p in scenario.parties]
        claims = []
        for match in SENTENCE.finditer(text):
            sentence = match.group().strip()
            start = text.index(sentence, match.start())
            named = [(sentence.find(p), p) for p in parties if p in sentence]
            actor = min(named)[1] if named else None
            verb = next((v for v in _VERBS if v in sentence), None)
            cue = next((c for c in _OPTIONS if c in sentence), None)
            if actor is None or verb is None or cue is None:
                continue
            issue, option = _OPTIONS[cue]
            claims.append(
                ExtractedClaim(
                    actor=actor,
                    issue=issue,
                    stance=_VERBS[verb],
                    position=cue,
                    option=option,
                    date=date or "unknown",
                    quote=sentence,
                    start=start,
                    end=start + len(sentence),
                    confidence=0.5,
                    hedged="according to" in sentence,
                    extractor=self.name,
                )
            )
        return claims


def _main(url: str, folder: str) -> None:
    from zopa.evidence.ingest import ingest
    from zopa.evidence.store import Store
    from zopa.model import load_builtin

    with Store(url) as store:
        ingest(store, [folder], scenario=load_builtin("tiny"), extractor=FakeExtractor())


if __name__ == "__main__":
    _main(*sys.argv[1:3])
