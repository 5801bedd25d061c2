"""The records of the evidence store, shared by ingestion, extraction and checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["STANCES", "ExtractedClaim", "Stance"]

Stance = Literal["demands", "proposes", "offers", "accepts", "rejects", "red_line"]
STANCES: tuple[Stance, ...] = ("demands", "proposes", "offers", "accepts", "rejects", "red_line")


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    """One position a document attributes to a party, with the sentence that says so.

    ``start`` and ``end`` are character offsets into the stored document text:
    ``text[start:end] == quote`` always holds.
    """

    actor: str  # a scenario party name
    issue: str  # a scenario issue or topic name
    stance: Stance
    position: str  # the position in words
    option: str | None  # the scenario option it maps to, where one fits
    date: str  # YYYY-MM-DD, or YYYY-MM when only the month is known
    quote: str
    start: int
    end: int
    confidence: float  # in [0, 1]
    hedged: bool  # reported through unnamed sources ("according to sources")
    extractor: str
