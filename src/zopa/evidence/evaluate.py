"""Score a claim extractor against gold annotations.

A gold folder holds ``*.claims.yaml`` files, one per article: ``article`` (a
text file in the same folder or its parent), ``article_date`` and ``claims``
(each with ``actor``, ``issue``, ``stance``, ``position``, ``date``, ``quote``).
:func:`evaluate_extraction` stores every article in a throwaway in-memory
:class:`~zopa.evidence.store.Store` with the claims the extractor finds and reads
them back, so it measures what users get.

Scoring is on **sets** of ``(actor, issue, stance)`` per article: a triple the
gold states twice (two sentences saying the same) counts once, and so does a
triple the extractor finds twice. Precision, recall and F1 are given per article
and overall (micro-averaged: true and false positives summed over articles).
A gold claim's quote *matches exactly* when some extracted claim with the same
triple has the very same quote, or, for a gold quote that runs over two sentences
or more, one of the sentences it spans. Every gold quote must be a substring of
its article's text (white space aside), and every gold issue an issue or topic
of the scenario (by name or alias), else the gold file is rejected.

Gold actors map to scenario parties by name or alias ("Kremlin" -> Russia; for
"other: European allies (E3: UK, France, Germany)" the first alias found in the
text); gold issues to scenario issues by name or ``aliases``, or to topics by
name. Gold actors that map to no party are kept under their own names: no
extractor can find them, so they count as misses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from zopa.errors import EvidenceError
from zopa.evidence.extract import Extractor
from zopa.evidence.types import STANCES
from zopa.model.io import load_yaml
from zopa.model.types import Scenario

__all__ = [
    "ArticleScore",
    "Breakdown",
    "EvalReport",
    "GoldArticle",
    "breakdown",
    "evaluate_extraction",
    "gold_actor",
    "gold_issue",
    "gold_triples",
    "load_gold",
    "load_gold_articles",
    "score_article",
]

Triple = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class ArticleScore:
    """Precision, recall and F1 of one article (or of all: ``article == "overall"``)."""

    article: str
    gold: int  # distinct gold triples
    extracted: int  # distinct extracted triples
    matched: int
    gold_claims: int  # gold claims, repeats included
    exact_quotes: int  # gold claims whose quote an extracted claim of the same triple has
    # (actor, issue, stance); in a row over several articles (overall, per stance, per
    # issue) each is prefixed by its article: (article, actor, issue, stance)
    missed: tuple[tuple[str, ...], ...] = field(default=())
    spurious: tuple[tuple[str, ...], ...] = field(default=())
    hits: tuple[tuple[str, ...], ...] = field(default=())

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping, scores rounded to four places."""
        return {
            "article": self.article,
            "gold": self.gold,
            "extracted": self.extracted,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "gold_claims": self.gold_claims,
            "exact_quotes": self.exact_quotes,
            "missed": [list(t) for t in self.missed],
            "spurious": [list(t) for t in self.spurious],
        }


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Per-article scores, their micro-average and how fast the extractor ran."""

    extractor: str
    articles: tuple[ArticleScore, ...]
    overall: ArticleScore
    seconds: float  # time spent in the extractor (its one-off set-up left out)
    words: int
    folds: int = 0  # > 0: each article scored by a model trained without it

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "extractor": self.extractor,
            "unit": "sets of (actor, issue, stance) per article",
            "cross_validation_folds": self.folds,
            "articles": [a.to_dict() for a in self.articles],
            "overall": self.overall.to_dict(),
            **breakdown(self.articles).to_dict(),
            "extract_seconds": round(self.seconds, 4),
            "words": self.words,
        }


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Scores per stance and per issue, and which stance was found for which."""

    stances: dict[str, ArticleScore]
    issues: dict[str, ArticleScore]
    # confusion[gold][found]: gold triples against the stances found for the same actor
    # and issue; "none" where nothing was found for the pair (a miss), or, as the gold
    # stance, where the gold has nothing for it (a spurious claim).
    confusion: dict[str, dict[str, int]]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "per_stance": {k: v.to_dict() for k, v in self.stances.items()},
            "per_issue": {k: v.to_dict() for k, v in self.issues.items()},
            "stance_confusion": self.confusion,
        }


def breakdown(scores: Sequence[ArticleScore]) -> Breakdown:
    """Per-stance and per-issue scores, micro-averaged over ``scores``, and the confusion.

    Examples
    --------
    >>> a = ArticleScore("a", 2, 2, 1, 2, 0, missed=(("R", "x", "rejects"),),
    ...                  spurious=(("R", "x", "red_line"),), hits=(("U", "y", "offers"),))
    >>> b = breakdown([a])
    >>> b.confusion["rejects"]["red_line"], b.confusion["offers"]["offers"]
    (1, 1)
    >>> b.stances["offers"].f1
    1.0
    """
    labels = (*STANCES, "none")
    confusion = {g: dict.fromkeys(labels, 0) for g in labels}

    def group(position: int) -> dict[str, ArticleScore]:
        keys = sorted({t[position] for s in scores for t in (*s.hits, *s.missed, *s.spurious)})
        out = {}
        for key in keys:
            hits = [(s.article, *t) for s in scores for t in s.hits if t[position] == key]
            missed = [(s.article, *t) for s in scores for t in s.missed if t[position] == key]
            spurious = [(s.article, *t) for s in scores for t in s.spurious if t[position] == key]
            out[key] = ArticleScore(
                key, len(hits) + len(missed), len(hits) + len(spurious), len(hits), 0, 0,
                missed=tuple(missed), spurious=tuple(spurious),
            )  # fmt: skip
        return out

    for score in scores:
        for _, _, stance in score.hits:
            confusion[stance][stance] += 1
        found: dict[tuple[str, str], list[str]] = {}
        for actor, issue, stance in score.spurious:
            found.setdefault((actor, issue), []).append(stance)
        wanted = {(a, i) for a, i, _ in (*score.hits, *score.missed)}
        for actor, issue, stance in score.missed:
            for other in found.get((actor, issue), ["none"]):
                confusion[stance][other] += 1
        for (actor, issue), stances in found.items():
            if (actor, issue) not in wanted:
                for other in stances:
                    confusion["none"][other] += 1
    return Breakdown(group(2), group(1), confusion)


def gold_actor(name: str, scenario: Scenario) -> str:
    """The scenario party a gold actor names, else the gold name itself.

    Examples
    --------
    >>> from zopa.model import load_builtin
    >>> gold_actor("other: North (the upstream state)", load_builtin("tiny"))
    'North'
    """
    wanted = name.strip()
    wanted = wanted.split(":", 1)[1].strip() if wanted.lower().startswith("other:") else wanted
    aliases = sorted(
        (
            (alias, party.name)
            for party in scenario.parties
            for alias in (party.name, *party.aliases)
        ),
        key=lambda item: -len(item[0]),
    )
    for alias, party in aliases:
        if alias.casefold() == wanted.casefold():
            return party
    for alias, party in aliases:
        if re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", wanted):
            return party
    return name


def gold_issue(name: str, scenario: Scenario) -> str:
    """The scenario issue or topic a gold issue names (by name or alias), else itself."""
    return scenario.subject(name) or name


def load_gold(path: Path) -> dict[str, Any]:
    """A gold file's data, checked for ``article`` and each claim's actor, issue, stance.

    Raises
    ------
    EvidenceError
        Naming the file (and the claim) when it cannot be read or is malformed.
    """
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError) as error:
        raise EvidenceError(f"{path}: cannot read gold file: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("article"), str):
        raise EvidenceError(f"{path}: a gold file needs 'article: <text file>' at the top")
    claims = data.get("claims") or []
    if not isinstance(claims, list):
        raise EvidenceError(f"{path}: 'claims' must be a list")
    for number, claim in enumerate(claims):
        if not isinstance(claim, dict) or not all(
            isinstance(claim.get(k), str) for k in ("actor", "issue", "stance")
        ):
            raise EvidenceError(f"{path}: claims[{number}] needs actor, issue and stance")
        if claim["stance"] not in STANCES:
            raise EvidenceError(
                f"{path}: claims[{number}].stance: {claim['stance']!r} is not one of "
                f"{', '.join(STANCES)}"
            )
    return data


def _article_path(gold_file: Path, article: str) -> Path:
    for folder in (gold_file.parent, gold_file.parent.parent):
        candidate = folder / article
        if candidate.is_file():
            return candidate
    raise EvidenceError(
        f"{gold_file}: article {article!r} is not in {gold_file.parent} or its parent"
    )


def _anchor(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
        return value
    return None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One annotated article: its stored text, date and gold claims (checked)."""

    name: str
    text: str
    date: str | None  # the anchor for relative dates
    published: str | None  # a full day, or None
    claims: tuple[dict[str, Any], ...]
    meta: Any  # DocumentMeta of the text


def load_gold_articles(
    gold_dirs: str | Path | Sequence[str | Path], *, scenario: Scenario
) -> list[GoldArticle]:
    """Every gold article of the folders, read and checked (see the module notes).

    Raises
    ------
    EvidenceError
        When a folder is missing or holds no gold files, a gold file is malformed,
        names an issue the scenario does not know or quotes what its text does not
        say, or its article cannot be found or read.
    """
    from zopa.evidence.ingest import read_document

    folders = [gold_dirs] if isinstance(gold_dirs, str | Path) else list(gold_dirs)
    articles = []
    for folder in map(Path, folders):
        if not folder.is_dir():
            raise EvidenceError(f"{folder}: no such folder of gold files")
        files = sorted(folder.glob("*.claims.yaml"))
        if not files:
            raise EvidenceError(f"{folder}: no *.claims.yaml gold files")
        for gold_file in files:
            gold = load_gold(gold_file)
            text, meta = read_document(_article_path(gold_file, gold["article"]))
            _check_quotes(gold_file, gold, text)
            _check_issues(gold_file, gold, scenario)
            anchor = _anchor(gold.get("article_date")) or meta.published
            published = anchor if anchor and len(anchor) == 10 else meta.published
            articles.append(
                GoldArticle(gold["article"], text, anchor, published, tuple(gold["claims"]), meta)
            )
    return articles


def gold_triples(article: GoldArticle, scenario: Scenario) -> list[Triple]:
    """The (actor, issue, stance) of each gold claim, mapped to scenario names."""
    return [
        (gold_actor(c["actor"], scenario), gold_issue(c["issue"], scenario), c["stance"])
        for c in article.claims
    ]


def evaluate_extraction(
    gold_dir: str | Path | Sequence[str | Path], *, scenario: Scenario, extractor: Extractor
) -> EvalReport:
    """Score ``extractor`` on the gold files in ``gold_dir``.

    Parameters
    ----------
    gold_dir
        A folder of ``*.claims.yaml`` files (see the module notes), or several.
    scenario
        Parties, issues and topics to extract; also maps gold names.
    extractor
        The extractor to score.

    Returns
    -------
    EvalReport
        Per-article and overall scores on sets of (actor, issue, stance).

    Raises
    ------
    EvidenceError
        When the folder has no gold files, a gold file is malformed, or its
        article cannot be found or read.
    """
    import time

    articles = load_gold_articles(gold_dir, scenario=scenario)
    scores: list[ArticleScore] = []
    extractor.extract("", scenario=scenario, date=None)  # compile lexicons outside the timing
    seconds = 0.0
    words = 0
    for article in articles:
        clock = time.perf_counter()
        claims = extractor.extract(article.text, scenario=scenario, date=article.date)
        seconds += time.perf_counter() - clock
        words += len(article.text.split())
        scores.append(score_article(article, claims, scenario))
    return EvalReport(
        extractor=getattr(extractor, "name", type(extractor).__name__),
        articles=tuple(scores),
        overall=_total(scores),
        seconds=seconds,
        words=words,
    )


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def _check_quotes(gold_file: Path, gold: dict[str, Any], text: str) -> None:
    body = _squeezed(text)
    for number, claim in enumerate(gold["claims"]):
        quote = claim.get("quote")
        if quote is None:
            continue
        if not isinstance(quote, str) or _squeezed(quote) not in body:
            shown = str(quote) if len(str(quote)) <= 60 else str(quote)[:57] + "..."
            raise EvidenceError(
                f"{gold_file}: claims[{number}].quote is not in the text of "
                f"{gold['article']}: {shown!r}"
            )


def _check_issues(gold_file: Path, gold: dict[str, Any], scenario: Scenario) -> None:
    for number, claim in enumerate(gold["claims"]):
        if scenario.subject(claim["issue"]) is None:
            raise EvidenceError(
                f"{gold_file}: claims[{number}].issue: {claim['issue']!r} is not an issue or "
                f"topic of scenario {scenario.name!r} (nor an alias of one)"
            )


def _quote_matches(gold_quote: str, found: set[str]) -> bool:
    """The same quote, or one sentence of a gold quote that spans several."""
    wanted = _squeezed(gold_quote)
    if not wanted:
        return False
    return any(_squeezed(q) == wanted or (len(q) >= 20 and _squeezed(q) in wanted) for q in found)


def score_article(article: GoldArticle, claims: Sequence[Any], scenario: Scenario) -> ArticleScore:
    """Score the claims an extractor found in ``article`` against its gold.

    The claims go through a throwaway in-memory store and are read back, so the
    score is of what a user gets.
    """
    from zopa.evidence.metadata import DocumentMeta
    from zopa.evidence.store import Store

    meta = DocumentMeta(
        title=article.meta.title,
        outlet=article.meta.outlet,
        published=article.published,
        path=article.name,
    )
    with Store("sqlite://") as store:
        result = store.add(article.text, meta, list(claims))
        stored = store.claims(document_id=result.document_id)
    return _score(article.name, list(article.claims), stored, gold_triples(article, scenario))


def _score(
    article: str, gold: list[dict[str, Any]], stored: list[Any], gold_triples: list[Triple]
) -> ArticleScore:
    found: dict[Triple, set[str]] = {}
    for claim in stored:
        found.setdefault((claim.actor, claim.issue, claim.stance), set()).add(claim.quote)
    want = set(gold_triples)
    matched = want & set(found)
    exact = sum(
        1
        for triple, claim in zip(gold_triples, gold, strict=True)
        if _quote_matches(str(claim.get("quote", "")), found.get(triple, set()))
    )
    return ArticleScore(
        article=article,
        gold=len(want),
        extracted=len(found),
        matched=len(matched),
        gold_claims=len(gold),
        exact_quotes=exact,
        missed=tuple(sorted(want - matched)),
        spurious=tuple(sorted(set(found) - want)),
        hits=tuple(sorted(matched)),
    )


def _total(scores: list[ArticleScore]) -> ArticleScore:
    return ArticleScore(
        article="overall",
        gold=sum(s.gold for s in scores),
        extracted=sum(s.extracted for s in scores),
        matched=sum(s.matched for s in scores),
        gold_claims=sum(s.gold_claims for s in scores),
        exact_quotes=sum(s.exact_quotes for s in scores),
        missed=tuple((s.article, *t) for s in scores for t in s.missed),
        spurious=tuple((s.article, *t) for s in scores for t in s.spurious),
    )
