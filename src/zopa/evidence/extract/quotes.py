"""Quotations and who speaks them, for attributing a position inside quoted speech.

A quotation is a stretch between an opening and a closing quotation mark in one
paragraph (curly “…” marks pair as written; straight ``"`` marks pair in turn). Its
speaker is the mention named next to it with a verb of saying, after the closing
mark (``…,” Zelensky said``, ``…,” said Peskov``, ``…” – Peskov``) or before the
opening one (``Zelensky said: “…``, ``Lavrov complained. “…``). A quotation often
runs over several sentences with the speaker named only at its end or its start,
so a sentence inside it that names no party of its own is that speaker's.

Examples
--------
>>> text = "“We will never cede land. It is ours,” Zelensky said."
>>> spans = quotations(text)
>>> [text[a:b] for a, b in spans]
['“We will never cede land. It is ours,”']
>>> zelensky = (text.index("Zelensky"), text.index("Zelensky") + 8)
>>> speakers(text, spans, [zelensky])
[0]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

__all__ = ["SPEECH_VERBS", "pronoun_spoken", "quotations", "speakers"]

SPEECH_VERBS = (
    r"(?:said|says|told|added|stated|warned|noted|wrote|announced|cited|quoted|replied|"
    r"responded|stressed|insisted|declared|explained|emphasi[sz]ed|posted|complained|argued|"
    r"continued|recalled|underlined|underscored|remarked|asserted|claimed|acknowledged|"
    r"admitted|concluded|reiterated|affirmed)"
)
_MARKS = re.compile(r"[“”\"\n]")
_WINDOW = 80  # characters between a quotation and its speaker, at most
# After the closing mark: ", Zelensky said" (the verb after the name is checked by
# _VERB_AFTER), or ", said U.S. envoy Steve Witkoff".
_GAP_AFTER = re.compile(
    rf"[\s,]*(?:{SPEECH_VERBS}\s+(?:[\w.'’-]+\s+){{0,5}})?|\s*[–—-]\s*", re.IGNORECASE
)
_VERB_AFTER = re.compile(rf"(?:[\w\s,.'’-]{{0,40}}?\b)?{SPEECH_VERBS}\b", re.IGNORECASE)
# Before the opening mark: "Zelensky said:", "Peskov told reporters that", "Lavrov complained."
_GAP_BEFORE = re.compile(
    rf"(?:\s+[\w.'’-]+){{0,4}}?\s+{SPEECH_VERBS}\b[^.!?“”\"]{{0,30}}?[.:,]?\s*(?:that\s+)?",
    re.IGNORECASE,
)


_PRONOUN_AFTER = re.compile(
    rf"[\s,]*(?:(?:he|she)\s+(?:[\w’'-]+\s+)?{SPEECH_VERBS}|{SPEECH_VERBS}\s+(?:he|she))\b",
    re.IGNORECASE,
)


def pronoun_spoken(text: str, end: int) -> bool:
    """Whether the quotation ending at ``end`` is spoken by a pronoun (``…,” he said``)."""
    return _PRONOUN_AFTER.match(text, end) is not None


def quotations(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the quotations of ``text``, marks included, in order."""
    spans: list[tuple[int, int]] = []
    opened = -1
    for match in _MARKS.finditer(text):
        mark, at = match.group(), match.start()
        if mark == "\n":
            opened = -1  # a paragraph closes what it opened
        elif mark == "“" or (mark == '"' and opened < 0):
            opened = at
        elif opened >= 0:
            spans.append((opened, at + 1))
            opened = -1
    return spans


def speakers(
    text: str, spans: Sequence[tuple[int, int]], mentions: Sequence[tuple[int, int]]
) -> list[int | None]:
    """For each quotation of ``spans``, the index in ``mentions`` of its speaker, or None.

    ``mentions`` are the ``(start, end)`` spans of the names of parties, in order.
    """
    starts = [m[0] for m in mentions]
    out: list[int | None] = []
    for start, end in spans:
        after = _after(text, end, mentions, starts)
        out.append(after if after is not None else _before(text, start, mentions, starts))
    return out


def _after(
    text: str, end: int, mentions: Sequence[tuple[int, int]], starts: list[int]
) -> int | None:
    k = bisect_left(starts, end)
    if k == len(mentions) or mentions[k][0] - end > _WINDOW:
        return None
    gap = _GAP_AFTER.fullmatch(text, end, mentions[k][0])
    if gap is None or "\n" in text[end : mentions[k][0]]:
        return None
    said_before = bool(re.search(SPEECH_VERBS, gap.group(), re.IGNORECASE))
    dash = bool(re.search(r"[–—-]", gap.group()))
    if said_before or dash or _VERB_AFTER.match(text, mentions[k][1]):
        return k
    return None


def _before(
    text: str, start: int, mentions: Sequence[tuple[int, int]], starts: list[int]
) -> int | None:
    k = bisect_left(starts, start) - 1
    if k < 0 or start - mentions[k][1] > _WINDOW or "\n" in text[mentions[k][1] : start]:
        return None
    return k if _GAP_BEFORE.fullmatch(text, mentions[k][1], start) else None
