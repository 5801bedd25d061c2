"""Metadata of a document: title, outlet, publication date, URL, path.

Metadata comes from several places, merged in this order (later wins where it
knows a field): the text itself (a dateline, a headline), the document's own
markup (HTML metadata, a YAML front-matter block), an index file naming each
file's outlet and date, and finally options the user gives.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml
from dateutil import parser as date_parser

from zopa.errors import EvidenceError
from zopa.model.io import load_yaml

__all__ = [
    "DocumentMeta",
    "date_from_text",
    "load_index",
    "merge_meta",
    "meta_from_mapping",
    "normalise_date",
    "split_front_matter",
    "split_header_block",
    "title_from_text",
]


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What is known about a document besides its text (``None`` where unknown).

    ``published`` is ``YYYY-MM-DD``, or ``YYYY-MM`` when only the month is known.
    """

    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    path: str | None = None


def merge_meta(*metas: DocumentMeta | None) -> DocumentMeta:
    """Merge metadata; each later argument overrides the fields it knows.

    Examples
    --------
    >>> merge_meta(DocumentMeta(title="A", outlet="X"), DocumentMeta(title="B")).title
    'B'
    >>> merge_meta(DocumentMeta(title="A", outlet="X"), DocumentMeta(title="B")).outlet
    'X'
    """
    out = DocumentMeta()
    for meta in metas:
        if meta is None:
            continue
        known = {f.name: getattr(meta, f.name) for f in fields(meta)}
        out = replace(out, **{k: v for k, v in known.items() if v is not None})
    return out


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MONTH = re.compile(r"\d{4}-\d{2}")


def normalise_date(value: Any, *, where: str = "date") -> str | None:
    """A date as ``YYYY-MM-DD`` (or ``YYYY-MM``); ``None`` stays ``None``.

    Accepts :class:`datetime.date` and :class:`datetime.datetime`, ISO strings,
    and dates in words with a year ("7 December 2025", "Dec. 7, 2025").

    Raises
    ------
    EvidenceError
        When ``value`` is not a date; the message starts with ``where``.

    Examples
    --------
    >>> normalise_date("Sunday, December 7, 2025")
    '2025-12-07'
    >>> normalise_date("2026-02"), normalise_date("Feb 2026")
    ('2026-02', '2026-02')
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if _ISO_DAY.fullmatch(text) or _ISO_MONTH.fullmatch(text):
        try:
            dt.date.fromisoformat(text if len(text) == 10 else f"{text}-01")
        except ValueError:
            raise EvidenceError(f"{where}: {text!r} is not a valid date") from None
        return text
    parsed = _parse_words(text)
    if parsed is None:
        raise EvidenceError(f"{where}: {text!r} is not a date (use YYYY-MM-DD or YYYY-MM)")
    return parsed


def _parse_words(text: str) -> str | None:
    """A date in words with an explicit year, or ``None``."""
    if not re.search(r"\b(19|20)\d{2}\b", text):
        return None  # dateutil would fill in the current year
    try:
        # Two defaults for the day tell a date with its day from a month and year alone,
        # which dateutil would otherwise complete with today's day.
        first = date_parser.parse(text, fuzzy=False, default=dt.datetime(2000, 1, 1))
        second = date_parser.parse(text, fuzzy=False, default=dt.datetime(2000, 1, 2))
    except (ValueError, OverflowError):
        return None
    return first.date().isoformat() if first == second else first.strftime("%Y-%m")


_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_DATE_WORDS = (
    rf"{_WEEKDAY}(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}})"
)
_DATE = rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|{_DATE_WORDS})"
# A labelled date anywhere near the top: "date 2026-02-24", "Published: Feb 3, 2026".
_LABELLED = re.compile(
    rf"\b(?:date|dated|published|posted|updated)\b[^\n\d]{{0,40}}?(?P<date>{_DATE})",
    re.IGNORECASE,
)
# A dateline: a date on a line of its own, or opening a line ("Sunday, December 7, 2025").
_DATELINE = re.compile(rf"^[^\S\n]*(?P<date>{_DATE})[^\S\n]*(?:$|[-–—|:])", re.MULTILINE)

_HEAD_CHARS = 3000  # datelines sit in the header; later dates are events in the story


def date_from_text(text: str) -> str | None:
    """The publication date a text states in its header, or ``None``.

    Looks in the first few thousand characters for a labelled date ("date
    2026-02-24", "Published on 3 February 2026"), then for a dateline (a date
    alone on a line). Dates inside running sentences are events, not the
    publication date, and are ignored.

    Examples
    --------
    >>> date_from_text("-9.2 C\\nOttawa\\nSunday, December 7, 2025\\n\\nImpasse at the Kremlin")
    '2025-12-07'
    >>> date_from_text(" date 2026-02-24 Sign up now")
    '2026-02-24'
    >>> date_from_text("The war began on Feb 24, 2022 and goes on.") is None
    True
    """
    head = text[:_HEAD_CHARS]
    for pattern in (_LABELLED, _DATELINE):
        for match in pattern.finditer(head):
            found = _parse_words(match.group("date"))
            if found is not None:
                return found
    return None


_HEADLINE_WORDS = range(3, 26)


def title_from_text(text: str) -> str | None:
    """A headline: a Markdown heading, or a short line above the first sentence of the story.

    Examples
    --------
    >>> title_from_text("-9.2 C\\nOttawa\\nSunday, December 7, 2025\\n\\nImpasse at the Kremlin: what we know\\n\\nOnce again...")
    'Impasse at the Kremlin: what we know'
    >>> title_from_text("# Talks stall\\n\\nBody.")
    'Talks stall'
    """  # noqa: E501
    lines = [line.strip() for line in text[:_HEAD_CHARS].splitlines() if line.strip()]
    for line in lines[:8]:
        heading = re.match(r"#{1,3}\s+(.+)", line)
        if heading:
            return heading.group(1).strip()
        if len(line.split()) > _HEADLINE_WORDS.stop or line[-1] in ".!?":
            return None  # the story has begun: a later short line is a subheading
        if (
            len(line.split()) in _HEADLINE_WORDS
            and len(line) <= 200
            and line[-1] not in ".!?,;:"
            and not re.search(_DATE, line, re.IGNORECASE)
        ):
            return line
    return None


_FRONT_MATTER = re.compile(r"\A---[^\S\n]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[^\S\n]*(?:\n|\Z)", re.S)


def split_front_matter(text: str, *, where: str) -> tuple[dict[str, Any], str]:
    """Split a YAML front-matter block (between ``---`` lines) from a Markdown body.

    Raises
    ------
    EvidenceError
        When the block is not valid YAML or not a mapping.

    Examples
    --------
    >>> split_front_matter("---\\ntitle: T\\n---\\nBody", where="x.md")
    ({'title': 'T'}, 'Body')
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    try:
        data = load_yaml(match.group("yaml"))
    except (yaml.YAMLError, ValueError) as error:  # ValueError: an impossible date
        raise EvidenceError(f"{where}: front matter is not valid YAML: {error}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise EvidenceError(f"{where}: front matter must be a mapping of fields")
    return data, text[match.end() :]


_HEADER_LINE = re.compile(
    r"[^\S\n]*(?P<key>title|headline|url|link|source|outlet|publisher|date|published|author|"
    r"byline)[^\S\n]*:[^\S\n]*(?P<value>[^\n]*)",
    re.IGNORECASE,
)


def split_header_block(text: str) -> tuple[DocumentMeta, str]:
    """Read a plain ``key: value`` header (title, url, date, source, ...) off the top of a text.

    A saved article often starts with lines such as ``title: ...``, ``url: ...``,
    ``date: ...``, ``source: ...`` and then the story. Such a block (two lines or
    more, or one followed by a blank line) is metadata, like front matter, not body
    text. The title stays as the first line of the body (it is the headline, and a
    headline can state a position); the other lines go. A date that does not parse
    is dropped, not fatal: the header is the page's, not the user's.

    Examples
    --------
    >>> meta, body = split_header_block("title: Talks stall\\nurl: https://x.test/a\\n"
    ...                                 "date: 2026-02-03\\nsource: Wire\\n\\nKyiv said no.")
    >>> (meta.title, meta.url, meta.published, meta.outlet)
    ('Talks stall', 'https://x.test/a', '2026-02-03', 'Wire')
    >>> body
    'Talks stall\\n\\nKyiv said no.'
    >>> split_header_block("Source: officials in Kyiv.\\nMore text.")[1][:6]
    'Source'
    """
    found: dict[str, str] = {}
    position = 0
    lines = 0
    while position < len(text):
        match = _HEADER_LINE.match(text, position)
        if match is None or match.group("key").lower() in found:
            break
        found[match.group("key").lower()] = match.group("value").strip()
        lines += 1
        position = match.end() + 1
    rest = text[position:]
    if lines == 0 or (lines == 1 and not re.match(r"[^\S\n]*\n", rest)):
        return DocumentMeta(), text
    date = found.pop("date", None) or found.pop("published", None)
    meta = meta_from_mapping(found, where="header")
    try:
        published = normalise_date(date or None)
    except EvidenceError:
        published = None
    meta = replace(meta, published=published)
    body = rest.lstrip("\n")
    return meta, (f"{meta.title}\n\n{body}" if meta.title else body)


_KEYS = {
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "publisher", "sitename", "site_name", "site"),
    "published": ("published", "date", "publication_date", "pubdate"),
    "url": ("url", "link", "source_url", "canonical"),
}


def meta_from_mapping(data: Mapping[str, Any], *, where: str) -> DocumentMeta:
    """Metadata from a mapping with the usual key names (front matter, index entries).

    Raises
    ------
    EvidenceError
        When a date is not a date.

    Examples
    --------
    >>> meta_from_mapping({"source": "Example", "date": "2025-12-07"}, where="x").outlet
    'Example'
    """
    lowered = {str(k).lower(): v for k, v in data.items()}
    found: dict[str, Any] = {}
    for field, keys in _KEYS.items():
        for key in keys:
            value = lowered.get(key)
            if value not in (None, ""):
                found[field] = value
                break
    published = normalise_date(found.get("published"), where=f"{where}: date")
    return DocumentMeta(
        title=_text_or_none(found.get("title")),
        outlet=_text_or_none(found.get("outlet")),
        published=published,
        url=_text_or_none(found.get("url")),
    )


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def load_index(path: str | Path) -> dict[str, DocumentMeta]:
    """Read an index file mapping file names to their metadata.

    The file is YAML: either a list of entries, each with ``file`` and any of
    ``title``, ``outlet``, ``date``, ``url``; or a mapping from file name to
    such an entry. Keys of the result are file names (without folders).

    Raises
    ------
    EvidenceError
        When the file cannot be read or an entry is malformed.
    """
    path = Path(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EvidenceError(f"{path}: no such index file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise EvidenceError(f"{path}: cannot read index: {error}") from None
    except (yaml.YAMLError, ValueError) as error:  # ValueError: an impossible date
        raise EvidenceError(f"{path}: index is not valid YAML: {error}") from None
    if isinstance(data, dict):
        for name, entry in data.items():
            if entry is not None and not isinstance(entry, dict):
                raise EvidenceError(
                    f"{path}: entry {name!r} must be a mapping of outlet, date, ..."
                )
        data = [{"file": name, **(entry or {})} for name, entry in data.items()]
    if not isinstance(data, list):
        raise EvidenceError(f"{path}: an index is a list of entries with 'file', 'outlet', 'date'")
    index: dict[str, DocumentMeta] = {}
    for position, entry in enumerate(data):
        where = f"{path}: entry {position}"
        if not isinstance(entry, dict) or not entry.get("file"):
            raise EvidenceError(f"{where}: each entry needs a 'file' name")
        index[Path(str(entry["file"])).name] = meta_from_mapping(entry, where=where)
    return index
