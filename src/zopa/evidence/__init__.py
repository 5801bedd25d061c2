"""Evidence: articles in, sourced claims out, and checks of a scenario against them.

Reading files in is :mod:`zopa.evidence.ingest` (not re-exported here: its
function ``ingest`` would hide the module of the same name).
"""

from zopa.evidence.metadata import *  # noqa: F403
from zopa.evidence.metadata import __all__ as _metadata_all
from zopa.evidence.store import *  # noqa: F403
from zopa.evidence.store import __all__ as _store_all
from zopa.evidence.text import *  # noqa: F403
from zopa.evidence.text import __all__ as _text_all
from zopa.evidence.types import *  # noqa: F403
from zopa.evidence.types import __all__ as _types_all

__all__ = sorted({*_types_all, *_text_all, *_metadata_all, *_store_all})
