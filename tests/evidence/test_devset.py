"""The annotated sets in corpus/dev and corpus/fresh: texts, index and gold hold together.

corpus/dev is the development set the rules were written against; corpus/fresh was annotated
after they were frozen, as a held-out measure. The gold is annotated by hand
(docs/annotation.md); these checks catch what hand work gets wrong: a name outside the
vocabulary, a quote retyped instead of copied, an entry without its source, a page from the
evaluation set that must never be used, a page annotated in both sets.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from zopa.evidence.evaluate import evaluate_extraction, gold_actor
from zopa.evidence.extract import get_extractor
from zopa.evidence.ingest import ingest, read_document
from zopa.evidence.store import Store
from zopa.evidence.types import STANCES
from zopa.model import load_builtin

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DEV = CORPUS / "dev"
FRESH = CORPUS / "fresh"
SETS = [DEV, FRESH]
# What each set must reach: articles, articles in every month, outlets (one wire copied
# many times is not many articles).
SIZE = {DEV: (40, 4, 30), FRESH: (45, 5, 40)}
# ../shared/corpus/ISSUES.md: the actors a claim may name besides "other: <name>".
ACTORS = frozenset(
    {
        "Russia",
        "Ukraine",
        "United States",
        "European Union",
        "United Kingdom",
        "France",
        "Germany",
        "NATO",
    }
)
FIRST_MONTH, LAST_MONTH = "2025-08", "2026-03"


@pytest.fixture(scope="module")
def scenario():
    return load_builtin("ukraine-2026")


@pytest.fixture(params=SETS, ids=lambda d: d.name)
def corpus(request) -> Path:
    return request.param


def _index(corpus: Path) -> list[dict]:
    return yaml.safe_load((corpus / "index.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def index(corpus) -> list[dict]:
    return _index(corpus)


def _gold_files(corpus: Path) -> list[Path]:
    return sorted((corpus / "gold").glob("*.claims.yaml"))


def _gold(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _month(value: object) -> str:
    return (value.isoformat() if isinstance(value, dt.date) else str(value))[:7]


def normalise_url(url: str) -> str:
    """A URL reduced to host and path: no scheme, ``www.``, port, trailing slash or case.

    The query is kept, since some sites (``/?p=19946``) name the page only there.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def _excluded_forms(url: str) -> set[str]:
    """Both with and without the query, so no variant of an excluded page slips through."""
    full = normalise_url(url)
    return {full, full.split("?", 1)[0]} if "?" in full else {full}


def test_the_set_is_large_and_covers_every_month(corpus, index):
    least_articles, least_per_month, least_outlets = SIZE[corpus]
    files = sorted(p.name for p in corpus.glob("*.txt"))
    assert len(files) >= least_articles
    assert sorted(entry["file"] for entry in index) == files
    assert sorted(p.name.removesuffix(".claims.yaml") for p in _gold_files(corpus)) == [
        f.removesuffix(".txt") for f in files
    ]
    per_month = Counter(_month(entry["date"]) for entry in index)
    months = [f"{y}-{m:02d}" for y, m in [(2025, 8), (2025, 9), (2025, 10), (2025, 11)]]
    months += [f"{y}-{m:02d}" for y, m in [(2025, 12), (2026, 1), (2026, 2), (2026, 3)]]
    enough = {m: per_month[m] >= least_per_month for m in months}
    assert enough == dict.fromkeys(months, True)
    outlets = {entry["outlet"].split(" (")[0] for entry in index}
    assert len(outlets) >= least_outlets
    empty = [p.name for p in _gold_files(corpus) if not _gold(p)["claims"]]
    assert len(empty) <= 2, empty  # a few articles with no position keep precision honest


def test_every_index_entry_has_url_outlet_and_a_date_in_range(index):
    urls = [entry.get("url") for entry in index]
    assert all(isinstance(u, str) and u.startswith(("http://", "https://")) for u in urls)
    assert len({normalise_url(u) for u in urls}) == len(urls)  # no page twice
    for entry in index:
        assert entry.get("outlet"), entry["file"]
        assert FIRST_MONTH <= _month(entry["date"]) <= LAST_MONTH, entry["file"]
        assert entry.get("text") in {"full", "excerpt"}, entry["file"]


def test_url_normalisation_sees_through_scheme_www_slash_and_query():
    assert normalise_url("http://WWW.Example.com/a/b/") == normalise_url("https://example.com/a/b")
    assert normalise_url("https://example.com:443/a") == "example.com/a"
    assert normalise_url("https://x.com/?p=1") != normalise_url("https://x.com/?p=2")
    assert "x.com" in _excluded_forms("https://www.x.com/?p=1")


def test_no_page_of_the_evaluation_set_is_used(index, shared_dir):
    listing = shared_dir / "corpus" / "EXCLUDED-PAGES.txt"
    if not listing.is_file():
        pytest.skip("no EXCLUDED-PAGES.txt in ../shared/corpus")
    lines = listing.read_text(encoding="utf-8").splitlines()
    excluded = set().union(*(_excluded_forms(x) for x in lines if x.strip()[:4] == "http"))
    assert len(excluded) >= 20  # the listing was read, not skipped line by line
    used = {normalise_url(entry["url"]): entry["file"] for entry in index}
    assert {url: f for url, f in used.items() if url in excluded} == {}


def _long_sentences(text: str) -> set[str]:
    """Sentences long enough that sharing one means sharing the copy (a wire story)."""
    return {s for s in (x.strip() for x in re.split(r"(?<=[.!?”\"])\s+|\n", text)) if len(s) >= 80}


def test_no_page_is_in_both_sets(shared_dir):
    """A held-out article must be new: no development or seed page under another URL
    spelling, and no wire copy of one (a long sentence in common) under another outlet."""
    dev = {normalise_url(entry["url"]) for entry in _index(DEV)}
    fresh = {normalise_url(entry["url"]): entry["file"] for entry in _index(FRESH)}
    assert {url: f for url, f in fresh.items() if url in dev} == {}
    seen = sorted(DEV.glob("*.txt")) + sorted((shared_dir / "corpus" / "seeds").glob("*.txt"))
    assert len(seen) > len(dev)  # the seed texts were read too
    known = set().union(*(_long_sentences(p.read_text(encoding="utf-8")) for p in seen))
    shared = {
        f: sorted(_long_sentences((FRESH / f).read_text(encoding="utf-8")) & known)
        for f in fresh.values()
    }
    assert {f: s for f, s in shared.items() if s} == {}


@pytest.mark.parametrize(
    "path",
    [p for corpus in SETS for p in _gold_files(corpus)],
    ids=lambda p: f"{p.parents[1].name}-{p.name[:3]}",
)
def test_gold_file_uses_the_vocabulary_and_quotes_its_text(path, scenario):
    data = _gold(path)
    corpus = path.parents[1]
    assert data["article"] == path.name.replace(".claims.yaml", ".txt")
    assert data["checked"] == "second-pass"
    article_month = _month(data["article_date"])
    assert FIRST_MONTH <= article_month <= LAST_MONTH
    raw = (corpus / data["article"]).read_text(encoding="utf-8")
    stored, _ = read_document(corpus / data["article"])
    for number, claim in enumerate(data["claims"]):
        where = f"{path.name} claims[{number}]"
        assert claim["actor"] in ACTORS or re.fullmatch(r"other: \S.*", claim["actor"]), where
        assert claim["stance"] in STANCES, where
        issue = scenario.subject(claim["issue"])
        assert issue == claim["issue"], where  # an ISSUES.md name, not an alias
        if "option" in claim:
            options = {o.name for i in scenario.issues if i.name == issue for o in i.options}
            assert claim["option"] in options, where
        assert claim["position"].strip(), where
        assert claim["quote"] in raw and claim["quote"] in stored, where
        date = str(claim["date"])
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", date), where
        assert FIRST_MONTH <= date[:7] <= article_month, where  # never after the article


def test_actors_map_to_scenario_parties_except_nato(corpus, scenario):
    actors = {c["actor"] for p in _gold_files(corpus) for c in _gold(p)["claims"]}
    unmapped = {a for a in actors if gold_actor(a, scenario) not in scenario.party_names}
    assert unmapped <= {"NATO"} | {a for a in actors if a.startswith("other:")}


def test_ingest_with_the_index_gives_each_article_its_url_and_date(corpus, index):
    by_file = {entry["file"]: entry for entry in index}
    with Store("sqlite://") as store:
        report = ingest(
            store,
            sorted(corpus.glob("*.txt")),
            scenario=load_builtin("ukraine-2026"),
            extractor=get_extractor(),
            index=corpus / "index.yaml",
        )
        assert report.ok and len(report.added) == len(by_file)
        for document in store.documents():
            entry = by_file[Path(document.meta.path).name]
            assert document.meta.url == entry["url"]
            assert document.meta.published == str(entry["date"])


def test_eval_extraction_scores_every_article(corpus, scenario):
    gold = corpus / "gold"
    report = evaluate_extraction(gold, scenario=scenario, extractor=get_extractor())
    assert len(report.articles) == len(_gold_files(corpus))
    claims = sum(len(_gold(p)["claims"]) for p in _gold_files(corpus))
    assert report.overall.gold_claims == claims
    assert 0 < report.overall.matched <= report.overall.gold
