"""Row cache sections that stay in the cache file: written raw after a small head, read by
mapping the file read-only instead of copying them into the heap.

A section holds a buffer of rows (search keys as UTF-16, metadata as UTF-8) and where each
row starts. It is one ``marshal`` bytes record (the file stays a sequence of records) whose
content is the sizes of a head and of a padding, the head, zeros up to the next boundary a
mapping can start at, then the buffer, mapped on its own. The head (``marshal``) holds the
CRC-32 of padding, buffer, offsets and extra column together, the buffer's size, the offsets
relative to the buffer and the extra column (the keys' lengths in characters). Loading
checks the CRC over the mapped pages, then gives those pages back to the system
(``madvise``): they stay in its file cache, shared and dropped under memory pressure, and
are paged in again only for the rows a query reads.

Checking every section costs a cold start at 74,000 articles about 50 ms (75 MB). A caller
that can wait for the verdict before it uses an answer (the command line, see
``check="deferred"``) passes :class:`Later`: the checksums are then computed by a thread while
the caller goes on (``zlib`` releases the GIL), and ``Later.ok()`` gives the verdict.
"""

from __future__ import annotations

import contextlib
import marshal
import mmap
import os
import queue
import struct
import threading
import zlib
from array import array
from collections.abc import Callable
from typing import BinaryIO, NamedTuple

from search_index.index.columns import Lists, Utf8Strings
from search_index.index.keys import Keys, Pairs, as_keys

_BYTES = b"s"  # marshal's type code for bytes (its reference flag 0x80 may be set)


ALIGN = mmap.ALLOCATIONGRANULARITY  # where a mapping may start in a file
_FRAME = 13  # marshal's bytes type code and size, then the head's and the padding's sizes


class _Check(NamedTuple):
    crc: int  # of the padding, buffer, offsets and extra column
    pad_crc: int  # of the padding alone, read with the head


class Damaged(ValueError):
    """A cache section whose checksum does not match its bytes (a bit flip, a torn write)."""


class Later:
    """Checks left to one thread, each a function that is True when what it checks is whole;
    :meth:`ok` waits for them all. A check that raises counts as failed."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[Callable[[], bool] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._failed = False

    def add(self, check: Callable[[], bool]) -> None:
        """Run ``check`` in the thread (started with the first one)."""
        self._jobs.put(check)
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="gxq-checksums", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while (check := self._jobs.get()) is not None:
            try:
                whole = check()
            except Exception:
                whole = False
            self._failed = self._failed or not whole

    def ok(self) -> bool:
        """Wait for every check; True when all passed."""
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join()
            self._thread = None
        return not self._failed


def write(fh: BinaryIO, value) -> None:
    """Write :class:`Keys` (or a list of keys), :class:`Pairs` (or a list of pairs),
    :class:`Utf8Strings` or :class:`Lists` (its values mapped, its starts in the head) as a
    mapped section:
    one ``marshal`` bytes record (so that the file stays a sequence of records) holding the
    head's and the padding's lengths, the head, zeros up to a mapping boundary, and the buffer
    (so that it maps on its own, its offsets as they are), written without joining them."""
    buffer: bytes | memoryview
    if isinstance(value, Utf8Strings):
        buffer, offsets, extra = value.buffer, value.ends, b""
    elif isinstance(value, Lists):
        buffer = memoryview(_ints(value.values)).cast("B")
        offsets, extra = array("q", [0, len(buffer)]), _ints(value.starts).tobytes()
    else:
        keys = value.keys if isinstance(value, Pairs) else Pairs.of(value).keys if _pairs(value) else as_keys(value)
        buffer, offsets, extra = keys.buffer, keys.starts, keys.lengths.tobytes()
    base = offsets[0]
    relative = (array("q", (o - base for o in offsets)) if base else array("q", offsets)).tobytes()
    start = fh.tell()
    with memoryview(buffer) as whole, whole[base : offsets[-1]] as raw:
        pad, head = 0, b""
        for _ in range(4):  # the head's size does not depend on the CRC's value: this settles at once
            crc = zlib.crc32(extra, zlib.crc32(relative, zlib.crc32(raw, zlib.crc32(bytes(pad)))))
            head = marshal.dumps((struct.pack("<I", crc), len(raw), relative, extra))
            wanted = -(start + _FRAME + len(head)) % ALIGN
            if wanted == pad:
                break
            pad = wanted
        total = 8 + len(head) + pad + len(raw)
        fh.write(_BYTES + struct.pack("<iII", total, len(head), pad))
        fh.write(head)
        fh.write(bytes(pad))
        fh.write(raw)


def skip(fh: BinaryIO, name: str) -> tuple:
    """Read a section's head and step over its buffer: (check, offset, size, offsets, extra)."""
    frame = fh.read(_FRAME)
    if len(frame) != _FRAME or frame[0] & 0x7F != _BYTES[0]:
        raise Damaged(f"section '{name}' is not a mapped section")
    total, head_size, pad = struct.unpack("<iII", frame[1:])
    try:
        raw_crc, size, raw_offsets, extra = marshal.loads(fh.read(head_size))
        (crc,) = struct.unpack("<I", raw_crc)
    except (EOFError, ValueError, TypeError, struct.error) as exc:
        raise Damaged(f"section '{name}' has a damaged head") from exc
    check = _Check(crc, zlib.crc32(fh.read(pad)))  # the zeros before the buffer count too
    offsets = array("q")
    offsets.frombytes(raw_offsets)
    offset = fh.tell()
    fh.seek(size, os.SEEK_CUR)
    if total != 8 + head_size + pad + size or not len(offsets) or offsets[0] != 0 or offsets[-1] != size:
        raise Damaged(f"section '{name}' has offsets that do not fit its text")
    return check, offset, size, offsets, extra


def load(fh: BinaryIO, heads: dict[str, tuple], kinds: dict[str, type], later: Later | None = None) -> dict:
    """The sections whose ``heads`` :func:`skip` read, as ``kinds[name]`` over their own
    read-only mappings of the file; Damaged when one fails its checksum or is cut short
    (with ``later``, the checksums are its thread's to check)."""
    out: dict[str, Keys | Pairs | Utf8Strings | Lists] = {}
    file_size = os.fstat(fh.fileno()).st_size
    for name, (check, offset, size, offsets, extra) in heads.items():
        if offset + size > file_size or offset % ALIGN:
            raise Damaged(f"section '{name}' is cut short")
        buffer = mmap.mmap(fh.fileno(), size, offset=offset, access=mmap.ACCESS_READ) if size else b""
        whole = _checker(buffer, check, offsets, extra)
        if later is not None:
            later.add(whole)
        elif not whole():
            raise Damaged(f"section '{name}' fails its checksum")
        if kinds[name] is Lists:
            out[name] = _lists(name, buffer, size, extra)
        elif kinds[name] in (Keys, Pairs):
            lengths = array("i")
            lengths.frombytes(extra)
            if len(lengths) != len(offsets) - 1:
                raise Damaged(f"section '{name}' has lengths that do not fit its rows")
            keys = Keys(buffer, offsets, lengths)
            out[name] = Pairs(keys) if kinds[name] is Pairs else keys
        else:
            out[name] = Utf8Strings(buffer, offsets)  # type: ignore[arg-type]  # an mmap slices as bytes do
    return out


def _ints(values) -> array | memoryview:
    """Integers as 32-bit machine ints (what a mapped :class:`Lists` holds)."""
    if isinstance(values, memoryview) and values.format == "i":
        return values
    return values if isinstance(values, array) and values.typecode == "i" else array("i", values)


def _lists(name: str, buffer: mmap.mmap | bytes, size: int, extra: bytes) -> Lists:
    """A :class:`Lists` whose values are the mapped buffer, read as 32-bit ints in place."""
    starts = array("i")
    starts.frombytes(extra)
    if size % 4 or not len(starts) or starts[0] != 0 or 4 * starts[-1] != size:
        raise Damaged(f"section '{name}' has starts that do not fit its values")
    return Lists(starts, memoryview(buffer).cast("i"))  # type: ignore[arg-type]  # a view indexes as an array does


def _checker(buffer: mmap.mmap | bytes, check: _Check, offsets: array, extra: bytes) -> Callable[[], bool]:
    """A function that is True when a section's bytes match its checksum (their pages are
    then given back to the file cache)."""

    def whole() -> bool:
        crc = crc32_giving_back(buffer, check.pad_crc)
        return zlib.crc32(extra, zlib.crc32(offsets, crc)) == check.crc

    return whole


CRC_STEP = 1 << 23  # a mapped buffer's checksum is taken this many bytes at a time, each step's pages given back


def crc32_giving_back(data: mmap.mmap | bytes | memoryview, crc: int = 0, offset: int = 0) -> int:
    """The CRC-32 of ``data`` (continuing ``crc``); when it is mapped (an ``mmap``, or a view
    of one starting ``offset`` bytes into it), each step's pages leave the resident set once
    read, so that checking a large section never holds all of it resident."""
    owner, size = (data.obj if isinstance(data, memoryview) else data), len(data)
    mapped = owner if isinstance(owner, mmap.mmap) else None
    with memoryview(data) as view:
        for start in range(0, size, CRC_STEP):
            crc = zlib.crc32(view[start : start + CRC_STEP], crc)
            if mapped is not None:
                give_back(mapped, offset + start, min(CRC_STEP, size - start))
    if mapped is not None and size:  # and what was mapped around the pages read
        give_back(mapped, offset, size)
    return crc


def _pairs(value) -> bool:
    return bool(len(value)) and isinstance(value[0], tuple)


def mappings_in(*columns: object) -> list[mmap.mmap]:
    """The file mappings that these columns (:class:`Keys`, :class:`Pairs`,
    :class:`Utf8Strings`, :class:`Lists`, views) read from, each once."""
    found: dict[int, mmap.mmap] = {}
    for column in columns:
        if isinstance(column, Pairs):
            column = column.keys
        for part in (column, getattr(column, "buffer", None), getattr(column, "values", None)):
            owner = part.obj if isinstance(part, memoryview) else part
            if isinstance(owner, mmap.mmap):
                found[id(owner)] = owner
    return list(found.values())


def touch(mapped: mmap.mmap) -> None:
    """Map every page of ``mapped`` into this process (one byte read a page)."""
    with memoryview(mapped) as view:
        bytes(view[:: mmap.PAGESIZE])


def give_back(mapped: mmap.mmap, offset: int, size: int) -> None:
    """Drop mapped pages from this process's resident set (the file cache keeps them)."""
    first = offset // mmap.PAGESIZE * mmap.PAGESIZE
    with contextlib.suppress(AttributeError, OSError, ValueError):  # no madvise on this system
        mapped.madvise(mmap.MADV_DONTNEED, first, offset + size - first)
