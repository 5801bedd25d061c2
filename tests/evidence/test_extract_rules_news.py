"""Rules for news wording the seed articles lacked, on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from zopa.evidence.evaluate import evaluate_extraction
from zopa.evidence.extract import get_extractor
from zopa.evidence.extract.lexicon import verb_forms
from zopa.model import load_builtin

DEV_GOLD = Path(__file__).resolve().parents[2] / "corpus" / "dev" / "gold"


@pytest.fixture(scope="module")
def scenario():
    return load_builtin("ukraine-2026")


def test_a_demand_for_a_party_to_act_is_not_that_partys_demand(triples):
    found = triples("The Kremlin repeated its demand for Ukraine to withdraw from Donetsk.")
    assert ("Ukraine", "donetsk_control", "demands") not in found
    assert ("Russia", "donetsk_control", "demands") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Moscow said that Ukraine must leave Donetsk.",
            ("Russia", "donetsk_control", "demands"),
        ),
        (
            "The Europeans insisted that any peace deal should include security guarantees.",
            ("Europe", "security_guarantees", "proposes"),
        ),
    ],
)
def test_the_one_obliged_by_must_or_should_is_not_the_actor(triples, text, expected):
    found = triples(text)
    assert expected in found
    assert not any(actor == "Ukraine" for actor, _, _ in found)


def test_what_a_party_will_do_before_agreeing_is_no_acceptance(triples):
    found = triples("Kyiv wants security guarantees before agreeing to a ceasefire.")
    assert ("Ukraine", "security_guarantees", "demands") in found
    assert not any(stance == "accepts" for _, _, stance in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The next round of talks will be held in Geneva next week, Peskov said.",
            ("Russia", "talks_format", "proposes"),
        ),
        (
            "Zelensky confirmed that his delegation is preparing for the upcoming talks.",
            ("Ukraine", "talks_format", "accepts"),
        ),
        (
            "The White House has no plans to meet with Putin this year.",
            ("United States", "summit", "rejects"),
        ),
        (
            "Ukraine needs a security guarantee that lasts twenty years.",
            ("Ukraine", "security_guarantees", "demands"),
        ),
        (
            "Brussels expressed openness to a new round of negotiations.",
            ("Europe", "talks_format", "offers"),
        ),
        (
            "Moscow says it is ready for another round of negotiations in Istanbul.",
            ("Russia", "talks_format", "offers"),
        ),
        (
            "Washington again proposed land swaps between the two sides.",
            ("United States", "territorial_concessions", "proposes"),
        ),
        (
            "Kyiv again rejected any border changes imposed by force.",
            ("Ukraine", "territorial_concessions", "rejects"),
        ),
        (
            "Kyiv rejected limits on its military.",
            ("Ukraine", "army_size_cap", "rejects"),
        ),
        (
            "Brussels proposed lending Kyiv its frozen central bank reserves.",
            ("Europe", "frozen_assets", "proposes"),
        ),
        (
            "The EU proposed funds to repair war damage in Ukraine.",
            ("Europe", "reconstruction", "proposes"),
        ),
        (  # the Russian transliteration of a place names it too
            "The Kremlin demands that Kyiv withdraw from the Lugansk region.",
            ("Russia", "luhansk_control", "demands"),
        ),
        (
            "Moscow demands a neutral status for Ukraine.",
            ("Russia", "nato_membership", "demands"),
        ),
        (
            "Brussels proposed using frozen Russian sovereign assets for a loan to Kyiv.",
            ("Europe", "frozen_assets", "proposes"),
        ),
    ],
)
def test_news_wording_for_stances_and_issues(triples, text, expected):
    assert expected in triples(text)


def test_dev_set_f1_floor(scenario):
    """The measured dev-set F1 (README, "The development set": 0.558) less a small margin."""
    report = evaluate_extraction(DEV_GOLD, scenario=scenario, extractor=get_extractor())
    assert report.overall.f1 >= 0.52, report.to_dict()["overall"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The offer was rejected by Kyiv as a capitulation to a ceasefire on Russian terms.",
            ("Ukraine", "ceasefire_timing", "rejects"),
        ),
        (
            "A new round of talks was confirmed by the Kremlin on Monday.",
            ("Russia", "talks_format", "accepts"),
        ),
    ],
)
def test_the_agent_of_a_passive_is_the_actor(triples, text, expected):
    assert expected in triples(text)


def test_an_attributive_participle_states_no_position(triples):
    assert triples(
        "Zelensky said the proposed 20-point plan needs work on security guarantees."
    ) == {("Ukraine", "security_guarantees", "demands")}


def test_a_possessed_readiness_belongs_to_its_possessor(triples):
    found = triples("Kyiv welcomed Washington's willingness to contribute to security guarantees.")
    assert ("United States", "security_guarantees", "offers") in found
    assert ("Ukraine", "security_guarantees", "offers") not in found


def test_an_issue_named_as_the_setting_is_not_the_object(triples):
    found = triples("Russia and Ukraine agreed at the Geneva talks on a prisoner exchange.")
    assert ("Russia", "prisoner_exchange", "accepts") in found
    assert not any(issue == "talks_format" for _, issue, _ in found)


def test_opposing_a_partys_idea_gives_both_positions(triples):
    assert triples("Kyiv is opposed to Trump's idea of land swaps.") == {
        ("Ukraine", "territorial_concessions", "rejects"),
        ("United States", "territorial_concessions", "proposes"),
    }


def test_insisting_without_that_on_never_is_a_red_line(triples):
    found = triples("Zelensky firmly insists Ukraine will never cede territory.")
    assert ("Ukraine", "territorial_concessions", "red_line") in found
    assert not any(stance == "demands" for _, _, stance in found)


def test_what_a_demand_verb_demands_in_a_that_clause_is_its_content(triples):
    found = triples("Moscow demanded that Ukraine agree to a withdrawal from Donetsk.")
    assert ("Russia", "donetsk_control", "demands") in found
    assert not any(actor == "Ukraine" for actor, _, _ in found)


def test_would_be_considered_as_regarded_as_offers_nothing(triples):
    found = triples("Putin said foreign troops in Ukraine would be considered legitimate targets.")
    assert not any(stance == "offers" for _, _, stance in found)


def test_this_opening_a_sentence_refers_to_the_issue_named_before(triples):
    found = triples(
        "Moscow proposed a withdrawal from Donetsk. This proposal, made on Monday, "
        "was rejected by Kyiv."
    )
    assert ("Ukraine", "donetsk_control", "rejects") in found


@pytest.mark.parametrize(
    "tail", ["Moscow's news agency cited an official", "Peskov stressed", "Peskov replied"]
)
def test_a_speaker_named_after_the_quote_with_other_verbs_of_saying(triples, tail):
    text = f"“The next round of talks will be held in Geneva,” {tail}."
    assert ("Russia", "talks_format", "proposes") in triples(text)


@pytest.mark.parametrize(
    ("name", "party"),
    [("Zelenskiy", "Ukraine"), ("Zakharova", "Russia"), ("Vance", "United States")],
)
def test_officials_and_spellings_map_to_their_party(triples, name, party):
    assert (party, "sanctions_relief", "rejects") in triples(f"{name} rejected sanctions relief.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # aiming at a step puts it forward; seeking a thing would be a demand
            "Kyiv is seeking to move the next round of talks to another venue.",
            ("Ukraine", "talks_format", "proposes"),
        ),
        (
            "Washington is considering a summit with Putin before the summer.",
            ("United States", "summit", "proposes"),
        ),
        (  # what a document provides for is put forward by its author
            "The Kremlin's memorandum provides for a buffer zone along the border.",
            ("Russia", "free_economic_zone", "proposes"),
        ),
        (
            "Trump said any settlement would involve territorial concessions on both sides.",
            ("United States", "territorial_concessions", "proposes"),
        ),
        (
            "Moscow warned that Western troops would be legitimate targets.",
            ("Russia", "foreign_troops", "red_line"),
        ),
    ],
)
def test_proposing_and_threatening_in_news_wording(triples, text, expected):
    found = triples(text)
    assert expected in found, found
    assert not any(s == "offers" for _, _, s in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a condition stated as the only way is a demand
            "Kyiv will sign a deal only after a ceasefire holds.",
            {("Ukraine", "ceasefire_timing", "demands")},
        ),
        (
            "Moscow says peace is impossible without recognition of Crimea.",
            {("Russia", "recognition", "demands")},
        ),
        (  # "must be approved": a condition, not an approval
            "Zelensky said any settlement must be approved in a referendum.",
            {("Ukraine", "referendum", "demands")},
        ),
        (  # "once again" is no "once" clause
            "Washington once again proposed a prisoner exchange.",
            {("United States", "prisoner_exchange", "proposes")},
        ),
        (  # the subject of "is unacceptable" is what is refused, not what follows
            "Lavrov said any NATO membership is unacceptable, calling sanctions relief overdue.",
            {("Russia", "nato_membership", "rejects")},
        ),
        (  # "never give up" is final even inside a quotation
            "Sybiha insisted Ukraine will “never give up its territory.”",
            {("Ukraine", "territorial_concessions", "red_line")},
        ),
        (
            "Prisoner exchanges are on the agenda, Umerov said.",
            {("Ukraine", "prisoner_exchange", "proposes")},
        ),
    ],
)
def test_conditions_agenda_and_finality_in_news_wording(triples, text, expected):
    assert triples(text) == expected


def test_welcoming_a_partys_willingness_accepts_what_it_offers(triples):
    found = triples("Brussels welcomed Washington's willingness to join security guarantees.")
    assert ("Europe", "security_guarantees", "accepts") in found
    assert ("United States", "security_guarantees", "offers") in found


def test_a_negotiating_table_is_not_a_verb_of_proposing(triples):
    assert triples("Russian and Ukrainian envoys returned to the negotiating table.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # greeting a person accepts nothing
            "Merz welcomes Ukrainian President Zelensky to a summit in Berlin.",
            set(),
        ),
        (  # what a party refuses in a that-clause is no claim of the party named there
            "Kyiv rejected suggestions that Ukraine withdraw from Donbas in exchange for peace.",
            {("Ukraine", "donbas_control", "rejects")},
        ),
        (  # the object of "talks with (Russian) President Putin" is not the subject
            "Witkoff held talks with Russian President Vladimir Putin on the proposals.",
            set(),
        ),
        (  # a negation before "and" does not reach the verb after it
            "Moscow had not been consulted and might not accept the changes to the plan.",
            {("Russia", "peace_plan_basis", "rejects")},
        ),
        (  # a contrast opens its own clause: the talks are not what is pushed for
            "Trump is pushing for peace, but two rounds of talks in Geneva brought nothing.",
            set(),
        ),
        (  # a sentence naming no party right after one that did keeps its subject
            "Zelensky spoke in Kyiv on Monday. A referendum would be needed first.",
            {("Ukraine", "referendum", "demands")},
        ),
        (  # criticism of a plan refuses it
            "Berlin criticised the 28-point plan.",
            {("Europe", "peace_plan_basis", "rejects")},
        ),
    ],
)
def test_precision_and_scope_in_news_wording(triples, text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a leaders' meeting announced is a summit proposed
            "Trump will meet Putin in Budapest next month.",
            {("United States", "summit", "proposes")},
        ),
        (  # an envoy meeting officials states no position
            "Witkoff will meet Ukrainian officials in Miami.",
            set(),
        ),
        (  # confirming that a meeting will happen accepts it
            "Peskov confirmed that Putin will meet Witkoff on Thursday.",
            {("Russia", "talks_format", "accepts")},
        ),
        (  # a plan called a starting point is taken up, one called one-sided refused
            "Kyiv called the 28-point plan a starting point.",
            {("Ukraine", "peace_plan_basis", "accepts")},
        ),
        ("Tusk said the draft was one-sided.", {("Europe", "peace_plan_basis", "rejects")}),
    ],
)
def test_meetings_and_verdicts_on_plans(triples, text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Lavrov said: “Either Ukraine leaves Donbas, or we will take it by force.”",
        "Either Kyiv gives up Donbas or the army will take it, Lavrov warned.",
    ],
)
def test_an_either_or_ultimatum_is_a_red_line(triples, text):
    assert triples(text) == {("Russia", "donbas_control", "red_line")}


def test_either_side_is_no_ultimatum(triples):
    assert triples("Either side may propose a prisoner exchange.") == set()


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (  # a manner adverb is no finality (docs/annotation.md): a plain rejection
            "Kyiv flatly rejected the proposed ceasefire terms on Tuesday.",
            ("Ukraine", "ceasefire_timing", "rejects"),
            ("Ukraine", "ceasefire_timing", "red_line"),
        ),
        (  # a possessive with modifiers makes "demands" a noun, the possessor's
            "Kyiv brushed off Moscow's renewed demands on Donetsk.",
            ("Russia", "donetsk_control", "demands"),
            ("Ukraine", "donetsk_control", "demands"),
        ),
        (  # pushing back against a demand refuses it
            "Kyiv is pushing back against Moscow's demands on Donetsk.",
            ("Ukraine", "donetsk_control", "rejects"),
            ("Ukraine", "donetsk_control", "demands"),
        ),
        (  # a participle after the main clause takes its subject, not the nearest name
            "The Kremlin says the U.S. memo is a dead end, rejecting any ceasefire now.",
            ("Russia", "ceasefire_timing", "rejects"),
            ("United States", "ceasefire_timing", "rejects"),
        ),
        (  # a title and a first name do not hide the meeting cue
            "Trump will meet Russian President Vladimir Putin next month.",
            ("United States", "summit", "proposes"),
            None,
        ),
        (  # the relative clause after an appositive is about the clause it renames
            "Moscow wants Kyiv out of Donetsk, a step Ukrainian officials have rejected.",
            ("Ukraine", "donetsk_control", "rejects"),
            None,
        ),
        (  # a prohibition refuses; the noun it governs is no offer of its own
            "Ukraine's law forbids any territorial concessions.",
            ("Ukraine", "territorial_concessions", "rejects"),
            ("Ukraine", "territorial_concessions", "offers"),
        ),
    ],
)
def test_general_news_constructions(triples, text, expected, absent):
    found = triples(text)
    assert expected in found, found
    assert absent not in found, found


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (  # a demand restated "as a precondition" is no demand of the party named in it
            "Moscow demands Kyiv quit Luhansk as a precondition for peace.",
            ("Russia", "luhansk_control", "demands"),
            ("Ukraine", "luhansk_control", "demands"),
        ),
        (  # what a demand is for is no offer of the one demanding
            "Moscow kept its demands for sweeping territorial and political concessions from "
            "Ukraine, which Kyiv called capitulation.",
            ("Russia", "territorial_concessions", "demands"),
            ("Russia", "territorial_concessions", "offers"),
        ),
        (  # "and has been ..." opens a second predicate: the rejection ends before it
            "Kyiv rejected any amnesty and has been silent about sanctions relief.",
            ("Ukraine", "amnesty", "rejects"),
            ("Ukraine", "sanctions_relief", "rejects"),
        ),
        (  # a plan qualified by its owner names the plan issue
            "The Kremlin said it supported the first US proposal.",
            ("Russia", "peace_plan_basis", "accepts"),
            None,
        ),
        (  # ... but a proposal that says what it proposes is about that
            "Kyiv rejected the Kremlin proposal to hold a summit in Moscow.",
            ("Ukraine", "summit", "rejects"),
            ("Ukraine", "peace_plan_basis", "rejects"),
        ),
        (  # the object of a first verb, titles and all, is not the subject of the second
            "Trump said Putin had agreed to meet Ukrainian President Volodymyr Zelenskyy and "
            "accept some Western security guarantees for Ukraine.",
            ("Russia", "security_guarantees", "accepts"),
            ("Ukraine", "security_guarantees", "accepts"),
        ),
        (  # "after" opening a clause: its subject is no object of a preposition
            "The meeting came a day after Trump and Putin agreed to hold a new summit in Budapest.",
            ("Russia", "summit", "accepts"),
            None,
        ),
        (  # news words for giving up land
            "Kyiv has rejected any deal that would require it to relinquish territory it holds.",
            ("Ukraine", "territorial_concessions", "rejects"),
            None,
        ),
        (  # an aide to a party speaks for it: no prepositional object
            "An aide to Ukrainian President Volodymyr Zelensky confirmed that its delegation "
            "was preparing for the negotiations next week.",
            ("Ukraine", "talks_format", "accepts"),
            None,
        ),
        (  # not ruling a thing out is openness to it, in any spelling of the negation
            "Trump stated he wouldn’t rule out deploying US troops to Ukraine.",
            ("United States", "foreign_troops", "offers"),
            ("United States", "foreign_troops", "rejects"),
        ),
        (
            "Kyiv has not ruled out holding elections.",
            ("Ukraine", "elections", "offers"),
            ("Ukraine", "elections", "rejects"),
        ),
        (  # calling off a meeting refuses it
            "Trump called off the summit with Putin.",
            ("United States", "summit", "rejects"),
            ("United States", "summit", "proposes"),
        ),
        (
            "Kyiv scrapped the amnesty clause.",
            ("Ukraine", "amnesty", "rejects"),
            None,
        ),
        (  # a reaction from a party is that party's stance on the subject
            "The 28-point plan has drawn sharp pushback from President Volodymyr Zelensky.",
            ("Ukraine", "peace_plan_basis", "rejects"),
            None,
        ),
        (
            "The idea of a demilitarized zone won support from Paris.",
            ("Europe", "free_economic_zone", "accepts"),
            None,
        ),
        (  # a lower-case title between a meeting word and the name keeps the meeting
            "Putin proposed a meeting with his Ukrainian counterpart Volodymyr Zelensky.",
            ("Russia", "summit", "proposes"),
            None,
        ),
    ],
)
def test_what_a_stance_covers(triples, text, expected, absent):
    found = triples(text)
    assert expected in found, found
    assert absent not in found, found


def test_an_unnamed_agent_or_a_named_non_party_carries_no_actor(triples):
    found = triples("Kyiv rejected the truce terms. Details of the amnesty are being finalized.")
    assert ("Ukraine", "amnesty", "offers") not in found, found
    found = triples("Kyiv wants a truce. Analysts suggest a summit in Geneva.")
    assert not any(issue == "summit" for _, issue, _ in found), found


def test_a_party_working_on_a_proposal_authors_its_provisions(triples):
    found = triples(
        "European nations are working with Ukraine on a 12-point proposal for a ceasefire. "
        "Once Russia agrees to a truce, the proposals envisage prisoner exchanges."
    )
    assert ("Europe", "prisoner_exchange", "proposes") in found, found


@pytest.mark.parametrize(
    ("base", "forms"),
    [
        ("cancel", {"cancels", "cancelled", "canceled", "cancelling", "canceling"}),
        ("scrap", {"scraps", "scrapped", "scrapping"}),
        ("call off", {"calls off", "called off", "calling off"}),
    ],
)
def test_verb_forms_spell_both_ways_and_double_final_consonants(base, forms):
    assert forms <= set(verb_forms(base))
