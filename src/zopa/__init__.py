"""zopa: analyse multi-party negotiations.

One data model (:mod:`zopa.model`), pure engines over it (:mod:`zopa.space`,
:mod:`zopa.evidence`), and thin faces on top (:mod:`zopa.cli`).
"""

__version__ = "0.1.0"
