"""Exact facet counts over any set of articles, and the province › city › zone tree."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain
from operator import itemgetter

from pyroaring import BitMap

from search_index.facets import COUNTED
from search_index.index.columns import Lists

COMMON_SHARE = 0.001  # values in at least this share of articles are counted with bitmaps
BITSET_MIN_ROWS = 2000  # smaller result sets are counted row by row


class FacetCounter:
    """Exact facet counts over any set of rows (``Memo`` row numbers).

    Every row's facet values are small integers (``Memo.facets``), and every value knows its
    rows (``Memo.value_rows``). All rows are counted from the lengths of those row lists. A
    small result set is counted with one C-level ``Counter`` pass over its rows' values; one
    of more than half the rows as the counts over all rows less those of the rows left out. A
    large one is turned into a compressed bitmap (``pyroaring``): values common enough to
    have a bitmap of their own are counted with ``rows.intersection_cardinality(value)``
    (a few microseconds each), and only the rare values go through the ``Counter`` (once
    :meth:`prepare` has built the bitmaps)."""

    def __init__(self, ids: Lists, values: Sequence[tuple[str, str]], value_rows: Lists) -> None:
        self._ids = ids  # row → ids into values
        self._values = values  # integer → (facet, value)
        self._value_rows = value_rows  # integer → rows
        self._split: tuple[dict[int, BitMap], list[tuple[int, ...]]] | None = None

    def count(self, rows: Iterable[int]) -> dict[str, dict]:
        """Counts of every facet value over ``rows`` (distinct row numbers), most frequent
        first (ties by value), plus ``parks_by_region``."""
        rows = rows if isinstance(rows, (list, set, range, tuple)) else list(rows)
        if len(rows) == len(self._ids):  # every row: the values' own row counts
            counts = self._every()
        elif len(rows) > len(self._ids) // 2:  # most rows: every row's counts less the rows left out
            counts = self._all_but(rows)
        elif self._split is None or len(rows) < BITSET_MIN_ROWS:
            counts = Counter(chain.from_iterable(map(self._ids.__getitem__, rows)))
        else:
            counts = self._count_large(rows, *self._split)
        by_facet: dict[str, dict[str, int]] = {f: {} for f in COUNTED}
        for i, n in counts.items():
            facet, value = self._values[i]
            by_facet[facet][value] = n
        out: dict[str, dict] = {f: _most_first(c) for f, c in by_facet.items()}
        out["parks_by_region"] = parks_by_region(out)
        return out

    def _every(self) -> dict[int, int]:
        return {v: n for v in range(len(self._values)) if (n := self._value_rows.size(v))}

    def _all_but(self, rows) -> dict[int, int]:
        """Counts over ``rows`` (most rows) from every row's counts and the few rows not in it."""
        picked = rows if isinstance(rows, BitMap) else BitMap(rows)
        left_out = BitMap(range(len(self._ids))) - picked
        counts = self._every()
        for v in chain.from_iterable(map(self._ids.__getitem__, left_out)):
            counts[v] -= 1
        return {v: n for v, n in counts.items() if n}

    def _count_large(self, rows, common: dict[int, BitMap], rare: list[tuple[int, ...]]) -> Counter:
        picked = rows if isinstance(rows, BitMap) else BitMap(rows)
        counts = Counter(chain.from_iterable(map(rare.__getitem__, rows)))
        for value, bits in common.items():
            n = picked.intersection_cardinality(bits)
            if n:
                counts[value] = n
        return counts

    def prepare(self) -> None:
        """Build the bitmaps of common values (a fraction of a second per 10,000 articles;
        the app does it in the background). Until then every count goes row by row."""
        if self._split is None:
            size, by_value = len(self._ids), self._value_rows
            least = max(1, COMMON_SHARE * size)
            common = {v for v in range(len(by_value)) if by_value.size(v) >= least}
            rare = [tuple(v for v in ids if v not in common) for ids in self._ids]
            self._split = ({v: BitMap(by_value[v].tolist()) for v in common}, rare)


def _most_first(counts: dict[str, int]) -> dict[str, int]:
    items = sorted(counts.items())
    items.sort(key=itemgetter(1), reverse=True)  # stable: equal counts stay in value order
    return dict(items)


def parks_by_region(facets: dict[str, dict[str, int]]) -> dict[str, dict]:
    """Province › city › zone counts: {"江苏省": {"count": 3, "cities": {"南京市": {"count": 1,
    "parks": {"南京高新区": 1}}}}}. Counts are articles (an article may name several zones)."""
    tree: dict[str, dict] = {}
    for (province, city), parks in by_region(facets.get("parks", {})).items():
        prov = tree.setdefault(province or "?", {"count": facets.get("provinces", {}).get(province, 0), "cities": {}})
        node = prov["cities"].setdefault(city or "?", {"count": facets.get("cities", {}).get(city, 0), "parks": {}})
        node["parks"].update((park, facets["parks"][park]) for park in parks)
    return tree


def by_region(parks: Iterable[str]) -> dict[tuple[str, str], list[str]]:
    """Zones grouped by (province, city), each group and zone in the order first given; a zone
    the gazetteer does not place is under ('', '')."""
    from search_index.reference.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    out: dict[tuple[str, str], list[str]] = {}
    for park in dict.fromkeys(parks):
        out.setdefault(gaz.park_region(park), []).append(park)
    return out


def by_province(parks: Iterable[str]) -> dict[str, list[str]]:
    """Zones grouped by province ('' for a zone the gazetteer does not place), in the order given."""
    out: dict[str, list[str]] = {}
    for (province, _city), zones in by_region(parks).items():
        out.setdefault(province, []).extend(zones)
    return out


def written_forms(alias_ids: Iterable[int], alias_values: list[tuple[str, str, str]]) -> dict[tuple[str, str], Counter]:
    """(facet, value) → each surface form written for it → in how many articles (``alias_ids``:
    every row's ids into ``alias_values``, the (facet, form, value) triples)."""
    seen: dict[tuple[str, str], Counter[str]] = {}
    for i, n in Counter(alias_ids).items():  # articles that wrote each form
        facet, form, value = alias_values[i]
        seen.setdefault((facet, value), Counter())[form] += n
    return seen
