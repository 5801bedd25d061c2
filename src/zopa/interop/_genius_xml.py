"""Parsing GENIUS files as leniently as GENIUS does, and telling them from other files.

GENIUS reads its XML with a small parser of its own that accepts what a
standard parser refuses, and ANAC's published domains rely on it: a bare ``&``
in a value ("Coffee & Thee"), bytes in a Windows code page ("£10,000"), two
attributes with no space between them (``type="discrete"vtype="discrete"``),
an XML declaration after a comment. A file that a standard parser refuses is
repaired in exactly those ways and parsed again; each repair is reported.
Folders of published domains also
hold files that are no GENIUS file at all (a frontier saved as text under
``pareto.xml``, a tournament log): a file that is not XML, or whose root is
neither ``<negotiation_template>`` (a domain) nor ``<utility_space>`` (a
profile), is skipped, with a note.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from zopa.errors import ScenarioError

__all__ = ["DOMAIN_ROOT", "PROFILE_ROOT", "parse_genius"]

DOMAIN_ROOT = "negotiation_template"
PROFILE_ROOT = "utility_space"

_DECLARATION = re.compile(r"<\?xml\s[^>]*\?>")
_BARE_AMPERSAND = re.compile(r"&(?!(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z_][\w.-]*);)")
_TAG = re.compile(r"<[^<>]*>")
# A whole quoted attribute value followed at once by the next attribute's name.
_JOINED_ATTRIBUTE = re.compile(r"""(=\s*(?:"[^"]*"|'[^']*'))(?=[A-Za-z_])""")


def parse_genius(path: Path) -> tuple[ET.Element | None, str | None]:
    """The root of a GENIUS file and a note, or ``(None, why)`` for a file to skip.

    The note says what was repaired (``None`` when the file parsed as it is).

    Raises
    ------
    ScenarioError
        The file cannot be read, or is XML that even the repairs cannot parse
        (with the standard parser's message).
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ScenarioError(f"{path}: cannot read: {error}") from None
    note = None
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as error:
        text, codec = _decoded(raw)
        body = text.lstrip("\ufeff \t\r\n")
        if not body.startswith("<"):
            return None, f"{path}: skipped, not XML"
        root, note = _repaired(body, codec, path, error)
    if root.tag not in (DOMAIN_ROOT, PROFILE_ROOT):
        return None, f"{path}: skipped, <{root.tag}> is neither a GENIUS domain nor a profile"
    return root, note


def _repaired(body: str, codec: str, path: Path, error: ET.ParseError) -> tuple[ET.Element, str]:
    """The XML with GENIUS's three leniencies applied, parsed; the standard
    parser's first complaint when that still fails."""
    repairs = [] if codec == "utf-8" else [f"read as {codec}"]
    # The encoding is known by now; a declaration after a comment is refused by expat.
    declaration = _DECLARATION.search(body)
    if declaration is not None:
        if body[: declaration.start()].strip():
            repairs.append("XML declaration after a comment dropped")
        body = body[: declaration.start()] + body[declaration.end() :]
    escaped, bare = _BARE_AMPERSAND.subn("&amp;", body)
    if bare:
        repairs.append(f"{bare} bare '&' escaped")
    joined = 0

    def spaced(tag: re.Match[str]) -> str:
        nonlocal joined
        fixed, count = _JOINED_ATTRIBUTE.subn(r"\1 ", tag.group())
        joined += count
        return fixed

    escaped = _TAG.sub(spaced, escaped)
    if joined:
        repairs.append(f"{joined} missing space between attributes added")
    try:
        root = ET.fromstring(escaped)
    except ET.ParseError:
        raise ScenarioError(f"{path}: malformed XML: {error}") from None
    return root, f"{path}: repaired as GENIUS's parser reads it ({', '.join(repairs)})"


def _decoded(raw: bytes) -> tuple[str, str]:
    for codec in ("utf-8", "cp1252"):
        try:
            return raw.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"
