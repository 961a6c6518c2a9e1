"""Worker processes that exit when the process that started them dies.

A killed ``gxq-tui`` (SIGKILL, a closed terminal) cannot stop its preparing processes, which
would otherwise wait for work for a long time holding memory and files. Each one runs
:func:`watch_parent` first: a daemon thread that ends the process as soon as its parent is
gone (it is then adopted by another process, so its parent id changes).
"""

from __future__ import annotations

import os
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
