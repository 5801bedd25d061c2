"""Sentence splitting that keeps character spans.

A rule splitter, fast enough to run on every document: one regular expression
finds candidate ends (``.``, ``!``, ``?``, possibly followed by closing quotes
or brackets, then a space and a capital, digit or opening quote) and paragraph
breaks; a candidate is dropped when the word before the full stop is a known
abbreviation ("Mr.", "Feb.", "Gen."), an initial ("J.") or a dotted acronym
("U.S.") that is not followed by a usual sentence opener. A list item's bullet
("- ", "• ") is no part of its sentence.

Examples
--------
>>> text = "Mr. Smith met U.S. envoys on Feb. 18. They talked."
>>> [text[s:e] for s, e in split_sentences(text)]
['Mr. Smith met U.S. envoys on Feb. 18.', 'They talked.']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["pieces", "split_sentences"]

_MAX_SENTENCE = 1200  # characters; longer "sentences" are cut (see _pieces)

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cmdr",
        "adm",
        "sgt",
        "sen",
        "rep",
        "gov",
        "pres",
        "amb",
        "st",
        "jr",
        "sr",
        "rev",
        "hon",
        "messrs",
        "mt",
        "ft",
        "no",
        "nos",
        "vol",
        "fig",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "univ",
        "est",
        "approx",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ]
)
# Words that usually open a sentence: after "U.S." they mark a real sentence end.
_OPENERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "i",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "in",
        "on",
        "at",
        "as",
        "after",
        "before",
        "while",
        "when",
        "if",
        "however",
        "meanwhile",
        "still",
        "there",
        "his",
        "her",
        "their",
        "our",
        "talks",
        "russia",
        "ukraine",
    ]
)
_END = re.compile(
    r"""[.!?]+["'”’)\]]*(?=[ \t]+["“‘(\[]?[A-Z0-9])   # punctuation, space, capital
    |\n[ \t]*\n\s*                                     # blank line: paragraph break
    |\n""",
    re.VERBOSE,
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_FIRST_WORD = re.compile(r"\s*[\"“‘(\[]?([A-Za-z]+)")


def _is_false_stop(text: str, stop: int, end: int) -> bool:
    """True when the full stop at ``stop`` ends an abbreviation, not a sentence."""
    match = _WORD_BEFORE.search(text, max(0, stop - 20), stop + 1)
    if match is None:
        return False
    word = match.group(1)
    if "." in word or len(word) == 1:  # "U.S", "J": an acronym or an initial
        following = _FIRST_WORD.match(text, end)
        return not (following and following.group(1).lower() in _OPENERS)
    return word.lower() in _ABBREVIATIONS


def _is_soft_newline(text: str, at: int) -> bool:
    """A single line break inside a sentence (hard-wrapped text)."""
    before = text[at - 1] if at > 0 else "."
    after = text[at + 1] if at + 1 < len(text) else "A"
    return (before.islower() or before == ",") and after.islower()


_BULLETS = ("- ", "• ", "* ", "· ")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text``, in order.

    Each span is stripped of surrounding white space, so ``text[start:end]`` is
    the sentence as it stands in the text; empty stretches give no span.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        token = match.group()
        if token[0] == "\n":
            if len(token) == 1 and _is_soft_newline(text, match.start()):
                continue
            cut = match.start()
        else:
            if token[0] == "." and _is_false_stop(text, match.start(), match.end()):
                continue
            cut = match.end()
        _add(text, start, cut, spans)
        start = match.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    if text.startswith(_BULLETS, start) and start + 2 < end:
        start += 2  # a list item: the sentence starts after its bullet ("- Umerov said")
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def pieces(text: str, spans: list[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    """The sentence spans, the rare overlong one (a list, a table) cut at spaces.

    The rules cost grows with the square of a sentence's length; real sentences
    stay far below the cut.
    """
    for start, end in spans:
        while end - start > _MAX_SENTENCE:
            cut = text.rfind(" ", start + _MAX_SENTENCE // 2, start + _MAX_SENTENCE)
            cut = cut if cut > start else start + _MAX_SENTENCE
            yield start, _rstrip(text, start, cut)
            start = cut + 1 if text[cut : cut + 1] == " " else cut
        yield start, end


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
