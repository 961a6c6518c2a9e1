"""What counting the facets of a large result set reads, built once with the rows and saved
in the row cache (``Memo.facet_split``).

Every facet value is one of three kinds. A value of a facet that holds one value of its own
per row, in row order (``source`` in a corpus of one-article files), counts 1 for each row,
so its counts are the rows themselves: the facet keeps its values by row. A value in at least
``COMMON_SHARE`` of the rows keeps its rows as a bitmap, counted with one intersection. The
other (rare) values are counted row by row, over the rows that have one. A cold search of
13,000 of 74,000 articles then counts a few hundred intersections and a few rows instead of
280,000 value ids, and decodes a few hundred values instead of 13,000 file names.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby

from pyroaring import BitMap

from search_index.facets import COUNTED
from search_index.index.columns import Lists, Utf8Strings

COMMON_SHARE = 0.001  # values in at least this share of articles are counted with bitmaps


@dataclass
class Split:
    """The facet values of a corpus split by how they are counted (see the module)."""

    common: dict[int, BitMap]  # value id → its rows
    rare: Lists  # row → its values that are neither common nor of a one-per-row facet
    with_rare: BitMap  # the rows that have a rare value
    single: dict[str, Utf8Strings]  # facet of one value per row → row → its value
    order: ValueOrder | None = None  # the values in (facet, value) order
    each: dict[str, array] = field(default_factory=dict)  # facet of one value each, mostly rare → row → place


class ValueOrder:
    """Facet values in (counted facet, value) order: ``rank`` value id → position,
    ``by_rank`` position → value id, ``spans`` facet → [first, stop) positions, ``names``
    value id → value. Saved with the split, so that counting most rows (every row's counts
    less a few) sorts no value names: ordering 74,000 values costs a cold search 0.4 s."""

    by_rank: array
    rank: array
    names: Sequence[str]
    spans: dict[str, tuple[int, int]]

    @classmethod
    def saved(
        cls, by_rank: array, rank: array, spans: dict[str, tuple[int, int]], values: Sequence[tuple[str, str]]
    ) -> ValueOrder:
        """An order read back from a record (names decoded from ``values`` when asked for)."""
        order = cls.__new__(cls)
        order.by_rank, order.rank, order.spans, order.names = by_rank, rank, spans, _Names(values)
        return order

    def __init__(self, values: Sequence[tuple[str, str]]) -> None:
        place = {facet: n for n, facet in enumerate(COUNTED)}
        counted = [i for i, (facet, _value) in enumerate(values) if facet in place]
        by_rank = sorted(counted, key=lambda i: (place[values[i][0]], values[i][1]))
        self.by_rank = array("i", by_rank)  # flat arrays: a corpus of one-article files has a value per article
        rank = [len(values)] * len(values)  # values of no counted facet sort after all
        for position, i in enumerate(by_rank):
            rank[i] = position
        self.rank = array("i", rank)
        self.names = [value for _facet, value in values]
        self.spans: dict[str, tuple[int, int]] = {}
        first = 0
        for facet, group in groupby(values[i][0] for i in by_rank):
            stop = first + sum(1 for _ in group)
            self.spans[facet] = (first, stop)
            first = stop
        self.spans = {facet: self.spans.get(facet, (first, first)) for facet in COUNTED}


class _Names(Sequence[str]):
    """Value id → value, decoded from the (facet, value) pairs when asked for."""

    __slots__ = ("_values",)

    def __init__(self, values: Sequence[tuple[str, str]]) -> None:
        self._values = values

    def __len__(self) -> int:
        return len(self._values)

    def __getitem__(self, i):  # ids only: no slices
        return self._values[i][1]


def one_value_per_row(order: ValueOrder, value_rows: Lists, size: int) -> dict[str, array]:
    """Facets in which every one of ``size`` rows has one value of its own, in row order (a
    corpus of one-article files: ``source``): facet → row → its value id."""
    found: dict[str, array] = {}
    for facet, (first, stop) in order.spans.items():
        ids = order.by_rank[first:stop]
        if len(ids) != size or any(value_rows.size(v) != 1 for v in ids):
            continue
        if all(value_rows[v][0] == row for row, v in enumerate(ids)):
            found[facet] = ids
    return found


def one_value_each(order: ValueOrder, value_rows: Lists, size: int, least: float, skip: set[str]) -> dict[str, array]:
    """Facets (but those in ``skip``) in which every one of ``size`` rows has exactly one
    value, and most rows a rare one (in fewer than ``least`` rows): ``source`` in a corpus of
    pages, each file a few articles. Facet → row → its value's place in the facet's value
    order (``spans``): counted with one C-level pass over the rows instead of row lists
    (which every row would otherwise be in), and ordered by integers."""
    found: dict[str, array] = {}
    for facet, (first, stop) in order.spans.items():
        ids = order.by_rank[first:stop]
        sizes = [value_rows.size(v) for v in ids]
        if not size or facet in skip or sum(sizes) != size or 2 * sum(n for n in sizes if n < least) < size:
            continue
        column = array("i", [-1]) * size
        for place, v in enumerate(ids):
            for row in value_rows[v]:
                column[row] = place
        if -1 not in column:  # every row once (as many rows as values): one value each
            found[facet] = column
    return found


def build(ids: Lists, values: Sequence[tuple[str, str]], value_rows: Lists, order: ValueOrder | None = None) -> Split:
    """Split the values of ``ids`` (row → value ids; ``value_rows`` the inverse)."""
    size = len(ids)
    order = order or ValueOrder(values)
    least = max(1, COMMON_SHARE * size)
    single = one_value_per_row(order, value_rows, size)
    each = one_value_each(order, value_rows, size, least, set(single))
    of_each = (order.by_rank[slice(*order.spans[facet])] for facet in each)
    of_single = set().union(*single.values(), *of_each)  # counted from the rows, never in a bitmap
    common = [v for v in range(len(value_rows)) if value_rows.size(v) >= least and v not in of_single]
    skip = of_single.union(common)
    by_row: dict[int, list[int]] = {}  # row → its rare values (few: found from the values' side)
    for v in range(len(value_rows)):
        if v not in skip:
            for row in value_rows[v]:
                by_row.setdefault(row, []).append(v)
    rare = Lists.of(by_row.get(row, ()) for row in range(size))
    return Split(
        {v: BitMap(value_rows[v].tolist()) for v in common},
        rare,
        BitMap(row for row in range(size) if rare.size(row)),
        {f: Utf8Strings.of(order.names[v] for v in vids) for f, vids in single.items()},
        order,
        each,
    )


def to_record(split: Split, sources: Utf8Strings) -> dict:
    """The split as plain values ``marshal`` writes (bitmaps serialised, arrays as bytes); a
    one-per-row facet whose values are the rows' ``sources`` in row order (``source`` in a
    corpus of one-article files) is written as None: those are read from the row cache."""
    return {
        "common": array("i", split.common).tobytes(),
        "bits": [bits.serialize() for bits in split.common.values()],
        "rare": (array("i", split.rare.starts).tobytes(), array("i", split.rare.values).tobytes()),
        "with_rare": split.with_rare.serialize(),
        "single": {
            f: None if _same(names, sources) else (names.buffer, names.ends.tobytes())
            for f, names in split.single.items()
        },
        "order": _order_record(split.order),
        "each": {facet: column.tobytes() for facet, column in split.each.items()},
    }


def _order_record(order: ValueOrder | None) -> tuple | None:
    if order is None:
        return None
    return array("i", order.by_rank).tobytes(), array("i", order.rank).tobytes(), dict(order.spans)


def _same(names: Utf8Strings, sources: Utf8Strings) -> bool:
    return len(names) == len(sources) and bytes(names.buffer) == bytes(sources.buffer) and names.ends == sources.ends


def from_record(record: dict, sources: Utf8Strings, values: Sequence[tuple[str, str]]) -> Split | None:
    """What :func:`to_record` wrote (``sources``: the rows' corpus files, ``values`` the
    facet values the order names); None for an empty record (rows put together by hand)."""
    if not record:
        return None
    common = _ints(record["common"])
    raw_starts, raw_values = record["rare"]
    starts, rare_values = _ints(raw_starts), _ints(raw_values)
    single: dict[str, Utf8Strings] = {}
    for facet, names in record["single"].items():
        if names is None:
            single[facet] = sources
            continue
        ends = array("q")
        ends.frombytes(names[1])
        single[facet] = Utf8Strings(names[0], ends)
    bits = dict(zip(common, map(BitMap.deserialize, record["bits"]), strict=True))
    rare = Lists(starts, rare_values)
    each = {facet: _ints(raw) for facet, raw in record["each"].items()}
    return Split(bits, rare, BitMap.deserialize(record["with_rare"]), single, _order_of(record["order"], values), each)


def _ints(raw: bytes) -> array:
    """32-bit ints written by ``array.tobytes``."""
    out = array("i")
    out.frombytes(raw)
    return out


def _order_of(saved: tuple | None, values: Sequence[tuple[str, str]]) -> ValueOrder | None:
    if saved is None:
        return None
    by_rank, rank = _ints(saved[0]), _ints(saved[1])
    return ValueOrder.saved(by_rank, rank, saved[2], values)


def fits(split: Split, rows: int, values: int) -> bool:
    """True when every row and value id of the split is within ``rows`` and ``values``."""
    ends = [bits.max() for bits in (*split.common.values(), split.with_rare) if bits]
    ids = [*split.common, *split.rare.values]
    order = split.order
    return (
        len(split.rare) == rows
        and all(len(names) == rows for names in split.single.values())
        and all(_column_fits(column, rows, order, facet) for facet, column in split.each.items())
        and all(0 <= end < rows for end in ends)
        and all(0 <= v < values for v in ids)
        and (order is None or _order_fits(order, values))
    )


def _column_fits(column: array, rows: int, order: ValueOrder | None, facet: str) -> bool:
    """True when a one-value-each column has a place for every row, each in its facet's span."""
    if order is None or facet not in order.spans:
        return False
    first, stop = order.spans[facet]
    return len(column) == rows and 0 <= min(column, default=0) <= max(column, default=0) < stop - first


def _order_fits(order: ValueOrder, values: int) -> bool:
    """True when the order ranks every value, names only values, and its spans lie in it."""
    return (
        len(order.rank) == values
        and all(0 <= r <= values for r in order.rank)
        and all(0 <= v < values for v in order.by_rank)
        and all(0 <= first <= stop <= len(order.by_rank) for first, stop in order.spans.values())
    )
