"""A plan's provisions are proposals of its author (sentences written for these tests)."""

from __future__ import annotations

import pytest

from zopa.evidence.extract.plans import (
    PLAN_HEAD,
    author,
    frame_plan,
    governing_plan,
    made_by_subject,
)


def _span(text: str, word: str) -> tuple[int, int]:
    return text.index(word), text.index(word) + len(word)


def _head(text: str) -> tuple[int, int]:
    match = PLAN_HEAD.search(text)
    assert match is not None
    return match.span()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tusk's revised 12-point plan calls for talks.", "Tusk"),
        ("The Russian draft calls for talks.", "Russian"),
        ("The US-drafted plan calls for talks.", "US"),
        ("A plan drafted by Witkoff calls for talks.", "Witkoff"),
    ],
)
def test_the_author_is_named_in_the_plans_phrase(text, name):
    head = _head(text)
    assert author(text, head, [_span(text, name)]) == 0


@pytest.mark.parametrize(
    "text",
    ["Kyiv rejects the plan.", "Kyiv rejected the plan.", "Kyiv has doubts about the plan."],
)
def test_a_party_acting_on_a_plan_is_not_its_author(text):
    assert author(text, _head(text), [_span(text, "Kyiv")]) is None
    assert made_by_subject(text, _head(text), 0) is None


def test_the_subject_that_made_the_plan_wrote_it():
    text = "Paris and Berlin drew up a rival ceasefire proposal last week."
    assert made_by_subject(text, _span(text, "proposal"), 0) == text.index("drew")


def test_a_plan_governs_the_verb_it_is_the_subject_of():
    text = "Meanwhile the draft, reportedly, also calls for talks."
    assert governing_plan(text, 0, text.index("calls")) == _span(text, "draft")
    assert governing_plan("The draft was met with calls for talks.", 0, 22) is None
    assert frame_plan("According to the US proposal, talks resume.", 0, 40) == (20, 28)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a plan as subject: whatever the verb, its author proposes
            "The Kremlin's memorandum demands a cap on the army.",
            {("Russia", "army_size_cap", "proposes")},
        ),
        (  # the plan named before, with its author
            "Witkoff presented a new plan on Monday. The plan requires Kyiv to give up Donbas.",
            {("United States", "donbas_control", "proposes")},
        ),
        (  # the party that made the plan
            "Brussels drafted a counterproposal providing for a buffer zone.",
            {
                ("Europe", "free_economic_zone", "proposes"),
                ("Europe", "peace_plan_basis", "proposes"),
            },
        ),
        (  # a frame: what follows is the plan's, not the party's named in it
            "Under the Kremlin's plan, Kyiv would leave Donetsk and accept a cap on the army.",
            {("Russia", "donetsk_control", "proposes"), ("Russia", "army_size_cap", "proposes")},
        ),
        (  # the plan opens the sentence: a provision further down its clause is its own
            "Witkoff presented a new plan on Monday. The plan reportedly includes provisions "
            "that would require Ukraine to reduce the size of its armed forces.",
            {("United States", "army_size_cap", "proposes")},
        ),
        (  # "his plan": owned by the subject; what it "would see" is its content
            "Trump defended his much-criticised plan. "
            "The plan would see Ukraine renounce NATO membership.",
            {("United States", "nato_membership", "proposes")},
        ),
    ],
)
def test_a_plans_provisions_are_its_authors_proposals(triples, text, expected):
    assert triples(text) == expected


def test_a_party_speaking_about_a_plan_keeps_its_own_stance(triples):
    assert triples("Zelensky said the plan needs work on security guarantees.") == {
        ("Ukraine", "security_guarantees", "demands")
    }
    assert triples("The plan was rejected by Kyiv.") == {("Ukraine", "peace_plan_basis", "rejects")}


@pytest.mark.parametrize(
    ("provision", "issue"),
    [
        ("The plan includes security guarantees for Ukraine.", "security_guarantees"),
        ("The draft would also freeze the front line.", "front_line_freeze"),
        ("The plan states that Ukraine will not join NATO.", "nato_membership"),
        ("The document would give Russia control of the Donbas.", "donbas_control"),
        ("The plan also caps Ukraine's army at 600,000 troops.", "army_size_cap"),
        ("The plan maps out a path to elections in Ukraine.", "elections"),
    ],
)
def test_a_plan_as_subject_proposes_what_it_holds_whatever_the_verb(triples, provision, issue):
    found = triples("The United States has drafted a new peace plan for Ukraine. " + provision)
    assert ("United States", issue, "proposes") in found, found
    assert not any(actor in ("Ukraine", "Russia") for actor, _, _ in found), found


@pytest.mark.parametrize(
    "verdict",
    [
        "The plan would be a disaster for Ukraine's security guarantees, critics said.",
        "The plan will go to Zelensky before the talks on security guarantees.",
    ],
)
def test_a_verdict_on_a_plan_or_its_schedule_is_no_provision(triples, verdict):
    found = triples("The United States has drafted a new peace plan for Ukraine. " + verdict)
    assert ("United States", "security_guarantees", "proposes") not in found, found
