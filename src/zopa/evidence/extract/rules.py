"""The default claim extractor: rules over lexicons, offline, no model.

Per document, three precompiled trie-shaped regular expressions find, in one
pass each, the mentions of parties (names and aliases from the scenario, case
as written: "US" but not "us"), the cues of issues, options and topics (from the
scenario, case-insensitive, with inflections) and the stance cues and markers of
:mod:`~zopa.evidence.extract.lexicon`. Then, per sentence that has a stance cue:

1. **Chained cues.** A readiness cue followed at once by another ("willing to
   roll back on demands") passes on its negation and yields no claim of its own.
   What a demand or proposal contains ("a demand that Putin agree to ...",
   "pressing Kyiv to accept ...", "red lines: X, Y and Z", the later verbs of
   "called for Ukraine to cede ..., accept ... and abandon ...") belongs to it
   and is not a claim of its own; a verb of saying with a stance ("insisted
   that Ukraine will never ...", "announced that ...") gives way to the
   position it reports. A verb reaches its object noun past a named possessor
   of any length ("rejected Russian President Vladimir Putin's proposal").
2. **Stance and negation.** An odd number of negations and retractions
   ("not", "no sign", "dropping") before a cue in its clause flips it
   (:data:`~zopa.evidence.extract.lexicon.FLIP`): "not insisting on" offers
   (and names no option: the option is dropped, not offered), "has not dropped
   its demand" still demands; after a copula only what follows it negates, so
   "talks without Moscow are a road to nowhere" rejects. Cues in "if"/"until"
   clauses, or after "doubted that", are hypothetical and give no claim. A
   rejection stated as final ("made it clear", "in no case", "will never
   accept") is a red line; "refused to" negates the act it governs;
   a plan that "calls for" something proposes it; what a party wants "in
   exchange for" an offer it demands, and what it gives in exchange for a demand
   it offers ("demanded Donetsk in exchange for halting offensives in Kherson").
   "Must not" and "must never" refuse; accepting "only" on a condition demands
   it; a step of one's own proposed ("suggested it could deploy troops",
   "pledged to provide guarantees") is an offer.
3. **Actor.** A stance noun takes its possessor ("Russian demands", "the
   Kremlin's red lines") or a following "for/of/by X" ("a red line for the
   Kremlin"); otherwise the nearest mention to the left that is neither the
   object of a preposition ("talks without Kyiv") or a verb ("informed the
   American side") nor bound to another noun: so in "X said Russia would reject
   ..." the actor is Russia, whose position is described; a participle after the
   main clause (", rejecting ...", and one joined to it by "and") takes the main
   clause's subject. A possessor or an adjective of another noun ("Ukraine's
   membership", "European troops") is passed over for a real subject,
   and a bare comma joins mentions only in a list ending in "and"/"or", so the
   subject after "In talks with the Kremlin, ..." stays. Failing that, a speaker
   named after the quote
   ("..., Zelensky said", "... – Dmitry Peskov"), then, when the clause has a
   pronoun or opens with "This"/"That" or "The proposal", the previous sentence's
   subject. A predicate binds a party after "to"/"for" ("unacceptable to Kyiv").
   Mentions joined by "and" share the claim; "both sides", "the parties" are the pair
   the text last joined ("US-Ukraine", "Kyiv and Moscow"), else the principals.
4. **Issue.** The issue, option and topic cues between the cue and the next cue
   (or a clause break, or an attribution tail such as ", officials said"), each
   one claim: "red lines: territory, army limits and NATO" gives three. Cues
   that overlap or touch name one thing; a phrase that names a topic and an
   option of an issue counts for the issue only where the issue itself is named
   beside it. A verb whose object is a stance noun ("rejects Russian demands to
   withdraw") reaches through it, so that sentence gives Ukraine rejects and
   Russia demands. Failing that, the nearest cue to the left in the clause,
   then the place a "where" clause follows ("in the Donbas, where Russia
   demands ..."), then, for an anaphor ("this proposal", or a plan named again:
   "the proposal could serve as a basis"), the last issue named in the sentence
   or the first demand or proposal of the last sentence with claims; for a
   pronoun object ("rejected it"), the last issue named before it in the
   sentence. An ultimatum "until" a demand is met is about the demand. A cue
   naming people who then speak ("observers questioning") is no issue. Asides in
   brackets are skipped.
5. **Date, hedge, confidence.** The date stated nearest the cue (resolved
   against the article date), else the article date; ``hedged`` for unnamed
   sourcing; confidence lowered for hedges and each weak pairing.

Sentences longer than 1,200 characters (lists, tables) are cut at spaces, so
the cost stays linear in the length of the text.

Examples
--------
>>> from zopa.model import scenario_from_data
>>> scenario = scenario_from_data({
...     "name": "demo",
...     "issues": [{"name": "river", "cues": ["river border"], "options": [
...         {"name": "midline", "cues": ["midline"]}, {"name": "bank", "cues": ["north bank"]}]}],
...     "parties": [
...         {"name": "North", "aliases": ["Nordia"], "weights": {"river": 1},
...          "values": {"river": {"midline": 0.5, "bank": 1}}},
...         {"name": "South", "weights": {"river": 1},
...          "values": {"river": {"midline": 0.5, "bank": 0}}}]})
>>> claims = RulesExtractor().extract(
...     "Nordia rejects South's demand for a border on the north bank.",
...     scenario=scenario, date="2026-03-06")
>>> [(c.actor, c.stance, c.option) for c in claims]
[('North', 'rejects', 'bank'), ('South', 'demands', 'bank')]
"""

from __future__ import annotations

import re

from zopa.evidence.extract.actors import (
    DEMONSTRATIVE_START,
    PLAN_SUBJECT,
    actor_of,
    bind_possessors,
    first_subject,
    links,
    note_plan_authors,
    noun_owner,
    obliques,
    plan_author,
    relative_antecedent,
    with_sides,
)
from zopa.evidence.extract.context import SOMEONE, Sentence, State
from zopa.evidence.extract.cues import EITHER_OR, chain_cues, find_cues
from zopa.evidence.extract.dates import find_dates
from zopa.evidence.extract.issues import clusters, in_object_relative, issues_of, keys_of
from zopa.evidence.extract.lexicon import FLIP
from zopa.evidence.extract.plans import PLAN_HEAD, PRESENTED, author
from zopa.evidence.extract.quotes import pronoun_spoken, quotations, speakers
from zopa.evidence.extract.sentences import pieces, split_sentences
from zopa.evidence.extract.vocabulary import (
    FOLDED_LEXICON,
    SPACES,
    Compiled,
    Hit,
    compile_scenario,
    fold,
    within,
)
from zopa.evidence.types import ExtractedClaim
from zopa.model.types import Scenario

__all__ = ["RulesExtractor"]

_FOLDED_PLAN_HEAD = re.compile(PLAN_HEAD.pattern)  # matched on the folded text
# "meet", "meeting with", "talks between" and then titles or first names before a name
_MEETING_BEFORE = re.compile(
    r"\b(?P<head>(?:meet|meets|met|meeting|meetings|talks|summit)(?:\s+(?:with|between))?)"
    r"\s+(?:[\w.-]+\s+){0,4}$"
)
_TITLES = re.compile(
    r"\s+(?:(?:the|his|her|their|[A-Z][\w.-]*|leader|counterpart|president|prime|minister|"
    r"chancellor)\s+){0,4}"
)  # "meeting with (his Ukrainian counterpart|Ukrainian leader) Volodymyr Zelensky"
_MEETING = re.compile(r"(?i:will|would|is to|are to|plans to|planning to) meet")
# A proposal that says what it proposes ("Putin's proposal that he meet Zelensky", "the
# Kremlin proposal to hold a summit"): its content names the issue, not the plan itself.
_COMPLEMENT = re.compile(r"s?\s+(?:that|to)\s+(?!the\b|a\b|an\b)[a-z]")
_ANAPHOR = re.compile(
    r"\b(?:this|these|those|such)\b"
    # a plan named again: "the plan was written by ..., the proposal could serve as ..."
    r"|\bthe\s+(?:plan|proposal|draft|document|framework|memorandum)s?\b",
    re.IGNORECASE,
)


# "a ceasefire was not a priority": a demand noun a copula negates states no demand
_NOT_A = re.compile(r"\b(?:is|are|was|were)\s+not\s+(?:(?:a|an|the|its|their)\s+)?(?:[a-z]+\s+)?$")
# a question asks what a party will do; it states no position
_YES_NO_QUESTION = re.compile(
    r"\s*[\"“]?(?:Will|Would|Can|Could|Is|Are|Does|Do|Did|Has|Have|Should|Might|May)\b[^?]*\?"
    r"[\"”]?\s*"
)
_EXCHANGE = re.compile(r"in (?:exchange|return) for", re.IGNORECASE)
# "proposed a ceasefire, but Moscow rejected it": the pronoun is what was named before
_PRONOUN_OBJECT = re.compile(r"\s+(?:it|them)\b(?!\s+(?:to|is|was|would|will|could)\b)")


class RulesExtractor:
    """Rules and lexicons, offline and fast (see the module notes for the rules)."""

    name = "rules"

    def __init__(self) -> None:
        self._cache: dict[int, tuple[Scenario, Compiled]] = {}

    def compiled(self, scenario: Scenario) -> Compiled:
        """The scenario's compiled patterns, cached per scenario object (the
        learned extractor reads the same ones)."""
        cached = self._cache.get(id(scenario))
        if cached is not None and cached[0] is scenario:
            return cached[1]
        compiled = compile_scenario(scenario)
        if len(self._cache) >= 8:
            self._cache.clear()
        self._cache[id(scenario)] = (scenario, compiled)
        return compiled

    def extract(
        self, text: str, *, scenario: Scenario, date: str | None = None
    ) -> list[ExtractedClaim]:
        """Claims of ``text`` (see :class:`~zopa.evidence.extract.Extractor`)."""
        compiled = self.compiled(scenario)
        if compiled.folded_issues is None:
            return []
        actors = [
            Hit(m.start(), m.end(), compiled.actor_of[m.group()])
            for m in compiled.actors.finditer(text)
        ]
        actors = with_sides(text, actors, compiled.principals)
        # Lower-case cues scan the folded text about twice as fast as a case-blind scan.
        folded = fold(text)
        issues = [
            Hit(m.start(), m.end("all"), m.group("cue"))
            for m in compiled.folded_issues.finditer(folded)
        ]
        lexical = [Hit(m.start(), m.end(), m.group()) for m in FOLDED_LEXICON.finditer(folded)]
        issues = _with_named_meetings(text, folded, actors, issues, compiled)
        spans = quotations(text)
        who = speakers(text, spans, [(a.start, a.end) for a in actors])
        state = State(
            quoted=[
                (a, b, actors[k] if k is not None else SOMEONE)
                for (a, b), k in zip(spans, who, strict=True)
                if k is not None or pronoun_spoken(text, b)
            ],
        )
        heads = [m.span() for m in _FOLDED_PLAN_HEAD.finditer(folded)]
        issues = _with_owned_plans(text, actors, issues, heads, compiled)
        starts = [[h[0] for h in hits] for hits in (actors, issues, lexical, heads)]
        claims: list[ExtractedClaim] = []
        for start, end in pieces(text, split_sentences(text)):
            own = [
                within(hits, at, start, end)
                for hits, at in zip((actors, issues, lexical, heads), starts, strict=True)
            ]
            sentence = Sentence(text, start, end, *own, compiled, date, state)
            sentence.cues = find_cues(sentence, own[2])
            sentence.linked = links(text, sentence.actors)
            found = sentence_claims(sentence)
            if found:
                claims.extend(_without_repeats(found))
        return claims


def _with_named_meetings(
    text: str, folded: str, actors: list[Hit], issues: list[Hit], compiled: Compiled
) -> list[Hit]:
    """``issues`` with the cues that a title or a first name hides: "meeting with Russian
    President Vladimir Putin" names the cue "meeting with putin" where the scenario has it."""
    added = []
    for actor in actors:
        gap = _MEETING_BEFORE.search(folded, max(0, actor.start - 60), actor.start)
        if gap is None or not _TITLES.fullmatch(text, gap.end("head"), actor.start):
            continue
        surname = folded[actor.start : actor.end].rsplit(" ", 1)[-1]
        head = gap.group("head")
        # "a meeting between (Russian President Vladimir) Putin and ..." names the meeting
        # with Putin where the scenario lists only that
        keys = (f"{head} {surname}", f"{head.split()[0]} with {surname}")
        key = next((k for k in keys if k in compiled.issue_of), None)
        if key is not None:
            added.append(Hit(gap.start(), actor.end, key))
    return sorted(issues + added) if added else issues


def _with_owned_plans(
    text: str,
    actors: list[Hit],
    issues: list[Hit],
    heads: list[tuple[int, int]],
    compiled: Compiled,
) -> list[Hit]:
    """``issues`` with the plans a party's name qualifies that no cue names ("the first US
    proposal", "the U.S. document", "Kyiv's draft"): each names what the scenario's cue
    "the plan" names."""
    if "the plan" not in compiled.issue_of:
        return issues
    covered = {h.start for h in issues} | {h.end for h in issues}
    mentions = [(a.start, a.end) for a in actors]
    added = []
    for head in heads:
        if head[0] in covered or head[1] in covered or _COMPLEMENT.match(text, head[1]):
            continue
        k = author(text, head, mentions)
        if k is not None and mentions[k][1] <= head[0]:  # a name before it, not the plan's own
            added.append(Hit(mentions[k][0], head[1], "the plan"))
    return sorted(issues + added) if added else issues


def _without_repeats(claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """One claim per (actor, issue, stance, option) in a sentence; a claim without
    an option is dropped where the same sentence gives the same stance with one."""
    with_option = {(c.actor, c.issue, c.stance) for c in claims if c.option}
    seen: set[tuple] = set()
    out = []
    for claim in claims:
        key = (claim.actor, claim.issue, claim.stance, claim.option)
        if key in seen or (claim.option is None and key[:3] in with_option):
            continue
        seen.add(key)
        out.append(claim)
    return out


def sentence_claims(s: Sentence) -> list[ExtractedClaim]:
    """The claims of ``s``; updates what the document carries to the next sentence."""
    state = s.state
    state.issues_age += 1
    state.subject_age += 1
    out: dict[tuple[str, str, str, str | None], ExtractedClaim] = {}
    read = (
        bool(s.cues)
        and bool(s.issues or state.issues_age <= 2)
        and not _YES_NO_QUESTION.fullmatch(s.text, s.start, s.end)  # "Will Moscow accept ...?"
    )
    if read or s.plan_heads:  # most sentences need no more than their first subject
        s.oblique = obliques(s)
        note_plan_authors(s)
    if read:
        _claims(s, out)
    claims = list(out.values())
    if s.actors:
        state.subject_age = 0
    if claims:
        state.subject = claims[0].actor
        state.issues = tuple(dict.fromkeys(s.first_keys))
        state.issues_age = 0
    else:
        subject = first_subject(s)
        if subject is not None:
            state.subject = subject.key
    return claims


def _claims(s: Sentence, out: dict[tuple[str, str, str, str | None], ExtractedClaim]) -> None:
    chain_cues(s)
    bind_possessors(s)
    hedged = s.hedged()
    # "rejects X, calling it a red line": a red line that names nothing of its own
    firm = any(kind == "firm" for _, kind in s.markers) or any(
        c.stance == "red_line"
        and c.kind == "noun"
        and not any(c.region[0] <= h.start < c.region[1] for h in s.issues)
        for c in s.cues
        if not c.absorbed
    )
    quote = s.text[s.start : s.end]
    # "Either Kyiv leaves Donbas, or we take it by force": an ultimatum
    ultimatum = EITHER_OR.search(s.text, s.start, s.end) is not None
    plan_subject = PLAN_SUBJECT.match(s.text, s.start) is not None
    dates: list[tuple[int, str]] | None = None  # found once, when a claim needs them
    traded: tuple[str, list] | None = None  # the last stance and its actors, for a trade
    for cue in s.cues:
        if cue.absorbed or cue.conditional:
            continue
        flipped = cue.negations % 2 == 1
        stance = FLIP[cue.stance] if flipped else cue.stance
        if flipped and cue.kind == "adj" and cue.stance == "proposes":
            stance = "rejects"  # "is not interested in a ceasefire"
        elif (
            flipped
            and cue.kind == "noun"
            and _NOT_A.search(s.text, max(s.start, cue.start - 30), cue.start)
        ):
            continue  # "a ceasefire was not a priority": no demand, and no offer either
        if stance is None:
            continue
        exchange = traded is not None and _EXCHANGE.fullmatch(s.text, cue.start, cue.end)
        if (stance == "rejects" and (firm or cue.final)) or (
            stance in ("demands", "rejects") and ultimatum
        ):
            stance = "red_line"
        elif (
            stance == "demands"
            and plan_subject
            and not (cue.kind == "noun" and noun_owner(s, cue))
            and relative_antecedent(s, cue.first) is None
            and not in_object_relative(s, cue.first)
        ):
            # "the plan calls for": a proposal, not a demand ("the plan ignores Kyiv's
            # demands", "the plan was backed by Europe, which is seeking ..." still state
            # the party's own)
            stance = "proposes"
        drafter = None if flipped else plan_author(s, cue)
        if exchange:  # "demanded Donetsk in exchange for halting offensives": the other
            # side of one party's trade; what it demands for what it gives, and the reverse
            stance = "offers" if traded[0] == "demands" else "demands"
            actors, actor_weight = traded[1], 0.8
        elif drafter is not None:  # "the US draft requiring Kyiv to ...": the US proposes
            stance, (actors, actor_weight) = "proposes", ([drafter], 0.8)
        else:
            actors, actor_weight = actor_of(s, cue)
        if not actors:
            continue
        traded = (stance, actors)
        hits, issue_weight = issues_of(s, cue, actors)
        if exchange and issue_weight < 1.0:
            continue  # a trade's other side names its own issue, not the one before it
        keys = keys_of(s, hits)
        if _MEETING.fullmatch(s.text, cue.start, cue.end):
            # an envoy who "will meet" officials states no position; a leaders' meeting
            # announced is a summit proposed
            keys = [k for k in keys if k[0] == "summit"]
        if not keys and (
            _ANAPHOR.search(s.text, s.clause_start(cue.start, s.start), cue.region[1])
            or DEMONSTRATIVE_START.match(s.text, s.start, cue.start)
        ):  # "this proposal", "This ultimatum, ..., was rejected": the last issue named
            earlier = clusters([h for h in s.issues if h.end <= cue.start], s.text)
            if earlier:
                keys, issue_weight = keys_of(s, earlier[-1]), 0.7
            elif s.state.issues_age <= 2:
                keys, issue_weight = list(s.state.issues), 0.6
        if not keys and cue.kind == "verb" and _PRONOUN_OBJECT.match(s.text, cue.end):
            earlier = clusters([h for h in s.issues if h.end <= cue.start], s.text)
            if earlier:  # only what this sentence named: "it" may point anywhere before
                keys, issue_weight = keys_of(s, earlier[-1]), 0.7
        head = next((h for h in s.plan_heads if h[0] >= cue.end), None)
        if (
            stance == "proposes"
            and cue.kind == "verb"
            and head
            and head[1] <= cue.region[1]
            and PRESENTED.fullmatch(s.text, cue.end, head[0])
        ):  # "Witkoff presented a new plan": whose a later "the plan" is
            s.state.plan_author = actors[0].key
        elif (
            stance == "proposes"
            and cue.kind == "noun"
            and drafter is None
            and any(h == (cue.start, cue.end) for h in s.plan_heads)
        ):  # "Europe is working on a 12-point proposal": a later "the proposals" is Europe's
            s.state.plan_author = actors[0].key
        if keys and (
            not s.first_keys or (stance in ("demands", "proposes") and not s.first_is_demand)
        ):
            # what a later "this" refers to: the first demand or proposal, else the first claim
            s.first_keys = [(i, o, -1, -1) for i, o, _, _ in keys]
            s.first_is_demand = stance in ("demands", "proposes")
        if not keys:
            continue
        confidence = 0.85 * actor_weight * issue_weight * (0.75 if hedged else 1.0)
        if dates is None:
            dates = find_dates(s.text, s.date, s.start, s.end)
        # the date stated nearest the cue, else the article's
        date = min(dates, key=lambda d: abs(d[0] - cue.start))[1] if dates else s.date or "unknown"
        for actor in dict.fromkeys(a.key for a in actors):
            for issue, named_option, istart, iend in keys:
                # "no longer insisting on a ban": the ban is dropped, not offered
                option = None if flipped and cue.stance == "demands" else named_option
                first = cue.first
                a, b = (min(first, istart), max(cue.end, iend)) if istart >= 0 else (
                    first, cue.end)  # fmt: skip
                claim = ExtractedClaim(
                    actor=actor,
                    issue=issue,
                    stance=stance,  # type: ignore[arg-type]
                    position=SPACES.sub(" ", s.text[a:b])[:200],
                    option=option,
                    date=date,
                    quote=quote,
                    start=s.start,
                    end=s.end,
                    confidence=round(min(1.0, max(0.05, confidence)), 3),
                    hedged=hedged,
                    extractor=RulesExtractor.name,
                )
                key = (actor, issue, stance, option)
                if key not in out or out[key].confidence < claim.confidence:
                    out[key] = claim
