"""Publication dates as printed → ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``--MM-DD``.

The precision is the string's shape: a date is never made more precise than its evidence.
"""

from __future__ import annotations

import re
from datetime import date

_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_COMPACT = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)")
_FULL = re.compile(r"(?P<y>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m>\d{1,2})\s*(?:[-/.月]\s*(?P<d>\d{1,2})\s*日?|月)?")
_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*年?(?!\d)")
_MONTH_DAY = re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]")


def normalize_date(text: str) -> str:
    """The first publication-looking date in ``text`` at its printed precision, or ""."""
    text = (text or "").translate(_CN_DIGITS).strip()
    if not text:
        return ""
    m = _FULL.search(text) or _COMPACT.search(text)
    if m:
        return _ymd(int(m["y"]), int(m["m"]), int(m["d"]) if m["d"] else None)
    m = _MONTH_DAY.search(text)
    if m and _valid(2000, int(m["m"]), int(m["d"])):  # 2000 is a leap year: 2月29日 passes
        return f"--{int(m['m']):02d}-{int(m['d']):02d}"
    m = _YEAR.search(text)
    return m["y"] if m else ""


def _ymd(y: int, m: int, d: int | None) -> str:
    if not 1 <= m <= 12:
        return str(y)
    if d is None:
        return f"{y}-{m:02d}"
    return f"{y}-{m:02d}-{d:02d}" if _valid(y, m, d) else f"{y}-{m:02d}"


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True
