"""Find every occurrence of query terms in a display text and cut highlighted snippets."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, fields
from itertools import islice

from search_index.analysis.textnorm import Key, is_ascii_word, key_of, search_key

SNIPPET_CHARS = 72
MAX_SNIPPET_CHARS = 400  # a snippet is a glance, whatever width is asked for
MAX_SNIPPETS = 20
WINDOW_HITS = 500  # snippet windows are placed around this many first hits of an article
MAX_HITS = 5000  # hits marked in one article's text (the reader); the count says how many there are
MAX_MENTION_CHARS = 100_000  # entity mentions are coloured in this much of an article's text

Span = tuple[int, int]  # [start, end) offsets into a text


@dataclass(frozen=True)
class Snippet:
    """A window of an article's text: ``start``/``end`` in the text, ``highlights`` offsets
    in ``text``; ``before``/``after`` tell whether the article goes on either side."""

    text: str
    start: int
    end: int
    highlights: tuple[Span, ...]
    before: bool
    after: bool

    def to_json(self) -> dict:
        """The CLI's JSON object."""
        return {
            **{f.name: getattr(self, f.name) for f in fields(self)},
            "highlights": [list(h) for h in self.highlights],
        }


def find_hits(text: str, terms: list[str], key: Key | None = None) -> list[tuple[int, int]]:
    """Display spans [start, end) of every term occurrence, sorted, overlaps merged (one
    regular-expression scan per term: linear in the text)."""
    return first_hits(text, terms, None, key)[0]


def first_hits(
    text: str, terms: list[str], limit: int | None = None, key: Key | None = None
) -> tuple[list[tuple[int, int]], int]:
    """(the spans of the first ``limit`` occurrences, merged as :func:`find_hits` does, and
    how many spans there are in all). With one term only the first occurrences are mapped to
    display offsets and the rest are only counted, so a dense article costs one scan; several
    terms are merged in full first."""
    if not terms or not text:
        return [], 0
    key = key or search_key(text)
    needles = [n for t in terms if (n := key_of(t.replace("*", "").replace("?", "")))]
    if len(needles) != 1:
        merged = _merge(sorted(s for n in needles for s in _spans(key, n, _pattern(n).finditer(key.text))))
        return merged[:limit], len(merged)
    needle = needles[0]
    found = _pattern(needle).finditer(key.text)
    starts = [m.start() for m in islice(found, limit)]
    merged = _merge(_spans(key, needle, starts))
    total, reach = len(merged), (starts[-1] + len(needle)) if starts else -1
    for m in found:  # the rest: counted as _merge would join them, in search-key offsets
        if m.start() > reach:
            total += 1
        reach = max(reach, m.start() + len(needle))
    return merged[:limit], total


def count_hits(key_text: str, terms: list[str]) -> int:
    """How many spans :func:`first_hits` counts, from a text's search key alone (the row
    cache keeps it: no stored text is read), overlapping ones joined in key offsets."""
    needles = [n for t in terms if (n := key_of(t.replace("*", "").replace("?", "")))]
    starts = sorted((m.start(), len(n)) for n in needles for m in _pattern(n).finditer(key_text))
    total, reach = 0, -1
    for start, size in starts:
        if start > reach:
            total += 1
        reach = max(reach, start + size)
    return total


def _spans(key: Key, needle: str, starts) -> list[tuple[int, int]]:
    """Display spans of ``needle`` found at these search-key offsets (or matches)."""
    offsets, size = key.offsets, len(needle) - 1
    return [(offsets[s], offsets[s + size] + 1) for s in (x if isinstance(x, int) else x.start() for x in starts)]


def _pattern(needle: str) -> re.Pattern:
    """Every start of ``needle`` (overlapping), not inside an ASCII word at an ASCII end."""
    before = r"(?<![A-Za-z0-9])" if is_ascii_word(needle[0]) else ""
    after = r"(?![A-Za-z0-9])" if is_ascii_word(needle[-1]) else ""
    return re.compile(f"{before}(?={re.escape(needle)}{after})")


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def snippets(text: str, hits: list[tuple[int, int]], count: int = 3, width: int = SNIPPET_CHARS) -> list[Snippet]:
    """Up to ``count`` windows of about ``width`` characters, richest in hits first, with
    highlight offsets in the snippet.
    Linear in the text: windows are placed around the first ``WINDOW_HITS`` hits only (which
    are sorted and disjoint, as :func:`find_hits` gives them) and scored by binary search."""
    if not text:
        return []
    width = max(8, min(width, MAX_SNIPPET_CHARS))
    count = max(0, min(count, MAX_SNIPPETS))
    if not hits:
        return [_window(text, 0, min(len(text), width), [], [])]
    starts, ends = [s for s, _e in hits], [e for _s, e in hits]
    windows: list[tuple[int, int]] = []
    for s, e in hits[:WINDOW_HITS]:
        if windows and windows[-1][0] <= s and e <= windows[-1][1]:
            continue
        start = max(0, min(s - width // 3, len(text) - width))
        start = _snap_start(text, start, s)
        windows.append((start, min(len(text), max(start + width, e))))

    def inside(w: tuple[int, int]) -> int:
        return max(0, bisect_right(ends, w[1]) - bisect_left(starts, w[0]))

    chosen = sorted(sorted(windows, key=lambda w: (-inside(w), w[0]))[:count])
    return [_window(text, ws, we, hits, ends) for ws, we in chosen]


def _snap_start(text: str, start: int, hit: int) -> int:
    """Begin a snippet just after a paragraph break or sentence end when one is close."""
    for i in range(hit - 1, max(start - 1, 0) - 1, -1):
        if i < hit - 40:
            break
        if text[i] in "\n。！？；":
            return i + 1
    return start


def _window(text: str, start: int, end: int, hits: list[tuple[int, int]], ends: list[int]) -> Snippet:
    piece = text[start:end]
    near = hits[bisect_right(ends, start) :]
    marks = []
    for s, e in near:
        if s >= end:
            break
        marks.append([max(s, start) - start, min(e, end) - start])
    lead = len(piece) - len(piece.lstrip())
    piece = piece.replace("\n", " ")
    highlights = tuple((s - lead, e - lead) for s, e in marks if e - lead > 0)
    return Snippet(piece[lead:], start + lead, end, highlights, start > 0, end < len(text))
