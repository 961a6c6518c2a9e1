"""Keeping the collector's full passes off what a long job already holds.

Python's cyclic collector now and then walks every container alive (a full pass, when the
old generation has grown by a quarter): during a build that is the extractor's tables and
whatever the caller holds, again and again, a tenth of a second at 3,000 articles. A job
that allocates much but makes no cycles worth collecting among those objects leaves them
out (``gc.freeze``) while it runs and puts them back when done. An outer freeze (a warmed
session's) is left as it is.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class Settled:
    """Freezes what is alive when :meth:`now` is first called; :meth:`release` undoes it."""

    def __init__(self) -> None:
        self._mine = False

    def now(self) -> None:
        if not self._mine and not gc.get_freeze_count():
            gc.freeze()
            self._mine = True

    def release(self) -> None:
        if self._mine:
            gc.unfreeze()
            self._mine = False


@contextmanager
def settled() -> Iterator[Settled]:
    """A :class:`Settled` released when the block ends."""
    held = Settled()
    try:
        yield held
    finally:
        held.release()


_trim: Callable[[int], int] | None = None


def give_back_freed() -> None:
    """Hand the heap's free pages back to the system (glibc's ``malloc_trim``; nothing
    elsewhere). Memory a build frees, such as its rows once the row cache holds them, stays
    in the process's resident set otherwise, beside whatever the next step maps or makes
    outside the heap (large buffers get mappings of their own)."""
    global _trim
    if _trim is None:
        try:
            import ctypes

            _trim = ctypes.CDLL(None).malloc_trim
        except (OSError, AttributeError):
            _trim = lambda pad: 0  # noqa: E731  # not glibc: nothing to do
    _trim(0)
