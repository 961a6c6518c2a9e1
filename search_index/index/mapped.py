"""Row cache sections that stay in the cache file: written raw after a small head, read by
mapping the file read-only instead of copying them into the heap.

A section holds a buffer of rows (search keys as UTF-16, metadata as UTF-8) and where each
row starts. It is one ``marshal`` bytes record (the file stays a sequence of records) whose
content is the length of a head, the head, then the buffer. The head (``marshal``) holds the
CRC-32 of the buffer, offsets and extra column together, the buffer's size, the offsets
relative to the buffer and the extra column (the keys' lengths in characters). Loading
checks the CRC over the mapped pages, then gives those pages back to the system
(``madvise``): they stay in its file cache, shared and dropped under memory pressure, and
are paged in again only for the rows a query reads.
"""

from __future__ import annotations

import contextlib
import marshal
import mmap
import os
import struct
import zlib
from array import array
from typing import BinaryIO

from search_index.index.columns import Utf8Strings
from search_index.index.keys import Keys, as_keys

_BYTES = b"s"  # marshal's type code for bytes (its reference flag 0x80 may be set)


class Damaged(ValueError):
    """A cache section whose checksum does not match its bytes (a bit flip, a torn write)."""


def write(fh: BinaryIO, value) -> None:
    """Write :class:`Keys` (or a list of keys) or :class:`Utf8Strings` as a mapped section:
    one ``marshal`` bytes record (so that the file stays a sequence of records) holding the
    head's length, the head and the buffer, written without joining them in memory."""
    if isinstance(value, Utf8Strings):
        buffer, offsets, extra = value.buffer, value.ends, b""
    else:
        keys = as_keys(value)
        buffer, offsets, extra = keys.buffer, keys.starts, keys.lengths.tobytes()
    base = offsets[0]
    relative = array("q", (o - base for o in offsets)) if base else array("q", offsets)
    with memoryview(buffer) as whole, whole[base : offsets[-1]] as raw:
        crc = zlib.crc32(extra, zlib.crc32(relative, zlib.crc32(raw)))
        head = marshal.dumps((crc, len(raw), relative.tobytes(), extra))
        fh.write(_BYTES + struct.pack("<i", 4 + len(head) + len(raw)) + struct.pack("<I", len(head)))
        fh.write(head)
        fh.write(raw)


def skip(fh: BinaryIO, name: str) -> tuple:
    """Read a section's head and step over its buffer: (crc, offset, size, offsets, extra)."""
    frame = fh.read(9)
    if len(frame) != 9 or frame[0] & 0x7F != _BYTES[0]:
        raise Damaged(f"section '{name}' is not a mapped section")
    (total,) = struct.unpack("<i", frame[1:5])
    (head_size,) = struct.unpack("<I", frame[5:9])
    try:
        crc, size, raw_offsets, extra = marshal.loads(fh.read(head_size))
    except (EOFError, ValueError, TypeError) as exc:
        raise Damaged(f"section '{name}' has a damaged head") from exc
    offsets = array("q")
    offsets.frombytes(raw_offsets)
    offset = fh.tell()
    fh.seek(size, os.SEEK_CUR)
    if total != 4 + head_size + size or not len(offsets) or offsets[0] != 0 or offsets[-1] != size:
        raise Damaged(f"section '{name}' has offsets that do not fit its text")
    return crc, offset, size, offsets, extra


def load(fh: BinaryIO, heads: dict[str, tuple], kinds: dict[str, type]) -> dict:
    """The sections whose ``heads`` :func:`skip` read, as ``kinds[name]`` over the mapped file;
    Damaged when one fails its checksum or runs past the end of the file."""
    if not heads:
        return {}
    mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    out: dict[str, Keys | Utf8Strings] = {}
    for name, (crc, offset, size, offsets, extra) in heads.items():
        if offset + size > len(mapped):
            raise Damaged(f"section '{name}' is cut short")
        with memoryview(mapped) as whole, whole[offset : offset + size] as view:
            if zlib.crc32(extra, zlib.crc32(offsets, zlib.crc32(view))) != crc:
                raise Damaged(f"section '{name}' fails its checksum")
        give_back(mapped, offset, size)
        absolute = array("q", (o + offset for o in offsets))
        if kinds[name] is Keys:
            lengths = array("i")
            lengths.frombytes(extra)
            if len(lengths) != len(offsets) - 1:
                raise Damaged(f"section '{name}' has lengths that do not fit its rows")
            out[name] = Keys(mapped, absolute, lengths)
        else:
            out[name] = Utf8Strings(mapped, absolute)  # type: ignore[arg-type]  # an mmap slices as bytes do
    return out


def give_back(mapped: mmap.mmap, offset: int, size: int) -> None:
    """Drop mapped pages from this process's resident set (the file cache keeps them)."""
    first = offset // mmap.PAGESIZE * mmap.PAGESIZE
    with contextlib.suppress(AttributeError, OSError, ValueError):  # no madvise on this system
        mapped.madvise(mmap.MADV_DONTNEED, first, offset + size - first)
