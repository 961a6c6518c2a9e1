"""How both front ends draw what the engine answers: one palette for hits, entities, kinds and
shaded counts, one way to fit text to terminal cells, the hit strip and count bars. The
command line (``tui/cli``) and the app (``tui/``) import these; the engine draws nothing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

from search_index.analysis.cells import cell, cells, clip_left, clip_right

if TYPE_CHECKING:
    from search_index.research.concordance import KwicLine

# -- the palette ---------------------------------------------------------------------------
HIT = Style.parse("bold black on yellow")  # a hit of the query: snippets, KWIC keywords, the CLI
HIT_CURRENT = Style.parse("bold black on dark_orange")  # the reader's current hit
HIT_OTHER = Style.parse("black on yellow")  # the reader's other hits (not bold: the current stands out)
ENTITIES = {
    "park": Style.parse("bold cyan"),
    "track": Style.parse("magenta"),
    "company": Style.parse("green"),
    "org": Style.parse("blue"),
    "person": Style.parse("yellow"),
}
KINDS = {"article": Style.parse("green"), "brief": Style.parse("cyan"), "photo": Style.parse("magenta")}
SHADES = (  # matrix cells by shade level: 0 (empty) to 4 (the peak)
    Style(),
    Style.parse("on #1f3a2a"),
    Style.parse("on #2e6b43"),
    Style.parse("black on #4caf50"),
    Style.parse("bold black on #a5e887"),
)
STRIP_BARS = "·▂▄▆█"
SERIES_BLOCKS = " ░▒▓█"
BAR_EIGHTHS = " ▏▎▍▌▋▊▉█"

__all__ = ["cell", "cells", "clip_left", "clip_right"]  # the one cell measure, from the engine's text tools


# -- fitting text to cells -------------------------------------------------------------------
def fit(text: str, width: int) -> str:
    """Cut ``text`` to at most ``width`` terminal cells, with an ellipsis when cut."""
    if cells(text) <= width:
        return text
    return clip_right(text, width - 1) + "…"


def short_label(name: str, chars: int = 4) -> str:
    """A column heading: a name cut to ``chars`` characters."""
    return name if len(name) <= chars else name[: chars - 1] + "…"


def highlighted(text: str, spans: Sequence[tuple[int, int]], base: str | Style = "", style: Style = HIT) -> Text:
    """``text`` with each [start, end) span in ``style``."""
    out = Text(text, style=base)
    for s, e in spans:
        out.stylize(style, s, e)
    return out


def align(line: KwicLine, width: int) -> tuple[str, str, str]:
    """A KWIC line as (left padded to ``width`` cells, keyword, right clipped to ``width`` cells)."""
    left = clip_left(line.left, width)
    return " " * (width - cells(left)) + left, line.keyword, clip_right(line.right, width)


# -- counts ----------------------------------------------------------------------------------
def shade_level(count: int, peak: int) -> int:
    """0 for an empty cell, else 1–4 by the cell's share of the largest one."""
    return min(4, 1 + (4 * count - 1) // max(peak, 1)) if count else 0


def shade(count: int, peak: int) -> Text:
    """A count on a background as strong as its share of the largest cell (``·`` for none)."""
    level = shade_level(count, peak)
    if not level:
        return Text("·", style="dim", justify="right")
    return Text(f" {count} ", style=SHADES[level], justify="right")


def series_shade(count: int, peak: int) -> Text:
    """A timeline series cell: a block as dark or bright as the count's share of the peak, then it."""
    if not count:
        return Text("·", style="dim", justify="right")
    level = max(1, round(4 * count / peak)) if peak else 1
    return Text(f"{SERIES_BLOCKS[level]} {count}", style="green", justify="right")


def bar(count: int, peak: int, width: int) -> str:
    """A horizontal bar of ``count/peak`` of ``width`` cells, in eighths of a cell (a count
    above zero shows at least an eighth)."""
    eighths = round(8 * width * count / peak) if peak else 0
    if count and not eighths:
        eighths = 1
    return "█" * (eighths // 8) + (BAR_EIGHTHS[eighths % 8] if eighths % 8 else "")


# -- the hit strip -----------------------------------------------------------------------------
def hit_strip(length: int, hits: Sequence[tuple[int, int]], slots: int) -> list[int]:
    """How many hits start in each of ``slots`` equal stretches of a text of ``length``
    characters (AntConc's concordance plot)."""
    if slots <= 0:
        return []
    counts = [0] * slots
    for s, _e in hits:
        counts[min(slots - 1, s * slots // max(length, 1))] += 1
    return counts


def slot_of(length: int, offset: int, slots: int) -> int:
    """The strip slot holding a character offset."""
    return min(slots - 1, offset * slots // max(length, 1)) if slots > 0 else 0


def strip_text(length: int, hits: Sequence[tuple[int, int]], current: int, width: int) -> Text:
    """'hits ▁▁█▁▃▁' — where the hits fall along the article; the current one in orange."""
    counts = hit_strip(length, hits, width)
    peak = max(counts, default=0) or 1
    here = slot_of(length, hits[current][0], width) if 0 <= current < len(hits) else -1
    out = Text("hits ", style="dim")
    for i, n in enumerate(counts):
        mark = STRIP_BARS[0] if not n else STRIP_BARS[min(len(STRIP_BARS) - 1, 1 + (n * (len(STRIP_BARS) - 2)) // peak)]
        out.append(mark, style="bold dark_orange" if i == here else ("yellow" if n else "dim"))
    return out
