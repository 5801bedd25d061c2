"""Quotations and their speakers, and positions inside quoted speech (sentences written here)."""

from __future__ import annotations

import pytest

from zopa.evidence.extract.quotes import quotations, speakers


def _speaker(text: str, names: list[str]) -> list[str | None]:
    mentions = sorted((text.index(n), text.index(n) + len(n)) for n in names)
    found = speakers(text, quotations(text), mentions)
    return [None if k is None else text[slice(*mentions[k])] for k in found]


def test_quotations_pair_marks_within_a_paragraph():
    text = 'He said “one. two” and "three".\n“an unclosed one\nand “four”'
    assert [text[a:b] for a, b in quotations(text)] == ["“one. two”", '"three"', "“four”"]


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("“We are ready. We want peace,” Kallas said.", ["Kallas"], ["Kallas"]),
        ("“We are ready,” said the envoy Witkoff on Monday.", ["Witkoff"], ["Witkoff"]),
        ("“We are ready.” Merz told reporters.", ["Merz"], ["Merz"]),
        ("“We are ready” – Peskov", ["Peskov"], ["Peskov"]),
        ("Sybiha wrote on X: “We are ready.”", ["Sybiha"], ["Sybiha"]),
        ("Lavrov complained. “We are ready.”", ["Lavrov"], ["Lavrov"]),
        # a name next to a quotation without a verb of saying does not speak it
        ("Rubio met the “coalition of the willing” in Paris.", ["Rubio"], [None]),
        ("“We are ready,” Kallas and Rubio agreed.", ["Kallas", "Rubio"], [None]),
    ],
)
def test_the_speaker_is_named_next_to_the_quotation_with_a_verb_of_saying(text, names, expected):
    assert _speaker(text, names) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Macron spoke first. “We will never accept a freeze of the front. Never,” Zelensky said.",
        "Macron spoke first. Zelensky replied: “It is a good day. We reject any freeze of the "
        "front.”",
    ],
)
def test_a_quotation_over_several_sentences_is_its_speakers(triples, text):
    found = triples(text)
    assert any(a == "Ukraine" and i == "front_line_freeze" for a, i, _ in found), found
    assert not any(a == "Europe" for a, _, _ in found), found


def test_a_demand_that_a_party_act_is_the_speakers_not_the_partys(triples):
    found = triples("“It is crucial that Washington joins the security guarantees.” Tusk said.")
    assert found == {("Europe", "security_guarantees", "demands")}


def test_a_quotation_spoken_by_a_pronoun_is_the_subject_carried_from_before(triples):
    found = triples(
        "Macron met Zelensky in Paris. Zelensky spoke after Macron. "
        "“A ceasefire must come first. Security guarantees are needed too,” he said."
    )
    assert found == {
        ("Ukraine", "ceasefire_timing", "demands"),
        ("Ukraine", "security_guarantees", "demands"),
    }
