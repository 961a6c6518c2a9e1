"""Find corpus files and decode them; never opens a corpus file for writing."""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusError

SUFFIXES = (".txt", ".md")
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


@dataclass(frozen=True)
class SourceText:
    """A decoded corpus file."""

    rel: str
    text: str
    encoding: str
    sha1: str


@dataclass(frozen=True)
class Skipped:
    """A file that could not be used, and why."""

    rel: str
    reason: str

    def message(self) -> str:
        """One warning line naming the file and the reason."""
        return f"warning: skipped {self.rel}: {self.reason}"


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
    if info.size > limit:
        return _too_large(info.rel, info.size, limit)
    try:
        fd = os.open(info.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # never blocks on a FIFO
    except FileNotFoundError:
        return Skipped(info.rel, "vanished while indexing")
    except OSError as exc:
        return Skipped(info.rel, f"unreadable ({exc.strerror or exc})")
    try:
        with open(fd, "rb") as fh:  # read-only: corpus files are never written
            mode = os.fstat(fh.fileno()).st_mode
            if not stat.S_ISREG(mode):
                return Skipped(info.rel, f"not a regular file ({_kind(mode)})")
            data = fh.read(limit + 1)
    except OSError as exc:
        return Skipped(info.rel, f"unreadable ({exc.strerror or exc})")
    if len(data) > limit:
        return _too_large(info.rel, len(data), limit, "at least ")
    return decode_bytes(info.rel, data)


def _too_large(rel: str, size: int, limit: int, at_least: str = "") -> Skipped:
    mb, most = size / 1_048_576, limit / 1_048_576
    hint = f"set GXQ_MAX_FILE_MB={int(mb) + 1} to index it" if not at_least else "it grows as it is read"
    return Skipped(rel, f"too large ({at_least}{mb:.0f} MB > {most:.0f} MB limit; {hint})")


def decode_bytes(rel: str, data: bytes) -> SourceText | Skipped:
    """Decode bytes as UTF-8 (BOM or not), UTF-16 with BOM, or GB18030; reject binary."""
    if not data.strip():
        return Skipped(rel, "empty file")
    sha1 = hashlib.sha1(data).hexdigest()
    text, encoding = _decode(data)
    if text is None:
        return Skipped(rel, encoding)
    if not text.strip():
        return Skipped(rel, "empty file")
    return SourceText(rel, text, encoding, sha1)


def _decode(data: bytes) -> tuple[str | None, str]:
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", " (BOM)")
            except UnicodeDecodeError:
                return None, f"not valid {enc} despite its byte-order mark"
    if _looks_binary(data):
        return None, "binary file (control bytes)"
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, enc
    return None, "undecodable (not UTF-8, UTF-16 with BOM, or GB18030/GBK)"


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    nul = sample.count(b"\x00")
    if nul > len(sample) // 100 + 2:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27, 0))
    return control > len(sample) // 20 + 2


def _plausible(text: str) -> bool:
    sample = text[:20000]
    bad = sum(1 for ch in sample if 0xE000 <= ord(ch) <= 0xF8FF or ch == "\ufffd")
    return bad <= len(sample) // 20 + 2


def file_sha1(path: Path) -> str:
    """SHA-1 of a file's bytes, read in chunks."""
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
