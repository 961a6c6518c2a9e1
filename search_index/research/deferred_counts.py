"""Facet counts that are exact when made but written out only when read.

A facet with a value per file (``source``) has as many values as a result has files: 70,000
in a search of a corpus of one-article files, 13,000 in one of a corpus of pages. A pane
shows the first 80 of them. These mappings hold the counts as integers (counted in C when
the search ran) and decode names, order them and build the ``value → count`` dict only when
read: :meth:`DeferredCounts.first` gives the first values without building the rest."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import islice, repeat

from pyroaring import BitMap

from search_index.index.columns import Utf8Strings

Names = Sequence[str] | Utf8Strings  # row or place → its value


class DeferredCounts(Mapping[str, int]):
    """A facet's counts, most first, read as a dict: ``len`` is known at once, iterating or
    :meth:`first` walks the values in order, a lookup (or :meth:`items`) builds the dict once."""

    __slots__ = ("_built",)

    def __init__(self) -> None:
        self._built: dict[str, int] | None = None

    def _pairs(self) -> Iterator[tuple[str, int]]:
        """(value, count), most first (ties in value order)."""
        raise NotImplementedError

    def __iter__(self) -> Iterator[str]:
        if self._built is not None:
            return iter(self._built)
        return (value for value, _n in self._pairs())

    def first(self, n: int) -> list[tuple[str, int]]:
        """The first ``n`` (value, count) pairs, without writing out the others."""
        if self._built is not None:
            return list(islice(self._built.items(), n))
        return list(islice(self._pairs(), n))

    def __getitem__(self, value: str) -> int:
        return self.as_dict()[value]

    def __contains__(self, value: object) -> bool:
        return value in self.as_dict()

    def items(self):
        """The dict's own (C-speed) view."""
        return self.as_dict().items()

    def as_dict(self) -> dict[str, int]:
        """value → count, most first (built once)."""
        if self._built is None:
            self._built = dict(self._pairs())
        return self._built

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DeferredCounts):
            other = other.as_dict()
        return isinstance(other, Mapping) and self.as_dict() == dict(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} values)"


class OnePerRow(DeferredCounts):
    """The counts of a facet whose every value is one row's own (``source`` in a corpus of
    one-article files): each value counts 1, in row order."""

    __slots__ = ("_names", "_rows")

    def __init__(self, names: Names, rows: BitMap | range | list[int]) -> None:
        super().__init__()
        self._names, self._rows = names, rows  # rows ascending (a bitmap may be a kept one: never changed)

    def __len__(self) -> int:
        return len(self._rows)

    def _pairs(self) -> Iterator[tuple[str, int]]:
        return zip(self._listed(), repeat(1))

    def first(self, n: int) -> list[tuple[str, int]]:
        """The first ``n`` rows' values, each counting 1 (only theirs decoded)."""
        if self._built is not None:
            return super().first(n)
        return list(zip(OnePerRow(self._names, list(islice(self._rows, n)))._listed(), repeat(1)))

    def as_dict(self) -> dict[str, int]:
        """value → 1 for every row, in row order (built once)."""
        if self._built is None:
            self._built = dict.fromkeys(self._listed(), 1)
        return self._built

    def _listed(self) -> list[str] | Iterator[str]:
        names = self._names
        return names.many(self._rows) if isinstance(names, Utf8Strings) else map(names.__getitem__, self._rows)


class ByPlace(DeferredCounts):
    """The counts of a facet of one value per row, many of them rare (``source`` in a corpus
    of pages, each file a few articles): place in value order → count, for ``places`` (those
    counted, in value order); ordered most first, ties in value order, when first read."""

    __slots__ = ("_counts", "_names", "_order", "_places")

    def __init__(self, names: Sequence[str], counts: Sequence[int] | Mapping[int, int], places: list[int]) -> None:
        super().__init__()
        self._names, self._counts, self._places = names, counts, places
        self._order: list[int] | None = None

    def __len__(self) -> int:
        return len(self._places)

    def _pairs(self) -> Iterator[tuple[str, int]]:
        order = self._order
        if order is None:  # a new list, assigned once whole: another thread reads either or none
            order = self._order = sorted(self._places, key=self._counts.__getitem__, reverse=True)
        return zip(map(self._names.__getitem__, order), map(self._counts.__getitem__, order), strict=True)
