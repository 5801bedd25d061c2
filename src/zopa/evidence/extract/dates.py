"""Dates in news prose, resolved against the article's date.

Recognised: ISO dates (``2026-02-24``); a month and day with or without a year
("on Feb 18", "December 2, 2025", "18 February"); a month, possibly qualified
("in late November", "in January 2025"); weekdays ("Friday", "early Friday",
"last Thursday": the latest such day on or before the article date); and
"today", "yesterday", "last month", "this month". A date after the article date
is a reference to the future (a deadline), not the date of a claim, and is
skipped, as is a date naming an act of war ("in its Oct. 7 attack"); a month-day
without a year that would fall half a year or more after the article date is taken
to be in the year before.

Examples
--------
>>> resolve_date("Ushakov said early Friday that talks went well.", "2026-01-23")
'2026-01-23'
>>> resolve_date("The plan was drawn up in late November.", "2025-12-07")
'2025-11'
>>> resolve_date("It met on December 28.", "2026-01-05")
'2025-12-28'
>>> resolve_date("No date here.", "2026-02-24")
'2026-02-24'
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["find_dates", "resolve_date"]

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_MONTH = (
    r"(?P<{0}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = re.compile(
    r"\b(?:"
    r"(?P<iso>(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))"
    rf"|{_MONTH.format('m1')}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH.format('m2')}(?:,?\s+(?P<y2>\d{{4}}))?"
    rf"|(?:(?:early|mid|late|in|since|during)[\s-]+){_MONTH.format('m3')}(?:\s+(?P<y3>\d{{4}}))?"
    r"|(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?P<rel>today|yesterday|last\s+month|this\s+month)"
    r")",
    re.IGNORECASE,
)
_FUTURE_BEFORE = re.compile(r"\b(?:by|before|until|till|next|from)\s+(?:\w+\s+)?$", re.I)
# "hostages seized in its Oct. 7 attack": a date that names an act of war dates that act,
# not the claim ("Putin's December 2 remarks" still dates what he said)
_ACT_OF_WAR_AFTER = re.compile(
    r"\s+(?:(?!the\b|a\b|an\b)[a-z]+\s+)?(?:attacks?|invasion|assault|offensive|strikes?|"
    r"raids?|incursion|annexation|massacre|bombings?|shelling|coup)\b"
)


def _parse_anchor(anchor: str | None) -> tuple[dt.date | None, int | None, int | None]:
    """The article date as (full date or None, year, month)."""
    if not anchor:
        return None, None, None
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", anchor)
    if match is None:
        return None, None, None
    year, month = int(match.group(1)), int(match.group(2))
    if match.group(3):
        try:
            return dt.date(year, month, int(match.group(3))), year, month
        except ValueError:
            return None, year, month
    return None, year, month


def _month_day(year: int | None, month: int, day: int, anchor: dt.date | None) -> str | None:
    explicit = year is not None
    if year is None:
        if anchor is None:
            return None
        year = anchor.year
    try:
        when = dt.date(year, month, day)
    except ValueError:
        return None
    if anchor is not None and when > anchor:
        if explicit:
            return None
        if (when.year - anchor.year) * 12 + when.month - anchor.month >= 6:
            when = when.replace(year=year - 1)
        else:
            return None
    return when.isoformat()


def _one(
    match: re.Match[str], anchor: dt.date | None, ay: int | None, am: int | None
) -> str | None:
    g = match.groupdict()
    if g["iso"]:
        try:
            when = dt.date(int(g["iy"]), int(g["im"]), int(g["id"]))
        except ValueError:
            return None
        return None if anchor is not None and when > anchor else when.isoformat()
    for m, d, y in (("m1", "d1", "y1"), ("m2", "d2", "y2")):
        if g[m]:
            year = int(g[y]) if g[y] else (anchor.year if anchor else ay)
            if anchor is None and year is None:
                return None
            if anchor is None:
                try:
                    when = dt.date(year, _MONTHS[g[m].lower().rstrip(".")], int(g[d]))
                except ValueError:  # "February 30": no such day
                    return None
                return when.isoformat()
            return _month_day(int(g[y]) if g[y] else None, _MONTHS[g[m].lower()], int(g[d]), anchor)
    if g["m3"]:
        month = _MONTHS[g["m3"].lower()]
        if g["y3"]:
            return f"{int(g['y3']):04d}-{month:02d}"
        if ay is None or am is None:
            return None
        year = ay if month <= am else ay - 1
        return f"{year:04d}-{month:02d}"
    if g["wd"]:
        if anchor is None:
            return None
        back = (anchor.weekday() - _WEEKDAYS[g["wd"].lower()]) % 7
        return (anchor - dt.timedelta(days=back)).isoformat()
    rel = " ".join(g["rel"].lower().split())
    if rel == "today":
        return anchor.isoformat() if anchor else None
    if rel == "yesterday":
        return (anchor - dt.timedelta(days=1)).isoformat() if anchor else None
    if ay is None or am is None:
        return None
    if rel == "this month":
        return f"{ay:04d}-{am:02d}"
    year, month = (ay, am - 1) if am > 1 else (ay - 1, 12)
    return f"{year:04d}-{month:02d}"


def find_dates(
    text: str, anchor: str | None, start: int = 0, end: int | None = None
) -> list[tuple[int, str]]:
    """Dates stated in ``text[start:end]``: (character offset, resolved date).

    Future references ("by July 4", dates after ``anchor``) are left out.
    """
    day, ay, am = _parse_anchor(anchor)
    found: list[tuple[int, str]] = []
    end = len(text) if end is None else end
    for match in _DATE.finditer(text, start, end):
        if _FUTURE_BEFORE.search(text, max(start, match.start() - 25), match.start()):
            continue
        if (match["iso"] or match["m1"] or match["m2"]) and _ACT_OF_WAR_AFTER.match(
            text, match.end()
        ):
            continue
        resolved = _one(match, day, ay, am)
        if resolved is not None:
            found.append((match.start(), resolved))
    return found


def resolve_date(sentence: str, anchor: str | None, *, near: int | None = None) -> str:
    """The date of a claim stated in ``sentence``, else the article date.

    Parameters
    ----------
    sentence
        The text to search (a sentence, or a whole text with ``near`` set).
    anchor
        The article date, ``YYYY-MM-DD`` or ``YYYY-MM``; ``None`` when unknown.
    near
        An offset in ``sentence``: the date nearest to it wins (default: the first).

    Returns
    -------
    str
        ``YYYY-MM-DD`` or ``YYYY-MM``; the anchor when the sentence states no
        date; ``"unknown"`` when neither gives one.
    """
    found = find_dates(sentence, anchor)
    if not found:
        return anchor or "unknown"
    if near is None:
        return found[0][1]
    return min(found, key=lambda item: abs(item[0] - near))[1]
