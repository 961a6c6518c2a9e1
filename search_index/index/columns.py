"""Compact columns for per-article rows, and how they are written to and read from a file.

At 100,000 articles a list of tuples (one per article) costs seconds to unmarshal and tens of
megabytes of object headers. These columns keep numbers in flat ``array`` buffers and text
that is read only for the rows shown as one UTF-8 buffer, so that loading them is a copy.
"""

from __future__ import annotations

import marshal
from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, pairwise
from typing import BinaryIO

TEXT_CHUNK = 1 << 22  # characters of search keys written (and decoded) at a time


class Lists:
    """A list of integer lists in two flat arrays (compressed sparse rows): item ``i`` is
    ``values[starts[i]:starts[i + 1]]``."""

    __slots__ = ("starts", "values")

    def __init__(self, starts: array | None = None, values: array | None = None) -> None:
        self.starts = starts if starts is not None else array("i", [0])
        self.values = values if values is not None else array("i")

    @classmethod
    def of(cls, lists: Iterable[Sequence[int]]) -> Lists:
        """Pack integer sequences."""
        out = cls()
        for items in lists:
            out.values.extend(items)
            out.starts.append(len(out.values))
        return out

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, i: int) -> array:
        return self.values[self.starts[i] : self.starts[i + 1]]

    def __iter__(self) -> Iterator[array]:
        values, starts = self.values, self.starts
        return (values[a:b] for a, b in pairwise(starts))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lists) and self.starts == other.starts and self.values == other.values

    def size(self, i: int) -> int:
        """How many integers item ``i`` has (without copying them)."""
        return self.starts[i + 1] - self.starts[i]

    def inverse(self, width: int) -> Lists:
        """For every integer below ``width``, the items that contain it, in order."""
        counts = [0] * width
        for v in self.values:
            counts[v] += 1
        starts = array("i", [0, *accumulate(counts)])
        values = array("i", bytes(4 * len(self.values)))
        fill = list(starts[:-1])
        for item, (a, b) in enumerate(pairwise(self.starts)):
            for v in self.values[a:b]:
                values[fill[v]] = item
                fill[v] += 1
        return Lists(starts, values)


class Utf8Strings:
    """Strings kept as one UTF-8 buffer and decoded one at a time when asked for."""

    __slots__ = ("buffer", "ends")

    def __init__(self, buffer: bytes = b"", ends: array | None = None) -> None:
        self.buffer = buffer
        self.ends = ends if ends is not None else array("q", [0])

    @classmethod
    def of(cls, texts: Iterable[str]) -> Utf8Strings:
        """Pack strings."""
        encoded = [t.encode("utf-8", "surrogatepass") for t in texts]
        return cls(b"".join(encoded), array("q", [0, *accumulate(map(len, encoded))]))

    def __len__(self) -> int:
        return len(self.ends) - 1

    def __getitem__(self, i: int) -> str:
        return self.buffer[self.ends[i] : self.ends[i + 1]].decode("utf-8", "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))

    def many(self, rows: Iterable[int]) -> list[str]:
        """``[self[i] for i in rows]`` in one loop (a search over 13,000 one-article files
        lists as many file names)."""
        buffer, ends = self.buffer, self.ends
        return [buffer[ends[i] : ends[i + 1]].decode("utf-8", "surrogatepass") for i in rows]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Utf8Strings) and self.buffer == other.buffer and self.ends == other.ends


# -- the file format: one marshal record (or a few) per column ----------------------------
def dump_array(values: array, fh: BinaryIO) -> None:
    """Write an array (type code and machine bytes)."""
    marshal.dump((values.typecode, values.tobytes()), fh)


def load_array(fh: BinaryIO) -> array:
    """Read what :func:`dump_array` wrote."""
    typecode, raw = marshal.load(fh)
    out = array(typecode)
    out.frombytes(raw)
    return out


def dump_lists(lists: Lists, fh: BinaryIO) -> None:
    """Write a :class:`Lists`."""
    dump_array(lists.starts, fh)
    dump_array(lists.values, fh)


def load_lists(fh: BinaryIO) -> Lists:
    """Read what :func:`dump_lists` wrote."""
    return Lists(load_array(fh), load_array(fh))


def dump_utf8(strings: Utf8Strings, fh: BinaryIO) -> None:
    """Write a :class:`Utf8Strings`."""
    marshal.dump(strings.buffer, fh)
    dump_array(strings.ends, fh)


def load_utf8(fh: BinaryIO) -> Utf8Strings:
    """Read what :func:`dump_utf8` wrote."""
    return Utf8Strings(marshal.load(fh), load_array(fh))


def dump_texts(texts: Sequence[str], fh: BinaryIO) -> None:
    """Write strings that will all be needed in memory: their lengths, then runs of about
    ``TEXT_CHUNK`` characters as UTF-16 (two bytes a CJK character, decoded far faster
    than one marshal string at a time)."""
    dump_array(array("q", map(len, texts)), fh)
    runs = list(_runs(texts))
    marshal.dump(len(runs), fh)
    for run in runs:
        marshal.dump((len(run), "".join(run).encode("utf-16-le", "surrogatepass")), fh)


def load_texts(fh: BinaryIO) -> list[str]:
    """Read what :func:`dump_texts` wrote; ValueError when the lengths do not add up."""
    lengths = load_array(fh)
    out: list[str] = []
    for _ in range(marshal.load(fh)):
        count, raw = marshal.load(fh)
        run = raw.decode("utf-16-le", "surrogatepass")
        ends = list(accumulate(lengths[len(out) : len(out) + count], initial=0))
        if ends[-1] != len(run):
            raise ValueError("text column does not match its lengths")
        out += [run[a:b] for a, b in pairwise(ends)]
    if len(out) != len(lengths):
        raise ValueError("text column is short")
    return out


def _runs(texts: Sequence[str]) -> Iterator[Sequence[str]]:
    start, size = 0, 0
    for i, text in enumerate(texts):
        size += len(text)
        if size >= TEXT_CHUNK:
            yield texts[start : i + 1]
            start, size = i + 1, 0
    if start < len(texts):
        yield texts[start:]
