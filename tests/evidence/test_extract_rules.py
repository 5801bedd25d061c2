"""The rule extractor on short articles written for these tests."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zopa.errors import UnknownNameError
from zopa.evidence import extract
from zopa.evidence.extract import Extractor, available_extractors, get_extractor
from zopa.evidence.extract.rules import RulesExtractor
from zopa.evidence.extract.vocabulary import trie_pattern
from zopa.evidence.types import STANCES
from zopa.model import load_builtin, load_scenario

DATA = Path(__file__).parent / "data" / "extract"
DATE = "2026-03-06"  # a Friday


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(DATA / "scenario.yaml")


def _claims(name: str, scenario, date: str | None = DATE):
    text = (DATA / name).read_text(encoding="utf-8")
    return text, RulesExtractor().extract(text, scenario=scenario, date=date)


def _sentence(text: str, claims, starts_with: str):
    """The claims whose quote is the sentence of ``text`` starting with ``starts_with``."""
    start = text.index(starts_with)
    return [c for c in claims if c.start == start]


def _triples(claims) -> set[tuple[str, str, str]]:
    return {(c.actor, c.issue, c.stance) for c in claims}


def test_reported_speech_names_the_party_described_not_the_speaker(scenario):
    text, claims = _claims("reported_speech.txt", scenario)
    ushakov = _sentence(text, claims, "Kremlin aide")
    assert _triples(ushakov) == {("Russia", "foreign_troops", "rejects")}
    assert {c.date for c in ushakov} == {"2026-03-03"}  # "on Tuesday" before Friday 6 March
    witkoff = _sentence(text, claims, "Witkoff told")
    assert _triples(witkoff) == {("United States", "donetsk_control", "proposes")}
    assert "special_zone" in {c.option for c in witkoff}


def test_negation_flips_or_keeps_the_stance(scenario):
    text, claims = _claims("negation.txt", scenario)
    not_dropped = _sentence(text, claims, "Moscow has not dropped")
    assert _triples(not_dropped) == {("Russia", "donetsk_control", "demands")}
    assert "ukraine_withdraws" in {c.option for c in not_dropped}
    no_longer = _sentence(text, claims, "The Kremlin is no longer")
    assert _triples(no_longer) == {("Russia", "nato_membership", "offers")}
    # dropping the ban is not offering it: the option is left open
    assert {c.option for c in no_longer} == {None}
    refuses = _sentence(text, claims, "Zelensky does not accept")
    assert _triples(refuses) == {("Ukraine", "donetsk_control", "rejects")}
    would_not = _sentence(text, claims, "Peskov said")
    assert _triples(would_not) == {("Russia", "foreign_troops", "rejects")}


def test_one_sentence_two_parties_three_claims(scenario):
    text, claims = _claims("two_claims.txt", scenario)
    both = _sentence(text, claims, "Kyiv rejects")
    assert _triples(both) == {
        ("Ukraine", "donetsk_control", "rejects"),
        ("Russia", "donetsk_control", "demands"),
        ("Ukraine", "donetsk_control", "proposes"),
    }
    proposal = [c for c in both if c.stance == "proposes"]
    assert {c.option for c in proposal} == {"freeze_on_line"}
    summit = _sentence(text, claims, "Zelensky said")
    assert _triples(summit) == {("Ukraine", "summit", "offers")}


def test_pressure_trade_offs_and_verbs_of_saying(scenario):
    text, claims = _claims("pressure.txt", scenario)
    # the party pressed is not the one that accepts: the one pressing demands
    pressing = _sentence(text, claims, "The White House")
    assert {(c.actor, c.issue, c.stance, c.option) for c in pressing} == {
        ("United States", "donetsk_control", "demands", "special_zone")
    }
    trade = _sentence(text, claims, "Russia is ready")
    assert {(c.actor, c.stance, c.option) for c in trade} >= {
        ("Russia", "accepts", "observers"),
        ("Russia", "demands", "permanent_ban"),  # what it wants "in exchange for"
    }
    assert _triples(trade) == {
        ("Russia", "foreign_troops", "accepts"),
        ("Russia", "nato_membership", "demands"),
    }
    # "insisted that ... will never": the red line, not a demand of the speaker
    insisted = _sentence(text, claims, "Zelensky insisted")
    assert _triples(insisted) == {("Ukraine", "donetsk_control", "red_line")}


def test_hedged_sourcing_is_flagged_and_less_confident(scenario):
    text, claims = _claims("hedging.txt", scenario)
    sources = _sentence(text, claims, "According to sources")
    assert _triples(sources) == {("Russia", "foreign_troops", "accepts")}
    assert {c.option for c in sources} == {"observers"}
    reportedly = _sentence(text, claims, "Putin reportedly")
    assert _triples(reportedly) == {("Russia", "foreign_troops", "red_line")}
    plain = _sentence(text, claims, "The US said")
    assert _triples(plain) == {("United States", "sanctions_relief", "demands")}
    assert all(c.hedged for c in sources + reportedly)
    assert not any(c.hedged for c in plain)
    assert max(c.confidence for c in sources + reportedly) < min(c.confidence for c in plain)
    assert {c.date for c in plain} == {"2026-03-02"}


def test_relative_dates_resolve_against_the_article_date(scenario):
    _, claims = _claims("relative_dates.txt", scenario)
    dates = {(c.actor, c.stance, c.option): c.date for c in claims}
    assert dates[("Russia", "rejects", "european_force")] == "2026-02"  # last month
    assert dates[("Russia", "rejects", "observers")] == "2025-11"  # in late November
    assert dates[("Ukraine", "red_line", "ukraine_withdraws")] == "2026-03-06"  # on Friday
    assert dates[("United States", "proposes", "special_zone")] == "2026-02-18"


def test_without_an_article_date_only_full_dates_resolve(scenario):
    _, claims = _claims("relative_dates.txt", scenario, date=None)
    assert {c.date for c in claims} == {"unknown"}


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.txt")))
def test_every_claim_is_well_formed(name, scenario):
    text, claims = _claims(name, scenario)
    assert claims
    parties = set(scenario.party_names)
    issues = {i.name for i in scenario.issues} | {t.name for t in scenario.topics}
    for claim in claims:
        assert text[claim.start : claim.end] == claim.quote
        assert claim.actor in parties and claim.issue in issues and claim.stance in STANCES
        assert claim.option is None or claim.option in {
            o.name for o in scenario.issue(claim.issue).options
        }
        assert 0 < claim.confidence <= 1
        assert claim.extractor == "rules"
        assert claim.position


def test_quotes_are_exact_on_the_seed_articles(shared_dir):
    scenario = load_builtin("ukraine-2026")
    extractor = get_extractor()
    seeds = sorted((shared_dir / "corpus" / "seeds").glob("*.txt"))
    assert seeds
    total = 0
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        claims = extractor.extract(text, scenario=scenario, date="2026-02-24")
        total += len(claims)
        assert all(text[c.start : c.end] == c.quote for c in claims)
    assert total > 20


_WORDS = (
    "Russia", "Kremlin’s", "Moscow", "Kyiv", "Ukrainian", "U.S.", "Mr.", "Feb.", "18", "Friday",
    "rejects", "demands", "not", "no longer", "insisting", "ready to", "accept", "observers",
    "Donetsk", "NATO", "summit", "red line", ",", ":", ";", "“", "”", "(", ")", "–", "İnsist",
    "that", "in exchange for", "would not", "if", "until", "according to sources", "the", "a",
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from([*_WORDS, "\n", "\n\n", ".", "!"]), max_size=120),
    st.sampled_from([None, "2026-03", DATE]),
)
def test_any_text_gives_exact_quotes(words, date):
    scenario = load_scenario(DATA / "scenario.yaml")
    text = " ".join(words)
    for claim in RulesExtractor().extract(text, scenario=scenario, date=date):
        assert text[claim.start : claim.end] == claim.quote
        assert 0 < claim.confidence <= 1 and claim.stance in STANCES


def test_a_scenario_without_cues_is_read_through_its_names():
    tiny = load_builtin("tiny")  # no cues: the option names serve (issue 12)
    (claim,) = RulesExtractor().extract("North rejects the midline.", scenario=tiny)
    assert (claim.actor, claim.stance, claim.issue, claim.option) == (
        "North", "rejects", "river", "midline",
    )  # fmt: skip


def test_registry_names_and_unknown_names():
    assert "rules" in available_extractors()
    extractor = get_extractor("rules")
    assert isinstance(extractor, Extractor) and extractor.name == "rules"
    with pytest.raises(UnknownNameError, match=r"unknown extractor 'spacy'; known: .*rules"):
        get_extractor("spacy")


def test_registered_extractors_are_chosen_by_name(monkeypatch):
    class Echo:
        name = "echo"

        def extract(self, text, *, scenario, date=None):
            return []

    monkeypatch.setitem(extract._REGISTRY, "echo", Echo)
    assert "echo" in available_extractors()
    assert isinstance(get_extractor("echo"), Echo)


def test_trie_pattern_prefers_the_longest_phrase():
    import re

    pattern = re.compile(
        r"(?<!\w)(?:" + trie_pattern(["red line", "red lines", "red"]) + r")(?!\w)"
    )
    assert [m.group() for m in pattern.finditer("red lines, a red line, red")] == [
        "red lines",
        "red line",
        "red",
    ]


def test_an_overlong_sentence_is_cut_not_quadratic(scenario):
    chunk = "Kyiv rejects Russian demands to leave Donetsk and proposes observers "
    text = chunk * 1500  # 100,000 characters without a full stop
    clock = time.perf_counter()
    claims = RulesExtractor().extract(text, scenario=scenario, date=DATE)
    assert time.perf_counter() - clock < 5
    assert claims and all(text[c.start : c.end] == c.quote for c in claims)
    assert max(c.end - c.start for c in claims) <= 1200


def test_one_claim_per_position_in_a_sentence():
    from zopa.model import load_builtin

    text = "Kyiv rejects the demand to withdraw from Donetsk, Zelensky said on Friday."
    claims = get_extractor().extract(text, scenario=load_builtin("ukraine-2026"), date="2026-03-06")
    ukraine = [(c.actor, c.issue, c.stance, c.option) for c in claims if c.actor == "Ukraine"]
    assert ukraine == [("Ukraine", "donetsk_control", "rejects", "ukraine_withdraws")]
