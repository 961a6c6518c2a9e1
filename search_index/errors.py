"""The engine's exceptions, in a module of their own so that callers (the app above all) can
catch them without importing Whoosh and the analysis stack.

Every error the user can act on is a :class:`GxqError` with a one-line message (a bad query,
corpus folder, index folder or config file); any other exception is a bug."""

from __future__ import annotations


class GxqError(Exception):
    """An error the user can fix; the message is one line naming the problem."""

    def __init__(self, message: str = "") -> None:
        super().__init__(" ".join(str(message).split()))


class QueryError(GxqError, ValueError):
    """A query that cannot be run; the message is one line for the user."""


class CorpusError(GxqError):
    """The corpus folder itself is unusable (missing, not a folder)."""


class ConfigError(CorpusError, ValueError):
    """A file of the user's settings (dictionary, saved searches) cannot be used; the message
    names the file, the problem and the fix. A CorpusError, so that callers that report an
    unusable corpus report it the same way."""


class IndexError_(GxqError):
    """The index cannot be written or read (locked, unwritable folder)."""


class Cancelled(Exception):
    """Indexing was stopped on request; the index keeps its last committed state."""
