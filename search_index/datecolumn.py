"""Every article's date as flat integer columns, so that date filters, sorting, the ``years``
and ``months`` facets and timelines never read an article's text or metadata."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable
from datetime import date
from functools import cached_property

from .daterange import DateRange, span

BUCKETS = ("year", "month", "week", "day")


class DateColumn:
    """Row → date code (:func:`~search_index.daterange.date_code`), with each row's span,
    and its year, month, ISO week and day keys (0 where the date is less precise)."""

    def __init__(self, codes: array) -> None:
        self.codes = codes
        spans = [span(c) for c in codes]
        self.starts = array("i", (s for s, _ in spans))
        self.ends = array("i", (e for _, e in spans))
        self.years = array("i", (c // 10000 if s else 0 for c, (s, _) in zip(codes, spans, strict=True)))

    @cached_property
    def months(self) -> array:
        """Row → ``yyyymm`` when the month is known, else 0."""
        return array("i", (c // 100 if c >= 10000 and c // 100 % 100 else 0 for c in self.codes))

    @cached_property
    def days(self) -> array:
        """Row → ``yyyymmdd`` when the day is known, else 0."""
        return array("i", (c if c >= 10000 and c % 100 else 0 for c in self.codes))

    @cached_property
    def weeks(self) -> array:
        """Row → ISO ``yyyyww`` when the day is known, else 0."""
        return array("i", (_week(c) if c else 0 for c in self.days))

    def key_column(self, by: str) -> array:
        """The bucket keys of every row for ``year``, ``month``, ``week`` or ``day``."""
        return {"year": self.years, "month": self.months, "week": self.weeks, "day": self.days}[by]

    def within(self, rng: DateRange, rows: Iterable[int] | None = None) -> set[int]:
        """The rows whose date lies wholly inside the range."""
        starts, ends, lo, hi = self.starts, self.ends, rng.lo, rng.hi
        rows = range(len(self.codes)) if rows is None else rows
        return {r for r in rows if starts[r] and lo <= starts[r] and ends[r] <= hi}

    def counts(self, rows: Iterable[int]) -> dict:
        """``years`` and ``months`` facets (oldest first) and how many rows have no year."""
        rows = rows if isinstance(rows, (list, range, tuple)) else list(rows)
        years = Counter(map(self.years.__getitem__, rows))
        months = Counter(map(self.months.__getitem__, rows))
        undated = years.pop(0, 0)
        months.pop(0, 0)
        return {
            "years": {str(y): years[y] for y in sorted(years)},
            "months": {f"{m // 100}-{m % 100:02d}": months[m] for m in sorted(months)},
            "undated": undated,
        }

    def ordered(self, rows: Iterable[int], newest: bool) -> list[int]:
        """Rows by date (by the first day a date may be), undated last, ties in corpus order."""
        starts = self.starts
        if newest:
            return sorted(rows, key=lambda r: (not starts[r], -starts[r]))
        return sorted(rows, key=lambda r: (not starts[r], starts[r]))


def _week(day: int) -> int:
    iso = date(day // 10000, day // 100 % 100, day % 100).isocalendar()
    return iso[0] * 100 + iso[1]
