"""Publication dates from the corpus's own evidence, for articles their format left undated
or dated without a year.

What counts, in this order:

1. a date the format stated (header, field, meta …) is kept as it is;
2. a dateline or byline at the start of the text: ``新华社北京6月5日电``,
   ``本报北京2025年6月5日讯``, ``（记者 张三）2025年12月8日``, ``央视网消息（…）：``-style leads
   with a date (``dateline``);
3. a year-less date (``--06-05``) gets its year from the file's path or name
   (``2024/20240301_01.txt``: ``dateline+path``) or from a newspaper page's masthead date
   (``2025年12月9日 星期二``: ``dateline+page``); a dateline later in the year than that date
   (``12月31日`` on a 2 January page) belongs to the year before;
4. an article still undated takes a date in its file's path or name (``path``) or its OCR'd
   page's masthead (``page``), at the precision printed there.

Dates in the body (``2025年12月1日，北京小汤山医院…``) are events, not publication dates, and
are never used; an article without evidence stays undated.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from search_index.dates.printed import normalize_date
from search_index.ingest.articles import Article

_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_CN_DIGIT_PAIRS = tuple(zip("〇零一二三四五六七八九", "00123456789", strict=True))
_CN_NUMBER = re.compile(r"[〇零一二三四五六七八九十]+(?=[年月日号])")
_YMD = r"(?:((?:19|20)\d\d)\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日"
# 新华社北京6月5日电 · 本报讯 2025年6月5日 · 中新网上海6月5日电 · （记者 张三）2025年12月8日
_DATELINE = re.compile(
    rf"^[\s【\[]*(?:[^\s，。：:]{{1,12}}?(?:社|报|网|台|消息)[^\s，。：:（(]{{0,8}}?\s*{_YMD}\s*[电讯]"
    rf"|(?:[^\n，。]{{0,16}}?[（(][^）)\n]{{1,30}}[）)])\s*{_YMD}(?=[\s，,：:电讯晚早]|[上下]午|凌晨|消息)"
    rf"|(?:本报讯|本报|[^\s，。]{{2,8}}讯)\s*[（(]?\s*{_YMD})"
)
_PATH_DATE = re.compile(
    r"(?<![0-9A-Za-z])(?P<y>(?:19|20)\d\d)(?:[-_./]?(?P<m>[01]\d)(?:[-_./]?(?P<d>[0-3]\d))?)?(?![0-9A-Za-z])"
)
_MASTHEAD = re.compile(
    rf"^[^\n]{{0,20}}?{_YMD}\s*[（(]?\s*(?:星期|周|礼拜)[1-6一二三四五六日天][）)]?[^\n，,。]{{0,20}}$", re.M
)
LEAD_CHARS = 80  # a dateline sits in the first characters of an article
MASTHEAD_CHARS = 400  # a masthead date sits at the top of a page
WEEKDAY_WORDS = ("星期", "周", "礼拜")  # one of them is in every masthead (_MASTHEAD)


def complete_dates(source: str, arts: list[Article], page_text: str = "", whole_page: bool = False) -> None:
    """Date the articles of one record from their datelines, the file's path and (for an
    OCR'd page, ``whole_page``) the page's masthead; dates already known with a year stay."""
    path = path_date(source)
    page = masthead_date(page_text) if whole_page else ""
    for art in arts:
        if not art.date:
            found = dateline_date(art.text[:LEAD_CHARS])
            if found:
                art.date, art.date_from = found, "dateline"
        if art.date.startswith("--"):
            _add_year(art, path, "path") or _add_year(art, page, "page")
        elif not art.date and (path or page):
            art.date, art.date_from = (path, "path") if path else (page, "page")


def dateline_date(lead: str) -> str:
    """The date of a dateline or byline at the start of ``lead`` (``--06-05`` without a year)."""
    if "月" not in lead:  # every form has one (``arabic`` turns only numerals into digits)
        return ""
    m = _DATELINE.search(arabic(lead))
    if not m:
        return ""
    y, mo, d = _groups(m)
    return normalize_date(f"{y}年{mo}月{d}日" if y else f"{mo}月{d}日")


def path_date(source: str) -> str:
    """The most precise date in a file's folders and name (``2024/20240301_01.txt``,
    ``2024/03/05/a.html``), or ""; numbers glued to letters (hashes, ids) do not count."""
    path = without_suffix(source)
    best = ""
    for m in _PATH_DATE.finditer(path):
        found = normalize_date("-".join(g for g in (m["y"], m["m"], m["d"]) if g))
        if found and len(found) >= len(best) and found.startswith(best[:4]):
            best = found
    return best


def without_suffix(source: str) -> str:
    """``str(PurePosixPath(source).with_suffix(""))``, by string operations for a path that
    path normalisation leaves as it is (no empty or ``.`` segment, no slash at either end)."""
    if not source or source.startswith(("/", "./")) or source.endswith(("/", "/.")) or source == ".":
        return str(PurePosixPath(source).with_suffix(""))
    if "//" in source or "/./" in source:
        return str(PurePosixPath(source).with_suffix(""))
    folder, slash, name = source.rpartition("/")
    dot = name.rfind(".")
    return folder + slash + (name[:dot] if 0 < dot < len(name) - 1 else name)


def masthead_date(page_text: str) -> str:
    """A newspaper page's own date (a line such as ``人民日报 2025年12月9日 星期二``) near its
    top, or ""; a sentence that starts with a date and a weekday is an event, not a masthead."""
    head = page_text[:MASTHEAD_CHARS]
    if "月" not in head or not any(day in head for day in WEEKDAY_WORDS):  # what every masthead holds
        return ""
    m = _MASTHEAD.search(arabic(head))
    return normalize_date(f"{m.group(1)}年{m.group(2)}月{m.group(3)}日") if m and m.group(1) else ""


def arabic(text: str) -> str:
    """Chinese numerals before 年/月/日 as digits (二〇二五年十二月八日 → 2025年12月8日); other
    Chinese digits (星期二) as single digits."""

    def number(m: re.Match) -> str:
        word = m.group(0)
        if "十" not in word:
            return word.translate(_CN_DIGITS)
        tens, _, units = word.partition("十")
        return str(int((tens or "1").translate(_CN_DIGITS)) * 10 + int((units or "0").translate(_CN_DIGITS)))

    return _digits(_CN_NUMBER.sub(number, text))


def _digits(text: str) -> str:
    """``text.translate(_CN_DIGITS)``, by replacing only the Chinese digits the text holds
    (str.translate looks up every character of a non-ASCII text; each ``in`` is a fast scan)."""
    for digit, arabic_digit in _CN_DIGIT_PAIRS:
        if digit in text:
            text = text.replace(digit, arabic_digit)
    return text


def _groups(m: re.Match) -> tuple[str, str, str]:
    """(year, month, day) of whichever alternative matched."""
    found = [g for g in m.groups() if g is not None]
    if len(found) == 3:
        return found[0], found[1], found[2]
    return "", found[0], found[1]


def _add_year(art: Article, evidence: str, how: str) -> bool:
    if len(evidence) < 4:
        return False
    year = int(evidence[:4])
    month, day = int(art.date[2:4]), int(art.date[5:7])
    if len(evidence) >= 7 and (month, day) > (int(evidence[5:7]), int(evidence[8:10] or 31)):
        year -= 1  # dated after the page or file: the dateline is from the year before
    completed = normalize_date(f"{year}年{month}月{day}日")
    if len(completed) != 10:  # 2月29日 in a year without one
        return False
    art.date, art.date_from = completed, f"{art.date_from or 'dateline'}+{how}"
    return True
