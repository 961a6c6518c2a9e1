"""Exact facet counts over any set of articles, and the province › city › zone tree."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from itertools import chain, compress
from operator import itemgetter, sub
from typing import Any

from pyroaring import BitMap

from search_index.facets import COUNTED
from search_index.index import facetsplit
from search_index.index.columns import Lists
from search_index.index.facetsplit import Split, ValueOrder
from search_index.index.keys import Pairs
from search_index.research.deferred_counts import ByPlace, Names, OnePerRow

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
        self._names: list[str] | None = None  # value id → value, decoded once by prepare()
        self._each: dict[str, array] = {}  # facet of one value each → row → its value's place in the facet's order
        self._each_names: dict[str, list[str]] = {}  # facet of one value each → place → value (decoded once)
        self._each_every: dict[str, list[int]] = {}  # facet of one value each → place → rows (counted once)

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
            apart = self._single.keys() | self._each.keys()  # filled in below, in place
            out = {f: {} if f in apart else dict(values) for f, values in self._every_by_facet().items()}
            out = self._fill_each(self._fill_single(out, range(size)), range(size), BitMap())
        elif len(rows) > size // 2:  # most rows: every row's counts less the rows left out
            out = self._all_but(rows)
        elif self._split is None or len(rows) < BITSET_MIN_ROWS:
            out = self._by_facet(Counter(chain.from_iterable(map(self._ids.__getitem__, rows))))
        else:
            out = self._by_facet(self._count_large(rows, *self._split), set(self._each))
            out = self._fill_each(self._fill_single(out, rows), rows)
        return out

    def _every(self) -> dict[int, int]:
        """Every value's count over all rows (kept: callers must not change it)."""
        if self._all is None:
            starts = self._value_rows.starts
            self._all = {v: n for v, n in enumerate(map(sub, starts[1:], starts[:-1])) if n}
        return self._all

    def _every_by_facet(self) -> dict[str, dict[str, int]]:
        """:meth:`_by_facet` of every row's counts (kept: callers must not change it), but {}
        for the one-value-per-row and one-value-each facets known by then (counted apart)."""
        if self._all_by_facet is None:
            self._all_by_facet = self._by_facet(self._every(), self._single.keys() | self._each.keys())
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
        for facet, ids in self._grouped(gone, order).items():
            changed[facet] = {v: every[v] - gone[v] for v in ids}
        out: dict[str, dict] = {}
        for facet, values in self._every_by_facet().items():
            if facet in self._single or facet in self._each:
                out[facet] = {}  # filled in below, in place
                continue
            fewer = changed.get(facet)
            if fewer is None:
                out[facet] = dict(values)
            elif not any(fewer.values()):  # values only the left-out rows have: order unchanged
                out[facet] = dict(values)
                for name in map(self._names_of(facet).__getitem__, fewer):
                    del out[facet][name]
            else:
                first, stop = order.spans[facet]
                counts = {v: n for v in order.by_rank[first:stop] if (n := fewer.get(v, every.get(v, 0)))}
                out[facet] = _most_first(counts, self._names_of(facet))
        return self._fill_each(self._fill_single(out, picked), picked, left_out)

    def _fill_each(self, out: dict[str, Any], rows, left_out: BitMap | None = None) -> dict[str, Any]:
        """The facets of one value each (left out of the bitmaps' counts), counted as their
        values' places in value order: one C-level count of the rows' places (or, for most
        rows, every place's count less those of the ``left_out`` rows), ordered by integers,
        the names read from one list."""
        for facet, column in self._each.items():
            counts: Counter[int] | list[int]
            if left_out is None:
                counts = Counter(map(column.__getitem__, _ints(rows)))
                places = sorted(counts)  # value order
            else:
                counts = self._every_place(facet, column).copy()
                for place, n in Counter(map(column.__getitem__, _ints(left_out))).items():
                    counts[place] -= n
                places = list(compress(range(len(counts)), counts))  # value order, none at 0
            names = self._each_names.get(facet) or self._names_in_order(facet)
            out[facet] = ByPlace(names, counts, places)  # ordered and named when read
        return out

    def _every_place(self, facet: str, column: array) -> list[int]:
        """Place → rows over every row, for a facet of one value each (kept: copy to change)."""
        every = self._each_every.get(facet)
        if every is None:
            every = [0] * (max(column, default=-1) + 1)
            for place, n in Counter(column).items():
                every[place] = n
            self._each_every[facet] = every
        return every

    def _names_in_order(self, facet: str) -> list[str]:
        """A facet's values in value order, decoded once (from prepare()'s list when built)."""
        order = self._order_of()
        ids = order.by_rank[slice(*order.spans[facet])]
        names = self._names
        found = list(map(names.__getitem__, ids)) if names is not None else value_names(self._values, ids)
        self._each_names[facet] = found
        return found

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
        grouped = self._grouped(counts, order)
        out: dict[str, dict] = {}
        for facet in order.spans:
            picked = grouped.get(facet, ()) if facet not in left else ()
            out[facet] = _most_first({v: counts[v] for v in picked}, self._names_of(facet))
        return out

    @staticmethod
    def _grouped(counts: Iterable[int], order: ValueOrder) -> dict[str, Iterable[int]]:
        """The value ids of ``counts`` by facet, each facet's in value order (integer sorts)."""
        ranks = sorted(map(order.rank.__getitem__, counts))
        out: dict[str, Iterable[int]] = {}
        for facet, (first, stop) in order.spans.items():
            a, b = bisect_left(ranks, first), bisect_left(ranks, stop)
            if a < b:
                out[facet] = map(order.by_rank.__getitem__, ranks[a:b])
        return out

    def _names_of(self, facet: str) -> Sequence[str]:
        """Value id → value for ``facet``'s values: the list prepare() decoded (C-level reads),
        else the order's (decoded one by one)."""
        names = self._names
        if names is None or facet in self._single:
            return self._order_of().names
        return names

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
        self._names = self._decoded_names(self._order_of())
        for facet, column in self._each.items():
            self._names_in_order(facet)
            self._every_place(facet, column)
        self._every_by_facet()

    def _decoded_names(self, order: ValueOrder) -> list[str]:
        """Every value's name decoded once, but the one-per-row facets' ('' for those: their
        file names are counted from the rows, and a corpus of one-article files has one per
        article)."""
        if isinstance(order.names, list):
            return order.names
        names = [""] * len(self._values)
        for facet, (first, stop) in order.spans.items():
            if facet not in self._single:
                ids = order.by_rank[first:stop]
                for v, name in zip(ids, value_names(self._values, ids), strict=True):
                    names[v] = name
        return names

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
        self._each = dict(split.each)
        self._split = (split.common, split.rare, split.with_rare)


def _ints(rows) -> Iterable[int]:
    """Rows to iterate at C speed (a bitmap's own array iterates faster than the bitmap)."""
    return rows.to_array() if isinstance(rows, BitMap) else rows


def value_names(values: Sequence[tuple[str, str]], ids: Iterable[int]) -> list[str]:
    """The values (without their facet) of ``ids``, decoded without keeping the pairs."""
    if isinstance(values, Pairs):
        return values.names_of(ids)
    return [values[i][1] for i in ids]


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
