"""What a stance is about: the issue, option and topic cues a cue governs.

The cues inside the cue's region (up to the next cue or a clause break), else the
nearest to the left in the clause; cues that overlap or touch name one thing, and a
phrase naming both a topic and an issue's option counts for the issue only where the
issue itself is named beside it.
"""

from __future__ import annotations

import re

from zopa.evidence.extract.actors import RELATIVE_CLAUSE, noun_owner
from zopa.evidence.extract.context import (
    AUXILIARY_RUN,
    COPULA_BEFORE,
    RELATIVE_ASIDE,
    Cue,
    Sentence,
)
from zopa.evidence.extract.vocabulary import Hit

__all__ = ["clusters", "in_object_relative", "issues_of", "keys_of"]

# An issue cue in an adjunct of place or time names the setting, not what is agreed:
# "agreed at their summit that ...", "a deal reached during the Geneva talks".
_SETTING_BEFORE = re.compile(  # "measures aimed at a ceasefire" name their aim
    r"\b(?:(?<!aimed )(?<!aiming )(?<!aims )at|during|ahead of|on the sidelines of|on the eve of"
    r"|following)\s+"
    r"(?:[\w\"“”'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
# A cue naming people who then speak or judge names speakers, not a position: "many
# observers questioning the talks", "monitors said".
_SPEAKERS = re.compile(
    r"\s+(?:have\s+|had\s+|are\s+|were\s+)?(?:say|says|said|saying|believe|believed|note|"
    r"noted|question|questioned|questioning|warn|warned|warning|expect|expected|argue|argued|"
    r"told|doubt|doubted|doubting|wonder|wondered|wondering)\b"
)
# ", a concession (that) Ukrainian President ..." before the subject of a relative clause
_APPOSITIVE = re.compile(
    r",\s+(?:a|an|the|one)\s+(?:[a-z][\w-]*\s+){1,2}(?:that\s+|which\s+)?"
    r"(?:[A-Z][\w.-]*\s+){0,3}$"
)
# a stance noun renaming what came before: "the pension plan, a key demand of the union"
_STANCE_APPOSITION = re.compile(r",\s+(?:a|an|the|one|another)\s+(?:[\w'’-]+\s+){0,3}$")
_TO_COMMA = re.compile(r"[\w'’ -]{0,25}")  # the rest of the issue's noun phrase
# ", which Moscow (has) rejected": a relative clause whose object is the issue before it
_OBJECT_RELATIVE = re.compile(  # "the guarantees that Kyiv was seeking" needs no comma
    rf"(?:,\s+(?:which|that)|\s+that)\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){{1,4}}{AUXILIARY_RUN}$"
)
# "made X a (pre)condition": X is what is demanded, not what follows the noun
_MADE_BEFORE = re.compile(
    r"\bmade\s+(?!clear\b|it\s+clear\b|no\s+secret\b)(?P<what>[^,;]{3,80}?)\s+(?:a|an|the|its|their)\s+"
    r"(?:(?:key|central|main|firm|formal)\s+)?$"
)
# demand cues that state a condition: what they ask is in their own clause only
_CONDITIONS = frozenset(
    {"unless", "only if", "only after", "only when", "only once", "only with", "provided that"}
)
# a line, border or region after "at" is where a step is to happen, not its setting
_PLACE = re.compile(r"\b(?:lines?|front|frontline|border|borders|region|boundary)\b", re.I)
# a relative clause of place: "in the Donbas region, where Russia demands a withdrawal"
_WHERE = re.compile(r",\s+where\s+")
_AUXILIARIES = re.compile(r"(?:\s+(?:has|have|had|is|was|were|are|also|already|\w+ly))*\s+")
_COORDINATED_PASSIVE = re.compile(
    r"\b[a-z]+ed\s+by\s+[^,;]{1,50}?,?\s+(?:but|and|yet)\s+(?:(?:was|were|is|are)\s+)?"
    r"(?:[a-z]+ly\s+)?$"
)
_COPULA_END = re.compile(r"\b(?:is|are|was|were|remains?|remained)\s+$")
_TOUCHING = re.compile(r"\s+(?:(?:the|a|an|of)\s+)?")


def clusters(hits: list[Hit], text: str) -> list[list[Hit]]:
    """Cue hits that overlap or touch grouped: they name one thing.

    "a ceasefire along the current front line" is one proposal even though two
    cues match in it ("ceasefire along", "current front line").
    """
    groups: list[list[Hit]] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        end = max(h.end for h in groups[-1]) if groups else 0
        if groups and (hit.start < end or _TOUCHING.fullmatch(text, end, hit.start)):
            groups[-1].append(hit)
        else:
            groups.append([hit])
    return groups


def issues_of(s: Sentence, cue: Cue, actors: list[Hit]) -> tuple[list[Hit], float]:
    lo, hi = cue.region
    if (
        cue.kind == "adj"
        and COPULA_BEFORE.search(s.text, max(s.start, cue.start - 16), cue.start)
        # "is contingent on guarantees": what it depends on is asked, not the subject
        and not s.text.endswith((" on", " upon"), cue.start, cue.end)
    ):  # "any foreign intervention is unacceptable": the subject is what is refused
        floor = s.clause_start(cue.start, s.start)
        subject = [h for h in s.issues if floor <= h.start and h.end <= cue.start]
        if subject:
            return subject, 1.0
    owner = s.bound.get(cue.start) if cue.kind == "noun" else None
    if owner is not None and _COPULA_END.search(
        s.text, max(s.start, owner.start - 12), owner.start
    ):
        # "A ceasefire is Kyiv's key demand": the subject is what the noun names
        floor = s.clause_start(owner.start, s.start)
        subject = [h for h in s.issues if floor <= h.start and h.end <= owner.start]
        if subject:
            return subject, 1.0
    made = cue.kind == "noun" and _MADE_BEFORE.search(
        s.text, max(s.start, cue.start - 90), cue.start
    )
    if made:  # "made a withdrawal from Donetsk a condition for ..."
        named = [h for h in s.issues if made.start("what") <= h.start and h.end <= made.end("what")]
        if named:
            return named, 1.0
    inside = [
        h
        for h in s.issues
        if (lo <= h.start < hi or h.start < lo < h.end)
        and not _SPEAKERS.match(s.text, h.end)
        and not (
            h.start > cue.end
            and not s.text[h.start].isdigit()  # "cap its army at 600,000": a quantity
            and not _PLACE.search(s.text, h.start, h.end)  # "stop at the battle line": a place
            and _SETTING_BEFORE.search(s.text, cue.end, h.start)
        )
    ]
    beyond = [h for h in inside if not (cue.start <= h.start and h.end <= cue.end)]
    if beyond:  # "voted against the ceasefire": prefer what the vote is on to the vote
        return beyond, 1.0
    if inside:
        return inside, 1.0
    shared = _COORDINATED_PASSIVE.search(s.text, max(s.start, cue.start - 80), cue.start)
    if shared and s.text.endswith("ed", cue.start, cue.end):
        # "The plan was welcomed by Kyiv but rejected by Moscow": one subject, two agents
        earlier = clusters([h for h in s.issues if s.start <= h.start < shared.start()], s.text)
        if earlier:
            return earlier[-1], 0.85
    if s.text[cue.start : cue.end].lower() in _CONDITIONS:
        return [], 0.0  # "may not hold a summit unless ...": the summit is not what is asked
    floor = s.clause_start(cue.start, s.start)
    floor = max([floor, *(a.end for a in actors if a.end <= cue.start)])
    left = [
        h
        for h in s.issues
        if floor <= h.start and h.end <= cue.start and not _SPEAKERS.match(s.text, h.end)
    ]
    if left:
        return [left[-1]], 0.85
    renamed = (
        _subject_before_aside(s, cue)
        or _renamed_clause(s, cue, actors)
        or _renamed_by_noun(s, cue)
        or _antecedent(s, cue)
        or _place_of_clause(s, cue)
    )
    if renamed:
        return renamed, 0.7
    return [], 0.0


def _subject_before_aside(s: Sentence, cue: Cue) -> list[Hit]:
    """The subject a relative aside interrupts: in "The ceasefire, which Kyiv proposed,
    was rejected by Moscow", what Moscow rejects is the ceasefire."""
    asides = [
        m for m in RELATIVE_ASIDE.finditer(s.text, s.start, cue.first)
        if "," not in s.text[m.end() : cue.first]
    ]  # fmt: skip
    return _ending_at(s, asides[-1].start()) if asides else []


def _place_of_clause(s: Sentence, cue: Cue) -> list[Hit]:
    """The place a "where" clause holding the cue refers to, when it is an issue: in
    "... in the Donbas region, where Russia is demanding a withdrawal", Donbas."""
    joints = list(_WHERE.finditer(s.text, max(s.start, cue.start - 80), cue.start))
    joint = joints[-1] if joints else None
    if joint is None or s.clause_start(cue.start, s.start) > joint.end():
        return []
    earlier = clusters([h for h in s.issues if h.end <= joint.start()], s.text)
    return earlier[-1] if earlier else []


def _renamed_clause(s: Sentence, cue: Cue, actors: list[Hit]) -> list[Hit]:
    """The issue of the clause that an appositive renames when the cue's verb is in a
    relative clause after it: in "Russia demands Ukraine cede Donetsk, a concession Kyiv
    has rejected", what Kyiv rejects is the cession of Donetsk."""
    if cue.kind != "verb":
        return []
    subject = next((a for a in actors if 0 <= a.end <= cue.start), None)
    if subject is None or not _AUXILIARIES.fullmatch(s.text, subject.end, cue.start):
        return []
    head = _APPOSITIVE.search(s.text, max(s.start, subject.start - 80), subject.start)
    if head is None:
        return []
    earlier = clusters([h for h in s.issues if h.end <= head.start()], s.text)
    return earlier[-1] if earlier else []


def _antecedent(s: Sentence, cue: Cue) -> list[Hit]:
    """The issue a relative clause holding the cue is about: in "Kyiv backed the plan,
    which was rejected by Moscow", what Moscow rejects is the plan."""
    first = cue.first
    relative = RELATIVE_CLAUSE.search(
        s.text, max(s.start, first - 60), first
    ) or _OBJECT_RELATIVE.search(s.text, max(s.start, first - 60), first)
    return [] if relative is None else _ending_at(s, relative.start())


def in_object_relative(s: Sentence, at: int) -> bool:
    """Whether ``at`` is the verb of a relative clause with a subject of its own after
    an issue ("security guarantees, which Kyiv has demanded")."""
    return _OBJECT_RELATIVE.search(s.text, max(s.start, at - 60), at) is not None


def _ending_at(s: Sentence, comma: int) -> list[Hit]:
    """The issue named by the noun phrase that ends at ``comma``, if one does."""
    earlier = clusters([h for h in s.issues if h.end <= comma], s.text)
    if not earlier or not _TO_COMMA.fullmatch(s.text, max(h.end for h in earlier[-1]), comma):
        return []
    return earlier[-1]


def _renamed_by_noun(s: Sentence, cue: Cue) -> list[Hit]:
    """The issue a stance noun with its owner renames: in "the draft drops the army cap, a
    key demand of Moscow", Moscow demands the cap ("..., a concession Kyiv has rejected"
    names no owner: :func:`_renamed_clause` reads it)."""
    if cue.kind != "noun" or noun_owner(s, cue) is None:
        return []
    comma = _STANCE_APPOSITION.search(s.text, max(s.start, cue.start - 40), cue.start)
    return [] if comma is None else _ending_at(s, comma.start())


def keys_of(s: Sentence, hits: list[Hit]) -> list[tuple[str, str | None, int, int]]:
    """(issue, option, start, end) of each cue hit.

    A phrase that names both a topic and an option of an issue ("free
    economic zone") counts for the issue when the same stretch also names the
    issue itself ("... in Donetsk"), else for the topic only.
    """
    named = {
        issue
        for h in hits
        for issue, option in s.compiled.issue_of[h.key]
        if option is None and issue not in s.compiled.topics
    }
    keys = []
    for cluster in clusters(hits, s.text):
        meanings = tuple(dict.fromkeys(m for hit in cluster for m in s.compiled.issue_of[hit.key]))
        hit = Hit(min(h.start for h in cluster), max(h.end for h in cluster), "")
        if any(i in s.compiled.topics for i, _ in meanings) and len(meanings) > 1:
            meanings = tuple((i, o) for i, o in meanings if i in s.compiled.topics or i in named)
        keys.extend((i, o, hit.start, hit.end) for i, o in meanings)
    return keys
