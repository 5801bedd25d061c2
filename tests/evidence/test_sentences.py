"""Sentence spans: every span is the sentence as it stands, abbreviations survive."""

from __future__ import annotations

import itertools

import pytest

from zopa.evidence.extract.sentences import split_sentences


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Witkoff met Gen. Budanov on Feb. 18 in Abu Dhabi. Talks went on.",
            ["Mr. Witkoff met Gen. Budanov on Feb. 18 in Abu Dhabi.", "Talks went on."],
        ),
        (
            "The U.S. envoy left. The U.K. stayed.",
            ["The U.S. envoy left.", "The U.K. stayed."],
        ),
        (
            "Aid came from the U.S. The talks resumed.",
            ["Aid came from the U.S.", "The talks resumed."],
        ),
        (
            "Mr Trump spoke. J. D. Vance did not.",
            ["Mr Trump spoke.", "J. D. Vance did not."],
        ),
        (
            "“We must end the war.” Zelensky said so twice! Why now?",
            ["“We must end the war.”", "Zelensky said so twice!", "Why now?"],
        ),
        (
            "“Some proposals were accepted.” – Dmitry Peskov",
            ["“Some proposals were accepted.” – Dmitry Peskov"],
        ),
        (
            "A Heading\nThe first line of a paragraph.\n\nAnother paragraph",
            ["A Heading", "The first line of a paragraph.", "Another paragraph"],
        ),
        (
            "a sentence wrapped\nacross two lines ends here. Next.",
            ["a sentence wrapped\nacross two lines ends here.", "Next."],
        ),
        (  # a list item starts after its bullet; a dash inside a sentence stays
            "Key points:\n- Umerov said the text is ready.\n• Talks go on - for now.",
            ["Key points:", "Umerov said the text is ready.", "Talks go on - for now."],
        ),
        ("   \n\n  ", []),
    ],
)
def test_split_sentences(text, expected):
    assert _sentences(text) == expected


def test_spans_are_stripped_ordered_and_disjoint():
    text = "  One sentence here.   Two follows it.\n\n Three ends. "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["One sentence here.", "Two follows it.", "Three ends."]
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end < start
