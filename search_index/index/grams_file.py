"""The grams' cache file, ``gxq-grams.bin`` beside the index: written atomically and
owner-only, its sections each with a CRC-32, under the tag of the index generation; the
bitmaps' blob is mapped, not read. :func:`ready` gives the grams of an index state from it,
updating or building them when the file is of an older state.
"""

from __future__ import annotations

import marshal
import mmap
import os
import zlib
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path

from search_index.index.folder import write_private
from search_index.index.grams import Grams, build, packed_region, update
from search_index.index.keys import Keys, as_keys
from search_index.index.longgrams import LongGrams
from search_index.index.mapped import Later, crc32_giving_back

VERSION = 5  # 2: count tiers; 3: slots packed as the row cache packs ids, the blob mapped; 4: common 3-/4-grams;
# 5: each slot's row (after an update) with a checksum of the ids it maps onto
READABLE = (4, 5)  # a file of version 4 reads as one of 5 that keeps no rows
FILE_NAME = "gxq-grams.bin"
_SECTIONS = ("codes", "ends", "slots", "rows", "long_codes", "long_ends", "long_blob", "blob")  # the blob last (mapped)


def _sections(grams: Grams) -> dict[str, bytes | bytearray | memoryview]:
    return {
        "codes": grams.codes.tobytes(),
        "ends": grams.ends.tobytes(),
        "slots": _packed_slots(grams.slots),
        "rows": b"" if grams.identity or not isinstance(grams.rows, array) else grams.rows.tobytes(),
        "long_codes": grams.long.codes.tobytes(),
        "long_ends": grams.long.ends.tobytes(),
        "long_blob": grams.long.blob,
        "blob": grams.blob,
    }


def _packed_slots(slots: Sequence[str]) -> bytes:
    """The slots as the row cache packs ids (one UTF-16 buffer, rows apart), so that loaded
    slots and loaded ids compare as bytes."""
    keys = as_keys(slots)
    base = keys.starts[0]
    starts = array("q", (s - base for s in keys.starts))
    return marshal.dumps((bytes(packed_region(keys)), starts.tobytes(), keys.lengths.tobytes()))


def _unpacked_slots(raw: bytes) -> Keys:
    buffer, raw_starts, raw_lengths = marshal.loads(raw)
    starts, lengths = array("q"), array("i")
    starts.frombytes(raw_starts)
    lengths.frombytes(raw_lengths)
    if len(starts) != len(lengths) + 1 or starts[-1] != len(buffer):
        raise ValueError("slots do not fit their buffer")
    return Keys(buffer, starts, lengths)


def ids_sum(ids: Sequence[str]) -> int:
    """A checksum of a memo's ids as packed (what a kept slot → row mapping was made for)."""
    keys = as_keys(ids)
    return zlib.crc32(packed_region(keys)) if len(keys) else 0


def save(grams: Grams, path: Path, tag: str, ids: Sequence[str] | None = None) -> None:
    """Write atomically (owner-only); a cache folder that cannot be written is not an error.
    With ``ids`` (the memo rows the grams are attached to) their slot → row mapping is kept."""
    sections = _sections(grams)
    if ids is None:
        sections["rows"] = b""
    table = [(name, len(sections[name]), zlib.crc32(sections[name])) for name in _SECTIONS]
    head = {
        "version": VERSION,
        "tag": tag,
        "sections": table,
        "ids": ids_sum(ids) if ids is not None and sections["rows"] else None,
    }

    def write(fh) -> None:
        marshal.dump(head, fh)
        for name in _SECTIONS:
            fh.write(sections[name])

    write_private(path, write)


def load(path: Path, tag: str | None = None, later: Later | None = None) -> tuple[str, Grams] | None:
    """(tag, grams) from the cache file when it is whole and ours (and for ``tag`` when
    given); None when missing, of another version or damaged (a section's CRC differs).
    With ``later`` the mapped bitmaps' checksum is its thread's to check."""
    try:
        with open(path, "rb") as fh:
            head = marshal.load(fh)
            if not isinstance(head, dict) or head.get("version") not in READABLE:
                return None
            if tag is not None and head.get("tag") != tag:
                return None
            raw: dict[str, bytes | memoryview] = {}
            offset = 0
            for name, size, crc in head["sections"]:
                offset = fh.tell()
                data = _mapped(fh, size) if name == "blob" else fh.read(size)
                if len(data) != size:
                    return None
                if name == "blob" and later is not None:
                    later.add(_checker(data, crc, offset))
                elif not _checker(data, crc, offset)():
                    return None
                raw[name] = data
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        return None
    codes, ends, long_codes, long_ends = array("q"), array("q"), array("Q"), array("q")
    try:
        codes.frombytes(raw["codes"])
        ends.frombytes(raw["ends"])
        long_codes.frombytes(raw["long_codes"])
        long_ends.frombytes(raw["long_ends"])
    except (KeyError, ValueError):
        return None
    if len(ends) != len(codes) + 1 or ends[-1] != len(raw["blob"]):
        return None
    if len(long_ends) != len(long_codes) + 1 or long_ends[-1] != len(raw["long_blob"]):
        return None
    try:
        slots = _unpacked_slots(bytes(raw["slots"]))
    except (EOFError, ValueError, TypeError):
        return None
    long = LongGrams(long_codes, long_ends, bytes(raw["long_blob"]))
    grams = Grams(codes, ends, raw["blob"], slots, long)
    grams.kept_rows = _kept_rows(raw.get("rows", b""), len(slots), head.get("ids"))
    return head["tag"], grams


def _kept_rows(raw: bytes | memoryview, slots: int, ids: object) -> tuple[int, array] | None:
    """(checksum of the ids, slot → row) as saved, when it is whole: one row a slot."""
    rows = array("i")
    if not raw or not isinstance(ids, int) or len(raw) != slots * rows.itemsize:
        return None
    rows.frombytes(raw)
    return ids, rows


def _mapped(fh, size: int) -> memoryview:
    """The next ``size`` bytes of the file as a view of it mapped read-only (the bitmaps a
    query reads are paged in; the rest stays in the system's file cache, not in the heap)."""
    offset = fh.tell()
    mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    fh.seek(size, os.SEEK_CUR)
    return memoryview(mapped)[offset : offset + size]


def _checker(data: bytes | memoryview, crc: int, offset: int) -> Callable[[], bool]:
    """A function that is True when a section's bytes (``offset`` in the file) match their CRC;
    a mapped section's pages are then given back to the file cache."""

    def whole() -> bool:
        return crc32_giving_back(data, 0, offset) == crc

    return whole


def ready(
    folder: Path, tag: str, ids: Sequence[str], titles: Sequence[str], bodies: Sequence[str], later: Later | None = None
) -> Grams:
    """The grams of a memo's rows for index state ``tag``: from the cache file when it was
    written for ``tag``, else updated from whatever older grams it holds (or built), and saved
    (``later``: see :func:`load`)."""
    path = folder / FILE_NAME
    cached = load(path, later=later)
    if cached is not None and cached[0] == tag:
        grams = _attached(cached[1], ids)
        if len(grams.slots) - grams.dead == len(ids):  # every row has its slot
            return grams
    if later is not None:  # updated from: checked now, so that no damage is carried into the new file
        cached = load(path)
    grams = update(cached[1], ids, titles, bodies) if cached is not None else build(ids, titles, bodies).attach(ids)
    save(grams, path, tag, ids)
    return grams


def _attached(grams: Grams, ids: Sequence[str]) -> Grams:
    """``grams.attach(ids)``, by the mapping kept in the file when it was made for these ids
    (after an update: no id decoded, which took a cold search 0.1–0.4 s at 80,000 rows)."""
    if grams.kept_rows is not None:  # one row a slot, as load() checked
        made_for, rows = grams.kept_rows
        if max(rows, default=-1) < len(ids) and made_for == ids_sum(ids):
            return grams.attached_as(rows)
    return grams.attach(ids)
