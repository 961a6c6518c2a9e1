"""Every article's date as flat integer columns, so that date filters, sorting, the ``years``
and ``months`` facets and timelines never read an article's text or metadata."""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cached_property

from pyroaring import BitMap

from search_index.dates.ranges import LAST, DateRange, span

BUCKETS = ("year", "month", "week", "day")
BITMAP_MIN_ROWS = 300  # a result set this large (as a bitmap) is counted by its intersections with each period's rows


class DateColumn:
    """Row → date code (:func:`~search_index.dates.ranges.date_code`), with each row's span,
    and its year, month, ISO week and day keys (0 where the date is less precise). The
    derived columns are lists: indexing a list is about twice as fast as an array. Each is
    computed when first used: a search's ``years`` and ``months`` need none of them, only
    the codes of its rows (a span per row costs about 2 µs, 0.15 s at 74,000 articles)."""

    def __init__(self, codes: array) -> None:
        self.codes = codes
        self._all: dict | None = None
        self._period_bits: dict[int, BitMap] | None = None  # period → its rows, once prepared

    @cached_property
    def _spans(self) -> tuple[list[int], list[int]]:
        spans = [span(c) for c in self.codes]
        return [s for s, _ in spans], [e for _, e in spans]

    @property
    def starts(self) -> list[int]:
        """Row → the first day its date may be (0 without a year)."""
        return self._spans[0]

    @property
    def ends(self) -> list[int]:
        """Row → the last day its date may be (0 without a year)."""
        return self._spans[1]

    @cached_property
    def years(self) -> list[int]:
        """Row → its year, else 0 (a code below 10000 has no year)."""
        return [c // 10000 for c in self.codes]

    @cached_property
    def periods(self) -> list[int]:
        """Row → ``yyyymm`` (``yyyy00`` for a year alone), else 0."""
        return [c // 100 if c >= 10000 else 0 for c in self.codes]

    @cached_property
    def months(self) -> list[int]:
        """Row → ``yyyymm`` when the month is known, else 0."""
        return [p if p % 100 else 0 for p in self.periods]

    @cached_property
    def days(self) -> list[int]:
        """Row → ``yyyymmdd`` when the day is known, else 0."""
        return [c if c >= 10000 and c % 100 else 0 for c in self.codes]

    @cached_property
    def weeks(self) -> list[int]:
        """Row → ISO ``yyyyww`` when the day is known, else 0."""
        from datetime import date  # here: only weeks need it (a search imports no datetime)

        return [_week(date, c) if c else 0 for c in self.days]

    def key_column(self, by: str) -> list[int]:
        """The bucket keys of every row for ``year``, ``month``, ``week`` or ``day``."""
        return {"year": self.years, "month": self.months, "week": self.weeks, "day": self.days}[by]

    def within(self, rng: DateRange, rows: Iterable[int] | None = None) -> set[int]:
        """The rows whose date lies wholly inside the range: over every row, the rows that
        start inside it (found by bisection) whose end is inside too."""
        starts, ends, lo, hi = self.starts, self.ends, rng.lo, rng.hi
        if rows is not None:
            return {r for r in rows if starts[r] and lo <= starts[r] and ends[r] <= hi}
        by_start, sorted_starts = self._by_start
        first, last = bisect_left(sorted_starts, max(lo, 1)), bisect_right(sorted_starts, hi)
        return {r for r in by_start[first:last] if ends[r] <= hi}

    @cached_property
    def _by_start(self) -> tuple[list[int], list[int]]:
        """Rows in order of their first possible day, and those days."""
        order = sorted(range(len(self.codes)), key=self.starts.__getitem__)
        return order, [self.starts[r] for r in order]

    @cached_property
    def _oldest_keys(self) -> list[int]:
        """Each row's first possible day, undated rows after every date."""
        return [s or LAST + 1 for s in self.starts]

    def counts(self, rows: Iterable[int]) -> dict:
        """``years`` and ``months`` facets (oldest first) and how many rows have no year:
        one counting pass over the rows' date codes, then over the few distinct codes for
        their ``yyyymm`` (``yyyy00`` for a year alone); once :meth:`prepare` has built each
        period's rows, a large result set is counted by intersections with those."""
        rows = rows if isinstance(rows, (list, range, tuple, BitMap)) else list(rows)
        every = len(rows) == len(self.codes)
        if every and self._all is not None:
            return self._all
        periods: Counter
        bitmaps = self._period_bits
        if every:
            periods = Counter(self._every_period)
        elif bitmaps is not None and isinstance(rows, BitMap) and len(rows) >= BITMAP_MIN_ROWS:  # a few hundred ANDs
            found = ((p, rows.intersection_cardinality(bits)) for p, bits in bitmaps.items())
            periods = Counter({p: n for p, n in found if n})
        elif len(rows) > len(self.codes) // 2:  # most rows: all rows' counts less the rows left out
            left_out = BitMap(range(len(self.codes))) - BitMap(rows)
            periods = self._every_period - _by_period(Counter(map(self.codes.__getitem__, left_out)))
        else:
            periods = _by_period(Counter(map(self.codes.__getitem__, rows)))
        undated = periods.pop(0, 0)
        years: Counter = Counter()
        for period, n in periods.items():
            years[period // 100] += n
        out = {
            "years": {str(y): years[y] for y in sorted(years)},
            "months": {f"{p // 100}-{p % 100:02d}": periods[p] for p in sorted(periods) if p % 100},
            "undated": undated,
        }
        if every:
            self._all = out
        return out

    def prepare(self) -> None:
        """Build each ``yyyymm`` (or ``yyyy00``, or 0 undated) period's rows as a bitmap, so
        that large result sets are counted by intersections (a pass over every row: left to
        callers that keep the index open, such as the app)."""
        if self._period_bits is None:
            rows: defaultdict[int, list[int]] = defaultdict(list)
            for row, period in enumerate(self.periods):
                rows[period].append(row)
            self._period_bits = {period: BitMap(found) for period, found in rows.items()}

    @cached_property
    def _every_period(self) -> Counter:
        """Rows per ``yyyymm`` (or ``yyyy00``, or 0 undated) over every row."""
        return _by_period(Counter(self.codes))

    def ordered(self, rows: Iterable[int], newest: bool) -> list[int]:
        """Rows by date (by the first day a date may be), undated last, ties in corpus order."""
        if newest:  # undated rows start at 0: last; a reversed sort keeps equal rows in order
            return sorted(rows, key=self.starts.__getitem__, reverse=True)
        return sorted(rows, key=self._oldest_keys.__getitem__)


def _by_period(codes: Counter) -> Counter:
    """Counts by date code → counts by ``yyyymm`` (``yyyy00`` for a year alone, 0 without a
    year), the same as counting each row's entry in :attr:`DateColumn.periods`."""
    periods: Counter = Counter()
    for code, n in codes.items():
        periods[code // 100 if code >= 10000 else 0] += n
    return periods


def _week(date: type, day: int) -> int:
    iso = date(day // 10000, day // 100 % 100, day % 100).isocalendar()
    return iso[0] * 100 + iso[1]
