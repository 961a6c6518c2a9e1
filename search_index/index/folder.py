"""The index folder: where it is, owner-only files, the lock between processes, and the
leftovers of killed runs."""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

try:  # the built-in SHA-1, as ``random`` takes its SHA-512: ``hashlib`` loads OpenSSL first (4 ms of a cold search)
    from _sha1 import sha1
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import sha1

try:  # POSIX advisory locks; elsewhere two processes rely on Whoosh's own writer lock
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

PRIVATE_FILE, PRIVATE_DIR = 0o600, 0o700
STATE_FILE = "state.json"  # in an index folder: the format and every corpus file as last synced
LEFTOVER = re.compile(r"(?:whoosh\.building-|whoosh\.old-|.*\.)(\d+)(?:\.tmp)?$")


def write_private(path: Path, write: Callable[[BinaryIO], object]) -> bool:
    """Write a file owner-only beside ``path`` with ``write``, then put it in ``path``'s place,
    so that readers see the old file or the whole new one. A cache folder that cannot be
    written is no error: the old file stays, the partial one goes, and False is returned."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
        with open(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False
    return True


def default_base() -> Path:
    """Base folder of all indexes: GXQ_INDEX_DIR or the per-user cache directory."""
    env = os.environ.get("GXQ_INDEX_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs  # here: a command given --index-dir (or GXQ_INDEX_DIR) never needs it

    return Path(platformdirs.user_cache_dir("gxq-tui")) / "indexes"


def index_folder(corpus: Path, base: Path | None = None) -> Path:
    """The folder that holds the index of ``corpus``."""
    real = Path(corpus).resolve()
    digest = sha1(str(real).encode()).hexdigest()[:12]
    slug = "".join(ch if ch.isalnum() else "-" for ch in real.name)[:40] or "corpus"
    return (base or default_base()) / f"{slug}-{digest}"


@contextlib.contextmanager
def sync_lock(folder: Path, warn) -> Iterator[None]:
    """Hold ``sync.lock`` in the index folder; wait (saying so) if another process has it."""
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(folder, PRIVATE_DIR)  # a folder made by an older version: close it
    if fcntl is None:
        yield
        return
    with open(folder / "sync.lock", "a+b") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if warn:
                warn(f"waiting for another gxq-tui that is indexing this corpus ({folder})…")
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextlib.contextmanager
def private_files() -> Iterator[None]:
    """Create files owner-only (0600, folders 0700) whatever the umask, in this process and
    in the processes it starts meanwhile (they inherit the umask)."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def tighten(folder: Path) -> None:
    """Make files of an index folder 0600 where a library chose another mode (Whoosh makes
    its lock file executable)."""
    for place in (folder, folder / "whoosh"):
        with contextlib.suppress(OSError):
            for entry in os.scandir(place):
                if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mode & 0o177:
                    os.chmod(entry.path, PRIVATE_FILE)


def ours_and_private(folder: Path) -> bool:
    """True when ``folder`` is a real folder of this user's that no one else may open."""
    st = folder.lstat()
    mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
    return mine and stat.S_ISDIR(st.st_mode) and not st.st_mode & 0o077


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def remove_leftovers(folder: Path, warn=None) -> int:
    """Remove what killed runs left in an index folder: ``whoosh.building-PID`` and
    ``whoosh.old-PID`` folders and ``*.PID.tmp`` files (also in ``whoosh/``) whose process is
    gone. Called under the sync lock; returns how many were removed."""
    import shutil  # here: only a sync removes anything (shutil imports bz2 and lzma)

    gone = 0
    for place in (folder, folder / "whoosh"):
        with contextlib.suppress(OSError):
            for entry in os.scandir(place):
                m = LEFTOVER.match(entry.name)
                is_tmp = entry.name.endswith(".tmp")
                if not m or (place != folder and not is_tmp) or (not is_tmp and "whoosh." not in entry.name):
                    continue
                if _alive(int(m.group(1))):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    Path(entry.path).unlink(missing_ok=True)
                gone += 1
    if gone and warn:
        warn(f"removed {gone} leftovers of interrupted runs from {folder}")
    return gone
