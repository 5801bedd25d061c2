"""The one normalisation applied to a document's text before it is hashed and stored.

It is deliberately conservative: it unifies line endings and removes characters
no article needs (NULs and other control characters, a byte-order mark, trailing
spaces), and nothing else, so that a quote copied from the original text is still
an exact substring of the stored text.
"""

from __future__ import annotations

import hashlib
import re

__all__ = ["document_id", "normalise_text"]

# C0 controls other than tab and newline, DEL, and the C1 block: never part of prose.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)


def normalise_text(raw: str) -> str:
    r"""Return ``raw`` with line endings unified and stray characters removed.

    Steps: a leading byte-order mark is dropped; ``\r\n`` and lone ``\r``
    become ``\n``; form feeds become ``\n``; other control characters
    (NUL included) are removed; spaces at the end of each line and blank space
    at the start and end of the whole text are stripped. Letters, punctuation
    and inner spacing are left exactly as they were.

    Examples
    --------
    >>> normalise_text("\ufeffTitle  \r\n\r\nBody\x00 text.\r")
    'Title\n\nBody text.'
    >>> normalise_text("“Quoted” – kept as is")
    '“Quoted” – kept as is'
    """
    text = raw.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _CONTROL.sub("", text)
    text = _TRAILING_SPACE.sub("", text)
    return text.strip()


def document_id(text: str) -> str:
    """SHA-256 (hex) of the normalised text: the key of a document in the store.

    Examples
    --------
    >>> document_id("a\\r\\n") == document_id("a")
    True
    >>> len(document_id("a"))
    64
    """
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
