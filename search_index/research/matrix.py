"""Park × track matrix: how many articles of a result set name a park and a track together."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from search_index.research.options import MATRIX_TOP as DEFAULT_TOP


@dataclass(frozen=True)
class Matrix:
    """Rows are parks, columns tracks, cells article counts. A row total counts the articles
    naming the park and any of the columns' tracks; a column total likewise; ``total`` the
    articles in any cell."""

    parks: list[str]
    tracks: list[str]
    cells: dict[tuple[str, str], int]
    row_totals: dict[str, int]
    column_totals: dict[str, int]
    total: int
    weak: bool = False
    province: str | None = None
    query: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    exclude: dict[str, list[str]] = field(default_factory=dict)
    articles: int = 0  # articles under the query and filters, with or without a park

    def count(self, park: str, track: str) -> int:
        """Articles naming both (0 when none)."""
        return self.cells.get((park, track), 0)

    @property
    def peak(self) -> int:
        """The largest cell, for shading."""
        return max(self.cells.values(), default=0)

    def to_json(self) -> dict:
        """The CLI's JSON object: parks, tracks, non-empty cells and totals."""
        return {
            "query": self.query,
            "filters": self.filters,
            "exclude": self.exclude,
            "articles": self.articles,
            "weak": self.weak,
            "province": self.province,
            "parks": self.parks,
            "tracks": self.tracks,
            "cells": [
                {"park": p, "track": t, "count": self.cells[(p, t)]}
                for p in self.parks
                for t in self.tracks
                if (p, t) in self.cells
            ],
            "row_totals": self.row_totals,
            "column_totals": self.column_totals,
            "total": self.total,
        }


def _tracks_of(meta: dict, weak: bool) -> list[str]:
    tracks = list(meta.get("tracks", ()))
    if weak:
        tracks += [t for t in meta.get("tracks_weak", ()) if t not in tracks]
    return tracks


def build_matrix(
    metas: Iterable[dict],
    top: int = DEFAULT_TOP,
    weak: bool = False,
    province_parks: list[str] | None = None,
    province: str | None = None,
) -> Matrix:
    """Count park × track co-occurrence over articles. Rows: the ``top`` parks with most
    articles that name a track, or every zone of a province (``province_parks``, zeros kept)."""
    metas = list(metas)
    pair_docs: Counter = Counter()
    park_docs: Counter = Counter()
    for meta in metas:
        tracks = _tracks_of(meta, weak)
        if not tracks:
            continue
        for park in meta.get("parks", ()):
            park_docs[park] += 1
            for track in tracks:
                pair_docs[(park, track)] += 1
    if province_parks is not None:
        parks = sorted(province_parks, key=lambda p: (-park_docs[p], p))
    else:
        parks = [p for p, _n in sorted(park_docs.items(), key=lambda kv: (-kv[1], kv[0]))[: max(top, 0)]]
    chosen = set(parks)
    column: Counter = Counter()
    for (park, track), n in pair_docs.items():
        if park in chosen:
            column[track] += n
    tracks = [t for t, _n in sorted(column.items(), key=lambda kv: (-kv[1], kv[0]))]
    cells = {(p, t): n for (p, t), n in pair_docs.items() if p in chosen}
    rows, cols, total = _totals(metas, chosen, set(tracks), weak)
    return Matrix(
        parks, tracks, cells, {p: rows[p] for p in parks}, {t: cols[t] for t in tracks}, total, weak, province
    )


def _totals(metas: list[dict], parks: set[str], tracks: set[str], weak: bool) -> tuple[Counter, Counter, int]:
    rows: Counter = Counter()
    cols: Counter = Counter()
    total = 0
    for meta in metas:
        ps = parks.intersection(meta.get("parks", ()))
        ts = tracks.intersection(_tracks_of(meta, weak))
        if not ps or not ts:
            continue
        total += 1
        rows.update(ps)
        cols.update(ts)
    return rows, cols, total
