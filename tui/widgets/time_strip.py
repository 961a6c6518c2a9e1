"""The histogram strip above the results: articles per period for the current search, the
bucket under the cursor labelled with its count; Enter filters to it, Shift+arrows extend the
choice to a range of buckets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:
    from search_index.research.timeline import Timeline

LEVELS = " ▁▂▃▄▅▆▇█"
BAR_ROWS = 2  # bar height in rows (eighths of a row each)
BAR, CURSOR, CHOSEN = "cyan", "bold yellow", "bold black on yellow"


def bucket_value(line: Timeline, first: int, last: int) -> str:
    """The date filter for buckets ``first`` … ``last``: a label when it is one year, month or
    day (``2024-03``), else ``since..until``."""
    if first == last and line.by != "week":
        return line.label(first)
    if line.by in ("year", "month"):
        return f"{line.label(first)}..{line.label(last)}"
    return f"{line.bounds(first)[0]}..{line.bounds(last)[1]}"


def bars(counts: list[int], cell: int, rows: int = BAR_ROWS) -> list[list[str]]:
    """Block characters for each bucket, top row first: ``rows`` × ``len(counts)`` cells."""
    peak = max(counts, default=0) or 1
    out: list[list[str]] = [[] for _ in range(rows)]
    for n in counts:
        eighths = round(8 * rows * n / peak)
        if n and not eighths:
            eighths = 1
        for r in range(rows):
            level = min(8, max(0, eighths - 8 * (rows - 1 - r)))
            out[r].append(LEVELS[level] * cell)
    return out


class TimeStrip(Widget):
    """Articles per year, month, week or day; hidden when no result has a year. Focus it
    with ``t``; ←/→ (h/l) move, Shift+←/→ (H/L) extend, Enter filters, Esc goes back."""

    BINDINGS = [
        Binding("left,h", "move(-1)", "Earlier", id="strip.left", tooltip="The bucket before"),
        Binding("right,l", "move(1)", "Later", id="strip.right", tooltip="The bucket after"),
        Binding("shift+left,H", "extend(-1)", "Extend ←", id="strip.extend_left", tooltip="Extend the range back"),
        Binding("shift+right,L", "extend(1)", "Extend →", id="strip.extend_right", tooltip="Extend the range on"),
        Binding("enter", "choose", "Filter", id="strip.filter", tooltip="Filter the results to these dates"),
        Binding("home", "edge(0)", "First", show=False, id="strip.first", tooltip="The first bucket"),
        Binding("end", "edge(-1)", "Last", show=False, id="strip.last", tooltip="The last bucket"),
        Binding("escape", "leave", "Back", id="strip.back", tooltip="Back to the results"),
    ]
    can_focus = False  # out of the Tab chain: ``t`` focuses it
    timeline: reactive[Timeline | None] = reactive(None, init=False, always_update=True)  # bound by the screen

    class Chosen(Message):
        """Filter to this date value (``2024-03`` or ``2024-03-01..2024-03-31``)."""

        def __init__(self, value: str) -> None:
            self.value = value
            super().__init__()

    class Left(Message):
        """The user is done with the strip (Esc, or a bucket chosen)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.line: Timeline | None = None
        self.cursor = 0
        self.range_start: int | None = None

    def watch_timeline(self, line: Timeline | None) -> None:
        """The current result's timeline."""
        self.show(line)

    def show(self, line: Timeline | None) -> None:
        """New counts (None or no dated bucket hides the strip); the cursor stays on its key."""
        old = self.line.keys[self.cursor] if self.line and self.line.keys else None
        self.line = line
        self.range_start = None
        keys = line.keys if line else []
        self.cursor = keys.index(old) if old in keys else max(0, len(keys) - 1)
        self.display = bool(keys)
        self.refresh()

    def selection(self) -> tuple[int, int]:
        """The first and last bucket chosen (the cursor alone without an anchor)."""
        start = self.cursor if self.range_start is None else self.range_start
        return min(start, self.cursor), max(start, self.cursor)

    def action_move(self, delta: int) -> None:
        """Move the cursor one bucket; the range collapses to it."""
        self.range_start = None
        self._step(delta)

    def action_extend(self, delta: int) -> None:
        """Grow or shrink the range from where it started."""
        if self.range_start is None:
            self.range_start = self.cursor
        self._step(delta)

    def action_edge(self, where: int) -> None:
        """To the first or the last bucket."""
        if self.line and self.line.keys:
            self.range_start, self.cursor = None, where % len(self.line.keys)
            self.refresh()

    def action_choose(self) -> None:
        """Filter the results to the chosen bucket(s)."""
        if self.line and self.line.keys:
            self.post_message(self.Chosen(bucket_value(self.line, *self.selection())))

    def _step(self, delta: int) -> None:
        if self.line and self.line.keys:
            self.cursor = max(0, min(len(self.line.keys) - 1, self.cursor + delta))
            self.refresh()

    def action_leave(self) -> None:
        """Back to the results."""
        self.post_message(self.Left())

    def on_focus(self) -> None:
        """Show the keys and the chosen bucket in reverse."""
        self.refresh()

    def on_blur(self) -> None:
        """Leave the Tab chain again."""
        self.can_focus = False
        self.range_start = None
        self.refresh()

    def render(self) -> Text:
        """Two rows of bars and a label row."""
        line = self.line
        if not line or not line.keys:
            return Text("")
        width = max(10, self.size.width)
        n = len(line.keys)
        cell = max(1, min(6, width // n))
        shown = min(n, width // cell)
        start = max(0, min(self.cursor - shown // 2, n - shown))
        counts = line.counts[start : start + shown]
        first, last = self.selection()
        text = Text()
        for row in bars(counts, cell):
            for i, block in enumerate(row):
                chosen = first <= start + i <= last
                text.append(block, style=(CHOSEN if self.has_focus else CURSOR) if chosen else BAR)
            text.append("\n")
        text.append_text(self._label(line, first, last))
        return text

    def _label(self, line: Timeline, first: int, last: int) -> Text:
        total = sum(line.counts[first : last + 1])
        span = line.label(first) if first == last else f"{line.label(first)} … {line.label(last)}"
        label = Text(f"{span}: {total} article{'s' if total != 1 else ''}", style="bold")
        rest = f"  · {line.label(0)} – {line.label(len(line.keys) - 1)} by {line.by}"
        if line.undated:
            rest += f" · {line.undated} undated"
        if line.coarser:
            rest += f" · {line.coarser} less precise"
        label.append(rest, style="dim")
        label.append("  t: pick dates" if not self.has_focus else "  ←/→ Shift+←/→ Enter", style="dim italic")
        return label
