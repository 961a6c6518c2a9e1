"""Every row's search key of one field (titles or bodies) as one UTF-16 buffer, rows apart.

A Python string per article costs its object header and, held in the heap, its whole text
in every process for as long as the index is open. Here the keys are one UTF-16-LE buffer,
each row followed by U+0000 (which no key holds: :func:`~search_index.analysis.textnorm.key_of`
removes it), with the byte offset where each row starts. Loaded from the row cache the buffer
is the cache file itself, mapped read-only (``mmap``): the operating system keeps its pages
in its file cache, shared and dropped under pressure, instead of the heap of every process.

Matching is a byte search of the key's UTF-16 bytes (``bytes.find``/``mmap.find``, C speed):
a hit at an odd offset from the buffer's start is not a character boundary and is skipped,
and a hit cannot run over a row's end because the separator is in no key. Over all rows one
search walks the buffer and maps each hit to its row by bisection, then resumes at the next
row, so recall is exactly that of ``key in text`` per row. A row is decoded only when its
text is asked for (ranking counts, patterns, snippets).
"""

from __future__ import annotations

import codecs
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat
from operator import itemgetter, methodcaller, sub

SEP = "\x00"  # between rows; no search key holds it
ENCODING = "utf-16-le"
_decode = codecs.utf_16_le_decode  # what bytes.decode(ENCODING) calls, without its lookup and Python wrapper


class Keys(Sequence[str]):
    """Search keys by row over a UTF-16-LE buffer (``bytes`` or a read-only ``mmap``)."""

    __slots__ = ("buffer", "lengths", "starts")

    def __init__(self, buffer, starts: array, lengths: array) -> None:
        self.buffer = buffer  # anything with find(sub, start, end) and slicing to bytes
        self.starts = starts  # row i is buffer[starts[i] : starts[i + 1] - 2]; starts[-1] ends the last
        self.lengths = lengths  # row → its length in characters (code points)

    @classmethod
    def of(cls, texts: Iterable[str]) -> Keys:
        """Pack strings (none may hold U+0000) one after another into one growing buffer (a
        ``bytearray``: the texts' bytes are never held twice, as a list of parts and joined)."""
        buffer, lengths, starts = bytearray(), array("i"), array("q", [0])
        for text in texts:
            buffer += text.encode(ENCODING, "surrogatepass")
            buffer += b"\x00\x00"
            lengths.append(len(text))
            starts.append(len(buffer))
        return cls(buffer, starts, lengths)

    def __len__(self) -> int:
        return len(self.lengths)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        return _decode(self.buffer[self.starts[i] : self.starts[i + 1] - 2], "surrogatepass", True)[0]

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Keys):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return isinstance(other, list) and list(self) == other

    __hash__ = None  # type: ignore[assignment]

    def rows_with(self, key: str, rows: Iterable[int] | None = None) -> set[int]:
        """The rows (among ``rows``; all when None) whose key holds ``key`` (not empty)."""
        if any("\ud800" <= c <= "\udfff" for c in key):  # half a pair could match inside a character
            return {r for r in (range(len(self)) if rows is None else rows) if key in self[r]}
        needle = key.encode(ENCODING, "surrogatepass")
        if rows is None:
            return self._scan(needle)
        find, starts, found = self.buffer.find, self.starts, set()
        odd = starts[0] & 1
        for r in rows:
            pos, end = starts[r], starts[r + 1] - 2
            pos = find(needle, pos, end)
            while pos >= 0 and (pos & 1) != odd:  # inside a character: look on
                pos = find(needle, pos + 1, end)
            if pos >= 0:
                found.add(r)
        return found

    def counts(self, key: str, rows: Iterable[int]) -> list[int]:
        """How often ``key`` (not empty) occurs in each of ``rows``, as ``str.count`` counts
        (non-overlapping, from the left), without decoding the rows."""
        if any("\ud800" <= c <= "\udfff" for c in key):
            return [self[r].count(key) for r in rows]
        needle = key.encode(ENCODING, "surrogatepass")
        find, starts, step, out = self.buffer.find, self.starts, len(needle), []
        odd = starts[0] & 1
        for r in rows:
            end, n = starts[r + 1] - 2, 0
            pos = find(needle, starts[r], end)
            while pos >= 0:
                if (pos & 1) == odd:
                    n += 1
                    pos = find(needle, pos + step, end)
                else:
                    pos = find(needle, pos + 1, end)
            out.append(n)
        return out

    def _scan(self, needle: bytes) -> set[int]:
        find, starts, found = self.buffer.find, self.starts, set()
        odd, last = starts[0] & 1, starts[-1]
        pos = find(needle, starts[0], last)
        while pos >= 0:
            if (pos & 1) != odd:
                pos = find(needle, pos + 1, last)
                continue
            row = bisect_right(starts, pos) - 1
            found.add(row)
            pos = find(needle, starts[row + 1], last)
        return found

    def row_of(self, text: str) -> int | None:
        """The first row whose key is exactly ``text`` (None when none is): one byte search
        for it between two separators, nothing decoded."""
        if not len(self) or SEP in text:
            return None
        needle = text.encode(ENCODING, "surrogatepass")
        starts, find = self.starts, self.buffer.find
        first, last = starts[0], starts[-1]
        if self.buffer[first : starts[1] - 2] == needle:
            return 0
        framed = b"\x00\x00" + needle + b"\x00\x00"
        pos = find(framed, first, last)
        while pos >= 0:
            if (pos - first) & 1 == 0:  # a separator's start, so the next row starts 2 bytes on
                return bisect_right(starts, pos + 2) - 1
            pos = find(framed, pos + 1, last)
        return None

    def span(self, first: int, stop: int) -> list[str]:
        """Rows ``first`` to ``stop`` (exclusive), decoded in one call and split at the
        separators (a row holds none)."""
        if first >= stop:
            return []
        starts = self.starts
        return _decode(self.buffer[starts[first] : starts[stop] - 2], "surrogatepass", True)[0].split(SEP)

    def total_length(self) -> int:
        """Characters in all rows."""
        return sum(self.lengths)


def as_keys(texts: Sequence[str]) -> Keys:
    """``texts`` as :class:`Keys` (packed when it is a plain list)."""
    return texts if isinstance(texts, Keys) else Keys.of(list(texts))


PAIR = "\x1f"  # between a facet's name (an identifier) and its value
SPAN_FROM = 64  # this many pairs or more are decoded over their span when they lie close together
_SPLIT = methodcaller("partition", PAIR)
_VALUE = itemgetter(2)


class Pairs(Sequence[tuple[str, str]]):
    """(facet, value) pairs packed as :class:`Keys` of ``facet + PAIR + value``: a pair is
    decoded when first asked for, then kept (a facet name never holds ``PAIR``)."""

    __slots__ = ("_decoded", "keys")

    def __init__(self, keys: Keys) -> None:
        self.keys = keys
        self._decoded: list[tuple[str, str] | None] | None = None  # pairs decoded so far (counting repeats them)

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str]]) -> Pairs:
        """Pack pairs."""
        return cls(Keys.of([f"{facet}{PAIR}{value}" for facet, value in pairs]))

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if self._decoded is None:
            self._decoded = [None] * len(self.keys)
        pair = self._decoded[i]
        if pair is None:
            facet, _, value = self.keys[i].partition(PAIR)
            pair = self._decoded[i] = (facet, value)
        return pair

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return (self[i] for i in range(len(self)))

    def index_of(self, facet: str, value: str) -> int | None:
        """The number of the pair (facet, value), None when there is none (found by one byte
        search of the packed pairs: no pair is decoded)."""
        return self.keys.row_of(f"{facet}{PAIR}{value}")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, (Pairs, list)) and list(self) == list(other)

    def many(self, ids: Iterable[int]) -> list[tuple[str, str]]:
        """The pairs of ``ids``, as ``[self[i] for i in ids]`` in one loop (facet counts decode
        one value per article of a one-article-file corpus's ``source``)."""
        if self._decoded is None:
            self._decoded = [None] * len(self.keys)
        decoded, out = self._decoded, []
        for i in ids:
            pair = decoded[i]
            if pair is None:
                facet, _, value = self._text(i).partition(PAIR)
                pair = decoded[i] = (facet, value)
            out.append(pair)
        return out

    def _text(self, i: int) -> str:
        """Pair ``i`` as packed (``facet + PAIR + value``), decoded from the buffer."""
        starts = self.keys.starts
        return _decode(self.keys.buffer[starts[i] : starts[i + 1] - 2], "surrogatepass", True)[0]

    def names_of(self, ids: Iterable[int]) -> list[str]:
        """The values (the part after the facet) of ``ids``, not kept: many ids that lie close
        together (a facet's values: a corpus's 16,000 file names) are decoded in one call over
        their span, with C-level calls only (a third less CPU than one by one)."""
        ids = ids if isinstance(ids, (list, array, range)) else list(ids)
        if len(ids) >= SPAN_FROM:
            first, stop = min(ids), max(ids) + 1
            if stop - first <= 2 * len(ids):
                texts = self.keys.span(first, stop)
                picked = map(texts.__getitem__, map(sub, ids, repeat(first)))
                return list(map(_VALUE, map(_SPLIT, picked)))  # C-level calls only
        return [self._text(i).partition(PAIR)[2] for i in ids]

    __hash__ = None  # type: ignore[assignment]
