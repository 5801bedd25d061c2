"""General faults of the rule extractor, each on sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In talks with the Kremlin, Kyiv rejected the withdrawal from Donetsk.",
            {("Ukraine", "donetsk_control", "rejects")},
        ),
        (
            "According to Ushakov, Russia rejects foreign troops.",
            {("Russia", "foreign_troops", "rejects")},
        ),
        (
            "After meeting Putin, Witkoff proposed a referendum.",
            {("United States", "referendum", "proposes")},
        ),
    ],
)
def test_an_introductory_phrase_ending_in_an_alias_keeps_the_subject(triples, text, expected):
    assert triples(text) == expected


def test_a_list_of_parties_still_shares_the_claim(triples):
    assert triples("Russia, Ukraine and the US agreed to a prisoner exchange.") == {
        ("Russia", "prisoner_exchange", "accepts"),
        ("Ukraine", "prisoner_exchange", "accepts"),
        ("United States", "prisoner_exchange", "accepts"),
    }


def test_unacceptable_to_binds_the_party_that_follows(triples):
    assert triples("A withdrawal from Donetsk is unacceptable to Kyiv.") == {
        ("Ukraine", "donetsk_control", "rejects")
    }


def test_a_possessor_or_adjective_is_not_the_subject(triples):
    assert triples("For Moscow, Ukraine's NATO membership is unacceptable.") == {
        ("Russia", "nato_membership", "rejects")
    }
    assert triples("Moscow said a European force in Ukraine is unacceptable.") == {
        ("Russia", "foreign_troops", "rejects")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a verb of presenting before a demand noun: the noun says the stance
            "Moscow set out its conditions for an immediate ceasefire.",
            {("Russia", "ceasefire_timing", "demands")},
        ),
        (  # "the proposal envisages": the proposer is the previous sentence's subject
            "Witkoff presented a new plan to the Kremlin. "
            "The proposal envisages a demilitarized zone in Donetsk.",
            {
                ("United States", "donetsk_control", "proposes"),
                ("United States", "free_economic_zone", "proposes"),
            },
        ),
        (
            "A referendum would be considered, Zelensky said.",
            {("Ukraine", "referendum", "offers")},
        ),
        (
            "Russia rejects any deployment of foreign troops, calling it a red line.",
            {("Russia", "foreign_troops", "red_line")},
        ),
        (
            "Putin's demand for the whole of Donbas was repeated on Friday.",
            {("Russia", "donbas_control", "demands")},
        ),
        (
            "Zelensky insisted on security guarantees before any deal.",
            {("Ukraine", "security_guarantees", "demands")},
        ),
        (
            "Russia has repeatedly ruled out the deployment of European troops.",
            {("Russia", "foreign_troops", "rejects")},
        ),
        (
            "Kyiv said it was ready to hold elections once a ceasefire holds.",
            {("Ukraine", "elections", "offers")},
        ),
    ],
)
def test_stance_from_nominal_and_periphrastic_forms(triples, text, expected):
    assert triples(text) == expected
