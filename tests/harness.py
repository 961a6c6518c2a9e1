"""The one test harness (no test module imports another): waits that end on events, what the
app shows, index and folder helpers, and other processes.

App waits end on an event: a worker finishing (``workers.wait_for_complete``), the screen
having handled every message queued so far (``pilot.pause(0)``) or a reactive's watcher firing.
Nothing waits for the CPU to look idle, which is what a bare ``pilot.pause()`` does (20 ms or
more a call). Other processes send no events: their tests check the condition itself (a folder
appearing, a process starting) and wait for an exit on a pidfd.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import marshal
import os
import select
import time
from collections.abc import Callable
from multiprocessing import resource_tracker
from pathlib import Path

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input
from textual.worker import WorkerCancelled

from search_index import Engine
from search_index.index.columns import Lists
from search_index.index.memo import Memo
from tui.widgets.results import ResultList

NEWS_FILES = 600  # about 0.7 MB of one-article files: enough for indexing to start worker processes
QUIET_ROUNDS = 3  # message rounds with no worker running before the app counts as settled


def _busy(app: App) -> list:
    return [w for w in app.workers if not w.is_finished]


async def settle(app: App, pilot: Pilot, rounds: int = 400) -> None:
    """Wait until no worker runs and the messages they posted (and what those set off) have
    been handled. The debounce is 0 in tests (``GXQ_DEBOUNCE_MS``), so typing starts its
    search at once."""
    quiet = 0
    for _ in range(rounds):
        await pilot.pause(0)  # the screen handles every message queued so far
        busy = _busy(app)
        if busy:
            quiet = 0
            try:
                await app.workers.wait_for_complete(busy)
            except WorkerCancelled:
                pass  # an exclusive search superseded by a newer one: that is the design
            continue
        quiet += 1
        if quiet >= QUIET_ROUNDS:
            return
    raise AssertionError(f"workers still running: {[w.name for w in _busy(app)]}")


async def settle_for_snapshot(pilot: Pilot) -> None:
    """Settle with the cursor's blink off (a blinking cursor makes snapshots depend on timing)."""
    for box in pilot.app.query(Input):
        box.cursor_blink = False
    await settle(pilot.app, pilot)


async def wait_for_value(
    app: App, widget: Widget, attribute: str, condition: Callable[[object], bool], timeout: float = 60.0
) -> None:
    """Let the app run until ``condition`` holds for a reactive ``attribute`` of ``widget``
    (something a worker makes the app show, such as indexing progress): woken by the
    attribute's watcher, never by polling."""
    reached = asyncio.Event()

    def check(value: object) -> None:
        if condition(value):
            reached.set()

    app.watch(widget, attribute, check)  # also checks the value it has now
    await asyncio.wait_for(reached.wait(), timeout)


def results(app: App) -> ResultList:
    """The result list."""
    return app.query_one(ResultList)


def status(app: App) -> str:
    """The status line's text."""
    return str(app.query_one("#status").render())


async def type_query(app: App, pilot: Pilot, text: str) -> None:
    """Put ``text`` into the search box as one paste and wait for its search (one search, where
    typing would run one a key: tests of typing itself press the keys)."""
    box = app.query_one("#query", Input)
    box.focus()
    if text:
        box.post_message(events.Paste(text))
    await settle(app, pilot)


def record_notifications(app: App) -> list[str]:
    """Every notification's message the app shows from now on (through the public ``notify``)."""
    seen: list[str] = []
    notify = app.notify

    def recording(message, *args, **kwargs):
        seen.append(str(message))
        return notify(message, *args, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    return seen


def fresh_tracker() -> None:
    """Stop multiprocessing's resource tracker, so the next worker start must launch it
    again from where the test stands (an earlier test may have started it)."""
    stop = getattr(resource_tracker._resource_tracker, "_stop", None)
    if stop is not None:
        stop()


# -- indexes and folders -----------------------------------------------------------------------
def edit_state(engine: Engine, **changes) -> None:
    """Change fields of an index's ``state.json``, as another version would have left it."""
    path = engine.store.state_path
    path.write_text(json.dumps({**json.loads(path.read_text(encoding="utf-8")), **changes}), encoding="utf-8")


def tree_fingerprint(root: Path) -> dict[str, tuple[str, int]]:
    """Hash and mtime of every file below ``root``."""
    return {
        str(p.relative_to(root)): (hashlib.sha1(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# -- other processes ----------------------------------------------------------------------------
def wait_for(condition: Callable[[], object], timeout: float = 60.0, what: str = "condition") -> None:
    """Check ``condition()`` until it holds, for state outside this process that sends no event
    (a folder another process creates); ``timeout`` bounds a failing run only."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} never held")
        time.sleep(0.02)


def children(pid: int) -> set[int]:
    """Ids of the processes whose parent is ``pid``."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(stat.parent.name))
    return found


def command_line(pid: int) -> str:
    """A process's command line ("" once it is gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
    except OSError:
        return ""


def running(pid: int) -> bool:
    """The process exists and is not a zombie (exited, not yet reaped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return False


def wait_for_exit(pids: set[int] | list[int], timeout: float = 30.0) -> list[int]:
    """Wait until each process has exited, woken by the kernel (a pidfd becomes readable when
    its process ends, child of ours or not); return those still running after ``timeout``."""
    deadline = time.monotonic() + timeout
    for pid in pids:
        try:
            fd = os.pidfd_open(pid)
        except ProcessLookupError:
            continue
        try:
            waiting = select.poll()  # not select(): a test process may hold over 1,024 descriptors
            waiting.register(fd, select.POLLIN)
            waiting.poll(max(0.0, deadline - time.monotonic()) * 1000)
        finally:
            os.close(fd)
    return [pid for pid in pids if running(pid)]


def memo_of(rows: list[tuple[str, str]]) -> Memo:
    """In-memory rows of (title, body) search keys, ids a0, a1, …, and no facet values."""
    memo = Memo()
    for n, (title, body) in enumerate(rows):
        memo.ids.append(f"a{n}")
        memo.titles.append(title)
        memo.bodies.append(body)
    memo.facets = Lists.of([] for _ in rows)
    memo.value_rows = Lists()
    return memo


def mapped_section_start(path: Path, section: str) -> int:
    """Where a mapped section of a row cache file (``memo.MAPPED``) starts its buffer."""
    from search_index.index import mapped
    from search_index.index import memo as memo_file

    with open(path, "rb") as fh:
        memo_file._head(fh)
        for name in Memo().__dict__:
            if name not in memo_file.MAPPED:
                memo_file._read_section(fh, marshal.load, name)
                continue
            _check, start, _size, _offsets, _extra = mapped.skip(fh, name)
            if name == section:
                return start
    raise KeyError(section)
