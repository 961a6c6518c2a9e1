"""The engine's exceptions, in a module of their own so that callers (the app above all) can
catch them without importing Whoosh and the analysis stack.

Every error the program expects is a :class:`GxqError` with a one-line message. A
:class:`UserError` is one the user made and can fix by asking again (a bad query or date, an
unknown article id or saved search, a bad ``--field``, a dictionary that cannot be used); the
command line exits with its ``status`` (2). Other ``GxqError``\\ s name a corpus, index or
settings file that cannot be used (status 1). Any other exception is a bug, never reported as
bad input::

    GxqError                 status 1
    ├── UserError            status 2
    │   ├── QueryError       (also a ValueError) a query, filter, sort or date range
    │   ├── UnknownArticle   (also a LookupError) no article with that id
    │   ├── UnknownSaved     (also a LookupError) no saved search of that name
    │   ├── FieldError       (also a ValueError) a --field option or fields.toml entry
    │   └── DictionaryError  (also a ConfigError) the user dictionary
    ├── CorpusError          the corpus folder is missing or not a folder
    │   └── ConfigError      (also a ValueError) a settings file: saved searches, dictionary
    └── IndexError_          the index cannot be written or read (locked, unwritable, damaged)

``Damaged`` (index/memo.py) and ``Incomplete`` (index/writing.py) never leave their modules (a
damaged row cache is rebuilt, a lost worker's articles are indexed again), so they stay there.
"""

from __future__ import annotations


class GxqError(Exception):
    """An error the program expects; the message is one line naming the problem."""

    status = 1  # the command line's exit status

    def __init__(self, message: str = "") -> None:
        super().__init__(" ".join(str(message).split()))


class UserError(GxqError):
    """Input the user can correct (what they typed, chose or wrote in a settings file)."""

    status = 2


class QueryError(UserError, ValueError):
    """A query that cannot be run; the message is one line for the user."""


class UnknownArticle(UserError, LookupError):
    """No article has this id (or the prefix names none, or several)."""


class UnknownSaved(UserError, LookupError):
    """No saved search has this name."""


class FieldError(UserError, ValueError):
    """A --field option or fields.toml entry that cannot be used."""


class CorpusError(GxqError):
    """The corpus folder itself is unusable (missing, not a folder)."""


class ConfigError(CorpusError, ValueError):
    """A file of settings (the saved searches, the dictionary) cannot be used; the message
    names the file, the problem and the fix. A CorpusError, so that callers that report an
    unusable corpus report it the same way."""


class DictionaryError(ConfigError, UserError):
    """The user dictionary, a file the user writes, cannot be used; the message names the file
    and the fix."""


class IndexError_(GxqError):
    """The index cannot be written or read (locked, unwritable folder)."""


class Cancelled(Exception):
    """Indexing was stopped on request (not an error); the index keeps its last committed state."""
