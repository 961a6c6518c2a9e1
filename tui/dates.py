"""The app's date actions: the histogram strip's counts and drill-down, the sort key and the
Timeline view (a mixin of GxqApp, kept apart so app.py stays about searching and reading)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.message import Message

from search_index.research.timeline import COARSER
from tui.views.timeline import TimelineScreen
from tui.widgets.results import ResultList
from tui.widgets.time_strip import TimeStrip

if TYPE_CHECKING:
    from search_index.engine import Engine
    from search_index.research.timeline import Timeline
    from tui.state import SearchState

DATE_BINDINGS = [
    Binding(
        "T",
        "timeline",
        "Timeline",
        show=False,
        id="app.timeline",
        tooltip="Articles over time for the top tracks or parks",
    ),
    Binding(
        "O", "cycle_sort", "Order", show=False, id="app.sort", tooltip="Order results by score, newest or oldest first"
    ),
    Binding("t", "focus_strip", "Dates", show=False, id="app.strip", tooltip="Pick dates on the histogram strip"),
]
SORT_NAMES = {"score": "best match first", "newest": "newest first", "oldest": "oldest first"}


class TimelineDone(Message):
    """The strip's counts for one search generation."""

    def __init__(self, generation: int, line: Timeline | None) -> None:
        self.generation, self.line = generation, line
        super().__init__()


def strip_line(engine: Engine, state: SearchState, width: int) -> Timeline:
    """The current search's timeline at the finest granularity chosen from its span that
    still fits ``width`` buckets."""
    include, exclude = state.filters()
    line = engine.timeline(state.text, include, exclude)
    while len(line.keys) > width and line.by in COARSER:
        line = engine.timeline(state.text, include, exclude, by=COARSER[line.by])
    return line


class DateActions:
    """Mixed into GxqApp: needs ``engine``, ``state``, ``set_state`` and ``generation``."""

    def strip_worker_body(self, generation: int, state: SearchState) -> None:
        """Count the strip's buckets (called from the search worker, after the results)."""
        width = max(10, self.size.width - 2)
        self.post_message(TimelineDone(generation, strip_line(self.engine, state, width)))

    def on_timeline_done(self, message: TimelineDone) -> None:
        """Redraw the strip unless a newer search was started."""
        if message.generation == self.generation:
            self.query_one(TimeStrip).show(message.line)

    def action_focus_strip(self) -> None:
        """Put the cursor on the histogram strip."""
        strip = self.query_one(TimeStrip)
        if not strip.display:
            self.notify("No result of this search has a year", severity="warning", timeout=3)
            return
        strip.can_focus = True
        strip.focus()

    def on_time_strip_chosen(self, message: TimeStrip.Chosen) -> None:
        """Filter to the chosen dates (one date chip, replacing any other)."""
        self.set_state(self.state.only("date", message.value))
        self.query_one(ResultList).focus()

    def on_time_strip_left(self, message: TimeStrip.Left) -> None:
        """Esc on the strip: back to the results."""
        self.query_one(ResultList).focus()

    def action_cycle_sort(self) -> None:
        """Score → newest → oldest."""
        self.set_state(self.state.next_sort())
        self.notify(f"Results: {SORT_NAMES[self.state.sort]}", timeout=2)

    def action_timeline(self) -> None:
        """Open the Timeline view for the current query and filters."""
        self.push_screen(TimelineScreen(self.state), self._timeline_chosen)

    def _timeline_chosen(self, choice: tuple[str, str, str | None] | None) -> None:
        if not choice:
            return
        date, facet, value = choice
        state = self.state.only("date", date)
        if facet and value:
            state = state.only(facet, value)
        self.set_state(state)
        self.query_one(ResultList).focus()
