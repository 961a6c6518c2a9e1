"""Exact answers for common 3- and 4-character terms, beside the 2-gram candidates.

A term's candidates are the rows holding all its 2-grams; each is then verified against its
key, at the speed of a byte search through the row (about 1 GB/s). For a common term nearly
every candidate holds it (高新区 at 74,000 articles: 73,684 candidates, 73,681 matches), so
verifying costs what reading most of the corpus costs. For the 3- and 4-grams that many
articles hold (``least`` of them, estimated from a sample when the grams are built), this
keeps the few candidates that do *not* hold the gram: the gram's rows are its candidates less
these, with nothing to verify, and a longer term holding the gram drops them from its
candidates too. Grams are BMP characters only (no surrogates, no U+0000), coded as their
UTF-16 units: ``u0 | u1 << 16 | u2 << 32 [| u3 << 48]``, so a 3-gram's top 16 bits are zero.

The grams are chosen by counting a sample's grams, read as 64-bit numbers straight from its
texts' UTF-16 bytes (:func:`windows`). A chosen gram's false candidates are then found among
its candidates only (the intersection of its 2-grams' bitmaps), each searched for the gram
once: a common gram's candidates are few beside every gram of every row.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import chain, compress, repeat
from operator import and_, contains, not_

from pyroaring import BitMap

SAMPLE = 2048  # articles sampled to choose the common grams
LEAST_ROWS = 4096  # a gram held by fewer rows is verified as before (a few milliseconds at most)
LEAST_SHARE = 1 / 32  # … or by fewer than this share of the rows, in a larger corpus
FROM_ROWS = 20_000  # smaller corpora keep no 3- or 4-grams

_LOW3 = (1 << 48) - 1


def least_rows(size: int) -> int | None:
    """How many rows a gram must be in to be kept; None below :data:`FROM_ROWS` rows, where
    verifying even a gram in every row costs a few milliseconds and the pass over every
    row's grams (about as long as the 2-grams' own) is not worth it."""
    return max(LEAST_ROWS, int(size * LEAST_SHARE)) if size >= FROM_ROWS else None


def windows(text: str) -> Iterable[int]:
    """Every 4 UTF-16 units of a text as one number (``u0 | u1 << 16 | u2 << 32 | u3 << 48``),
    the last three followed by U+0000: the text's UTF-16 bytes read as 64-bit numbers from
    each of four offsets, so that no Python code runs per character. A 3-gram is a window's
    low 48 bits; a window with U+0000 in it is no 4-gram (no key holds U+0000)."""
    raw = text.encode("utf-16-le", "surrogatepass") + b"\x00\x00"
    return chain.from_iterable(array("Q", raw[k : k + (len(raw) - k) // 8 * 8]) for k in (0, 2, 4, 6))


def grams_of(texts: Iterable[str]) -> tuple[Iterable[int], Iterable[int]]:
    """(3-gram codes, 4-gram-or-less codes) of some texts, each with repeats, lazily."""
    fours = list(chain.from_iterable(map(windows, texts)))
    return map(and_, fours, repeat(_LOW3)), fours


def key_code(key: str) -> int | None:
    """The code of a 3- or 4-character key of BMP characters, None for any other key."""
    if len(key) not in (3, 4) or any(c == "\x00" or "\ud800" <= c <= "\udfff" or c > "\uffff" for c in key):
        return None
    return sum(ord(c) << (16 * i) for i, c in enumerate(key))


def sub_codes(key: str) -> set[int]:
    """The codes of every 3- and 4-character piece of a key."""
    found = {key_code(key[i : i + n]) for n in (3, 4) for i in range(len(key) - n + 1)}
    return {c for c in found if c is not None}


def _kept(code: int) -> bool:
    """A gram of BMP characters, no surrogate and no U+0000 among them (a 3-gram: top unit 0)."""
    units = [(code >> (16 * i)) & 0xFFFF for i in range(4)]
    return all(u and not 0xD800 <= u <= 0xDFFF for u in units[:3]) and not 0xD800 <= units[3] <= 0xDFFF


def common(texts: Callable[[int], Sequence[str]], size: int, least: int) -> set[int]:
    """The 3- and 4-gram codes in about ``least`` rows or more, counted over a sample of
    rows (every row of a small corpus); ``texts(row)`` gives a row's title and body.
    Choosing a few too many or too few changes speed, never results."""
    step = max(1, size // SAMPLE)
    counts: Counter[int] = Counter()
    for row in range(0, size, step):
        three, four = grams_of(texts(row))
        counts.update({*three, *four})
    floor = max(1, least * 0.8 / step)  # room for the sample's error
    return {code for code, n in counts.items() if n >= floor and _kept(code)}


def two_gram_codes(code: int) -> list[int]:
    """The 2-gram codes (``grams.gram_codes`` form) of a 3- or 4-gram code."""
    units = _units(code)
    return [units[i] | units[i + 1] << 32 for i in range(len(units) - 1)]


def gram_text(code: int) -> str:
    """The 3 or 4 characters of a gram's code."""
    return "".join(map(chr, _units(code)))


def _units(code: int) -> list[int]:
    units = [(code >> (16 * i)) & 0xFFFF for i in range(4)]
    return units if units[3] else units[:3]


def false_candidates(
    codes: Iterable[int],
    bitmap: Callable[[int], BitMap],
    chunks: Iterable[tuple[int, Sequence[str], Sequence[str]]],
) -> dict[int, BitMap]:
    """code → the slots holding every 2-gram of the gram but not the gram (its candidates
    less the slots whose title or body holds it), among the slots of ``chunks``: (first
    slot, the titles and bodies of it and the slots after it), in ascending order. Only
    candidates are read (a common gram's candidates are mostly its rows), each by one
    substring search in C, one chunk's texts at a time."""
    codes = list(codes)
    found_in: dict[int, array] = {code: array("I") for code in codes}  # made bitmaps at the end, as from one list
    texts = {code: gram_text(code) for code in codes}
    for first, titles, bodies in chunks:
        window = BitMap()
        window.add_range(first, first + len(bodies))
        for code in codes:
            found = BitMap.intersection(window, *(bitmap(c) for c in two_gram_codes(code)))
            if not found:
                continue
            rows = list(found.shift(-first) if first else found)  # the chunk's own row numbers
            gram = texts[code]
            lacking = _lacking(gram, _lacking(gram, rows, bodies), titles)
            found_in[code].extend(map(first.__add__, lacking) if first else lacking)
    return {code: BitMap(rows) for code, rows in found_in.items()}


def _lacking(gram: str, rows: list[int], texts: Sequence[str]) -> list[int]:
    """The rows whose text does not hold ``gram``."""
    if not rows:
        return rows
    return list(compress(rows, map(not_, map(contains, map(texts.__getitem__, rows), repeat(gram)))))


class LongGrams:
    """The common grams' codes (sorted) and, for each, its false candidates as a bitmap of
    slots in one blob (``blob[ends[i]:ends[i + 1]]``, a mapped file view when loaded)."""

    def __init__(self, codes: array, ends: array, blob: bytes | memoryview) -> None:
        self.codes, self.ends, self.blob = codes, ends, blob
        self._cache: dict[int, BitMap] = {}

    @classmethod
    def of(cls, false: Mapping[int, BitMap | bytes | bytearray | memoryview]) -> LongGrams:
        """Pack code → false candidates (a bitmap, or one already serialized)."""
        codes = sorted(false)
        ends, blob = packed([false[c] for c in codes])
        return cls(array("Q", codes), ends, blob)

    def __len__(self) -> int:
        return len(self.codes)

    def false(self, code: int | None) -> BitMap | None:
        """The false candidates of a gram (do not change them); None when it is not kept."""
        if code is None:
            return None
        found = self._cache.get(code)
        if found is None:
            i = bisect_left(self.codes, code)
            if i == len(self.codes) or self.codes[i] != code:
                return None
            found = self._cache[code] = BitMap.deserialize(bytes(self.blob[self.ends[i] : self.ends[i + 1]]))
        return found

    def raw(self, code: int) -> bytes | memoryview:
        """A kept gram's false candidates as stored."""
        i = bisect_left(self.codes, code)
        return self.blob[self.ends[i] : self.ends[i + 1]]


def packed(maps: Sequence[BitMap | bytes | bytearray | memoryview]) -> tuple[array, bytes]:
    """Bitmaps (or ones already serialized) as one blob and the ends of each in it
    (``blob[ends[i]:ends[i + 1]]``), as the grams file keeps them."""
    parts = [m if isinstance(m, (bytes, bytearray, memoryview)) else serialized(m) for m in maps]
    ends = array("q", [0])
    total = 0
    for part in parts:
        total += len(part)
        ends.append(total)
    return ends, b"".join(parts)


def serialized(bitmap: BitMap) -> bytes:
    """A bitmap's bytes as the grams file keeps them (runs compressed)."""
    bitmap.run_optimize()
    return bitmap.serialize()
