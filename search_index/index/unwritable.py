"""When the index cache cannot be written: a full disk, a read-only or missing folder.

The store (:mod:`search_index.index.store`) decides what to do; these are its tools:

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

from whoosh import index as windex

FULL = {errno.ENOSPC, errno.EDQUOT}  # the disk or the user's quota is full


def temporary_folder(name: str) -> Path:
    """The folder of this user's temporary index of a corpus whose index folder is ``name``."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"gxq-tui-{uid}" / name


def holds_index(folder: Path) -> bool:
    """True when ``folder`` holds a finished index (a state file beside its Whoosh folder)."""
    return (folder / "state.json").is_file() and (folder / "whoosh").is_dir()


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
