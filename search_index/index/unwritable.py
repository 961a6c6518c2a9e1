"""When the index cache cannot be written: a full disk, a read-only or missing folder.

The store (:mod:`search_index.index.store`) calls these when a write fails:

* a full disk that stops an update keeps the index as it was (still whole: Whoosh commits
  nothing half-written), after removing the segment files the failed writer left;
* otherwise the index goes to one folder of this user's in the system's temporary directory,
  the same on every run, and a run that cannot write there either leaves nothing behind;
* a later run whose cache has no room for the temporary index an earlier run built goes
  straight to it instead of starting a build that the full disk would stop again.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from whoosh import index as windex

from search_index.errors import IndexError_
from search_index.index.folder import STATE_FILE, ours_and_private, private_files
from search_index.index.report import SyncReport, say
from search_index.ingest.reading import FileInfo

if TYPE_CHECKING:
    from search_index.index.store import IndexStore

FULL = {errno.ENOSPC, errno.EDQUOT}  # the disk or the user's quota is full
UNWRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.ENOTDIR, errno.EEXIST}


def temporary_folder(name: str) -> Path:
    """The folder of this user's temporary index of a corpus whose index folder is ``name``."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"gxq-tui-{uid}" / name


def holds_index(folder: Path) -> bool:
    """True when ``folder`` holds a finished index (a state file beside its Whoosh folder)."""
    return (folder / STATE_FILE).is_file() and (folder / "whoosh").is_dir()


def size_of(folder: Path) -> int:
    """Bytes of the files directly in ``folder``."""
    with contextlib.suppress(OSError):
        return sum(e.stat().st_size for e in os.scandir(folder) if e.is_file(follow_symlinks=False))
    return 0


def free_bytes(folder: Path) -> int | None:
    """Free bytes on the file system of ``folder`` (or of its nearest existing parent)."""
    place = folder
    while not place.exists() and place != place.parent:
        place = place.parent
    try:
        return shutil.disk_usage(place).free
    except OSError:
        return None


def no_room_here(folder: Path) -> bool:
    """True when an earlier run left a temporary index of this corpus and ``folder`` has less
    free space than that index takes: a build here would stop on a full disk again."""
    temporary = temporary_folder(folder.name)
    if not holds_index(temporary):
        return False
    free = free_bytes(folder)
    return free is not None and free < size_of(temporary / "whoosh")


def drop_unfinished(whoosh_dir: Path) -> None:
    """Remove segment files that the index's table of contents does not name (what a writer
    stopped before its commit left behind)."""
    with contextlib.suppress(Exception):  # a best effort: a later commit removes them too
        ix = windex.open_dir(str(whoosh_dir))
        windex.clean_files(ix.storage, ix.indexname, ix.latest_generation(), ix._segments())


def discard_unless_index(folder: Path) -> None:
    """Remove a temporary index folder that holds no finished index."""
    if not holds_index(folder):
        shutil.rmtree(folder, ignore_errors=True)


def refuse(folder: Path) -> None:
    """Raise the full disk's OSError for ``folder`` (see :func:`no_room_here`)."""
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder))


def as_it_was(store: IndexStore, exc: OSError, files: list[FileInfo], rebuild: bool, warn) -> SyncReport | None:
    """After a full disk stopped an update: the index as it was (None when there is none
    or a rebuild was asked for), without what the stopped writer left."""
    if exc.errno not in FULL or rebuild or store.rebuild_reason(store.load_state()):
        return None
    drop_unfinished(store.whoosh_dir)
    say(warn, f"warning: cannot update the index in {store.folder} ({exc.strerror}); searching it as it was")
    report = store.as_recorded("none") or SyncReport()
    report.files, report.stale, report.reason = len(files), True, f"not updated ({exc.strerror})"
    return report


def elsewhere(store: IndexStore, exc: OSError, rebuild: bool, start_over, warn) -> SyncReport:
    """Index in this user's temporary folder for this run; when that cannot be written
    either, one line, and no unfinished index left there."""
    cache = store.folder
    fall_back(store, exc, warn)
    try:
        return start_over(f"temporary index ({exc.strerror})", rebuild=rebuild)
    except OSError as again:
        kept = as_it_was(store, again, [], rebuild, warn)
        if kept is not None:
            return kept
        discard_unless_index(store.folder)
        raise IndexError_(
            f"cannot write the index in {cache} ({exc.strerror}) nor in {store.folder} ({again.strerror or again});"
            " free some space or choose another folder with --index-dir"
        ) from again


def fall_back(store: IndexStore, exc: OSError, warn) -> None:
    """Move ``store`` to a folder of this user's in the system's temp directory for this
    run: the same folder on every run (reused, not multiplied), owner-only."""
    tmp = temporary_folder(store.folder.name)
    with private_files():
        tmp.parent.mkdir(parents=True, exist_ok=True)
        if ours_and_private(tmp.parent):  # not a link or a folder someone else made
            tmp.mkdir(exist_ok=True)
    if not ours_and_private(tmp.parent):
        raise IndexError_(f"cannot write the index in {store.folder} ({exc.strerror}), and {tmp.parent} is not private")
    say(warn, f"warning: cannot write the index cache {store.folder} ({exc.strerror}); using {tmp} for this run")
    store.move_to(tmp)
