"""The pages of the mapped cache files leave the resident set once queries stop.

A query maps the pages of the rows it reads (a page cache of large folios maps a megabyte or
two for each), and giving them back (``madvise``) costs the next query a page fault for every
page it reads again: about 5 µs each, 1-4 ms a query at 82,000 articles. So the pages are
given back once no query has run for :data:`AFTER_S` seconds, by a timer thread: a burst of
queries (typing, paging, adding filters, a benchmark's mix) maps each page once, and an
engine left idle holds none of them. The system's file cache keeps them either way.
"""

from __future__ import annotations

import mmap
import threading
import time
from collections.abc import Callable

from search_index.index.mapped import give_back

AFTER_S = 0.5  # seconds without a query before the pages are given back


class IdlePages:
    """Gives back the pages of ``mappings()`` once ``after`` seconds pass with no query.
    :meth:`queried` is called under ``lock`` when a query ends; the timer takes ``lock``
    too, so no query runs while the pages go."""

    def __init__(self, lock: threading.RLock, mappings: Callable[[], list[mmap.mmap]], after: float = AFTER_S) -> None:
        self._lock = lock
        self._mappings = mappings
        self.after = after
        self._last = 0.0  # when the last query ended (time.monotonic)
        self._timer: threading.Timer | None = None
        self.given_back = threading.Event()  # set while no page a query read is kept
        self.given_back.set()

    def queried(self) -> None:
        """A query ended (call under the lock): give the pages back ``after`` seconds from now,
        unless another query ends before."""
        self._last = time.monotonic()
        self.given_back.clear()
        if self._timer is None:
            self._start(self.after)

    def now(self, mappings: list[mmap.mmap] | None = None) -> None:
        """Give the pages back now (call under the lock): those of ``mappings`` when given."""
        for mapped in self._mappings() if mappings is None else mappings:
            give_back(mapped, 0, len(mapped))
        self.given_back.set()

    def _start(self, delay: float) -> None:
        timer = threading.Timer(delay, self._due)
        timer.daemon = True  # a process that ends does not wait for it
        self._timer = timer
        timer.start()

    def _due(self) -> None:
        with self._lock:
            left = self._last + self.after - time.monotonic()
            if left > 0:  # a query ended since: wait for the rest of its idle time
                self._start(left)
                return
            self._timer = None
            self.now()
