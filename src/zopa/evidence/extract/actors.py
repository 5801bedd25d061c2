"""Who holds a stance: the actor rules of the extractor.

A stance noun takes its possessor or a following "for/of/by X"; a verb its subject,
the nearest mention to the left that is neither an object nor bound to another noun;
then the speaker of the quotation, a speaker named after it, or the subject carried
from the previous sentence. A plan's provision belongs to the plan's author (see
:mod:`~zopa.evidence.extract.rules` for the rules in full).
"""

from __future__ import annotations

import re

from zopa.evidence.extract.context import (
    AUXILIARY_RUN,
    MODIFIER_WORD,
    RELATIVE_ASIDE,
    SOMEONE,
    Cue,
    Sentence,
)
from zopa.evidence.extract.cues import NOMINAL_MODAL, OBLIGATION
from zopa.evidence.extract.plans import author, governing_plan, made_by_subject, pronoun_owned
from zopa.evidence.extract.quotes import SPEECH_VERBS
from zopa.evidence.extract.vocabulary import Hit

__all__ = [
    "DEMONSTRATIVE_START",
    "PLAN_SUBJECT",
    "RELATIVE_CLAUSE",
    "actor_of",
    "bind_possessors",
    "first_subject",
    "links",
    "note_plan_authors",
    "noun_owner",
    "obliques",
    "plan_author",
    "relative_antecedent",
    "with_sides",
]

_POSSESSOR_GAP = re.compile(rf"(?:['’]s)?(?:\s+{MODIFIER_WORD}){{0,2}}\s*[\"“]?")
_AFTER_NOUN = re.compile(r"\s+(?:for|of|by|from)\s+(?:the\s+)?$")
_TITLES_ONLY = re.compile(r"\s+(?:the\s+)?(?:[A-Z][\w.-]*\s+){0,3}$")
_ADDRESSEE_AFTER = re.compile(r"\s+to\s+[a-z]")
_NEED = re.compile(r"(?i:need|must|should|is needed|are needed)")
_REPORT_FRAME = re.compile(rf"\bthat\s|[“\"]|:\s|\b{SPEECH_VERBS}\s")
_ING = re.compile(r"[A-Za-z]+ing\b")
_PARTICIPLE_LEAD = re.compile(
    r"(?:,[”\"’]?|\bwhile|\bthereby)\s+$"
)  # ", rejecting", "while pushing"
_OPENING = re.compile(r"[\"“]?(?:(?:The|A|An)\s+)?")
_NAMED_SUBJECT = re.compile(
    r"[\"“]?(?:The\s+|the\s+)?(?:[A-Z][\w.-]*\s+){1,4}(?:(?:may|might|could|would|will|also|\w+ly)\s+)*"
)
_PASSIVE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:(?:not|also|already|still|now|\w+ly)\s+)*$"
)
_AND_BEFORE = re.compile(r"\band\s+$")
_ACCUSING = re.compile(r"\b(?:accus|blam)\w*\s+(?:the\s+)?$", re.IGNORECASE)
_OF_ACT = re.compile(r"\s+(?:of|for)\s+(?:\w+ly\s+)?")
_WORD_AFTER = re.compile(r" [a-z]")  # "European troops": an adjective
# ", which (, on the other hand,) is seeking", ", who has demanded": a relative subject
RELATIVE_CLAUSE = re.compile(rf",\s+(?:which|who)(?:\s*,[^,;]{{0,30}},)?\s+{AUXILIARY_RUN}$")
_CLOSE_TO_COMMA = re.compile(r"(?:\s+[a-z][\w-]*){0,2}")  # "the SPD leadership, who"
_POPULATION_BEFORE = re.compile(
    r"\b(?:most|many|some|few|several|majority of|minority of|percent of|per cent of|% of)\s+$",
    re.IGNORECASE,
)
_ING_AFTER = re.compile(  # a participle, not a preposition or noun in -ing
    r"\s+(?:\w+ly\s+)?(?!(?:during|regarding|concerning|including|following|according|"
    r"morning|evening|nothing|something|anything|everything)\b)[a-z]+ing\b"
)
_PEOPLE = re.compile(r"\s+(?:voters|citizens|respondents|people|residents|public)\b")
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ians|ans|ese)")  # "Ukrainians", "Americans": people
_SOME_OF = re.compile(
    r"\b(?:handful|group|number|coalition|bloc|majority|minority|dozen|dozens)\s+$", re.I
)
_BY_OR_FROM = re.compile(r"\b(?:by|from)\b")
_GENERIC_WHO = re.compile(
    r"\b(?:those|anyone|everyone|people|all)\s+(?:who|that)\s+$|\bwhoever\s+$", re.IGNORECASE
)
_PASSIVE_BY = re.compile(  # "rejected (as woefully underfunded) by (their) ..."
    r"\s+(?:(?:\w+ly|outright)\s+)?(?:as\s+(?:\w+ly\s+)?[a-z-]+\s+)?by\s+(?:the\s+|their\s+|its\s+|his\s+|her\s+)?"
)
_AFTER_ADJECTIVE = re.compile(r"\s+(?:for|to|of|by)\s+(?:the\s+)?$")  # "unacceptable to Kyiv"
_PREPOSITION_BEFORE = re.compile(
    r"\b(in|on|of|to|from|with|into|against|at|over|about|toward|towards|between|among|"
    r"across|for|by|through|under|within|without|than|like|including|upon|onto|via|near|amid|"
    r"despite|after|before|since|around|throughout|beyond|involving|alongside)"
    r"\s+(?:(?:the|its|their|both|all|some|many|senior|top|other|key|major|several|leading|"
    r"fellow|western|allied|president|prime minister|"
    r"minister|envoy|special envoy|leader|secretary|spokesman|spokeswoman|spokesperson|"
    r"chancellor|aide|adviser|advisor|counterpart|(?-i:[A-Z][a-z]+(?:ian|ean|can|ese|ish)))\s+)*$",
    re.IGNORECASE,
)  # "talks with (Russian) President Putin": Putin is the object of "with"
# A mention right after a transitive verb is its object: "informed the American side";
# after a verb that takes a clause it is the clause's subject ("suggested Russian
# negotiators had accepted").
_OBJECT_BEFORE = re.compile(
    r"\b(?:(?!(?:reported|stated|claimed|announced|added|noted|united|armed|unnamed|limited|"
    r"based|led|backed|so-called|detailed|suggested|indicated|signall?ed|insisted|stressed|"
    r"emphasi[sz]ed|argued|believed|hinted|predicted|asserted|maintained|explained|admitted|"
    r"acknowledged|declared|complained|confirmed)\b)[a-z]+ed|told|urged|asked|pressed|pushed|"
    r"informed|promised|gave|sent|met|meet|favou?rs?|favou?ring|accused|let|allow|allows|help|helps|"
    r"persuade|persuaded|convince|convinced|pressing|pushing|urging|forcing|pressuring|asking|"
    r"telling|persuading|get|gets|getting)\s+(?:the\s+)?(?:(?:his|her|their|[A-Z][a-z]+(?:ian|ean|can|ese|ish)|"
    r"[Pp]resident|[Pp]rime [Mm]inister|[Ll]eader|[Cc]ounterpart|[Cc]hancellor)\s+)*$"
)  # "agreed to meet (his) Ukrainian (President|counterpart) Zelensky and accept ...": an object
# Someone who speaks for a party named after "to", "of" or "for": "an aide to Zelensky".
_SPOKESPERSON = re.compile(
    r"\b(?:aide|aides|adviser|advisers|advisor|advisors|spokesman|spokeswoman|spokesperson|"
    r"representative|representatives|envoy|envoys|negotiator|negotiators)\s+$",
    re.IGNORECASE,
)
_OFFICIALS = re.compile(
    r"\b(?:officials|diplomats|ministers|negotiators|delegates|delegation|government)\s+$",
    re.IGNORECASE,
)
# "Kyiv's allies demanded": the possessor of another party is not the one who acts
_OTHERS_AFTER = re.compile(
    r"['’]s\s+(?:[\w-]+\s+)?(?:allies|partners|backers|critics|opponents|neighbou?rs|enemies|"
    r"adversaries|supporters|friends|foes|rivals)\b"
)
# Prepositions that also open a clause, and the verb that then follows its subject.
_CONJUNCTIONS = frozenset({"after", "before", "since"})
_CLAUSE_VERB_AFTER = re.compile(
    r"(?:\s+and(?:\s+[A-Z][\w.-]*){1,3}?)?\s+(?:had|has|have|was|were|is|are|would|will|"
    r"could|said|says|[a-z]+ed)\b"
)
_COORDINATION = re.compile(
    r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:its\s+|their\s+|the\s+|his\s+|her\s+)?"
)
# names that are no party between two that are, in a list opening a sentence: "Ukraine,
# Poland and Germany rejected ..." ("In talks with Moscow, Poland and Kyiv ..." is no list)
_MIXED_LIST = re.compile(
    r"(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})+,?\s+(?:and|or)\s+(?:the\s+)?"
)
_SENTENCE_OPENING = re.compile(r"(?:\A|[.!?][\"”]?\s+|\n)\s*(?:the\s+)?\Z", re.IGNORECASE)
_CONJUNCTION = re.compile(r"\b(?:and|or)\b")
_SPEECH_AFTER = re.compile(
    r"[\w\s,.'’-]{0,40}?\b(?:said|says|told|added|stated|warned|noted|wrote|announced|cited|"
    r"quoted|replied|responded|stressed|insisted|declared|explained|emphasi[sz]ed|posted)\b"
)
_PRONOUN = re.compile(
    r"\b(?:he|she|it|they|his|her|its|their|him|them|we|our|i|my)\b", re.IGNORECASE
)
_REFERENTIAL = re.compile(r"\b(?:the|this|that|these|those)\s+$", re.IGNORECASE)
PLAN_SUBJECT = re.compile(
    r"[\"“]?(?:The|This|That|Its|Their|A|An)\s+(?:[\w-]+\s+){0,2}(?:plan|proposal|draft|framework|"
    r"document|text|blueprint|deal|agreement|memorandum)\b"
)
# A pronoun subject at the start of a sentence: "But we have got ...".
_PRONOUN_START = re.compile(
    r"[\"“]?(?:(?:But|And|So|Yet|Still),?\s+)?(?:we|he|she|they|it|i)\b", re.I
)
_DASH_SPEAKER = re.compile(r"\s*[–—-]\s*$")
DEMONSTRATIVE_START = re.compile(r"[\"“]?(?:This|That|These|Those|Such)\b")


_SIDES = re.compile(
    r"\b(?:[Bb]oth|[Tt]he\s+two|[Tt]he)\s+(?:sides|parties|delegations)\b"
    r"|\b(?:[Bb]oth|[Tt]he\s+two)\s+countries\b"
)
_PAIRED = re.compile(r"\s*[-–/]\s*|\s+and\s+(?:the\s+)?")  # "US-Ukraine", "Kyiv and Moscow"


def with_sides(text: str, actors: list[Hit], principals: tuple[str, ...]) -> list[Hit]:
    """``actors`` with "both sides", "the parties", "the two countries" read as the pair of
    parties the text last joined ("US-Ukraine talks", "Kyiv and Moscow"), else the
    scenario's principals: one mention per party, on the same span."""
    added = []
    k = 0
    pair: tuple[str, ...] = principals
    for match in _SIDES.finditer(text):
        while k + 1 < len(actors) and actors[k + 1].end <= match.start():
            a, b = actors[k], actors[k + 1]
            if a.key != b.key and _PAIRED.fullmatch(text, a.end, b.start):
                pair = (a.key, b.key)
            k += 1
        added.extend(Hit(match.start(), match.end(), key) for key in pair)
    return sorted(actors + added) if added else actors


def links(text: str, actors: list[Hit]) -> list[bool]:
    """Whether each mention is coordinated with the next ("Russia and Ukraine").

    A bare comma joins only inside a list that ends in "and"/"or" ("Russia, Ukraine
    and the US"): in "In talks with the Kremlin, Kyiv rejected ..." it closes an
    introductory phrase, and Kyiv is the subject.
    """
    links = [False] * len(actors)
    for k in range(len(actors) - 2, -1, -1):
        a, b = actors[k], actors[k + 1]
        if a.start == b.start:  # "both sides": several parties on one span
            links[k] = True
            continue
        if not _COORDINATION.fullmatch(text, a.end, b.start) and not (
            _MIXED_LIST.fullmatch(text, a.end, b.start)
            and _SENTENCE_OPENING.search(text[max(0, a.start - 8) : a.start])
        ):
            continue
        links[k] = bool(_CONJUNCTION.search(text, a.end, b.start)) or links[k + 1]
    return links


def obliques(s: Sentence) -> set[int]:
    """Starts of the mentions that are no subject: objects, compounds, and mentions
    coordinated with one ("from both Ukrainian and European leaders")."""
    oblique: set[int] = set()
    for i, actor in enumerate(s.actors):
        if _is_oblique(s, actor) or (i and s.actors[i - 1].start in oblique and s.linked[i - 1]):
            oblique.add(actor.start)
    return oblique


def first_subject(s: Sentence) -> Hit | None:
    """The first mention that is no oblique (see :func:`obliques`), judging no more
    mentions than it must."""
    for i, actor in enumerate(s.actors):
        if not (_is_oblique(s, actor) or (i and s.linked[i - 1])):
            return actor  # every mention before it is oblique
    return None


def bind_possessors(s: Sentence) -> None:
    """Bind each stance noun (and nominal readiness) to its possessor in ``s.bound``."""
    for cue in s.cues:
        if cue.kind == "noun" or (cue.kind == "modal" and NOMINAL_MODAL.match(s.text, cue.start)):
            possessor = _possessor(s, cue)
            if possessor is not None:
                s.bound[cue.start] = possessor


def _is_oblique(s: Sentence, actor: Hit) -> bool:
    """Object of a preposition, or part of a compound ("US-led"): not a subject."""
    if s.text.startswith("-", actor.end) or s.text.startswith("-", actor.start - 1):
        return True
    if _OTHERS_AFTER.match(s.text, actor.end):
        return True
    before = s.text[max(s.start, actor.start - 40) : actor.start]
    if _OBJECT_BEFORE.search(before):
        return True
    if _POPULATION_BEFORE.search(before) and (
        _DEMONYM.fullmatch(s.text, actor.start, actor.end) or _PEOPLE.match(s.text, actor.end)
    ):
        return True  # "most Ukrainians (Ukrainian voters) are against ...": people polled
    match = _PREPOSITION_BEFORE.search(before)
    if match is None:
        return False
    if match.group(1).lower() == "of" and _SOME_OF.search(before, 0, match.start()):
        return False  # "a handful of oil producers were prepared to": some of the party
    if match.group(1).lower() == "with" and _ING_AFTER.match(s.text, actor.end):
        return False  # "..., with Hamas sticking to its demands": the participle's subject
    if match.group(1).lower() in _CONJUNCTIONS and _CLAUSE_VERB_AFTER.match(s.text, actor.end):
        return False  # "a day after Trump and Putin agreed to ...": a clause's subject
    if match.group(1).lower() in ("to", "of", "for") and _SPOKESPERSON.search(
        before, 0, match.start()
    ):
        return False  # "An aide to Zelensky confirmed ...": the aide speaks for Zelensky
    if match.group(1).lower() in ("in", "from") and _OFFICIALS.search(before, 0, match.start()):
        return False  # "Officials in Kyiv said ...": they speak for Kyiv
    # "For Kyiv, this remains unacceptable.": a topic, not an object
    return not (match.group(1).lower() == "for" and s.text.startswith(",", actor.end))


def _possessor(s: Sentence, cue: Cue) -> Hit | None:
    for actor in reversed(s.actors):
        if actor.end > cue.start:
            continue
        gap = s.text[actor.end : cue.start]
        # "Russia's (new) demands", "Russian demands", "U.S. proposals";
        # not "Ukraine rejects demands"
        if not gap.strip() or (
            _POSSESSOR_GAP.fullmatch(gap)
            and (
                gap.startswith(("'s", "’s"))
                or s.text[actor.start : actor.end] in s.compiled.adjectives
            )
        ):
            return actor
        break
    return None


def _following_actor(s: Sentence, cue: Cue) -> Hit | None:
    after, reach = (_AFTER_ADJECTIVE if cue.kind == "adj" else _AFTER_NOUN), 20
    if cue.kind == "noun" and s.text.endswith("from", cue.start, cue.end):
        after, reach = _TITLES_ONLY, 30  # "pushback from (President Volodymyr) Zelensky"
    for actor in s.actors:
        if actor.start >= cue.end:
            if (
                actor.start - cue.end <= reach
                and after.search(s.text, cue.end, actor.start)
                # "a proposal was rejected by Kyiv": the agent of another verb ("a proposal
                # drafted by Washington" is still Washington's)
                and not any(
                    cue.end < c.start < actor.start and c.stance != cue.stance for c in s.cues
                )
                # "a demand for Ukraine to withdraw": the one asked, not the one asking
                # ("a demand by Putin to ..." is his)
                and not (
                    cue.kind == "noun"
                    and _ADDRESSEE_AFTER.match(s.text, actor.end)
                    and not _BY_OR_FROM.search(s.text, cue.end, actor.start)
                )
            ):
                return actor
            break
    return None


def noun_owner(s: Sentence, cue: Cue) -> Hit | None:
    """The party a stance noun belongs to: "Kyiv's demands", "the demands of Hamas"."""
    return s.bound.get(cue.start) or _following_actor(s, cue)


def relative_antecedent(s: Sentence, at: int) -> Hit | None:
    """The party a relative pronoun before ``at`` stands for: in "backed by Europe, which
    is seeking a ceasefire", Europe (a mention just before the comma, even an object)."""
    relative = RELATIVE_CLAUSE.search(s.text, max(s.start, at - 60), at)
    if relative is None:
        return None
    for actor in s.actors:
        if (
            actor.end <= relative.start()
            and _CLOSE_TO_COMMA.fullmatch(s.text, actor.end, relative.start())
            and not _OTHERS_AFTER.match(s.text, actor.end)  # "Putin's critics, who ..."
        ):
            return actor
    return None


def _agent(s: Sentence, cue: Cue) -> Hit | None:
    """The agent of a passive: "rejected by Kyiv", "was confirmed by Ushakov"."""
    if not s.text.endswith(("ed", "ED", "Ed", "eD"), cue.start, cue.end):
        return None
    for actor in s.actors:
        if actor.start >= cue.end:
            return actor if _PASSIVE_BY.fullmatch(s.text, cue.end, actor.start) else None
    return None


def _participle_subject(s: Sentence, cue: Cue) -> Hit | None:
    """The subject of the main clause for a participle after it ("X issued a statement
    calling the U.S. document ..., rejecting border changes"): the first mention that is
    no object or modifier, not the mention nearest the participle."""
    first = cue.first
    if not _ING.match(s.text, first) or not (
        _is_participle(s, first)
        or (  # "..., rejecting X and opposing Y": the second shares the first's subject
            _AND_BEFORE.search(s.text, max(s.start, first - 5), first)
            and any(_is_participle(s, c.first) for c in s.cues if c.end <= first)
        )
    ):
        return None
    for actor in s.actors:
        if actor.end > first:
            return None
        if actor.start not in s.oblique and (
            not _modifier(s, actor) or _OPENING.fullmatch(s.text, s.start, actor.start)
        ):  # "European partners issued ...": an adjective opening the sentence is its subject
            return actor
    return None


def _is_participle(s: Sentence, at: int) -> bool:
    """Whether a verb in -ing at ``at`` follows its main clause (", rejecting")."""
    return bool(_ING.match(s.text, at)) and bool(
        _PARTICIPLE_LEAD.search(s.text, max(s.start, at - 8), at)
    )


def _coordinated(s: Sentence, actor: Hit) -> list[Hit]:
    group = [actor]
    index = s.actors.index(actor)
    j = index
    while j + 1 < len(s.actors) and s.linked[j]:
        j += 1
        group.append(s.actors[j])
    j = index
    while j > 0 and s.linked[j - 1]:
        j -= 1
        group.append(s.actors[j])
    return group


def _modifier(s: Sentence, actor: Hit) -> bool:
    """A possessor or an adjective of another noun ("Ukraine's membership", "European
    troops"): not the subject of a verb, unless the clause has no other mention."""
    after = s.text[actor.end : actor.end + 3]
    if after.startswith(("'s", "’s")):
        return True
    return s.text[actor.start : actor.end] in s.compiled.adjectives and bool(
        _WORD_AFTER.match(after)
    )


def _accused(s: Sentence, at: int) -> Hit | None:
    """The party accused of the act at ``at``: in "Kyiv accused Moscow of rejecting a
    ceasefire", Moscow (as Kyiv tells it)."""
    for actor in s.actors:
        if (
            actor.end <= at
            and _OF_ACT.fullmatch(s.text, actor.end, at)
            and _ACCUSING.search(s.text, max(s.start, actor.start - 20), actor.start)
        ):
            return actor
    return None


def _judged_later(s: Sentence, cue: Cue) -> bool:
    """Whether a verdict on an ownerless proposal noun follows it in its clause
    ("Moscow called the proposal a non-starter", "a proposal was rejected by Kyiv")."""
    return any(
        cue.end < c.start <= cue.end + 40
        and not c.absorbed
        and c.stance in ("accepts", "rejects", "red_line")
        and (c.kind == "adj" or _PASSIVE_BEFORE.search(s.text, max(s.start, c.start - 25), c.start))
        and s.clause_start(c.start, cue.end) == cue.end
        for c in s.cues
    )


def actor_of(s: Sentence, cue: Cue) -> tuple[list[Hit], float]:
    """The mentions of the party whose stance ``cue`` states, and a weight."""
    if cue.lead in s.bound:  # "Trump's willingness to contribute": Trump offers
        return [s.bound[cue.lead]], 1.0
    if cue.kind == "modal" and cue.start in s.bound:  # "Trump's willingness to join"
        return [s.bound[cue.start]], 1.0
    if cue.kind == "noun":
        own = noun_owner(s, cue)
        if own is not None:
            return [own], 1.0
        if cue.object_of_verb or _REFERENTIAL.search(
            s.text, max(s.start, cue.start - 12), cue.start
        ):
            return [], 0.0  # "rejected this proposal", "the proposals being discussed"
        if cue.stance == "proposes" and _judged_later(s, cue):
            return [], 0.0  # "called the ceasefire proposal a non-starter": what is judged
    if cue.kind == "adj":
        own = _following_actor(s, cue)
        if own is not None:
            return [own], 1.0
        if cue.object_of_verb:
            return [], 0.0  # "rejected a key condition of the plan": the rejection's object
    first = cue.first
    clausal = cue.kind in ("verb", "modal", "negmodal")
    if clausal and _GENERIC_WHO.search(s.text, max(s.start, first - 30), first):
        return [], 0.0  # "sanctions on those who refuse to accept": no party's stance
    if cue.kind == "verb":
        agent = _agent(s, cue)
        if agent is not None:
            return _coordinated(s, agent), 1.0
        main = _participle_subject(s, cue)
        if main is not None:
            return _coordinated(s, main), 1.0
        if (
            cue.stance != "demands"  # "would be needed": a need stated, whoever states it
            and _PASSIVE_BEFORE.search(s.text, max(s.start, cue.start - 25), cue.start)
            and s.text.endswith(("ed", "ED", "Ed", "eD"), cue.start, cue.end)
        ):  # "details of the plan are being finalized": the subject is what is acted on
            return [], 0.0
    if clausal and (antecedent := relative_antecedent(s, first)) is not None:
        return [antecedent], 1.0
    if clausal and (accused := _accused(s, first)) is not None:
        return [accused], 0.8
    bound = {id(h) for h in s.bound.values()}
    limit = cue.start
    if OBLIGATION.fullmatch(s.text, cue.start, cue.end):
        # "X insisted that Ukraine must leave": Ukraine is told, X demands; with no
        # reporting frame the one who demands is the speaker or the previous subject
        frames = list(_REPORT_FRAME.finditer(s.text, s.start, cue.start))
        limit = frames[-1].start() if frames else s.start
    # "Moscow, which Kyiv accuses of stalling, rejected ...": a closed relative aside
    # holds no subject of the cue
    asides = [
        m.span()
        for m in RELATIVE_ASIDE.finditer(s.text, s.start, cue.start)
        if any(a.end <= m.start() and _CLOSE_TO_COMMA.fullmatch(s.text, a.end, m.start())
               for a in s.actors)
    ]  # fmt: skip
    left = [
        a
        for a in s.actors
        if a.end <= limit
        and a.start not in s.oblique
        and id(a) not in bound
        and not any(lo < a.start < hi for lo, hi in asides)
    ]
    quoted = s.state.speaker(cue.start)
    if quoted is not None and not any(
        a.start > quoted[0] and not _modifier(s, a) for a in left
    ):  # inside quoted speech that names no subject of its own: the speaker's
        if quoted[1] is not SOMEONE:
            return [quoted[1]], 0.8
        if s.state.subject:  # "…,” he said: the subject carried from before
            return [Hit(-1, -1, s.state.subject)], 0.7
    if left:
        chosen = ([a for a in left if not _modifier(s, a)] or left)[-1]
        weight = 1.0 if cue.start - chosen.end <= 90 else 0.8
        return _coordinated(s, chosen), weight
    for actor in s.actors:  # "...,” Zelensky said
        if actor.start < cue.end or actor.start in s.oblique:
            continue
        speech = _SPEECH_AFTER.match(s.text, actor.end, s.end)
        if (
            speech is not None
            # "unless Washington lifts sanctions, Lavrov said": the one nearest the verb
            and not any(actor.end <= b.start < speech.end() for b in s.actors)
        ) or (actor.end == s.end and _DASH_SPEAKER.search(s.text, cue.end, actor.start)):
            return [actor], 0.8
    possessors = [a for a in s.bound.values() if a.end <= cue.start]
    if possessors:  # "U.S. proposals have suggested ..."
        return [possessors[-1]], 0.8
    clause = s.clause_start(cue.start, s.start)
    if s.state.subject and (
        _PRONOUN.search(s.text, clause, cue.start)
        or DEMONSTRATIVE_START.match(s.text, s.start, cue.start)
        or PLAN_SUBJECT.match(s.text, s.start, cue.start)  # "The proposal envisages"
        or _PRONOUN_START.match(s.text, s.start, cue.start)
    ):
        return [Hit(-1, -1, s.state.subject)], 0.7
    if (
        s.state.subject
        and not s.actors
        and s.state.subject_age <= 1
        and not _NAMED_SUBJECT.fullmatch(s.text, clause, cue.start)
    ):  # a sentence naming no party right after one that did: the same subject, unless
        # the clause names another ("Analysts suggest", "The IAEA may need")
        return [Hit(-1, -1, s.state.subject)], 0.5
    return [], 0.0


def note_plan_authors(s: Sentence) -> None:
    """Remember who wrote the plan a sentence names ("Trump's plan", "his plan")."""
    for head in s.plan_heads:
        owner = _owner(s, head)
        if owner is not None:
            s.state.plan_author = owner.key


def _owner(s: Sentence, head: tuple[int, int]) -> Hit | None:
    """Who wrote the plan named at ``head``: the party named in its phrase, or the
    subject that made it ("X developed a counterproposal") or owns it ("his plan")."""
    k = author(s.text, head, [(a.start, a.end) for a in s.actors])
    if k is not None:
        return s.actors[k]
    verb = made_by_subject(s.text, head, s.start)
    if verb is None and not pronoun_owned(s.text, head):
        return None
    limit = head[0] if verb is None else verb
    subjects = [a for a in s.actors if a.end <= limit and a.start not in s.oblique]
    if subjects:
        return subjects[0] if verb is None else subjects[-1]
    return Hit(-1, -1, s.state.subject) if s.state.subject else None


def _subject_plan(s: Sentence, floor: int, cue: Cue) -> tuple[int, int] | None:
    """The plan that opens the sentence as its subject, when the cue is in its clause
    and no party is named between them ("The plan reportedly includes provisions that
    would require Ukraine to ..."): the provision is the plan's, however far the verb."""
    opening = PLAN_SUBJECT.match(s.text, s.start)
    if opening is None or floor > s.start:
        return None
    head = next((h for h in s.plan_heads if h[1] == opening.end()), None)
    if head is None or any(head[1] <= a.start < cue.start for a in s.actors):
        return None
    return head


def plan_author(s: Sentence, cue: Cue) -> Hit | None:
    """The author of a plan whose provision ``cue`` states: a plan is its subject
    ("the draft calls for"), or frames the sentence ("Under the plan, ...")."""
    if _agent(s, cue):
        return None
    frame = s.frame
    if frame is not None and frame[0] <= cue.start:
        head = frame
    elif cue.stance in ("demands", "proposes", "offers") and not _NEED.match(
        s.text, cue.start, cue.end
    ):  # "the plan needs work": what the speaker wants of the plan
        floor = s.clause_start(cue.start, s.start)
        head = governing_plan(s.text, floor, cue.start, s.plan_heads) or _subject_plan(
            s, floor, cue
        )
    else:
        head = None
    if head is None:
        return None
    owner = _owner(s, head)
    if owner is not None:
        s.state.plan_author = owner.key
        return owner
    known = s.state.plan_author or (s.state.subject if head is frame else None)
    return Hit(-1, -1, known) if known else None
