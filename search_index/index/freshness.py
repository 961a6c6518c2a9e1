"""Whether a corpus is as its index last saw it, without listing every folder.

A full sync lists every folder and compares each corpus file's size and mtime with
``state.json``. The quick check asks the file system less and promises the same: it stats
every folder recorded at the last sync (a file added, removed or renamed changes its
folder's mtime, and so does a new subfolder) and every recorded file (an edit in place
changes the file's size or mtime). Folder mtimes are taken *before* the sync lists the
corpus, so a file written during a sync shows as a change next time. Anything that differs,
or a state written before folders were recorded, means: do the full sync.
"""

from __future__ import annotations

import os
from pathlib import Path


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
    if not isinstance(folders, dict) or not isinstance(files, dict) or "" not in folders:
        return False
    base = str(root)
    stat = os.stat
    try:
        for rel, mtime in folders.items():
            if stat(os.path.join(base, rel) if rel else base).st_mtime_ns != mtime:
                return False
        for rel, entry in files.items():
            st = stat(os.path.join(base, rel))
            if st.st_mtime_ns != entry.get("mtime_ns") or st.st_size != entry.get("size"):
                return False
    except OSError:  # a folder or file gone
        return False
    return True
