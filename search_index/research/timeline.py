"""Article counts over time: contiguous buckets (zeros included) by year, month, ISO week or
day, optionally split into one series per top value of a facet.

A bucket counts the articles dated wholly inside it, exactly what ``--since``/``--until``
with the bucket's first and last day match; articles dated less precisely than the bucket
(a ``2024`` article in a monthly timeline) are counted as ``coarser``, those without a year
as ``undated``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from search_index.errors import QueryError
from search_index.index.datecolumn import BUCKETS, DateColumn

COARSER = {"day": "week", "week": "month", "month": "year"}


@dataclass(frozen=True)
class Timeline:
    """Counts per bucket for a query and filters (and per top facet value when split)."""

    by: str
    keys: list[int]  # bucket keys (yyyy, yyyymm, ISO yyyyww or yyyymmdd), contiguous
    counts: list[int]
    undated: int
    coarser: int
    total: int
    series: dict[str, list[int]] = field(default_factory=dict)
    query: str = ""
    filters: dict = field(default_factory=dict)
    exclude: dict = field(default_factory=dict)
    split_by: str = ""

    def label(self, i: int) -> str:
        """The printed key of bucket ``i`` (``2024``, ``2024-03``, ``2024-W09``, ``2024-03-01``)."""
        return bucket_label(self.keys[i], self.by)

    def bounds(self, i: int) -> tuple[str, str]:
        """The first and last day of bucket ``i`` as ``--since``/``--until`` values."""
        return bucket_bounds(self.keys[i], self.by)

    def to_json(self) -> dict:
        """The CLI's JSON object."""
        out = {
            "query": self.query,
            "filters": self.filters,
            "exclude": self.exclude,
            "by": self.by,
            "buckets": self._buckets(self.counts),
            "undated": self.undated,
            "coarser": self.coarser,
            "total": self.total,
        }
        if self.split_by:
            out["split_by"] = self.split_by
            out["series"] = {value: self._buckets(counts) for value, counts in self.series.items()}
        return out

    def _buckets(self, counts: list[int]) -> list[dict]:
        out = []
        for i, n in enumerate(counts):
            since, until = self.bounds(i)
            out.append({"key": self.label(i), "count": n, "since": since, "until": until})
        return out


def build_timeline(
    col: DateColumn, rows: list[int], by: str = "", series: dict[str, list[int]] | None = None
) -> Timeline:
    """Buckets from the first to the last dated row (zeros included) at granularity ``by``
    (chosen from the span when empty, then coarser while most dated rows are less precise
    than a bucket), and the same buckets for each series' rows."""
    chosen, by = not by, by or choose_by(col, rows)
    counts, coarser, undated = count_buckets(col, rows, by)
    while chosen and coarser > sum(counts.values()) and by in COARSER:  # mostly dated less precisely
        by = COARSER[by]
        counts, coarser, undated = count_buckets(col, rows, by)
    keys = contiguous(min(counts), max(counts), by) if counts else []
    out = Timeline(by, keys, [counts.get(k, 0) for k in keys], undated, coarser, len(rows))
    for value, value_rows in (series or {}).items():
        per = count_buckets(col, value_rows, by)[0]
        out.series[value] = [per.get(k, 0) for k in keys]
    return out


def choose_by(col: DateColumn, rows: Iterable[int]) -> str:
    """A granularity for the span of the rows' dates: years over 4 years, months over 3
    months, weeks over 5 weeks, else days."""
    starts = [s for s in map(col.starts.__getitem__, rows) if s]
    if not starts:
        return "year"
    first, last = _day(min(starts)), _day(max(starts))
    days = (last - first).days
    if days > 4 * 366:
        return "year"
    if days > 92:
        return "month"
    return "week" if days > 35 else "day"


def count_buckets(col: DateColumn, rows: list[int], by: str) -> tuple[Counter, int, int]:
    """Bucket key → rows, plus the coarser and undated counts."""
    if by not in BUCKETS:
        raise QueryError(f"--by must be one of {', '.join(BUCKETS)}")
    keys = col.key_column(by)
    counts = Counter(keys if len(rows) == len(keys) else map(keys.__getitem__, rows))
    missing = counts.pop(0, 0)
    undated = list(map(col.years.__getitem__, rows)).count(0) if missing else 0
    return counts, missing - undated, undated


def contiguous(first: int, last: int, by: str) -> list[int]:
    """Every bucket key from ``first`` to ``last``."""
    if by == "day":
        days = range(_day(first).toordinal(), _day(last).toordinal() + 1)
        return [d.year * 10000 + d.month * 100 + d.day for d in map(date.fromordinal, days)]
    keys, key = [], first
    while key <= last:
        keys.append(key)
        key = next_key(key, by)
    return keys


def next_key(key: int, by: str) -> int:
    """The bucket after ``key``."""
    if by == "year":
        return key + 1
    if by == "month":
        return key + 1 if key % 100 < 12 else (key // 100 + 1) * 100 + 1
    if by == "week":
        monday = date.fromisocalendar(key // 100, key % 100, 1) + timedelta(days=7)
        iso = monday.isocalendar()
        return iso[0] * 100 + iso[1]
    nxt = _day(key) + timedelta(days=1)
    return nxt.year * 10000 + nxt.month * 100 + nxt.day


def bucket_label(key: int, by: str) -> str:
    """``2024``, ``2024-03``, ``2024-W09`` or ``2024-03-01``."""
    if by == "year":
        return str(key)
    if by == "month":
        return f"{key // 100}-{key % 100:02d}"
    if by == "week":
        return f"{key // 100}-W{key % 100:02d}"
    return f"{key // 10000}-{key // 100 % 100:02d}-{key % 100:02d}"


def bucket_bounds(key: int, by: str) -> tuple[str, str]:
    """The first and last day of a bucket (ISO dates)."""
    if by == "year":
        return f"{key}-01-01", f"{key}-12-31"
    if by == "month":
        first = date(key // 100, key % 100, 1)
        last = date(key // 100 + key % 100 // 12, key % 100 % 12 + 1, 1) - timedelta(days=1)
        return first.isoformat(), last.isoformat()
    if by == "week":
        monday = date.fromisocalendar(key // 100, key % 100, 1)
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    day = _day(key).isoformat()
    return day, day


def _day(code: int) -> date:
    return date(code // 10000, code // 100 % 100, code % 100)


def series_rows(
    chosen: list[str], rows: list[int], value_rows, value_ids: dict, facet: str, everything: bool
) -> dict[str, list[int]]:
    """The rows among ``rows`` of each ``chosen`` value of ``facet`` (``value_rows`` by value id;
    ``everything``: ``rows`` are all the rows, so each value's list is taken whole)."""
    if everything:
        return {v: value_rows[value_ids[(facet, v)]].tolist() for v in chosen}
    picked = set(rows)
    return {v: [r for r in value_rows[value_ids[(facet, v)]] if r in picked] for v in chosen}
