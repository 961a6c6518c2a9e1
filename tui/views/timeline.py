"""The Timeline view: articles per period for the current search, and one series per top
value of a facet (tracks, parks, provinces, companies), drawn with block characters. Enter
on a cell filters to that period (and value); ``e`` exports what is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from search_index.facets import SERIES
from tui.state import SearchState
from tui.style import bar, cells, series_shade
from tui.views.base import ViewScreen
from tui.widgets.time_strip import bucket_value

if TYPE_CHECKING:
    from search_index.research.timeline import Timeline
    from tui.service import EngineService

SPLITS = SERIES  # the facets a timeline splits by (the registry's order)
GRANULARITIES = ("", "year", "month", "week", "day")  # "" chooses from the span
BAR_CELLS = 16
TOP = 5


def hbar(count: int, peak: int, width: int = BAR_CELLS) -> str:
    """A bar of ``count/peak`` of ``width`` cells, padded to ``width``."""
    return bar(count, peak, width).ljust(width)


class TimelineScreen(ViewScreen):
    """Buckets down, the total and the top values of a facet across; dismisses with
    (date value, facet, value) for the cell chosen (value None for the total column)."""

    BINDINGS = [
        Binding("f", "split", "Facet", id="timeline.split", tooltip="Series for tracks, parks, provinces, companies"),
        Binding("b", "granularity", "Year/month…", id="timeline.by", tooltip="Buckets by year, month, week or day"),
        Binding("e", "export", "Export", id="timeline.export", tooltip="Write the timeline to Markdown, CSV or JSON"),
    ]

    def __init__(self, service: EngineService, state: SearchState, split: str = "tracks", by: str = "") -> None:
        super().__init__(service, state)
        self.split, self.by = split, by
        self.line: Timeline | None = None

    def compose(self) -> ComposeResult:
        """Heading, table, the cell under the cursor, keys."""
        yield Static("", id="timeline-head")
        yield DataTable(id="timeline-table", cursor_type="cell", zebra_stripes=False)
        yield Static("", id="timeline-cell")
        yield Footer()

    def on_mount(self) -> None:
        """Count in a worker."""
        self.query_one(DataTable).focus()
        self.load()

    def compute(self, include: dict, exclude: dict) -> Timeline:
        """The timeline of the current search, split by the chosen facet."""
        return self.service.engine.timeline(self.state.text, include, exclude, self.by, self.split, TOP)

    def on_view_screen_loaded(self, message: ViewScreen.Loaded) -> None:
        """Fill the table."""
        head = self.query_one("#timeline-head", Static)
        if message.data is None:
            head.update(Text(f"Timeline · {message.error}", style="bold red"))
            return
        self.line = line = cast("Timeline", message.data)
        query = self.state.text or "all articles"
        note = f" · {line.undated} undated" if line.undated else ""
        note += f" · {line.coarser} dated less precisely" if line.coarser else ""
        head.update(Text(f"Timeline · {query} · by {line.by} · {line.total} articles{note} · top {self.split}", "bold"))
        self._fill(line)

    def _fill(self, line: Timeline) -> None:
        table = self.query_one(DataTable)
        keep = table.cursor_coordinate
        table.clear(columns=True)
        peak = max(line.counts, default=0)
        table.add_column(line.by, key="bucket", width=10)  # explicit widths: drawn the same at once
        table.add_column("all", key="all", width=BAR_CELLS + 1 + len(str(peak)))
        for value in line.series:
            table.add_column(value, key=value, width=max(cells(value), 6))
        series_peak = max((max(c, default=0) for c in line.series.values()), default=0)
        for i, n in enumerate(line.counts):
            drawn = Text(hbar(n, peak), style="cyan").append(f" {n}", style="bold")
            shades = [series_shade(counts[i], series_peak) for counts in line.series.values()]
            table.add_row(line.label(i), drawn, *shades, key=str(i))
        if line.keys:
            row = min(keep.row, table.row_count - 1) if keep.row else table.row_count - 1
            table.move_cursor(row=row, column=min(max(keep.column, 1), len(table.columns) - 1), animate=False)
        self._describe()

    def cell_at(self, row: int, column: int) -> tuple[str, str | None] | None:
        """(date value, series value or None) under a table coordinate."""
        line = self.line
        if line is None or not 0 <= row < len(line.keys):
            return None
        values = list(line.series)
        return bucket_value(line, row, row), values[column - 2] if 2 <= column < 2 + len(values) else None

    def _describe(self) -> None:
        table = self.query_one(DataTable)
        label = self.query_one("#timeline-cell", Static)
        line = self.line
        cell = self.cell_at(table.cursor_row, table.cursor_column)
        if line is None or cell is None:
            label.update(Text("No article under this search has a year.", style="dim"))
            return
        row = table.cursor_row
        value = cell[1]
        count = line.series[value][row] if value else line.counts[row]
        who = f" · {value}" if value else ""
        noun = "article" if count == 1 else "articles"
        label.update(Text(f"{line.label(row)}{who}: {count} {noun} · Enter filters the results to it"))

    @on(DataTable.CellHighlighted)
    def _moved(self, event: DataTable.CellHighlighted) -> None:
        self._describe()

    @on(DataTable.CellSelected)
    def _chosen(self, event: DataTable.CellSelected) -> None:
        event.stop()
        cell = self.cell_at(event.coordinate.row, event.coordinate.column)
        if cell is not None:
            self.dismiss((cell[0], self.split if cell[1] else "", cell[1]))

    def action_split(self) -> None:
        """Series for the next facet."""
        self.split = SPLITS[(SPLITS.index(self.split) + 1) % len(SPLITS)]
        self.load()

    def action_granularity(self) -> None:
        """Buckets by the next granularity (from the span, year, month, week, day)."""
        self.by = GRANULARITIES[(GRANULARITIES.index(self.by) + 1) % len(GRANULARITIES)]
        self.load()

    def action_export(self) -> None:
        """Export the timeline as shown."""
        if self.line is not None:
            self.export("timeline", self.line)
