"""Scoring an extractor against gold files, through a throwaway store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from zopa.errors import EvidenceError
from zopa.evidence.evaluate import evaluate_extraction, gold_actor, gold_issue
from zopa.evidence.extract import get_extractor
from zopa.model import load_builtin, load_scenario

DATA = Path(__file__).parent / "data" / "extract"
SENTENCE = (
    "Kyiv rejects Russian demands to leave Donetsk and has proposed a freeze on the "
    "current line of contact."
)


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(DATA / "scenario.yaml")


def _gold(folder: Path, claims: list[dict], article: str = "two_claims.txt") -> Path:
    """A gold folder: the article one level up (as in the shared corpus), the claims in it."""
    gold = folder / "gold"
    gold.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / article, folder / article)
    data = {"article": article, "article_date": "2026-03-06", "claims": claims}
    (gold / f"{Path(article).stem}.claims.yaml").write_text(yaml.safe_dump(data), "utf-8")
    return gold


def _claim(actor: str, issue: str, stance: str, quote: str = SENTENCE) -> dict:
    return {"actor": actor, "issue": issue, "stance": stance, "position": "-", "quote": quote}


def test_scores_sets_of_triples_by_hand(tmp_path, scenario):
    # The extractor finds four triples in two_claims.txt (Ukraine rejects, Russia demands,
    # Ukraine proposes, Ukraine offers a summit); the gold names two of them, one of them
    # twice, and one triple the text does not state.
    gold = _gold(
        tmp_path,
        [
            _claim("other: Kyiv government", "donetsk_control", "rejects"),
            _claim("Kremlin", "donbas_control", "demands"),  # an alias of donetsk_control
            _claim("Russia", "donetsk_control", "demands", quote="Kyiv rejects Russian demands"),
            _claim("Russia", "foreign_troops", "red_line"),
        ],
    )
    report = evaluate_extraction(gold, scenario=scenario, extractor=get_extractor())
    (article,) = report.articles
    assert (article.gold, article.extracted, article.matched) == (3, 4, 2)
    assert article.precision == pytest.approx(2 / 4)
    assert article.recall == pytest.approx(2 / 3)
    assert article.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    # exact quotes: the two gold claims quoting the whole sentence, not the cut one
    assert (article.exact_quotes, article.gold_claims) == (2, 4)
    assert article.missed == (("Russia", "foreign_troops", "red_line"),)
    assert ("Ukraine", "summit", "offers") in article.spurious
    assert report.overall.matched == 2 and report.overall.article == "overall"
    data = report.to_dict()
    assert data["overall"]["f1"] == pytest.approx(article.f1, abs=1e-4)


def test_overall_is_the_micro_average(tmp_path, scenario):
    gold = _gold(tmp_path, [_claim("Ukraine", "donetsk_control", "rejects")])
    _gold(
        tmp_path,
        [_claim("Russia", "foreign_troops", "accepts", quote="Russia is ready to accept")],
        article="hedging.txt",
    )
    report = evaluate_extraction(gold, scenario=scenario, extractor=get_extractor())
    assert len(report.articles) == 2
    overall = report.overall
    assert overall.gold == sum(a.gold for a in report.articles) == 2
    assert overall.matched == sum(a.matched for a in report.articles) == 2
    assert overall.extracted == sum(a.extracted for a in report.articles)
    assert overall.precision == pytest.approx(2 / overall.extracted)


def test_gold_names_map_through_aliases(scenario):
    assert gold_actor("the Kremlin", scenario) == "Russia"
    assert gold_actor("other: European allies (E3: UK, France)", scenario) == (
        "other: European allies (E3: UK, France)"
    )
    assert gold_actor("other: envoys of the White House", scenario) == "United States"
    assert gold_issue("donbas_control", scenario) == "donetsk_control"
    assert gold_issue("summit", scenario) == "summit"
    assert gold_issue("elections", scenario) == "elections"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no \\*.claims.yaml gold files"),
        ("claims: []\n", "needs 'article: <text file>'"),
        ("article: nowhere.txt\nclaims: []\n", "article 'nowhere.txt' is not in"),
        (
            "article: two_claims.txt\nclaims:\n- {actor: Russia, issue: summit, stance: wants}\n",
            "stance: 'wants' is not one of",
        ),
        ("article: [unclosed\n", "cannot read gold file"),
    ],
)
def test_bad_gold_folders_say_what_is_wrong(tmp_path, scenario, content, message):
    shutil.copy(DATA / "two_claims.txt", tmp_path / "two_claims.txt")
    if content is not None:
        (tmp_path / "a.claims.yaml").write_text(content, "utf-8")
    with pytest.raises(EvidenceError, match=message):
        evaluate_extraction(tmp_path, scenario=scenario, extractor=get_extractor())


def test_a_quote_over_two_sentences_matches_one_of_them(tmp_path, scenario):
    two = SENTENCE + "\n\nZelensky said he was ready to meet Putin"
    gold = _gold(tmp_path, [_claim("Ukraine", "donetsk_control", "rejects", quote=two)])
    report = evaluate_extraction(gold, scenario=scenario, extractor=get_extractor())
    assert report.overall.exact_quotes == 1
    # a quote that is only a fragment of the extracted sentence is not an exact match
    gold = _gold(tmp_path, [_claim("Ukraine", "donetsk_control", "rejects", quote="Kyiv rejects")])
    report = evaluate_extraction(gold, scenario=scenario, extractor=get_extractor())
    assert report.overall.exact_quotes == 0


def test_a_gold_quote_not_in_its_text_is_an_error(tmp_path, scenario):
    gold = _gold(tmp_path, [_claim("Ukraine", "donetsk_control", "rejects", quote="Kyiv accepts")])
    with pytest.raises(EvidenceError, match=r"claims\[0\]\.quote is not in the text of two_claims"):
        evaluate_extraction(gold, scenario=scenario, extractor=get_extractor())


def test_a_gold_issue_the_scenario_does_not_know_is_an_error(tmp_path, scenario):
    gold = _gold(tmp_path, [_claim("Ukraine", "river_rights", "rejects")])
    with pytest.raises(EvidenceError, match=r"claims\[0\]\.issue: 'river_rights' is not an issue"):
        evaluate_extraction(gold, scenario=scenario, extractor=get_extractor())


def test_missing_folder(tmp_path, scenario):
    with pytest.raises(EvidenceError, match="no such folder"):
        evaluate_extraction(tmp_path / "nope", scenario=scenario, extractor=get_extractor())


def test_seed_gold_f1(shared_dir):
    """The target on the five seed articles: F1 >= 0.75 overall."""
    report = evaluate_extraction(
        shared_dir / "corpus" / "seeds" / "gold",
        scenario=load_builtin("ukraine-2026"),
        extractor=get_extractor(),
    )
    assert len(report.articles) == 5
    assert report.overall.gold_claims == 80
    assert report.overall.f1 >= 0.75, report.to_dict()["overall"]
    assert report.overall.exact_quotes >= 50
