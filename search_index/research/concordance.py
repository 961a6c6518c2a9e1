"""Keyword in context: every hit as one line, left context, keyword, right context, each side
cut to a number of terminal cells (the front ends align them on the keyword)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

from search_index.analysis.cells import clip_left, clip_right
from search_index.analysis.pinyin import spell
from search_index.analysis.safe_text import one_line
from search_index.analysis.segment import cut
from search_index.analysis.textnorm import key_of
from search_index.dates.ranges import date_code, span
from search_index.research.highlight import count_hits, first_hits
from search_index.research.options import KWIC_SORTS as SORTS
from search_index.research.options import KWIC_WIDTH as DEFAULT_WIDTH

MIN_WIDTH, MAX_WIDTH = 4, 100  # context cells each side, whatever is asked for
MAX_LINES = 10000  # lines in one concordance (the first ones in corpus order; the rest are counted)


def clamp_width(width: int) -> int:
    """A context width within [MIN_WIDTH, MAX_WIDTH]."""
    return max(MIN_WIDTH, min(int(width), MAX_WIDTH))


@dataclass(frozen=True)
class KwicLine:
    """One hit in context; ``offset`` is the hit's start in the article's cleaned text and
    ``hit`` its index among the article's hits (for opening the reader on it)."""

    left: str
    keyword: str
    right: str
    id: str
    source: str
    offset: int
    hit: int
    title: str
    order: int = 0
    date: str = ""  # the article's date (daterange precision), "" when undated

    def to_json(self) -> dict:
        """The CLI's JSON object for a line."""
        out = asdict(self)
        out.pop("order")
        return out


def _flat(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text)


def lines_for(meta: dict, text: str, hits: list[tuple[int, int]], width: int = DEFAULT_WIDTH) -> list[KwicLine]:
    """The concordance lines of one article, each side clipped to ``width`` cells."""
    out = []
    for i, (s, e) in enumerate(hits):
        left = _flat(text[max(0, s - width) : s])
        right = _flat(text[e : e + width])
        out.append(
            KwicLine(
                clip_left(one_line(left), width),
                one_line(_flat(text[s:e])),
                clip_right(one_line(right), width),
                meta["id"],
                one_line(meta["source"]),
                s,
                i,
                one_line(meta["title"]),
                meta.get("order", 0),
                meta.get("date") or "",
            )
        )
    return out


def gather(
    rows: Iterable[int],
    text_of: Callable[[int], str],
    meta_of: Callable[[int], dict],
    key_of_row: Callable[[int], str],
    terms: list[str],
    width: int = DEFAULT_WIDTH,
) -> tuple[list[KwicLine], int]:
    """The lines of the first :data:`MAX_LINES` hits in these rows (in their order), and how
    many hits there are in all: past the cap, hits are counted in each row's search key
    (``key_of_row``, from the row cache) without reading its text, so that a user can be told
    how many were left out at little cost."""
    lines: list[KwicLine] = []
    hits = 0
    for row in rows:
        if len(lines) >= MAX_LINES:
            hits += count_hits(key_of_row(row), terms)
            continue
        text = text_of(row)
        spans, count = first_hits(text, terms, MAX_LINES - len(lines))
        hits += count
        if spans:
            lines += lines_for(meta_of(row), text, spans, width)
    return lines, hits


def _word_key(word: str) -> tuple[str, str]:
    return spell(word), word


def _context_words(text: str, reverse: bool) -> tuple:
    words = [w for w in cut(key_of(text)) if w.strip() and not _is_punct(w)]
    if reverse:
        words.reverse()
    return tuple(_word_key(w) for w in words[:3])


def _is_punct(word: str) -> bool:
    return all(unicodedata.category(c).startswith(("P", "S", "Z")) for c in word)


def sort_lines(lines: list[KwicLine], how: str = "source") -> list[KwicLine]:
    """Sort by source (corpus order), by the words before the keyword (nearest first), by
    the words after it (words compare by pinyin, as Chinese dictionaries order them) or by
    date (oldest first, undated last)."""
    if how not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}")
    if how == "left":
        return sorted(lines, key=lambda ln: (_context_words(ln.left, True), ln.source, ln.order, ln.offset))
    if how == "right":
        return sorted(lines, key=lambda ln: (_context_words(ln.right, False), ln.source, ln.order, ln.offset))
    if how == "date":
        return sorted(lines, key=lambda ln: (*_date_key(ln.date), ln.source, ln.order, ln.offset))
    return sorted(lines, key=lambda ln: (ln.source, ln.order, ln.offset))


def _date_key(date: str) -> tuple[bool, int]:
    """Oldest first by the first day a date may be; undated (and year-less) last."""
    start = span(date_code(date))[0]
    return not start, start


@dataclass(frozen=True)
class Concordance:
    """KWIC lines for a query, sorted, over the articles the filters allow."""

    query: str
    filters: dict[str, list[str]]
    exclude: dict[str, list[str]]
    lines: list[KwicLine]
    articles: int
    width: int
    sort: str
    took_ms: float = 0.0
    expansions: dict[str, list[str]] = field(default_factory=dict)
    hits: int = 0  # every hit under the query and filters; past MAX_LINES they are counted, not placed

    @property
    def left_out(self) -> int:
        """Hits that have no line here (past the engine's cap, or cut by the caller)."""
        return max(0, self.hits - len(self.lines))

    def to_json(self) -> dict:
        """The CLI's JSON object."""
        return {
            "query": self.query,
            "filters": self.filters,
            "exclude": self.exclude,
            "expansions": self.expansions,
            "sort": self.sort,
            "width": self.width,
            "articles": self.articles,
            "total": len(self.lines),
            "hits": self.hits,
            "left_out": self.left_out,
            "took_ms": round(self.took_ms, 2),
            "lines": [ln.to_json() for ln in self.lines],
        }
