"""Plans and their authors: what a document contains is proposed by whoever wrote it.

News state a plan's provisions with the plan as subject ("the 28-point plan requiring
Ukraine to cede territory", "the draft also calls for a buffer zone") or in a frame
("Under the plan, Ukraine would ..."). Whatever the verb, such a provision is a
proposal of the plan's author (docs/annotation.md), not a demand of the party named
in it; with the plan as subject even a verb of no stance states one ("the plan
includes", "the draft would also freeze"), though not one that judges or schedules
the plan ("would be a disaster", "will go to Zelensky"). The author is the party
named in the plan's own phrase ("Trump's plan", "the US draft", "the Russian
memorandum", "a plan drafted by Witkoff"), or the plan's name when the scenario
lists it among a party's aliases ("28-point plan"), or else the author of the plan
the document last attributed.

Examples
--------
>>> text = "Under the Kremlin's plan, Kyiv would leave Donetsk."
>>> kremlin = (text.index("Kremlin"), text.index("Kremlin") + 7)
>>> head = frame_plan(text, 0, text.index("would"))
>>> text[slice(*head)]
'plan'
>>> author(text, head, [kremlin, (26, 30)])
0
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = [
    "AUTHOR_ASIDE",
    "PLAN_HEAD",
    "PRESENTED",
    "author",
    "frame_plan",
    "governing_plan",
    "made_by_subject",
    "pronoun_owned",
    "provision_verb",
]

PLAN_HEAD = re.compile(
    r"\b(?:plan|plans|proposal|proposals|draft|drafts|framework|blueprint|counterproposal|"
    r"counter-proposal|memorandum|document|initiative|roadmap)\b",
    re.IGNORECASE,
)
# ", drafted by Witkoff, ": who made a plan, an aside between the plan and its verb
AUTHOR_ASIDE = (
    r"(?:drafted|brokered|proposed|presented|put forward|backed|written|prepared|unveiled|"
    r"authored|submitted)\s+by\s+[^,;]{1,60},"
)
# Between the plan and the verb of its provision: "the plan (, reportedly,) also calls for".
_PROVISION_GAP = re.compile(
    rf"(?:\s*,\s*{AUTHOR_ASIDE})?"  # "the plan, drafted by Witkoff, calls for"
    r"(?:\s*,)?\s+(?:(?:also|further|reportedly|would|will|could|now|even|effectively|"
    r"explicitly|in effect|allegedly)[\s,]+)*"
)
# What a plan holds, said with a verb of no stance: "the plan includes ...", or any verb
# after "would"/"will" ("the draft would also freeze ..."), save those that judge or
# schedule the plan instead ("would be", "will not", "will go to").
_CONTENT_VERB = re.compile(
    r"(?:includes|included|contains|contained|involves|envisages|envisaged|envisions|"
    r"foresees|stipulates|stipulated|states|stated|says|said|provides for|sets out|outlines|"
    r"lays out|spells out|maps out|gives|grants|offers|guarantees|caps|limits|bars|bans|"
    r"freezes|recognises|recognizes|obliges|allows|permits)\b"
)
_MODAL = re.compile(r"\b(?:would|will)\b")
_ANY_VERB = re.compile(
    r"(?!(?:be|have|not|never|likely|fail|face|need|go|come|take|get|make|depend|probably|"
    r"still)\b)[a-z]+\b"
)
# "Under the plan, ...", "According to the US proposal, ...", "In the draft, ..."
_FRAME = re.compile(
    r"[\"“]?(?:(?:But|And|Yet)\s+)?(?:Under|According to|In|Per)\s+(?P<np>[^,;:]{0,60}?)"
    r"(?P<head>plan|proposal|draft|framework|blueprint|counterproposal|counter-proposal|"
    r"memorandum|document|roadmap)s?\s*,"
)
# Words that may stand between the author and the plan: "Trump's (new 28-point peace) plan".
_MODIFIER = (
    r"(?:[\w-]*\d[\w-]*|proposed|drafted|revised|updated|amended|modified|much-[\w-]+|"
    r"(?!(?:the|a|an|this|that|these|those|to|of|on|for|with|by|in|at|and|or|but|has|have|"
    r"had|is|was|were|are|be|been|will|would|could|should|not|no|its|his|her|their)\b)"
    r"[a-z][a-z-]*(?<![ds]))"  # not a verb: "rejects the plan", "approved the plan"
)
_BEFORE_HEAD = re.compile(
    r"(?:['’]s)?(?:-(?:drafted|backed|proposed|brokered|led|written)|-\w+)?"
    rf"(?:\s+{_MODIFIER}){{0,3}}\s+"
)
_MAKING = re.compile(
    r"\b(?:developed|drafted|drew up|drawn up|presented|put forward|unveiled|proposed|prepared|"
    r"submitted|sent|crafted|tabled|offered|outlined|released|published|handed over|"
    r"came up with|worked out)\b",
    re.IGNORECASE,
)
# What a party presents: "unveiled a (new 20-point) plan", "put forward its proposal".
PRESENTED = re.compile(rf"\s+(?:(?:a|an|the|its|his|her|their)\s+)?(?:{_MODIFIER}\s+){{0,3}}$")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|his|her|their|this|that)\s+$", re.I)
_PRONOUN_BEFORE = re.compile(r"\b(?:his|her|its|their)\b", re.IGNORECASE)
_AFTER_HEAD = re.compile(
    r"s?\s*,?\s+(?:that\s+was\s+|which\s+was\s+)?(?:drafted|proposed|presented|put forward|"
    r"unveiled|prepared|backed|brokered|authored|offered|written|submitted|sent)\s+by\s+"
    r"(?:the\s+)?"
)


def governing_plan(
    text: str, floor: int, cue_start: int, heads: Sequence[tuple[int, int]] | None = None
) -> tuple[int, int] | None:
    """The plan head whose provision the cue at ``cue_start`` states, if the plan is its
    subject ("the draft also calls for"); ``floor`` is where the cue's clause starts.
    ``heads``, the spans of :data:`PLAN_HEAD` in the text when already found, saves a scan."""
    if heads is None:
        heads = [m.span() for m in PLAN_HEAD.finditer(text, floor, cue_start)]
    inside = [h for h in heads if floor <= h[0] and h[1] <= cue_start]
    if not inside or not _PROVISION_GAP.fullmatch(text, inside[-1][1], cue_start):
        return None
    return inside[-1]


def provision_verb(text: str, head: tuple[int, int], limit: int) -> tuple[int, int] | None:
    """The span of a verb of no stance by which the plan at ``head``, as its subject,
    states what it holds ("the plan (also) includes", "the draft would give"), or None."""
    gap = _PROVISION_GAP.match(text, head[1], limit)
    if gap is None:
        return None
    verb = _CONTENT_VERB.match(text, gap.end(), limit)
    if verb is None and _MODAL.search(text, gap.start(), gap.end()):
        verb = _ANY_VERB.match(text, gap.end(), limit)
    return verb.span() if verb else None


def frame_plan(text: str, start: int, cue_start: int) -> tuple[int, int] | None:
    """The plan of an "Under the plan, ..." frame at ``start`` that the cue follows."""
    match = _FRAME.match(text, start, cue_start)
    return match.span("head") if match else None


def author(text: str, head: tuple[int, int], mentions: Sequence[tuple[int, int]]) -> int | None:
    """Index in ``mentions`` of the party named in the plan's phrase, or None.

    A mention that covers the head is the plan's own name ("28-point plan" as an
    alias); else one just before it ("Trump's", "the US", "Russian"), or after it with
    "drafted by", "put forward by".
    """
    start, end = head
    for k, (a, b) in enumerate(mentions):
        if a <= start < b:
            return k
    before = [k for k, (_, b) in enumerate(mentions) if b <= start and start - b <= 60]
    if before and _BEFORE_HEAD.fullmatch(text, mentions[before[-1]][1], start):
        return before[-1]
    for k, (a, _) in enumerate(mentions):
        if a >= end:
            return k if _AFTER_HEAD.fullmatch(text, end, a) else None
    return None


def pronoun_owned(text: str, head: tuple[int, int]) -> bool:
    """Whether the plan's phrase opens with a possessive pronoun ("his 28-point plan")."""
    lo = max(0, head[0] - 60)
    return any(
        _BEFORE_HEAD.fullmatch(text, match.end(), head[0])
        for match in _PRONOUN_BEFORE.finditer(text, lo, head[0])
    )


def made_by_subject(text: str, head: tuple[int, int], floor: int) -> int | None:
    """Where the verb starts of which the plan is the object ("X developed a
    counterproposal"): its subject wrote the plan. None when the plan is no such object."""
    last = None
    for match in _MAKING.finditer(text, max(floor, head[0] - 80), head[0]):
        last = match
    if (
        last is None
        or not PRESENTED.fullmatch(text, last.end(), head[0])
        or _DETERMINER_BEFORE.search(text, max(0, last.start() - 8), last.start())
    ):
        return None  # "the proposed plan": a participle naming the plan, not a making
    return last.start()
