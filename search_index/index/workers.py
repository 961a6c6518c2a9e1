"""Starting worker processes safely wherever the engine runs: the CLI, the app, a plain script.

Two things go wrong with ``spawn`` outside a plain terminal program:

* inside Textual, ``sys.stderr`` is a print capture whose ``fileno()`` is -1, and
  ``multiprocessing`` passes that number to its resource-tracker process
  (``bad value(s) in fds_to_keep``): the tracker is started here with the real stderr;
* a script without ``if __name__ == "__main__":`` is run again by every spawned child, which
  then tries to start workers of its own and dies, while the parent waits for it forever:
  our workers run only library code, so they are started without re-running ``__main__``.

A start that fails anyway raises :class:`WorkersUnavailable`; the caller indexes in one process.
``multiprocessing`` is imported by the first start: a build in one process never loads it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import threading
from collections.abc import Callable, Iterator

_lock = threading.Lock()
_starting = 0  # how many of our process starts are under way
_original_preparation: Callable[[str], dict] | None = None  # spawn's own, once ours is in its place
DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS}


class WorkersUnavailable(Exception):
    """Worker processes could not be started (or died at once): index in one process."""


def _preparation_without_main(name: str) -> dict:
    """``spawn.get_preparation_data`` that, for our own starts, leaves ``__main__`` alone."""
    assert _original_preparation is not None
    data = _original_preparation(name)
    if _starting:
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
    return data


def _leave_main_alone() -> None:
    """Put :func:`_preparation_without_main` in ``spawn``'s place (once, before a first start)."""
    global _original_preparation
    from multiprocessing import spawn

    if _original_preparation is None:
        _original_preparation = spawn.get_preparation_data
        spawn.get_preparation_data = _preparation_without_main


def _usable_fd(stream) -> bool:
    try:
        return stream is not None and stream.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        return False


@contextlib.contextmanager
def _real_stderr() -> Iterator[None]:
    """``sys.stderr`` with a real file descriptor for the duration (a capture's -1 is not)."""
    if _usable_fd(sys.stderr):
        yield
        return
    saved = sys.stderr
    spare = None
    if _usable_fd(sys.__stderr__):
        sys.stderr = sys.__stderr__
    else:
        spare = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - closed below
    try:
        yield
    finally:
        sys.stderr = saved
        if spare is not None:
            spare.close()


@contextlib.contextmanager
def starting_workers() -> Iterator[None]:
    """Wrap every start of one of our worker processes: a real stderr for the resource
    tracker, no re-run of ``__main__`` in the child; a failure raises WorkersUnavailable."""
    global _starting
    with _lock:
        _leave_main_alone()
        _starting += 1
    try:
        if os.name == "posix":  # elsewhere multiprocessing starts no resource tracker
            from multiprocessing import resource_tracker

            with _real_stderr():
                resource_tracker.ensure_running()
        yield
    except (OSError, ValueError, RuntimeError) as exc:
        if isinstance(exc, OSError) and exc.errno in DISK_ERRORS:  # a write that failed, not a start
            raise
        raise WorkersUnavailable(f"worker processes cannot start ({type(exc).__name__}: {exc})") from exc
    finally:
        with _lock:
            _starting -= 1
