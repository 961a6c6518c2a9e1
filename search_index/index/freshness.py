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

from search_index.index.folder import STATE_FILE, index_folder
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
    if not isinstance(folders, dict) or "" not in folders or not len(names) == len(sizes) == len(mtimes):
        return False
    base = str(root)
    try:
        for rel, mtime in folders.items():
            if os.stat(os.path.join(base, rel) if rel else base).st_mtime_ns != mtime:
                return False
        if os.stat not in os.supports_dir_fd:
            return _files_unchanged([os.path.join(base, rel) for rel in names], sizes, mtimes)
        fd = os.open(base, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # a folder gone
        return False
    try:
        return _files_unchanged(names, sizes, mtimes, fd)
    finally:
        os.close(fd)


def _files_unchanged(paths: Sequence[str], sizes: Sequence, mtimes: Sequence, dir_fd: int | None = None) -> bool:
    """True when every file has its size and mtime. The loop is the check's cost at scale
    (one stat each): kept to the stat and two comparisons, with no call or tuple between."""
    stat = os.stat
    try:
        for rel, size, mtime in zip(paths, sizes, mtimes, strict=True):
            st = stat(rel, dir_fd=dir_fd)
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


_STARTED: dict[tuple[str, str | None], Verdict] = {}  # checks a command line started, by its corpus and index folder


def early_status(corpus: str, index_dir: str | None) -> int:
    """The check of a child that a command line forked before importing anything (it knew
    only its ``--corpus`` and ``--index-dir``, None for the default base): its exit status, 0
    when the corpus is as its index recorded it, 1 when not or when there is no index."""
    return 0 if _unchanged_as_recorded(Path(corpus), _state_of(corpus, index_dir)) else 1


def adopt_early(corpus: str, index_dir: str | None, pid: int) -> None:
    """Keep the check running in child ``pid`` (:func:`early_status` of the same arguments)
    for the first :func:`unchanged_later` of that corpus and index to take up."""
    _STARTED[(corpus, index_dir)] = Verdict(pid)


def _state_of(corpus: str, index_dir: str | None) -> Path:
    return index_folder(Path(corpus), Path(index_dir) if index_dir else None) / STATE_FILE


def _take_early(root: Path, state_path: Path) -> Verdict | None:
    """The check a command line started for this corpus and state file, if any (once)."""
    for key in list(_STARTED):
        if Path(key[0]) == root and _state_of(*key) == state_path:
            return _STARTED.pop(key)
    return None


def unchanged_later(root: Path, state_path: Path) -> Verdict:
    """Whether every folder and file recorded in the state's binary twin
    (:func:`~search_index.index.quickstate.load_check`) is as it was, found by a child process
    that reads the table and stats them while this process goes on (a forked child needs no
    start-up); call the verdict for the answer (False too when the twin cannot be read). Where
    forking is not safe (no ``fork``, or other threads running whose locks the child would
    inherit) or fails, the check runs here and now. A check started early for the same corpus
    and state file (:func:`adopt_early`) is taken up instead of starting another."""
    early = _take_early(root, state_path) if _STARTED else None
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
