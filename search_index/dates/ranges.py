"""Dates as integers, and the date ranges of ``date:`` queries and ``--since``/``--until``.

An article's date is kept as one int, ``yyyymmdd`` with zeros for what was not printed:
``2024-03-01`` → 20240301, ``2024-03`` → 20240300, ``2024`` → 20240000, a year-less
``--06-05`` → 605 and undated → 0. An article with a year covers the days from its first to
its last possible day (``2024-03`` covers 2024-03-01 … 2024-03-31).

A range matches the articles whose whole span lies inside it: a ``2024-03`` article is in
``date:2024`` and ``date:2024-03`` but not in ``date:2024-03-05``; undated and year-less
articles are in no range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from search_index.errors import QueryError

FIRST, LAST = 10000101, 99991231  # the open ends of a range
_BOUND = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?|(\d{4})(\d{2})(\d{2})?")
HELP = "use 2024, 2024-03, 2024-03-01, or a range 2024-01..2024-06, 2024.., ..2019"


@dataclass(frozen=True)
class DateRange:
    """Articles dated wholly within ``lo`` … ``hi`` (``yyyymmdd`` ints, both included)."""

    lo: int = FIRST
    hi: int = LAST


def date_code(date: str) -> int:
    """``2024-03-01`` → 20240301, ``2024-03`` → 20240300, ``2024`` → 20240000,
    ``--06-05`` → 605, anything else → 0."""
    if date.startswith("--"):
        m = re.fullmatch(r"--(\d\d)-(\d\d)", date)
        return int(m[1]) * 100 + int(m[2]) if m else 0
    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", date or "")
    if not m:
        return 0
    return int(m[1]) * 10000 + int(m[2] or 0) * 100 + int(m[3] or 0)


def code_text(code: int) -> str:
    """The inverse of :func:`date_code`."""
    y, m, d = code // 10000, code // 100 % 100, code % 100
    if not y:
        return f"--{m:02d}-{d:02d}" if m else ""
    return f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if d else "")


def span(code: int) -> tuple[int, int]:
    """The first and last day an article's date may be; (0, 0) without a year."""
    y, m, d = code // 10000, code // 100 % 100, code % 100
    if not y:
        return 0, 0
    if d:
        return code, code
    if m:
        return code + 1, code + month_days(y, m)
    return code + 101, code + 1231


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_days(year: int, month: int) -> int:
    """Days in a month (leap years counted), as ``calendar.monthrange`` gives them, without
    importing ``calendar`` (with ``datetime`` and ``locale``: a search needs none of them);
    ValueError for a month outside 1–12."""
    if not 1 <= month <= 12:
        raise ValueError(f"bad month number {month}; must be 1-12")
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return _MONTH_DAYS[month - 1] + leap


def parse_range(text: str) -> DateRange:
    """``2024``, ``2024-03``, ``2024-03-01``, ``A..B``, ``A..``, ``..B`` → a DateRange;
    QueryError with a one-line reason for anything else."""
    value = text.strip()
    if ".." not in value:
        lo, hi = bound(value, value)
        return DateRange(lo, hi)
    start, _, end = value.partition("..")
    if not start and not end:
        raise QueryError(f"date range '{text}' needs a start or an end ({HELP})")
    lo = bound(start, text)[0] if start else FIRST
    hi = bound(end, text)[1] if end else LAST
    if lo > hi:
        raise QueryError(f"date range '{text}' ends before it starts")
    return DateRange(lo, hi)


def bound(text: str, whole: str) -> tuple[int, int]:
    """The first and last day of one date at its precision (``2024-02`` → 20240201, 20240229)."""
    m = _BOUND.fullmatch(text.strip())
    if not m:
        raise QueryError(f"'{whole}' is not a date ({HELP})")
    y, mo, d = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
    year, month, day = int(y), int(mo or 0), int(d or 0)
    if mo is not None and not 1 <= month <= 12:
        raise QueryError(f"'{whole}': month {month} is not 1–12")
    if d is not None and not 1 <= day <= month_days(year, month):
        raise QueryError(f"'{whole}': {year}-{month:02d} has no day {day}")
    return span(year * 10000 + month * 100 + day)


def range_text(since: str | None, until: str | None) -> str:
    """``--since``/``--until`` as one range value (``2024-03..``); "" when neither is given.
    Each end is checked here, so a bad one fails before any search runs."""
    since, until = (since or "").strip(), (until or "").strip()
    if not since and not until:
        return ""
    for option, given in (("--since", since), ("--until", until)):
        if given:
            bound(given, f"{option} {given}")
    return f"{since}..{until}"


def with_date_range(filters: dict | None, since: str | None = None, until: str | None = None) -> dict:
    """``filters`` with ``--since``/``--until`` added as the ``date`` filter (the engine API's
    way to say them: ``engine.search(q, with_date_range(filters, "2024-03", "2024-06"))``); an
    earlier date filter is replaced. QueryError for a bad date."""
    out = dict(filters or {})
    value = range_text(since, until)
    if value:
        out["date"] = [value]
    return out
