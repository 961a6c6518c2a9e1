"""Exact facet counts over any set of articles, and the province › city › zone tree."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from operator import itemgetter, sub
from typing import Any

from pyroaring import BitMap

from search_index.facets import COUNTED
from search_index.index import facetsplit
from search_index.index.columns import Lists, Utf8Strings
from search_index.index.facetsplit import Split, ValueOrder
from search_index.index.keys import Pairs

Names = Sequence[str] | Utf8Strings  # row → its value
BITSET_MIN_ROWS = 300  # smaller result sets are counted row by row (bitmaps win from about 300 rows at 10k)


class FacetCounter:
    """Exact facet counts over any set of rows (``Memo`` row numbers).

    Every row's facet values are small integers (``Memo.facets``), and every value knows its
    rows (``Memo.value_rows``). All rows are counted from the lengths of those row lists
    (once, then kept). A small result set is counted with one C-level ``Counter`` pass over
    its rows' values; one of more than half the rows as the counts over all rows less those
    of the rows left out. A large one is turned into a compressed bitmap (``pyroaring``):
    values common enough to have a bitmap of their own are counted with
    ``rows.intersection_cardinality(value)`` (a few microseconds each), and only the rare
    values go through the ``Counter``, only for the rows that have one (once :meth:`prepare`
    has built the bitmaps, or from the split saved with the rows: ``facetsplit``).

    The counts become per-facet dicts, most frequent first and ties by value, without a
    string comparison: every value's rank in (facet, value) order is computed once, so a
    search sorts integers, and the values go through C-level ``map``/``zip``/``dict`` calls
    only. A facet with one value of its own per row, in row order (a corpus of one-article
    files has one ``source`` per article) is left out of the bitmaps' counts: its counts are
    all 1, in row order, one ``dict.fromkeys`` over the rows."""

    def __init__(
        self,
        ids: Lists,
        values: Sequence[tuple[str, str]],
        value_rows: Lists,
        saved: Callable[[], Split | None] | None = None,
    ) -> None:
        self._ids = ids  # row → ids into values
        self._values = values  # integer → (facet, value)
        self._value_rows = value_rows  # integer → rows
        self._saved = saved  # gives the split saved with the rows (read when first counted with), if any
        self._split: tuple[dict[int, BitMap], Lists, BitMap] | None = None
        self._order: ValueOrder | None = None
        self._all: dict[int, int] | None = None
        self._all_by_facet: dict[str, dict[str, int]] | None = None
        self._single: dict[str, Names] = {}  # facet → row → its value, for facets of one value per row

    def count(self, rows: Iterable[int]) -> dict[str, dict]:
        """Counts of every facet value over ``rows`` (distinct row numbers), most frequent
        first (ties by value). The province tree is built from them when asked
        (:func:`parks_by_region`)."""
        rows = rows if isinstance(rows, (list, set, range, tuple, BitMap)) else list(rows)
        size = len(self._ids)
        out: dict[str, dict]
        if len(rows) >= BITSET_MIN_ROWS:
            self._load_saved()
        if len(rows) == size:  # every row: the values' own row counts
            single = self._single  # filled in below, in place
            out = {f: {} if f in single else dict(values) for f, values in self._every_by_facet().items()}
            out = self._fill_single(out, range(size))
        elif len(rows) > size // 2:  # most rows: every row's counts less the rows left out
            out = self._all_but(rows)
        elif self._split is None or len(rows) < BITSET_MIN_ROWS:
            out = self._by_facet(Counter(chain.from_iterable(map(self._ids.__getitem__, rows))))
        else:
            out = self._fill_single(self._by_facet(self._count_large(rows, *self._split)), rows)
        return out

    def _every(self) -> dict[int, int]:
        """Every value's count over all rows (kept: callers must not change it)."""
        if self._all is None:
            starts = self._value_rows.starts
            self._all = {v: n for v, n in enumerate(map(sub, starts[1:], starts[:-1])) if n}
        return self._all

    def _every_by_facet(self) -> dict[str, dict[str, int]]:
        """:meth:`_by_facet` of every row's counts (kept: callers must not change it), but {}
        for the one-value-per-row facets known by then (their counts are the rows)."""
        if self._all_by_facet is None:
            self._all_by_facet = self._by_facet(self._every(), set(self._single))
        return self._all_by_facet

    def _all_but(self, rows) -> dict[str, dict]:
        """Counts over ``rows`` (most rows) from every row's counts and the rows not in it: a
        facet none of their values is in keeps every row's counts, one whose values they
        are the only rows of loses those values, and only the others are sorted again."""
        picked = rows if isinstance(rows, BitMap) else BitMap(rows)
        left_out = BitMap(range(len(self._ids))) - picked
        every, order = self._every(), self._order_of()
        changed: dict[str, dict[int, int]] = {}
        split = self._split
        single = split is not None and len(left_out) >= BITSET_MIN_ROWS
        if split is not None and single:
            gone: dict[int, int] = self._count_large(left_out, *split)
        else:
            gone = Counter(chain.from_iterable(map(self._ids.__getitem__, left_out)))
        for v, n in gone.items():
            changed.setdefault(self._values[v][0], {})[v] = every[v] - n
        out: dict[str, dict] = {}
        for facet, values in self._every_by_facet().items():
            if facet in self._single:
                out[facet] = {}  # filled in below, in place
                continue
            fewer = changed.get(facet)
            if fewer is None:
                out[facet] = dict(values)
            elif not any(fewer.values()):  # values only the left-out rows have: order unchanged
                out[facet] = dict(values)
                for v in fewer:
                    del out[facet][order.names[v]]
            else:
                first, stop = order.spans[facet]
                counts = {v: n for v in order.by_rank[first:stop] if (n := fewer.get(v, every.get(v, 0)))}
                out[facet] = _most_first(counts, order.names)
        return self._fill_single(out, picked)

    def _fill_single(self, out: dict[str, Any], rows) -> dict[str, Any]:
        """The facets whose values are one row's each (their values are not in the bitmaps'
        counts): every count is 1, so value order is row order."""
        if self._single:
            ordered = rows if isinstance(rows, (BitMap, range)) else sorted(rows)
            for facet, names in self._single.items():
                out[facet] = OnePerRow(names, ordered)
        return out

    def _count_large(self, rows, common: dict[int, BitMap], rare: Lists, with_rare: BitMap) -> Counter:
        picked = rows if isinstance(rows, BitMap) else BitMap(rows)
        counts = Counter(chain.from_iterable(map(rare.__getitem__, picked & with_rare)))  # rows with a rare value
        for value, bits in common.items():
            n = picked.intersection_cardinality(bits)
            if n:
                counts[value] = n
        return counts

    def _by_facet(self, counts: dict[int, int], left: Collection[str] = ()) -> dict[str, dict]:
        """facet → value → count, most first (ties by value), every counted facet present
        ({} for those ``left`` out)."""
        order = self._order
        if order is None:  # not prepared (a one-off search): sort only the values found, by name
            return _by_facet_named(counts, self._values, left)
        ranks = sorted(map(order.rank.__getitem__, counts))
        out: dict[str, dict] = {}
        for facet, (first, stop) in order.spans.items():
            if facet in left:
                out[facet] = {}
                continue
            picked = map(order.by_rank.__getitem__, ranks[bisect_left(ranks, first) : bisect_left(ranks, stop)])
            out[facet] = _most_first({v: counts[v] for v in picked}, order.names)
        return out

    def _order_of(self) -> ValueOrder:
        if self._order is None:
            self._order = ValueOrder(self._values)
        return self._order

    def prepare(self) -> None:
        """Build the bitmaps of common values unless they were saved with the rows (a
        fraction of a second per 10,000 articles; the app does it in the background), the
        values' order and every row's counts. Until then every count goes row by row."""
        self._load_saved()
        if self._split is None:
            self._use(facetsplit.build(self._ids, self._values, self._value_rows, self._order_of()))
        self._order_of()
        self._every_by_facet()

    def _load_saved(self) -> None:
        """Take up the split saved with the rows, once."""
        saved, self._saved = self._saved, None
        split = saved() if saved is not None else None
        if split is not None and self._split is None:
            self._use(split)

    def _use(self, split: Split) -> None:
        if self._order is None and split.order is not None:
            self._order = split.order
        self._single = dict(split.single)  # before the bitmaps: a count in another thread that sees them needs it
        self._split = (split.common, split.rare, split.with_rare)


class OnePerRow(Mapping[str, int]):
    """The counts of a facet whose every value is one row's own (``source`` in a corpus of
    one-article files): each value counts 1, in row order. Exact and complete, but nothing is
    built until it is read: its size is the rows', iterating walks the rows, and a lookup (or
    :meth:`items`) builds the value → 1 dict once. A search over 70,000 rows saves writing
    out 70,000 values that a pane shows the first 80 of."""

    __slots__ = ("_built", "_names", "_rows")

    def __init__(self, names: Names, rows: BitMap | range | list[int]) -> None:
        self._names, self._rows = names, rows  # rows ascending (a bitmap may be a kept one: never changed)
        self._built: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[str]:
        return iter(self._built) if self._built is not None else iter(self._listed())

    def __getitem__(self, value: str) -> int:
        return self.as_dict()[value]

    def __contains__(self, value: object) -> bool:
        return value in self.as_dict()

    def items(self):
        """The dict's own (C-speed) view."""
        return self.as_dict().items()

    def as_dict(self) -> dict[str, int]:
        """value → 1 for every row, in row order (built once)."""
        if self._built is None:
            self._built = dict.fromkeys(self._listed(), 1)
        return self._built

    def _listed(self) -> list[str] | Iterator[str]:
        names = self._names
        return names.many(self._rows) if isinstance(names, Utf8Strings) else map(names.__getitem__, self._rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OnePerRow):
            other = other.as_dict()
        return isinstance(other, Mapping) and self.as_dict() == dict(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"OnePerRow({len(self)} values)"


def _most_first(counts: dict[int, int], names: Sequence[str]) -> dict[str, int]:
    """Value ids (in value order) and their counts as value → count, most first, ties in
    value order (the sort is stable)."""
    picked = sorted(counts, key=counts.__getitem__, reverse=True)
    return dict(zip(map(names.__getitem__, picked), map(counts.__getitem__, picked), strict=True))


def _by_facet_named(
    counts: dict[int, int], values: Sequence[tuple[str, str]], left: Collection[str] = ()
) -> dict[str, dict]:
    """:meth:`FacetCounter._by_facet` without the values' order: the values found are decoded
    and sorted as strings (ordering every value of the corpus costs more than one search)."""
    by_facet: dict[str, dict[str, int]] = {facet: {} for facet in COUNTED}
    pairs = values.many(counts) if isinstance(values, Pairs) else map(values.__getitem__, counts)
    for (facet, value), n in zip(pairs, counts.values(), strict=True):
        if facet in by_facet and facet not in left:
            by_facet[facet][value] = n
    out: dict[str, dict] = {}
    for facet, found in by_facet.items():
        items = sorted(found.items())
        items.sort(key=itemgetter(1), reverse=True)  # stable: equal counts stay in value order
        out[facet] = dict(items)
    return out


def parks_by_region(facets: Mapping[str, Mapping[str, int]], also: Iterable[str] = ()) -> dict[str, dict]:
    """Province › city › zone counts: {"江苏省": {"count": 3, "cities": {"南京市": {"count": 1,
    "parks": {"南京高新区": 1}}}}}. Counts are articles (an article may name several zones);
    the zones in ``also`` (chosen filters) are placed too, with 0 when no article names them;
    a zone the gazetteer does not place is under "?" › "?"."""
    counts = facets.get("parks", {})
    tree: dict[str, dict] = {}
    for (province, city), parks in by_region((*counts, *also)).items():
        prov = tree.setdefault(province or "?", {"count": facets.get("provinces", {}).get(province, 0), "cities": {}})
        node = prov["cities"].setdefault(city or "?", {"count": facets.get("cities", {}).get(city, 0), "parks": {}})
        node["parks"].update((park, counts.get(park, 0)) for park in parks)
    return tree


def by_region(parks: Iterable[str]) -> dict[tuple[str, str], list[str]]:
    """Zones grouped by (province, city), each group and zone in the order first given; a zone
    the gazetteer does not place is under ('', '')."""
    from search_index.reference.regions import park_regions  # here: only the facet counts' tree needs it

    regions = park_regions()
    out: dict[tuple[str, str], list[str]] = {}
    for park in dict.fromkeys(parks):
        out.setdefault(regions.get(park, ("", "")), []).append(park)
    return out


def written_forms(alias_ids: Iterable[int], alias_values: list[tuple[str, str, str]]) -> dict[tuple[str, str], Counter]:
    """(facet, value) → each surface form written for it → in how many articles (``alias_ids``:
    every row's ids into ``alias_values``, the (facet, form, value) triples)."""
    seen: dict[tuple[str, str], Counter[str]] = {}
    for i, n in Counter(alias_ids).items():  # articles that wrote each form
        facet, form, value = alias_values[i]
        seen.setdefault((facet, value), Counter())[form] += n
    return seen
