"""How many terminal cells a text takes (wide CJK and full-width characters two), and cutting
a text to a number of cells from either end. KWIC measures its context with these; the front
ends fit everything they draw with them too (``tui/style.py``)."""

from __future__ import annotations

import unicodedata

_WIDTHS: dict[str, int] = {}


def cell(ch: str) -> int:
    """Cells of one character: 2 for East Asian wide and full-width, else 1."""
    width = _WIDTHS.get(ch)
    if width is None:
        width = _WIDTHS[ch] = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def cells(text: str) -> int:
    """Terminal cells of a text: wide (CJK, full-width) characters count two."""
    return sum(map(cell, text))


def clip_left(text: str, width: int) -> str:
    """The last ``width`` cells of ``text`` (never splitting a wide character)."""
    out: list[str] = []
    used = 0
    for ch in reversed(text):
        w = cell(ch)
        if used + w > width:
            break
        out.append(ch)
        used += w
    return "".join(reversed(out))


def clip_right(text: str, width: int) -> str:
    """The first ``width`` cells of ``text``."""
    out: list[str] = []
    used = 0
    for ch in text:
        w = cell(ch)
        if used + w > width:
            break
        out.append(ch)
        used += w
    return "".join(out)
