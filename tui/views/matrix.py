"""The park × track matrix: article counts shaded by size; Enter filters to a cell."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from tui.state import SearchState
from tui.style import shade
from tui.views.base import ViewScreen

if TYPE_CHECKING:
    from search_index import Matrix
    from tui.service import EngineService

TOP_STEP = 5


def articles(count: int) -> str:
    """'1 article', '3 articles'."""
    return f"{count} article" if count == 1 else f"{count} articles"


def _bold(count: int) -> Text:
    return Text(f" {count} ", style="bold", justify="right")


class MatrixScreen(ViewScreen):
    """Parks down, tracks across, for the current query and filters; dismisses with the cell
    (park, track) the user picked — a total cell gives only its park or only its track."""

    BINDINGS = [
        Binding("w", "toggle_weak", "Weak ±", id="matrix.weak", tooltip="Also count related-term-only mentions"),
        Binding("plus,equals_sign", "more", "More parks", id="matrix.more", tooltip="Show five more parks"),
        Binding("minus", "fewer", "Fewer", id="matrix.fewer", tooltip="Show five fewer parks"),
        Binding("e", "export", "Export", id="matrix.export", tooltip="Write the matrix to Markdown, CSV or JSON"),
    ]

    def __init__(self, service: EngineService, state: SearchState, top: int = 15, weak: bool = False) -> None:
        super().__init__(service, state)
        self.top = top
        self.weak = weak
        self.grid: Matrix | None = None

    def compose(self) -> ComposeResult:
        """Heading, grid, the cell under the cursor, keys."""
        yield Static("", id="matrix-head")
        yield DataTable(id="matrix-table", cursor_type="cell", zebra_stripes=False, fixed_columns=1)
        yield Static("", id="matrix-cell")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Count in a worker."""
        self.query_one(DataTable).focus()
        self.load()

    def province(self) -> str | None:
        """Rows are every zone of a province when exactly one province is filtered."""
        provinces = self.state.include.get("provinces", ())
        return provinces[0] if len(provinces) == 1 else None

    def compute(self, include: dict, exclude: dict) -> Matrix:
        """The matrix for the current search, rows, weak counts and province as set."""
        return self.service.engine.matrix(self.state.text, include, exclude, self.top, self.weak, self.province())

    def on_view_screen_loaded(self, message: ViewScreen.Loaded) -> None:
        """Fill the table."""
        head = self.query_one("#matrix-head", Static)
        if message.data is None:
            head.update(Text(f"Park × track · {message.error}", style="bold red"))
            return
        self.grid = grid = cast("Matrix", message.data)
        rows = f"every zone of {grid.province}" if grid.province else f"top {len(grid.parks)} parks"
        counts = "strong + weak counts" if grid.weak else "strong counts"
        query = self.state.text or "all articles"
        head.update(Text(f"Park × track · {query} · {rows} · {counts} · {articles(grid.total)}", style="bold"))
        self._fill(grid)

    def _fill(self, grid: Matrix) -> None:
        table = self.query_one(DataTable)
        keep = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column("park", key="park")
        for t in grid.tracks:  # whole names: the table scrolls sideways, the park column stays
            table.add_column(t, key=t)
        table.add_column("total", key="total")
        for p in grid.parks:
            cells = [shade(grid.count(p, t), grid.peak) for t in grid.tracks]
            table.add_row(p, *cells, _bold(grid.row_totals.get(p, 0)), key=p)
        totals = [_bold(grid.column_totals.get(t, 0)) for t in grid.tracks]
        table.add_row(Text("total", style="bold"), *totals, _bold(grid.total), key="total")
        if grid.parks and grid.tracks:
            row = min(keep.row, table.row_count - 1)
            table.move_cursor(row=row, column=min(max(keep.column, 1), len(table.columns) - 1), animate=False)
        self._describe()

    def cell_at(self, row: int, column: int) -> tuple[str | None, str | None]:
        """(park, track) under a table coordinate; None for a total row or column."""
        grid = self.grid
        if grid is None:
            return None, None
        park = grid.parks[row] if row < len(grid.parks) else None
        track = grid.tracks[column - 1] if 1 <= column <= len(grid.tracks) else None
        return park, track

    def _describe(self) -> None:
        table = self.query_one(DataTable)
        park, track = self.cell_at(table.cursor_row, table.cursor_column)
        grid = self.grid
        label = self.query_one("#matrix-cell", Static)
        if grid is None or not grid.parks:
            label.update(Text("No article names both a park and a track here.", style="dim"))
            return
        if park and track:
            text = f"{park} × {track}: {articles(grid.count(park, track))} · Enter filters the results to both"
        elif park:
            text = f"{park}: {articles(grid.row_totals.get(park, 0))} with a listed track · Enter filters to the park"
        elif track:
            text = f"{track}: {articles(grid.column_totals.get(track, 0))} with a listed park · Enter filters to it"
        else:
            text = f"{articles(grid.total)} name a listed park and a listed track"
        label.update(Text(text))

    @on(DataTable.CellHighlighted)
    def _moved(self, event: DataTable.CellHighlighted) -> None:
        self._describe()

    @on(DataTable.CellSelected)
    def _chosen(self, event: DataTable.CellSelected) -> None:
        event.stop()
        park, track = self.cell_at(event.coordinate.row, event.coordinate.column)
        if park or track:
            self.dismiss((park, track))

    def action_toggle_weak(self) -> None:
        """Strong counts only, or strong and weak."""
        self.weak = not self.weak
        self.load()

    def action_more(self) -> None:
        """Five more parks."""
        self.top += TOP_STEP
        self.load()

    def action_fewer(self) -> None:
        """Five fewer parks (at least five)."""
        self.top = max(TOP_STEP, self.top - TOP_STEP)
        self.load()

    def action_export(self) -> None:
        """Export the matrix as shown."""
        if self.grid is not None:
            self.export("matrix", self.grid)
