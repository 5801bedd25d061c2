"""What the rules read in one sentence, and what carries from one sentence to the next.

A :class:`Sentence` holds the hits of the vocabularies inside it (mentions of
parties, issue cues, stance cues and markers), the plans it names and the state the
document carries (:class:`State`). The modules of the rules fill in and read it:
:mod:`~zopa.evidence.extract.cues` (stance cues and how they chain),
:mod:`~zopa.evidence.extract.actors` (who holds a stance) and
:mod:`~zopa.evidence.extract.issues` (what it is about).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from zopa.evidence.extract.plans import AUTHOR_ASIDE, frame_plan
from zopa.evidence.extract.vocabulary import LEXICON_OF, Compiled, Hit

__all__ = ["CLAUSE_BREAK", "COPULA_BEFORE", "RELATIVE_ASIDE", "SOMEONE", "Cue", "Sentence", "State"]

CLAUSE_BREAK = re.compile(r"[;:—]|,\s|\b(?:while|whereas|though|although|but)\b")
# a word modifying a noun after its possessor: "Putin's renewed", "Acme's $20-a-share",
# "Russia's 1,000-strong" (a comma only inside a number, so no clause is crossed)
MODIFIER_WORD = r"(?:[a-z][\w-]*|\$?\d+(?:[.,]\d+)*[\w$-]*)"
# auxiliaries and adverbs between a relative pronoun and its verb: "which has long been"
AUXILIARY_RUN = (
    r"(?:(?:has|have|had|is|are|was|were|will|would|been|also|now|still|long|already|\w+ly)\s+)*"
)
# ", which Kyiv accuses of stalling,": a relative clause closed by a comma
RELATIVE_ASIDE = re.compile(r",\s+(?:which|who|whom|whose|that)\b[^,;]{1,80},")
# ", Lavrov said, " or ", drafted by Witkoff, ": an aside inside a clause, which it does not
# break ("A ceasefire, Lavrov said, is unacceptable"; "The plan, drafted by ..., calls for")
_SPEECH_ASIDE = re.compile(
    r"(?:(?:[\w.'’-]+\s+){1,5}(?:said|says|added|argued|insisted|stressed|noted|warned)"
    r"(?:\s+on\s+\w+)?,\s+(?=(?:is|are|was|were|would|will|could|must|should|remains?|has|have)\b)"
    rf"|{AUTHOR_ASIDE}\s+(?=[a-z]))"
)
# A copula before a predicate ("is unacceptable", "was a \"road to nowhere\""): its subject
# is what the predicate judges.
COPULA_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|remains?|remained)\s+(?:(?:a|an|the)\s+)?[\"“]?$"
)
_PARENTHESES = re.compile(r"\([^()]*\)")
_MARKERS = frozenset({"neg", "retract", "cond", "hedge", "firm"})


@dataclass(slots=True)
class Cue:
    """A stance cue of a sentence and what the rules decided about it."""

    start: int
    end: int
    kind: str
    stance: str
    negations: int = 0
    absorbed: bool = False  # a readiness cue folded into the next cue
    conditional: bool = False
    region: tuple[int, int] = (0, 0)
    object_of_verb: bool = False
    listed: bool = False  # an item of a list after a colon
    content: bool = False  # part of what another cue demands or proposes
    lead: int = -1  # start of a readiness or refusal cue folded into this one
    final: bool = False  # a refusal stated as final folded into it ("will never accept")
    answered: bool = False  # a bare "no" to a question: its own "no" negates nothing

    @property
    def first(self) -> int:
        """Where the cue's phrase begins, a readiness or refusal folded into it included."""
        return self.lead if self.lead >= 0 else self.start


SOMEONE = Hit(-1, -1, "")  # the speaker of a quotation named by a pronoun ("he said")


@dataclass(slots=True)
class State:
    """What carries from one sentence to the next: the subject and last issues."""

    subject: str | None = None
    issues: tuple[tuple[str, str | None, int, int], ...] = ()
    issues_age: int = 99
    subject_age: int = 99  # sentences since the subject was named
    plan_author: str | None = None  # the party whose plan the document last named
    # quotations of the document whose speaker is named: (start, end, speaker)
    quoted: list[tuple[int, int, Hit]] = field(default_factory=list)

    def speaker(self, at: int) -> tuple[int, Hit] | None:
        """The start and the speaker of the quotation around ``at``, if one is named."""
        k = bisect_left(self.quoted, at, key=lambda q: q[0]) - 1
        if k >= 0 and self.quoted[k][0] < at < self.quoted[k][1]:
            return self.quoted[k][0], self.quoted[k][2]
        return None


class Sentence:
    """One sentence ``text[start:end]`` with its hits; ``cues``, ``linked`` and
    ``oblique`` are filled in by the cue and actor rules."""

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        actors: list[Hit],
        issues: list[Hit],
        lexical: list[Hit],
        plan_heads: list[tuple[int, int]],
        compiled: Compiled,
        date: str | None,
        state: State,
    ) -> None:
        self.text, self.start, self.end = text, start, end
        asides = [m.span() for m in _PARENTHESES.finditer(text, start, end)]
        if asides:  # an aside in brackets states no one's position
            issues = [h for h in issues if not any(a <= h.start < b for a, b in asides)]
        self.actors, self.issues, self.compiled = actors, issues, compiled
        self.date, self.state = date, state
        self.markers = [(h, k) for h in lexical for k, _ in LEXICON_OF[h.key] if k in _MARKERS]
        # the plans the sentence names, and an "Under the plan," frame opening it
        self.plan_heads = plan_heads
        self.frame = frame_plan(text, start, end) if self.plan_heads else None
        self.cues: list[Cue] = []
        self.linked: list[bool] = []  # whether each mention is coordinated with the next
        self.oblique: set[int] = set()  # starts of mentions that are no subject
        self.bound: dict[int, Hit] = {}  # noun cue start -> its possessor
        self.first_keys: list[tuple[str, str | None, int, int]] = []  # for "this" later
        self.first_is_demand = False

    def clause_start(self, at: int, floor: int) -> int:
        """Where the clause around ``at`` starts, not before ``floor``."""
        last = max(floor, self.start)
        aside_end = -1
        for match in CLAUSE_BREAK.finditer(self.text, last, at):
            if match.start() < aside_end:
                continue  # the comma that closes a speech aside
            aside = _SPEECH_ASIDE.match(self.text, match.end())
            if match.group().startswith(",") and aside and aside.end() <= at:
                aside_end = aside.end()  # "A ceasefire, Lavrov said, is ...": one clause
                continue
            last = match.end()
        return last

    def hedged(self) -> bool:
        """Whether the sentence cites unnamed sources."""
        return any(kind == "hedge" for _, kind in self.markers) or self.text.startswith(
            "Sources", self.start
        )
