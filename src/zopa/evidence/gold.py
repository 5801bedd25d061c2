"""Hand-annotated claims: store the claims of a gold folder beside the extracted ones.

A gold file (see :mod:`zopa.evidence.evaluate`) names its article and lists the
positions an analyst read in it, each with its exact quote. ``zopa ingest
--gold GOLD_DIR`` stores those claims with the article (extractor ``"gold"``,
confidence 1), so a scenario can cite hand-checked evidence whose ids do not
change when an extractor's rules or model do: a claim's id depends only on the
document, the quote's span and the claim's actor, issue, stance and option.

Gold entries that name no scenario party, or no issue or topic of the scenario,
are left out (the store speaks the scenario's vocabulary); so are quotes that do
not occur in the stored text. :meth:`GoldSet.claims_for` reports both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zopa.errors import EvidenceError
from zopa.evidence.evaluate import gold_actor, gold_issue, load_gold
from zopa.evidence.metadata import normalise_date
from zopa.evidence.text import normalise_text
from zopa.evidence.types import ExtractedClaim
from zopa.model.types import Scenario

__all__ = ["GOLD_EXTRACTOR", "GoldSet", "merge_claims"]

GOLD_EXTRACTOR = "gold"


@dataclass(frozen=True, slots=True)
class GoldSet:
    """The gold files of a folder, by the file name of the article each annotates."""

    folder: Path
    by_article: dict[str, dict[str, Any]]

    @classmethod
    def load(cls, folder: str | Path) -> GoldSet:
        """Read every ``*.claims.yaml`` of ``folder``.

        Raises
        ------
        EvidenceError
            When the folder is missing or holds no gold file, or a file is malformed.
        """
        path = Path(folder)
        if not path.is_dir():
            raise EvidenceError(f"--gold {path}: no such folder of gold files")
        files = sorted(path.glob("*.claims.yaml"))
        if not files:
            raise EvidenceError(f"--gold {path}: no *.claims.yaml gold files")
        by_article = {}
        for file in files:
            data = load_gold(file)
            by_article[Path(data["article"]).name] = data
        return cls(path, by_article)

    def claims_for(
        self, article: str, text: str, *, scenario: Scenario, date: str | None
    ) -> tuple[list[ExtractedClaim], list[str]]:
        """The gold claims of the article file called ``article``, and what was left out.

        ``text`` is the article's stored text (spans refer to it); ``date`` is its
        publication date (else the gold file's ``article_date``), the date of a
        claim whose gold date is missing.
        """
        gold = self.by_article.get(Path(article).name)
        if gold is None:
            return [], []
        parties = set(scenario.party_names)
        date = date or _date(gold.get("article_date"), None, article)
        claims: list[ExtractedClaim] = []
        skipped: list[str] = []
        for number, entry in enumerate(gold["claims"]):
            where = f"{article} gold claims[{number}]"
            actor = gold_actor(entry["actor"], scenario)
            issue = scenario.subject(gold_issue(entry["issue"], scenario))
            if actor not in parties or issue is None:
                skipped.append(
                    f"{where}: {entry['actor']} / {entry['issue']} is not in the scenario"
                )
                continue
            quote = str(entry.get("quote") or "")
            start = text.find(quote) if quote else -1
            if start < 0 and quote:
                quote = normalise_text(quote)
                start = text.find(quote)
            if start < 0:
                skipped.append(f"{where}: its quote is not in the text")
                continue
            claims.append(
                ExtractedClaim(
                    actor=actor,
                    issue=issue,
                    stance=entry["stance"],
                    position=str(entry.get("position") or ""),
                    option=_option(entry.get("option"), issue, scenario),
                    date=_date(entry.get("date"), date, where),
                    quote=quote,
                    start=start,
                    end=start + len(quote),
                    confidence=1.0,
                    hedged=bool(entry.get("hedged", False)),
                    extractor=GOLD_EXTRACTOR,
                )
            )
        return claims, skipped


def _option(name: Any, issue: str, scenario: Scenario) -> str | None:
    if not isinstance(name, str) or issue not in {i.name for i in scenario.issues}:
        return None
    return name if name in {o.name for o in scenario.issue(issue).options} else None


def _date(value: Any, fallback: str | None, where: str) -> str:
    try:
        return normalise_date(value, where=where) or fallback or "unknown"
    except EvidenceError:
        return fallback or "unknown"


def merge_claims(
    extracted: list[ExtractedClaim], gold: list[ExtractedClaim]
) -> list[ExtractedClaim]:
    """``extracted`` and ``gold`` together; an extracted claim the gold states as well yields.

    Two claims are the same when span, actor, issue, stance and option agree (they
    would get the same id in the store).
    """

    def key(c: ExtractedClaim) -> tuple[Any, ...]:
        return (c.start, c.end, c.actor, c.issue, c.stance, c.option)

    stated = {key(c) for c in gold}
    unique_gold = list({key(c): c for c in gold}.values())
    return [c for c in extracted if key(c) not in stated] + unique_gold
