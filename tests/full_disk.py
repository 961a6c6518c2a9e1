"""A full disk for tests, in this process and in every process started from it.

No small file system can be mounted here, so writes are refused the way a full one refuses
them: once a process has written ``budget`` bytes to files below ``under`` (whose path also
matches ``match``), every further write raises ``OSError(ENOSPC)``, and ``shutil.disk_usage``
reports no free space there. :func:`environment` gives a sub-process (and the indexing
processes it spawns, which start a fresh interpreter) the same disk through a
``sitecustomize`` module; each refusal is logged to ``log``, if given, as ``PID PATH``.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = """import os
if os.environ.get("GXQ_TEST_FULL_UNDER"):
    from tests.full_disk import install_from_env
    install_from_env()
"""


def install(under: str, budget: int = 0, match: str = "", log: str = "") -> None:
    """Make the disk below ``under`` full for this process (for good: tests use a sub-process)."""
    real_open, real_usage = io.open, shutil.disk_usage
    pattern = re.compile(match)
    used = [0]

    def refused(path: str) -> OSError:
        if log:
            with real_open(log, "a", encoding="utf-8") as fh:
                fh.write(f"{os.getpid()} {path}\n")
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)

    class FullFile:
        def __init__(self, f, path: str):
            self._f, self._path = f, path

        def write(self, data):
            used[0] += len(data)
            if used[0] > budget:
                raise refused(self._path)
            return self._f.write(data)

        def __getattr__(self, name):
            return getattr(self._f, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._f.close()

    def path_of(file) -> str:
        return os.readlink(f"/proc/self/fd/{file}") if isinstance(file, int) else os.path.abspath(os.fsdecode(file))

    def full_open(file, mode="r", *args, **kwargs):
        f = real_open(file, mode, *args, **kwargs)
        path = path_of(file)
        if any(c in mode for c in "wax+") and path.startswith(under) and pattern.search(path):
            return FullFile(f, path)
        return f

    def full_usage(path):
        usage = real_usage(path)
        return usage._replace(free=0) if os.path.abspath(os.fsdecode(path)).startswith(under) else usage

    builtins.open = io.open = full_open
    shutil.disk_usage = full_usage


def install_from_env() -> None:
    """:func:`install` with the settings :func:`environment` put in the environment."""
    env = os.environ
    install(
        env["GXQ_TEST_FULL_UNDER"],
        int(env.get("GXQ_TEST_FULL_BYTES", "0")),
        env.get("GXQ_TEST_FULL_MATCH", ""),
        env.get("GXQ_TEST_FULL_LOG", ""),
    )


def environment(site: Path, under: Path, budget: int = 0, match: str = "", log: Path | None = None) -> dict:
    """Environment variables for a sub-process whose disk below ``under`` is full."""
    site.mkdir(parents=True, exist_ok=True)
    (site / "sitecustomize.py").write_text(SITE, encoding="utf-8")
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]),
        "GXQ_TEST_FULL_UNDER": str(under),
        "GXQ_TEST_FULL_BYTES": str(budget),
        "GXQ_TEST_FULL_MATCH": match,
        "GXQ_TEST_FULL_LOG": str(log or ""),
    }
