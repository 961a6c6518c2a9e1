"""Find every occurrence of query terms in a display text and cut highlighted snippets."""

from __future__ import annotations

from .textnorm import Key, is_ascii_word, key_of, search_key

SNIPPET_CHARS = 72


def find_hits(text: str, terms: list[str], key: Key | None = None) -> list[tuple[int, int]]:
    """Display spans [start, end) of every term occurrence, sorted, overlaps merged."""
    if not terms or not text:
        return []
    key = key or search_key(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        needle = key_of(term.replace("*", "").replace("?", ""))
        if not needle:
            continue
        start = key.text.find(needle)
        while start >= 0:
            end = start + len(needle)
            if _word_bounded(key.text, start, end, needle):
                spans.append(key.span(start, end))
            start = key.text.find(needle, start + 1)
    return _merge(spans)


def _word_bounded(hay: str, start: int, end: int, needle: str) -> bool:
    if is_ascii_word(needle[0]) and start > 0 and is_ascii_word(hay[start - 1]):
        return False
    return not (is_ascii_word(needle[-1]) and end < len(hay) and is_ascii_word(hay[end]))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def snippets(text: str, hits: list[tuple[int, int]], count: int = 3, width: int = SNIPPET_CHARS) -> list[dict]:
    """Up to ``count`` windows of about ``width`` characters, richest in hits first, each
    ``{"text", "start", "end", "highlights": [[s, e], …]}`` with offsets in the snippet."""
    if not text:
        return []
    if not hits:
        return [_window(text, 0, min(len(text), width), [])]
    windows: list[tuple[int, int]] = []
    for s, e in hits:
        if any(ws <= s and e <= we for ws, we in windows):
            continue
        start = max(0, min(s - width // 3, len(text) - width))
        start = _snap_start(text, start, s)
        end = min(len(text), max(start + width, e))
        windows.append((start, end))
    scored = sorted(windows, key=lambda w: (-sum(1 for s, e in hits if w[0] <= s and e <= w[1]), w[0]))
    chosen = sorted(scored[:count])
    return [_window(text, ws, we, hits) for ws, we in chosen]


def _snap_start(text: str, start: int, hit: int) -> int:
    """Begin a snippet just after a paragraph break or sentence end when one is close."""
    for i in range(hit - 1, max(start - 1, 0) - 1, -1):
        if i < hit - 40:
            break
        if text[i] in "\n。！？；":
            return i + 1
    return start


def _window(text: str, start: int, end: int, hits: list[tuple[int, int]]) -> dict:
    piece = text[start:end]
    marks = [[max(s, start) - start, min(e, end) - start] for s, e in hits if s < end and e > start]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.replace("\n", " ")
    return {
        "text": piece[lead:],
        "start": start + lead,
        "end": end,
        "highlights": [[s - lead, e - lead] for s, e in marks if e - lead > 0],
        "before": start > 0,
        "after": end < len(text),
    }
