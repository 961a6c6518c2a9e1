"""Exact facet counts over any set of articles, and the province › city › zone tree."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import chain

from .entities import FACETS
from .schema import KEYWORD_FACETS


class FacetCounter:
    """Every article's facet values as small integers, so that counting a result set is one
    C-level ``Counter`` pass."""

    def __init__(self, metas: dict[int, dict]) -> None:
        ids: dict[tuple[str, str], int] = {}
        self._ids: dict[int, tuple[int, ...]] = {}
        for docnum, m in metas.items():
            keys = [(f, v) for f in KEYWORD_FACETS for v in m.get(f, ())]
            keys += [("source", m["source"]), ("kind", m["kind"])]
            self._ids[docnum] = tuple(ids.setdefault(k, len(ids)) for k in keys)
        self._values = list(ids)  # integer → (facet, value)

    def count(self, docnums: Iterable[int]) -> dict[str, dict]:
        """Counts of every facet value over ``docnums``, most frequent first, plus
        ``parks_by_region``."""
        counts = Counter(chain.from_iterable(map(self._ids.__getitem__, docnums)))
        by_facet: dict[str, dict[str, int]] = {f: {} for f in FACETS}
        for i, n in counts.items():
            facet, value = self._values[i]
            by_facet[facet][value] = n
        out: dict[str, dict] = {f: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) for f, c in by_facet.items()}
        out["parks_by_region"] = parks_by_region(out)
        return out


def parks_by_region(facets: dict[str, dict[str, int]]) -> dict[str, dict]:
    """Province › city › zone counts: {"江苏省": {"count": 3, "cities": {"南京市": {"count": 1,
    "parks": {"南京高新区": 1}}}}}. Counts are articles (an article may name several zones)."""
    from .gazetteer import load_gazetteer

    gaz = load_gazetteer()
    tree: dict[str, dict] = {}
    for park, n in facets.get("parks", {}).items():
        province, city = gaz.park_region(park)
        prov = tree.setdefault(province or "?", {"count": facets.get("provinces", {}).get(province, 0), "cities": {}})
        node = prov["cities"].setdefault(city or "?", {"count": facets.get("cities", {}).get(city, 0), "parks": {}})
        node["parks"][park] = n
    return tree
