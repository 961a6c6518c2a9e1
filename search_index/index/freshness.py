"""Whether a corpus is as its index last saw it, without listing every folder.

A full sync lists every folder and compares each corpus file's size and mtime with
``state.json``. The quick check asks the file system less and promises the same: it stats
every folder recorded at the last sync (a file added, removed or renamed changes its
folder's mtime, and so does a new subfolder) and every recorded file (an edit in place
changes the file's size or mtime). Folder mtimes are taken *before* the sync lists the
corpus, so a file written during a sync shows as a change next time. Anything that differs,
or a state written before folders were recorded, means: do the full sync.

The stats cost about as much as the rest of a cold search (a few microseconds each: 74,000
files took 0.25 s here), so a command can have them done by a child process
(:func:`unchanged_later`) while it opens the index and searches, and ask for the verdict
before it prints anything; a change found means the command is run again after a full sync.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

from search_index.index.quickstate import load_check


def folder_mtimes(root: Path) -> dict[str, int]:
    """Every folder below ``root`` that a sync lists (not hidden ones; symbolic links
    followed without looping) → its mtime in nanoseconds; '' is the root."""
    found: dict[str, int] = {}
    seen: set[tuple[int, int]] = set()

    def walk(directory: str, rel: str) -> None:
        try:
            st = os.stat(directory)
            if (st.st_dev, st.st_ino) in seen:
                return
            seen.add((st.st_dev, st.st_ino))
            found[rel] = st.st_mtime_ns
            entries = list(os.scandir(directory))
        except OSError:
            return  # the sync reports unreadable folders
        for entry in entries:
            try:
                if not entry.name.startswith(".") and entry.is_dir(follow_symlinks=True):
                    walk(entry.path, f"{rel}{entry.name}/")
            except OSError:
                continue

    walk(str(root), "")
    return found


def unchanged(root: Path, state: dict) -> bool:
    """True when every folder and file recorded in ``state`` is as it was then."""
    folders, files = state.get("folders"), state.get("files")
    if not isinstance(files, dict):
        return False
    sizes = [entry.get("size") for entry in files.values()]
    mtimes = [entry.get("mtime_ns") for entry in files.values()]
    return unchanged_table(root, folders, list(files), sizes, mtimes)


def unchanged_table(root: Path, folders, names: Sequence[str], sizes: Sequence, mtimes: Sequence) -> bool:
    """True when every recorded folder has its mtime and every file (``names[i]``, relative
    to ``root``) its size and mtime. Files are stat-ed relative to the open root folder."""
    if not isinstance(folders, dict) or "" not in folders:
        return False
    base = str(root)
    stat = os.stat
    try:
        for rel, mtime in folders.items():
            if stat(os.path.join(base, rel) if rel else base).st_mtime_ns != mtime:
                return False
        if stat not in os.supports_dir_fd:
            return _files_unchanged(lambda rel: stat(os.path.join(base, rel)), names, sizes, mtimes)
        fd = os.open(base, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # a folder gone
        return False
    try:
        return _files_unchanged(lambda rel: stat(rel, dir_fd=fd), names, sizes, mtimes)
    finally:
        os.close(fd)


def _files_unchanged(stat_of, names: Sequence[str], sizes: Sequence, mtimes: Sequence) -> bool:
    try:
        for rel, size, mtime in zip(names, sizes, mtimes, strict=True):
            st = stat_of(rel)
            if st.st_mtime_ns != mtime or st.st_size != size:
                return False
    except OSError:  # a file gone
        return False
    return True


class Verdict:
    """The answer of :func:`unchanged_table` for a check that may still be running in a child
    process: calling it waits for the child (once) and gives True when nothing changed."""

    def __init__(self, pid: int = 0, answer: bool | None = None) -> None:
        self.pid = pid  # the child doing the stats; 0 when the check ran in this process
        self._answer = answer

    @property
    def forked(self) -> bool:
        """True when the stats ran in a child process, in parallel with the caller."""
        return bool(self.pid)

    def __call__(self) -> bool:
        if self._answer is None:
            try:
                _pid, status = os.waitpid(self.pid, 0)
                self._answer = os.waitstatus_to_exitcode(status) == 0
            except ChildProcessError:  # reaped elsewhere: no verdict, so not unchanged
                self._answer = False
        return self._answer


_STARTED: dict[tuple[str, str], Verdict] = {}  # checks started early, by (corpus, state file)


def start_early(root: Path, state_path: Path) -> None:
    """Start the check of :func:`unchanged_later` now, before the caller's heavy imports, for
    the first ``unchanged_later`` of the same corpus and state file to take up (a command
    line knows its corpus before it imports the engine; the stats then overlap the imports)."""
    _STARTED[(str(root), str(state_path))] = unchanged_later(root, state_path)


def unchanged_later(root: Path, state_path: Path) -> Verdict:
    """Whether every folder and file recorded in the state's binary twin
    (:func:`~search_index.index.quickstate.load_check`) is as it was, found by a child process
    that reads the table and stats them while this process goes on (a forked child needs no
    start-up); call the verdict for the answer (False too when the twin cannot be read). Where
    forking is not safe (no ``fork``, or other threads running whose locks the child would
    inherit) or fails, the check runs here and now. A check started early for the same corpus
    and state file (:func:`start_early`) is taken up instead of starting another."""
    early = _STARTED.pop((str(root), str(state_path)), None)
    if early is not None:
        return early
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return Verdict(answer=_unchanged_as_recorded(root, state_path))
    try:
        pid = os.fork()
    except OSError:
        return Verdict(answer=_unchanged_as_recorded(root, state_path))
    if pid == 0:  # the child: stat, answer with the exit status, never return into the caller
        status = 2
        try:
            status = 0 if _unchanged_as_recorded(root, state_path) else 1
        finally:
            os._exit(status)
    return Verdict(pid)


def _unchanged_as_recorded(root: Path, state_path: Path) -> bool:
    recorded = load_check(state_path)
    return recorded is not None and unchanged_table(root, *recorded[1])
