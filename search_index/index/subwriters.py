"""Whoosh's multi-process writer, made safe to start anywhere and to fail in one piece.

Whoosh's sub-writers run jieba analysis and write one segment each. Three things are added:

* they start wherever we run (see :mod:`search_index.index.workers`), and the job queue never
  blocks, so a sub-writer that died cannot hang the writer;
* each sub-writer watches the process that started it and exits once it is gone (a killed
  ``gxq-tui`` would otherwise leave them waiting for work); the watch is started inside the
  sub-writer's own entry point, with the parent's id passed in, so every segment is still
  written and handed back as before;
* a sub-writer that cannot write (a full disk, a folder taken away) exits quietly with the
  error number in its exit code, and the commit raises that :class:`OSError` in this process
  before anything is committed: the caller says it in one line, no sub-process traceback.
  A sub-writer that died any other way makes the commit raise :class:`WorkersUnavailable`.
"""

from __future__ import annotations

import os
import sys

from whoosh.multiproc import MpWriter

from search_index.index.orphan import watch_parent
from search_index.index.workers import WorkersUnavailable, starting_workers

ERRNO_EXIT = 100  # a sub-writer's exit code is this plus the errno of the OSError that stopped it


def run_subwriter(parent: int, *args) -> None:
    """A sub-writer's entry point: Whoosh's own, watched, with a write error as an exit code."""
    from whoosh.multiproc import _run_subwriter

    watch_parent(parent)
    try:
        _run_subwriter(*args)
    except OSError as exc:
        if not exc.errno or ERRNO_EXIT + exc.errno > 255:
            raise
        sys.exit(ERRNO_EXIT + exc.errno)  # told to the user once, by the parent


def failure(exitcode: int | None) -> Exception | None:
    """What a finished sub-writer's exit code means: None (it finished its segment), the
    OSError that stopped it, or WorkersUnavailable (it died some other way)."""
    if exitcode == 0:
        return None
    if exitcode is not None and exitcode > ERRNO_EXIT:
        number = exitcode - ERRNO_EXIT
        return OSError(number, os.strerror(number))
    return WorkersUnavailable(f"a writer process stopped (exit code {exitcode})")


class SafeMpWriter(MpWriter):
    """Whoosh's multi-process writer with watched sub-writers, a job queue that never blocks,
    and a commit that fails as a whole when a sub-writer failed."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self.jobqueue = self._mpctx.Queue()

    def _new_task(self):
        args = (self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs, self.multisegment)
        task = self._mpctx.Process(target=run_subwriter, args=(os.getpid(), *args))
        self.tasks.append(task)
        with starting_workers():
            task.start()
        return task

    def _commit(self, mergetype, optimize, merge):
        """Let every sub-writer finish, raise what stopped one, then commit as Whoosh does."""
        if self.docbuffer:
            self._enqueue()
        for _task in self.tasks:
            self.jobqueue.put(None)
        for task in self.tasks:
            task.join()
        for task in self.tasks:
            problem = failure(task.exitcode)
            if problem is not None:
                raise problem
        super()._commit(mergetype, optimize, merge)
