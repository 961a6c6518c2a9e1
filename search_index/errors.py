"""The engine's exceptions, in a module of their own so that callers (the app above all) can
catch them without importing Whoosh and the analysis stack."""

from __future__ import annotations


class QueryError(ValueError):
    """A query that cannot be run; the message is one line for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


class CorpusError(Exception):
    """The corpus folder itself is unusable (missing, not a folder)."""


class IndexError_(Exception):
    """The index cannot be written or read (locked, unwritable folder)."""


class Cancelled(Exception):
    """Indexing was stopped on request; the index keeps its last committed state."""
