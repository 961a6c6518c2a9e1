"""Worker processes that exit when the process that started them dies.

A killed ``gxq-tui`` (SIGKILL, a closed terminal) cannot stop its preparing and writing
processes, which would otherwise wait for work for a long time holding memory and files.
Each one runs :func:`watch_parent` first: a daemon thread that ends the process as soon as
its parent is gone (it is then adopted by another process, so its parent id changes).
"""

from __future__ import annotations

import os
import sys
import threading
import time

POLL_SECONDS = 0.5


def watch_parent(parent: int, poll: float = POLL_SECONDS) -> None:
    """Start a daemon thread that exits this process when its parent process (``parent``,
    the id the starting process gave: it may be gone before this runs) is gone."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll)
        os._exit(70)  # the parent is gone: nobody will collect this process's work

    threading.Thread(target=watch, name="gxq-parent-watch", daemon=True).start()


def run_subwriter(parent: int, *args) -> None:
    """Whoosh's sub-writer entry point (``spawn`` start method), watched."""
    from whoosh.multiproc import _run_subwriter

    watch_parent(parent)
    try:
        _run_subwriter(*args)
    except OSError as exc:  # a full or unwritable disk: the parent says so in one line
        print(f"gxq-tui: index writer stopped: {exc.strerror or exc}", file=sys.stderr)
        sys.exit(1)


def watch_subwriters(writer) -> None:
    """Make a Whoosh multi-process writer start its sub-writers through :func:`run_subwriter`."""
    if getattr(writer, "start_method", None) is None or not hasattr(writer, "_new_task"):
        return

    def new_task():
        args = (
            writer.storage,
            writer.indexname,
            writer.jobqueue,
            writer.resultqueue,
            writer.subargs,
            writer.multisegment,
        )
        task = writer._mpctx.Process(target=run_subwriter, args=args)
        writer.tasks.append(task)
        task.start()
        return task

    writer._new_task = new_task
