"""The app's date keys and the histogram strip's counts (the main screen runs the actions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

if TYPE_CHECKING:
    from search_index.engine import Engine
    from search_index.research.timeline import Timeline
    from tui.state import SearchState

DATE_BINDINGS = [
    Binding(
        "T",
        "screen.timeline",
        "Timeline",
        show=False,
        id="app.timeline",
        tooltip="Articles over time for the top tracks or parks",
    ),
    Binding(
        "O",
        "screen.cycle_sort",
        "Order",
        show=False,
        id="app.sort",
        tooltip="Order results by score, newest or oldest first",
    ),
    Binding(
        "t", "screen.focus_strip", "Dates", show=False, id="app.strip", tooltip="Pick dates on the histogram strip"
    ),
]
SORT_NAMES = {"score": "best match first", "newest": "newest first", "oldest": "oldest first"}


def strip_line(engine: Engine, state: SearchState, width: int) -> Timeline:
    """The current search's timeline at the finest granularity chosen from its span that
    still fits ``width`` buckets."""
    include, exclude = state.filters()
    line = engine.timeline(state.text, include, exclude)
    from search_index.research.timeline import COARSER  # in the search worker, not before the first frame

    while len(line.keys) > width and line.by in COARSER:
        line = engine.timeline(state.text, include, exclude, by=COARSER[line.by])
    return line
