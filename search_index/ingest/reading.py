"""Find corpus files and decode them; never opens a corpus file for writing."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from search_index.errors import CorpusError
from search_index.ingest.encodings import PARAGRAPH_MARK, decode

# suffix → format; the formats package reads each one
FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
SUFFIXES = tuple(FORMATS)
BINARY_FORMATS = ("docx", "pdf")  # read from bytes, not decoded text
STREAMED_FORMATS = ("jsonl", "csv", "tsv")  # one record per line or row: read record by record when big
KEEP_MARKS = ("jsonl", "json", "csv", "tsv")  # U+E40C inside a field: the field reader breaks it
STREAM_SAMPLE = 1 << 20  # bytes of a streamed export its encoding is judged by
DEFAULT_MAX_MB = 16  # a newspaper page is 10–50 KB; a bigger file is a dump that takes minutes


def max_bytes() -> int:
    """The largest file read: ``GXQ_MAX_FILE_MB`` megabytes (default 16)."""
    try:
        mb = float(os.environ.get("GXQ_MAX_FILE_MB") or DEFAULT_MAX_MB)
    except ValueError:
        mb = DEFAULT_MAX_MB
    return int(mb * 1024 * 1024)


@dataclass(frozen=True)
class FileInfo:
    """A corpus file found on disk, before reading."""

    path: str | Path  # what open() is given
    rel: str
    size: int
    mtime_ns: int


def format_of(rel: str) -> str:
    """The format a file is read as, by its suffix (``txt`` when unknown)."""
    suffix = os.path.splitext(rel)[1].lower()
    return FORMATS.get(suffix, "txt")


def streams(info: FileInfo) -> bool:
    """A JSONL/CSV/TSV export over the file limit: read record by record, never whole."""
    return info.size > max_bytes() and format_of(info.rel) in STREAMED_FORMATS


@dataclass(frozen=True)
class SourceText:
    """A decoded corpus file (a binary format keeps its bytes in ``data`` and no text)."""

    rel: str
    text: str
    encoding: str
    sha1: str
    fmt: str = "txt"
    data: bytes = b""
    path: str = ""  # where it was read from (a streamed export is read again from here)
    warnings: list[str] = field(default_factory=list)  # one line each, said once per file


@dataclass(frozen=True)
class Skipped:
    """A file that could not be used, and why."""

    rel: str
    reason: str

    def message(self) -> str:
        """One warning line naming the file and the reason."""
        return f"warning: skipped {self.rel}: {self.reason}"


def skip_reasons(skipped: list[Skipped]) -> str:
    """``2 scanned PDF without a text layer, 1 empty file``: reasons without their details, most first."""
    counts: dict[str, int] = {}
    for s in skipped:
        key = s.reason.split(" (")[0].split(";")[0].strip()
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{n:,} {key}" for key, n in sorted(counts.items(), key=lambda kv: -kv[1]))


def discover(root: Path, follow_links: bool = False) -> tuple[list[FileInfo], list[Skipped]]:
    """List corpus files below ``root`` recursively, without looping. Only regular files are
    listed (FIFOs, devices and sockets are skipped unopened); links that lead out of the
    corpus folder are skipped unless ``follow_links``. Names that are not valid UTF-8 are
    shown with U+FFFD and kept, as the file system has them, for reading."""
    root = Path(root)
    if not root.exists():
        raise CorpusError(f"corpus folder not found: {root}")
    if not root.is_dir():
        raise CorpusError(f"corpus is not a folder: {root}")
    found: list[FileInfo] = []
    skipped: list[Skipped] = []
    seen_dirs: set[tuple[int, int]] = set()
    inside = None if follow_links else os.path.realpath(root)

    def walk(directory: str, rel: str) -> None:
        """Visit one folder (``rel`` is its path below the root, with a trailing slash)."""
        try:
            st = os.stat(directory)
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:
                return
            seen_dirs.add(key)
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            skipped.append(Skipped(rel.rstrip("/") or ".", f"folder unreadable ({exc.strerror})"))
            return
        for entry in entries:
            _visit(entry, rel, walk, found, skipped, inside)

    walk(str(root), "")
    found.sort(key=lambda f: f.rel)
    return found, skipped


def shown_name(name: str) -> str:
    """A name as text: bytes that are not UTF-8 (held as lone surrogates) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _leaves(entry: os.DirEntry, inside: str | None) -> bool:
    """True when ``entry`` is a link that leads outside the folder ``inside``."""
    if inside is None or not entry.is_symlink():
        return False
    target = os.path.realpath(entry.path)
    return target != inside and not target.startswith(inside.rstrip(os.sep) + os.sep)


def _visit(entry: os.DirEntry, folder_rel: str, walk, found: list, skipped: list, inside: str | None) -> None:
    rel = folder_rel + shown_name(entry.name)
    if entry.name.startswith("."):
        return
    try:
        is_dir = entry.is_dir(follow_symlinks=True)
        if not is_dir and not entry.name.lower().endswith(SUFFIXES):
            return
        if _leaves(entry, inside):
            skipped.append(Skipped(rel, "link out of the corpus folder, not followed (use --follow-links)"))
            return
        if is_dir:
            walk(entry.path, rel + "/")
            return
        st = entry.stat(follow_symlinks=True)
    except OSError as exc:
        reason = "broken link" if entry.is_symlink() else f"unreadable ({exc.strerror})"
        skipped.append(Skipped(rel, reason))
        return
    if not stat.S_ISREG(st.st_mode):
        skipped.append(Skipped(rel, f"not a regular file ({_kind(st.st_mode)}), not opened"))
        return
    found.append(FileInfo(entry.path, rel, st.st_size, st.st_mtime_ns))


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "special")


def read_source(info: FileInfo) -> SourceText | Skipped:
    """Read and decode one file, or say why it is skipped. The read is bounded by the bytes
    actually read (a file may grow, or claim size 0), and only a regular file is read."""
    limit = max_bytes()
    if info.size > limit and not streams(info):
        return _too_large(info.rel, info.size, limit)
    if info.size > limit:
        return _streamed(info)
    try:
        fd = os.open(info.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # never blocks on a FIFO
    except FileNotFoundError:
        return Skipped(info.rel, "vanished while indexing")
    except OSError as exc:
        return Skipped(info.rel, f"unreadable ({exc.strerror or exc})")
    try:  # read-only: corpus files are never written
        try:  # by the descriptor: a buffered file object costs more than the read of a small file
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                return Skipped(info.rel, f"not a regular file ({_kind(st.st_mode)})")
            data = _read_bounded(partial(read_fd, fd), st.st_size, limit)
        finally:
            os.close(fd)
    except OSError as exc:
        return Skipped(info.rel, f"unreadable ({exc.strerror or exc})")
    if len(data) > limit:
        return _too_large(info.rel, len(data), limit, "at least ")
    fmt = format_of(info.rel)
    if fmt in BINARY_FORMATS:
        if not data.strip():
            return Skipped(info.rel, "empty file")
        return SourceText(info.rel, "", "binary", hashlib.sha1(data).hexdigest(), fmt, data, str(info.path))
    return decode_bytes(info.rel, data, fmt, str(info.path))


def _read_bounded(read: Callable[[int], bytes], size: int, limit: int) -> bytes:
    """``read(limit + 1)`` (``read``: a file's ``read``), asked first for the size the file
    states (a read of ``limit`` bytes allocates them all, 16 MB for every small file), then
    for the rest if it has more."""
    data = read(min(size, limit) + 1)
    if len(data) > size:  # it grew, or stated less (size 0)
        data += read(limit + 1 - len(data))
    return data


def read_fd(fd: int, n: int) -> bytes:
    """Up to ``n`` bytes from a file descriptor, fewer only at the end of the file: what a
    buffered file's ``read(n)`` gives."""
    parts: list[bytes] = []
    while n > 0:
        chunk = os.read(fd, n)
        if not chunk:
            break
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


def _too_large(rel: str, size: int, limit: int, at_least: str = "") -> Skipped:
    mb, most = size / 1_048_576, limit / 1_048_576
    hint = f"set GXQ_MAX_FILE_MB={int(mb) + 1} to index it" if not at_least else "it grows as it is read"
    return Skipped(rel, f"too large ({at_least}{mb:.0f} MB > {most:.0f} MB limit; {hint})")


def decode_bytes(rel: str, data: bytes, fmt: str = "txt", path: str = "") -> SourceText | Skipped:
    """Decode bytes (UTF-8, UTF-16, GB18030/GBK, Big5, or what charset-normalizer finds);
    reject binary. U+E40C paragraph marks become line breaks; a handful of bad bytes is
    replaced and warned about once."""
    if not data.strip():
        return Skipped(rel, "empty file")
    sha1 = hashlib.sha1(data).hexdigest()
    got = decode(data)
    if got.text is None:
        return Skipped(rel, got.encoding)
    text = got.text if fmt in KEEP_MARKS else got.text.replace(PARAGRAPH_MARK, "\n")
    if not text.strip():
        return Skipped(rel, "empty file")
    src = SourceText(rel, text, got.encoding, sha1, fmt, path=path)
    if got.bad_bytes:
        src.warnings.append(f"warning: {rel}: {got.bad_bytes} bad bytes replaced (read as {got.encoding})")
    return src


def _streamed(info: FileInfo) -> SourceText | Skipped:
    """A big export: its encoding judged by its first megabyte, its hash by all of it; the
    records are read from ``path`` later, one at a time."""
    try:
        with open(info.path, "rb") as fh:
            sample = fh.read(STREAM_SAMPLE)
        sha1 = file_sha1(Path(info.path))
    except OSError as exc:
        return Skipped(info.rel, f"unreadable ({exc.strerror or exc})")
    cut = sample.rfind(b"\n")
    got = decode(sample[: cut + 1] if cut > 0 else sample)
    if got.text is None and got.encoding.startswith("binary"):
        return Skipped(info.rel, got.encoding)
    encoding = got.encoding if got.text is not None else "utf-8"
    return SourceText(info.rel, "", encoding, sha1, format_of(info.rel), path=str(info.path))


def file_sha1(path: Path) -> str:
    """SHA-1 of a file's bytes, read in chunks."""
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
