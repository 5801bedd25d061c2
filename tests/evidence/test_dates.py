"""Dates in prose, resolved against the article date."""

from __future__ import annotations

import pytest

from zopa.evidence.extract.dates import find_dates, resolve_date

FRIDAY = "2026-01-23"  # a Friday


@pytest.mark.parametrize(
    ("sentence", "anchor", "expected"),
    [
        ("He spoke early Friday.", FRIDAY, "2026-01-23"),
        ("He spoke on Thursday.", FRIDAY, "2026-01-22"),
        ("He spoke last Saturday.", FRIDAY, "2026-01-17"),
        ("It was published on Feb 23.", "2026-02-24", "2026-02-23"),
        ("He said in an interview Feb 21 that", "2026-02-24", "2026-02-21"),
        ("They met on December 2.", "2025-12-07", "2025-12-02"),
        ("They met on December 28.", "2026-01-05", "2025-12-28"),  # the year before
        ("They met on 18 February 2025.", "2026-01-05", "2025-02-18"),
        ("It was drawn up in late November.", "2025-12-07", "2025-11"),
        ("It was drawn up in November.", "2026-02-24", "2025-11"),
        ("He returned in January 2025.", "2026-02-24", "2025-01"),
        ("They spoke last month.", "2026-01-05", "2025-12"),
        ("They spoke yesterday.", "2025-12-03", "2025-12-02"),
        ("The date 2026-02-20 was set.", "2026-02-24", "2026-02-20"),
        ("No date at all here.", "2026-02-24", "2026-02-24"),
        ("A deal before July 4.", "2026-02-24", "2026-02-24"),  # a deadline, not a date
        ("Talks by March 30.", "2026-02-24", "2026-02-24"),
        ("He spoke on Friday.", "2026-02", "2026-02"),  # a weekday needs a full date
        ("They met on Feb 18.", "2026-02", "2026-02-18"),
        ("They met on Feb 18.", None, "unknown"),
        ("They met on Feb 18, 2026.", None, "2026-02-18"),
        # an act of war a date names is background, not when the claim was made
        ("Hostages seized in its Oct. 7 attack must return.", "2024-04-10", "2024-04-10"),
        ("After the January 3 missile strikes, Kyiv spoke.", "2026-01-08", "2026-01-08"),
        ("In Putin's December 2 remarks he said no.", "2025-12-07", "2025-12-02"),
    ],
)
def test_resolve_date(sentence, anchor, expected):
    assert resolve_date(sentence, anchor) == expected


def test_nearest_date_to_the_cue_wins():
    sentence = "On Monday Kyiv spoke; on Thursday Moscow rejected it."
    assert resolve_date(sentence, FRIDAY, near=sentence.index("rejected")) == "2026-01-22"
    assert resolve_date(sentence, FRIDAY, near=0) == "2026-01-19"


def test_find_dates_gives_offsets():
    text = "On Feb 18 and on Feb 20 they met."
    assert find_dates(text, "2026-02-24") == [(3, "2026-02-18"), (17, "2026-02-20")]


def test_impossible_dates_are_not_stored_as_dates():
    assert resolve_date("They met on February 30, 2026.", None) == "unknown"
    assert resolve_date("They met on February 3, 2026.", None) == "2026-02-03"


@pytest.mark.parametrize(
    "sentence",
    [
        "Kyiv said on Monday the offensive had stalled.",
        "The Kremlin said yesterday an attack was planned.",
    ],
)
def test_a_weekday_or_relative_date_before_an_act_of_war_still_dates(sentence):
    assert find_dates(sentence, "2026-01-08")
