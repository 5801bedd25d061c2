"""The rules on talks other than Russia-Ukraine: a nuclear negotiation, sentences
written for these tests in the manner of wire reports, and a scenario that has
nothing of the built-in one but its format. A rule that leaned on the Ukrainian
vocabulary would fail here."""

from __future__ import annotations

import pytest

from zopa.evidence.extract.rules import RulesExtractor
from zopa.model import load_yaml
from zopa.model.io import scenario_from_data

NUCLEAR = """
name: nuclear-talks
issues:
  - name: enrichment
    cues: [enrichment, enrich uranium]
    options:
      - {name: zero, position: 0, cues: [zero enrichment, halt enrichment, stop enrichment]}
      - {name: capped, position: 50, cues: [limited enrichment capability, cap enrichment]}
      - {name: unrestricted, position: 100, cues: [right to enrich]}
  - name: sanctions
    cues: [sanctions]
    options:
      - {name: kept, position: 0}
      - {name: lifted, position: 100, cues: [sanctions relief]}
  - name: missiles
    cues: [missiles, missile programme]
    options:
      - {name: limits, position: 0}
      - {name: none, position: 100}
parties:
  - name: Iran
    aliases: [Tehran, Araghchi, Iranian hardliners]
    weights: {enrichment: 3, sanctions: 2, missiles: 1}
    values:
      enrichment: {zero: 0, capped: 0.6, unrestricted: 1}
      sanctions: {kept: 0, lifted: 1}
      missiles: {limits: 0, none: 1}
  - name: United States
    aliases: [Washington, Witkoff]
    weights: {enrichment: 3, sanctions: 1, missiles: 2}
    values:
      enrichment: {zero: 1, capped: 0.5, unrestricted: 0}
      sanctions: {kept: 1, lifted: 0.3}
      missiles: {limits: 1, none: 0}
"""


@pytest.fixture(scope="module")
def read():
    scenario = scenario_from_data(load_yaml(NUCLEAR), where="nuclear-talks")
    extractor = RulesExtractor()

    def run(text: str) -> set[tuple[str, str, str, str | None]]:
        claims = extractor.extract(text, scenario=scenario, date="2025-05-20")
        return {(c.actor, c.issue, c.stance, c.option) for c in claims}

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Witkoff said Iran must stop enrichment as part of any deal.",
            ("United States", "enrichment", "demands", "zero"),
        ),
        (
            "Araghchi said enrichment is non-negotiable.",
            ("Iran", "enrichment", "red_line", None),
        ),
        (
            "Washington would accept a limited enrichment capability, an official said.",
            ("United States", "enrichment", "accepts", "capped"),
        ),
        (
            "Tehran refuses to discuss its missile programme.",
            ("Iran", "missiles", "rejects", None),
        ),
        (
            "Tehran rejected a condition requiring it to halt enrichment.",
            ("Iran", "enrichment", "rejects", "zero"),
        ),
        (
            "The draft did not meet Tehran's demands for sanctions relief.",
            ("Iran", "sanctions", "demands", "lifted"),
        ),
        (
            "Araghchi said that, for talks to succeed, Washington must cancel its sanctions.",
            ("Iran", "sanctions", "demands", None),
        ),
        (
            "Tehran considers the offer insufficient without sanctions relief.",
            ("Iran", "sanctions", "demands", "lifted"),
        ),
    ],
)
def test_a_stance_reads_the_same_in_other_talks(read, text, expected):
    found = read(text)
    assert expected in found
    assert len({(actor, issue) for actor, issue, _, _ in found}) == len(found)  # one stance


def test_both_sides_of_a_trade_in_other_talks(read):
    found = read("Iran offered to cap enrichment in exchange for sanctions relief.")
    assert found == {
        ("Iran", "enrichment", "offers", "capped"),
        ("Iran", "sanctions", "demands", "lifted"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Araghchi signalled he could cap enrichment.", ("Iran", "enrichment", "offers", "capped")),
        (
            "Witkoff hinted that he might ease sanctions.",
            ("United States", "sanctions", "offers", None),
        ),
        (
            "Witkoff showed flexibility on sanctions.",
            ("United States", "sanctions", "offers", None),
        ),
        (  # what is hinted at, not one's own step: put forward
            "Witkoff hinted that a deal could include sanctions relief.",
            ("United States", "sanctions", "proposes", "lifted"),
        ),
    ],
)
def test_a_signal_of_a_step_offers_or_proposes_it(read, text, expected):
    assert read(text) == {expected}


def test_a_signal_of_a_mood_is_no_stance(read):
    assert read("Tehran signalled dissatisfaction with the sanctions.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the opening "while" clause ends at its comma; a handful of a party is the party
            "While Washington wanted zero enrichment, a handful of Iranian hardliners were"
            " prepared only to cap enrichment.",
            {
                ("United States", "enrichment", "demands", "zero"),
                ("Iran", "enrichment", "offers", "capped"),
            },
        ),
        (
            "Tehran has been a vocal opponent of sanctions.",
            {("Iran", "sanctions", "rejects", None)},
        ),
    ],
)
def test_opponents_and_contrasted_clauses(read, text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an owner before a money amount still owns the offer
            "Tehran rebuffed Washington's $6bn offer of sanctions relief.",
            {
                ("Iran", "sanctions", "rejects", "lifted"),
                ("United States", "sanctions", "proposes", "lifted"),
            },
        ),
        (
            "Washington sweetened its offer on sanctions.",
            {("United States", "sanctions", "offers", None)},
        ),
        (
            "Tehran refused to rule out a cap on enrichment.",
            {("Iran", "enrichment", "offers", None)},
        ),
    ],
)
def test_offers_sweetened_and_not_ruled_out(read, text, expected):
    assert read(text) == expected
