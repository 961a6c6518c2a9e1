"""Building the 2-gram bitmaps of many rows within bounded memory.

A build reads the rows' keys a chunk of rows at a time (:func:`chunks`: from the row cache
as it is mapped, each chunk decoded and its pages given back to the file cache at once),
appends every row to the array of each gram and tier it holds, and after each chunk moves
the arrays that grew long into their grams' bitmaps (a roaring bitmap keeps a common gram's
rows in two bytes each, or one bit, where an array of slots takes four). The bitmaps are
then serialized one at a time into one growing blob, each freed as its bytes are made. So a
build holds the bitmaps, one chunk's texts and arrays, and the blob: never every row's text
as a string, nor every posting as a 32-bit integer.
"""

from __future__ import annotations

import mmap
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict, deque
from collections import _count_elements as count_into  # type: ignore[attr-defined]  # Counter.update's C loop
from collections.abc import Iterator, Sequence
from functools import partial
from itertools import compress, repeat
from operator import itemgetter

from pyroaring import BitMap

from search_index.index.heap import give_back_freed
from search_index.index.keys import Keys
from search_index.index.longgrams import serialized
from search_index.index.mapped import give_back

TIERS = (2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 48, 64, 96, 128, 192, 256)  # each tier's least count
TIER_SHIFT = 53  # a tier's code: the gram's code | tier << 53 (a gram's code uses 53 bits)
_TIER_OF = [0, 0, *(bisect_right(TIERS, n) for n in range(2, TIERS[-1] + 1))]  # count → tier (1-based)
CHUNK_ROWS = 16_384  # rows whose texts and arrays of slots a build holds at once (about 30 MB of news)
FLUSH_AT = 64  # a gram's array of slots moves into its bitmap after a chunk once it is this long
TRIM_BYTES = 8 << 20  # while the blob is made, freed pages go back to the system each time it grew this much

Chunk = tuple[int, Sequence[str], Sequence[str]]  # (first row, the rows' titles, their bodies)


def pairs(text: str) -> tuple[array, array]:
    """A text's 2-grams as ``ord(a) | ord(b) << 32``: its UTF-32 bytes read as unsigned 64-bit
    numbers, even pairs then odd ones (no Python code runs per character)."""
    raw = text.encode("utf-32-le", "surrogatepass")
    return array("Q", raw[: len(raw) // 8 * 8]), array("Q", raw[4 : 4 + (len(raw) - 4) // 8 * 8])


def gram_counts(title: str, body: str) -> Counter[int]:
    """Each 2-gram's occurrences (overlapping ones too) in the body plus twice those in the
    title: at least what BM25 counts for any term holding the gram."""
    counts: Counter[int] = Counter()
    for codes in pairs(body):
        count_into(counts, codes)
    if title:
        for codes in pairs(title):
            count_into(counts, codes)  # twice: a title occurrence counts two
            count_into(counts, codes)
    return counts


def tier_codes(counts: Counter[int]) -> list[int]:
    """The tier codes of the grams counted at least twice."""
    top, last = TIERS[-1], len(TIERS)
    return [code | (_TIER_OF[n] if n <= top else last) << TIER_SHIFT for code, n in counts.items() if n >= 2]


def chunks(titles: Sequence[str], bodies: Sequence[str], rows: int = CHUNK_ROWS) -> Iterator[Chunk]:
    """The rows ``rows`` at a time as (first row, titles, bodies), decoded as lists; the pages
    of packed keys mapped from the row cache are given back to the file cache once decoded."""
    size = len(titles)
    for first in range(0, size, rows):
        stop = min(size, first + rows)
        part = first, titles[first:stop], bodies[first:stop]
        release(titles, stop)
        release(bodies, stop)
        yield part


def release(texts: Sequence[str], stop: int | None = None) -> None:
    """Drop the mapped pages of the rows before ``stop`` (all by default) from the resident
    set (keys mapped from the row cache only): from the first row, as the system maps pages
    around each one read, some before the chunk too."""
    if isinstance(texts, Keys) and isinstance(texts.buffer, mmap.mmap):
        give_back(texts.buffer, 0, texts.starts[len(texts) if stop is None else stop])


class Postings:
    """Each gram's and tier's slots so far: the last ones as unsigned 32-bit arrays (half a
    list's bytes), the rest, once an array grew long, in the gram's bitmap."""

    def __init__(self) -> None:
        self.arrays: defaultdict[int, array] = defaultdict(partial(array, "I"))
        self.bitmaps: dict[int, BitMap] = {}

    def add(self, first: int, titles: Sequence[str], bodies: Sequence[str]) -> None:
        """Append slots ``first``, ``first + 1`` … (one per title and body) to the arrays of
        their grams and of their grams' tiers (the loops over grams run in C)."""
        arrays = self.arrays
        for slot, title, body in zip(range(first, first + len(titles)), titles, bodies, strict=True):
            counts = gram_counts(title, body)
            _append_to(arrays, counts, slot)
            _append_to(arrays, tier_codes(counts), slot)

    def settle(self, least: int = FLUSH_AT) -> None:
        """Move every array of ``least`` slots or more into its gram's bitmap (a rare gram's
        few slots stay an array: a bitmap of its own would cost more)."""
        arrays, bitmaps = self.arrays, self.bitmaps
        for code in list(compress(arrays, map(least.__le__, map(len, arrays.values())))):
            slots = arrays.pop(code)
            held = bitmaps.get(code)
            if held is None:
                bitmaps[code] = BitMap(slots)
            else:
                held.update(slots)

    def packed(self) -> tuple[array, array, bytearray]:
        """(sorted codes, ends, blob): each code's bitmap is ``blob[ends[i]:ends[i + 1]]``,
        serialized in turn; the postings are emptied as they go, and the heap's freed pages
        handed back to the system every :data:`TRIM_BYTES` of blob (a large blob grows in a
        mapping of its own, not in the memory the bitmaps free)."""
        arrays, bitmaps = self.arrays, self.bitmaps
        codes = array("q", sorted(arrays.keys() | bitmaps.keys()))
        ends, blob, trimmed = array("q", [0]), bytearray(), 0
        for code in codes:
            bitmap, rest = bitmaps.pop(code, None), arrays.pop(code, None)
            if bitmap is None:
                bitmap = BitMap(rest)
            elif rest is not None:
                bitmap.update(rest)
            blob += serialized(bitmap)
            ends.append(len(blob))
            if len(blob) - trimmed >= TRIM_BYTES:
                give_back_freed()
                trimmed = len(blob)
        return codes, ends, blob


def _append_to(arrays: defaultdict[int, array], codes, slot: int) -> None:
    """Append ``slot`` to the array of every code in ``codes`` (distinct codes): one
    ``itemgetter`` call fetches them (missing ones made by the defaultdict), ``map`` feeds
    them to ``array.append``."""
    if len(codes) > 1:
        deque(map(array.append, itemgetter(*codes)(arrays), repeat(slot)), maxlen=0)
    else:
        for code in codes:  # itemgetter of one key gives the array itself, not a tuple of arrays
            arrays[code].append(slot)


def bitmaps(titles: Sequence[str], bodies: Sequence[str], rows: int = CHUNK_ROWS) -> tuple[array, array, bytearray]:
    """(codes, ends, blob) of every row's 2-grams and tiers (slot = row), read ``rows`` rows
    at a time."""
    postings = Postings()
    for first, some_titles, some_bodies in chunks(titles, bodies, rows):
        postings.add(first, some_titles, some_bodies)
        postings.settle()
    return postings.packed()
