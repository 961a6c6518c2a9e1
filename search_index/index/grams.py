"""A candidate index: for every pair of adjacent characters (a 2-gram) in the search keys,
the articles whose title or body key holds it, as a compressed bitmap (``pyroaring``).

A term of two or more characters can only occur in an article that holds every one of its
2-grams, so the intersection of their bitmaps is a superset of its matches; matching
verifies each candidate against the in-memory key, and recall stays exactly that of a
substring scan. A two-character term's bitmap is its exact answer. One-character terms
have no 2-gram and are scanned.

Ranking reads how often a gram occurs: for every article whose title and body hold a gram
at least twice (title occurrences counting two, as in BM25), the gram's *tier* bitmap for
that count range holds it too (tiers 2, 3, 4, 5, 6, 8, … 256 and more: ``TIERS``), so an
upper bound of a term's occurrences in an article is known without reading its text.

Bitmaps hold *slots*, not memo rows: a slot is given to an article (by id, which names its
content) when its grams are added, and keeps it while the article lives, so an update only
adds the new articles' grams; articles gone leave dead slots, dropped by a rebuild once they
are a quarter of all. The cache file beside the index is :mod:`~search_index.index.grams_file`'s.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Sequence

from pyroaring import BitMap

from search_index.index.grams_build import CHUNK_ROWS, TIER_SHIFT, TIERS, Postings, bitmaps, chunks, pairs, release
from search_index.index.keys import Keys
from search_index.index.longgrams import (
    LongGrams,
    common,
    false_candidates,
    key_code,
    least_rows,
    packed,
    sub_codes,
)

MAX_RUNS = 256  # a slot → row mapping in more runs than this is applied slot by slot
DEAD_SHARE = 0.25  # dead slots above this share of all make an update rebuild instead


def gram_codes(text: str) -> set[int]:
    """The 2-grams of a text as integers: ``ord(a) | ord(b) << 32``, read straight from the
    text's UTF-32 bytes as unsigned 64-bit numbers (even pairs, then odd ones), so that no
    Python code runs per character."""
    even, odd = pairs(text)
    codes = set(even)
    codes.update(odd)
    return codes


class Grams:
    """2-gram bitmaps over slots, and which memo row each slot is (-1: gone); the common
    3- and 4-grams' false candidates (``long``, see :mod:`~search_index.index.longgrams`)."""

    def __init__(
        self,
        codes: array,
        ends: array,
        blob: bytes | bytearray | memoryview,
        slots: Sequence[str],
        long: LongGrams | None = None,
    ) -> None:
        self.codes = codes  # sorted gram codes
        self.ends = ends  # codes[i]'s bitmap is blob[ends[i]:ends[i + 1]]
        self.blob = blob  # bytes (a bytearray as built), or a view of the cache file mapped read-only
        self.slots = slots  # slot → article id (a list, or Keys as loaded)
        self.long = long if long is not None else LongGrams.of({})
        self.rows: Sequence[int] = array("i")  # slot → memo row, or -1; set by attach() (a range: every slot its row)
        self.identity = False  # every slot is the memo row of the same number
        self._cache: dict[int, BitMap] = {}
        self._runs: list[tuple[BitMap, int]] | None = None
        self.kept_rows: tuple[int, array] | None = None  # (checksum of ids, slot → row) as a cache file kept it

    @property
    def dead(self) -> int:
        """Slots whose article is no longer in the memo."""
        return self.rows.count(-1)

    def attach(self, ids: Sequence[str]) -> Grams:
        """Map slots onto the memo rows of ``ids`` (row → article id). When the slots are the
        ids in the same order (packed buffers compared as bytes: nothing decoded), every slot
        is its row."""
        if _same_ids(self.slots, ids):
            self.rows, self.identity, self._runs = range(len(ids)), True, None  # no array, no count of -1s
            return self
        by_id = {ident: row for row, ident in enumerate(ids)}
        rows = array("i", (by_id.get(ident, -1) for ident in self.slots))
        self.rows, self.identity = rows, len(self.slots) == len(ids) and all(r == s for s, r in enumerate(rows))
        self._runs = None if self.identity else _runs(rows)
        return self

    def attached_as(self, rows: array) -> Grams:
        """Slots mapped onto memo rows by a mapping :meth:`attach` made before (kept in the
        cache file with a checksum of the ids it was made for): nothing decoded."""
        self.rows, self.identity, self._runs = rows, False, _runs(rows)
        return self

    def bitmap(self, code: int) -> BitMap:
        """The slots holding one gram (empty when none does)."""
        found = self._cache.get(code)
        if found is None:
            i = bisect_left(self.codes, code)
            if i == len(self.codes) or self.codes[i] != code:
                found = BitMap()
            else:
                found = BitMap.deserialize(bytes(self.blob[self.ends[i] : self.ends[i + 1]]))
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[code] = found
        return found

    def forget(self) -> None:
        """Drop the bitmaps read so far (a build reads thousands for the common 3- and 4-grams)."""
        self._cache.clear()

    def candidates(self, key: str) -> BitMap | None:
        """Memo rows that may hold ``key`` (every row that does); None for a key shorter
        than two characters, which has to be scanned."""
        if len(key) < 2:
            return None
        maps = sorted((self.bitmap(c) for c in gram_codes(key)), key=len)
        found = BitMap.intersection(*maps) if len(maps) > 1 else maps[0]
        if len(key) >= 3 and len(self.long):
            for code in sub_codes(key):  # rows holding a piece's 2-grams but not the piece
                false = self.long.false(code)
                if false:
                    found = found - false
        return self._rows(found)

    def exact(self, key: str) -> bool:
        """True when :meth:`candidates` are exactly the rows whose title or body holds
        ``key``: a two-character key, or a common 3- or 4-gram."""
        return len(key) == 2 or self.long.false(key_code(key)) is not None

    def count_bounds(self, key: str) -> list[tuple[float, BitMap]] | None:
        """The rows that may hold ``key``, split by an upper bound of twice its occurrences
        in the title plus those in the body (BM25's count): [(bound, rows)], highest bound
        first, ``math.inf`` for the top tier; None for a key shorter than two characters.
        A term occurs no more often than any of its 2-grams."""
        if len(key) < 2:
            return None
        at_least = None  # tier → slots where every gram of the key reaches the tier
        for code in gram_codes(key):
            mine, reach = [], BitMap()
            for tier in range(len(TIERS), 0, -1):
                reach = reach | self.bitmap(code | tier << TIER_SHIFT)
                mine.append(reach)
            mine.append(self.bitmap(code))
            mine.reverse()  # mine[t]: slots whose count of the gram is in tier t or above (0: holds it)
            at_least = mine if at_least is None else [a & b for a, b in zip(at_least, mine, strict=True)]
        assert at_least is not None
        bounds = [float(n - 1) for n in TIERS] + [math.inf]  # tier t's rows count at most TIERS[t] - 1
        out = [(bounds[t], self._rows(at_least[t] - at_least[t + 1])) for t in range(len(TIERS))]
        out.append((math.inf, self._rows(at_least[-1])))
        return [(bound, rows) for bound, rows in reversed(out) if rows]

    def _rows(self, found: BitMap) -> BitMap:
        """Memo rows of slots (the bitmap itself when every slot is its row: do not change it)."""
        if self.identity:
            return found
        if self._runs is not None:  # a few runs of slots, each its rows shifted by one amount
            out = BitMap()
            for span, shift in self._runs:
                part = found & span
                if part:
                    out |= part.shift(shift) if shift else part
            return out
        rows = self.rows
        return BitMap(r for s in found if (r := rows[s]) >= 0)


def _same_ids(slots: Sequence[str], ids: Sequence[str]) -> bool:
    if len(slots) != len(ids):
        return False
    if isinstance(slots, Keys) and isinstance(ids, Keys):
        return packed_region(slots) == packed_region(ids)
    return list(slots) == list(ids)


def packed_region(keys: Keys) -> bytes:
    """The bytes of a packed key column's rows (what two columns of the same ids share)."""
    return keys.buffer[keys.starts[0] : keys.starts[-1]]


def _runs(rows: array, most: int = MAX_RUNS) -> list[tuple[BitMap, int]] | None:
    """Live slots as runs of consecutive slots whose rows are consecutive too, each as (its
    slots, row - slot); None when there are more than ``most``. After an update that added or
    removed a few files the mapping is a handful of such runs: each run's end is found by
    comparing slices of the mapping with a ramp of rows (in C), not slot by slot (a Python
    loop over 80,000 slots took a cold search 60 ms)."""
    unsigned = array("I")  # the mapping's bytes read as the ramp's type (-1: the largest), so slices compare in C
    unsigned.frombytes(rows.tobytes())
    ramp = BitMap(range(len(rows))).to_array()  # ramp[i] == i, made in C
    dead: array | None = None  # as many dead slots (-1) as slots, when there are some
    runs: list[tuple[int, int, int]] = []  # (first slot, last slot + 1, shift)
    slot = 0
    while slot < len(rows):
        first = rows[slot]
        if first < 0:
            dead = dead or array("I", [2 ** (8 * unsigned.itemsize) - 1]) * len(rows)
            slot = _fits_up_to(unsigned, dead, 0, slot)
            continue
        if first + len(rows) - slot > len(ramp):  # rows past the slots (in no mapping of a valid update)
            ramp.extend(range(len(ramp), first + len(rows) - slot))
        stop = _fits_up_to(unsigned, ramp, first - slot, slot)
        if len(runs) == most:
            return None
        runs.append((slot, stop, first - slot))
        slot = stop
    return [(BitMap(range(first, stop)), shift) for first, stop, shift in runs]


def _fits_up_to(values: array, model: array, shift: int, start: int) -> int:
    """The largest ``stop`` such that ``values[start:stop] == model[start + shift : stop +
    shift]``, given that it holds for ``start + 1``: galloping, then halving, each test a
    comparison of slices in C, and each value compared about three times at most."""
    end = len(values)

    def same(a: int, b: int) -> bool:
        return values[a:b] == model[a + shift : b + shift]

    good, step = start + 1, 1
    while good < end:
        ahead = min(good + step, end)
        if not same(good, ahead):
            break
        good, step = ahead, step * 2
    else:
        return end
    while ahead - good > 1:  # [good, ahead) holds a value that does not fit
        middle = (good + ahead) // 2
        if same(good, middle):
            good = middle
        else:
            ahead = middle
    return good


def build(
    ids: Sequence[str], titles: Sequence[str], bodies: Sequence[str], least: int | None = None, rows: int = CHUNK_ROWS
) -> Grams:
    """Grams of every row (slot = row); 3- and 4-grams in about ``least`` rows or more
    (:func:`~search_index.index.longgrams.least_rows` by default) are kept exact. The keys
    are read ``rows`` rows at a time (see :mod:`~search_index.index.grams_build`): pass
    the row cache's packed keys, not lists of strings, and no more than a chunk's texts are
    held as strings."""
    size = len(ids)
    least = least_rows(size) if least is None else least
    chosen = common(lambda row: (titles[row], bodies[row]), size, least) if least and size >= least else set()
    release(titles)  # the sample's pages (mapped around each row read: most of the file)
    release(bodies)
    codes, ends, blob = bitmaps(titles, bodies, rows)
    grams = Grams(codes, ends, blob, ids if isinstance(ids, Keys) else list(ids))  # packed ids compare as bytes
    if chosen:  # each gram searched for in its candidates, a chunk of rows at a time
        grams.long = LongGrams.of(false_candidates(chosen, grams.bitmap, chunks(titles, bodies, rows)))
        grams.forget()
    return grams


def _pack(codes: Sequence[int], maps: Sequence[BitMap | bytes | bytearray | memoryview], slots: Sequence[str]) -> Grams:
    ends, blob = packed(maps)
    return Grams(array("q", codes), ends, blob, slots)


def update(old: Grams, ids: Sequence[str], titles: Sequence[str], bodies: Sequence[str]) -> Grams:
    """Grams for a memo's rows from an older memo's: the grams of rows whose article is new
    are added under new slots; a full build when too many slots would be dead."""
    known = {ident: slot for slot, ident in enumerate(old.slots)}  # (decoded only for an update)
    fresh = [row for row, ident in enumerate(ids) if ident not in known]
    live = len(ids) - len(fresh)
    if live == 0 or len(old.slots) - live > DEAD_SHARE * (len(old.slots) + len(fresh)):
        return build(ids, titles, bodies).attach(ids)
    slots = [*old.slots, *(ids[r] for r in fresh)]
    postings = Postings()
    first = len(old.slots)
    new_titles, new_bodies = [titles[r] for r in fresh], [bodies[r] for r in fresh]
    postings.add(first, new_titles, new_bodies)
    codes = sorted(set(old.codes).union(postings.arrays))
    maps: list[BitMap | bytes | bytearray | memoryview] = []
    for code in codes:
        added = postings.arrays.get(code)
        if added is None:
            i = bisect_left(old.codes, code)
            maps.append(old.blob[old.ends[i] : old.ends[i + 1]])
        else:
            merged = old.bitmap(code).copy()
            merged.update(added)
            maps.append(merged)
    grams = _pack(codes, maps, slots)
    grams.long = _long_update(old.long, grams, first, new_titles, new_bodies)
    return grams.attach(ids)


def _long_update(old: LongGrams, grams: Grams, first: int, titles: list[str], bodies: list[str]) -> LongGrams:
    """The kept grams' false candidates with those among the new slots (from ``first``, their
    texts ``titles`` and ``bodies``) added."""
    if not len(old):
        return old
    added = false_candidates(old.codes, grams.bitmap, [(first, titles, bodies)])
    false: dict[int, BitMap | bytes | bytearray | memoryview] = {}
    for code, more in added.items():
        was = old.false(code)
        assert was is not None  # the old grams only
        false[code] = was | more if more else old.raw(code)
    return LongGrams.of(false)
