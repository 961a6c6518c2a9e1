"""The research desk of the main screen: it opens KWIC, the matrix and the Timeline on top of
it and turns what the user picks there into a search; it asks for export formats and names
for saved searches and hands the work to the engine service."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding

from tui.state import SearchState
from tui.widgets.results import ResultList
from tui.widgets.saved_pane import SavedPane

if TYPE_CHECKING:  # the views are imported when opened: the first frame does not wait for them
    from search_index.research.concordance import KwicLine
    from search_index.research.saved import SavedSearch
    from tui.main_screen import MainScreen
    from tui.service import EngineService
    from tui.views.kwic import KwicScreen

RESEARCH_BINDINGS = [
    Binding(
        "K", "screen.kwic", "KWIC", show=False, id="app.kwic", tooltip="Every hit of the query in context (concordance)"
    ),
    Binding("M", "screen.matrix", "Matrix", show=False, id="app.matrix", tooltip="Park × track article counts"),
    Binding(
        "e",
        "screen.export",
        "Export",
        show=False,
        id="app.export",
        tooltip="Write the results to Markdown, CSV or JSON",
    ),
    Binding(
        "s", "screen.save_search", "Save", show=False, id="app.save", tooltip="Save the query and filters under a name"
    ),
]


def state_of(saved: SavedSearch) -> SearchState:
    """The search state a saved search stands for."""
    return SearchState(
        saved.query,
        {k: tuple(v) for k, v in saved.filters.items()},
        {k: tuple(v) for k, v in saved.exclude.items()},
    )


class ResearchDesk:
    """What the main screen's research keys do; ``return_view`` is the concordance (state,
    sort, line) that Esc in an article opened from it goes back to."""

    def __init__(self, screen: MainScreen, service: EngineService) -> None:
        self.screen, self.service = screen, service
        self.return_view: tuple[SearchState, str, int] | None = None

    def _results(self) -> ResultList:
        return self.screen.query_one(ResultList)

    # -- views --------------------------------------------------------------------------
    def kwic(self) -> None:
        """Open the concordance for the current query and filters."""
        if not self.screen.state.text.strip():
            self.screen.notify("Type a query first: KWIC shows its hits in context", severity="warning", timeout=3)
            return
        from tui.views.kwic import KwicScreen

        self.open_kwic(KwicScreen(self.service, self.screen.state))

    def open_kwic(self, view: KwicScreen) -> None:
        """Push a concordance; the line chosen opens in the reader, and Esc there comes back."""
        self.screen.app.push_screen(view, lambda line: self._kwic_chosen(line, view))

    def reopen_view(self) -> None:
        """Esc in an article opened from KWIC: the same concordance, sort and line again."""
        if self.return_view is not None:
            from tui.views.kwic import KwicScreen

            state, sort, cursor = self.return_view
            self.return_view = None
            self.open_kwic(KwicScreen(self.service, state, sort, cursor))

    def _kwic_chosen(self, line: KwicLine | None, view: KwicScreen) -> None:
        if line is None:
            return
        self.return_view = (view.state, view.sort, view.cursor)
        ids = self._results().article_ids()
        index = ids.index(line.id) if line.id in ids else -1
        if index >= 0:
            self._results().highlighted = index
        self.service.article(line.id, index, self.screen.state.text, line.hit)

    def matrix(self) -> None:
        """Open the park × track matrix for the current query and filters."""
        from tui.views.matrix import MatrixScreen

        self.screen.app.push_screen(MatrixScreen(self.service, self.screen.state), self._matrix_chosen)

    def _matrix_chosen(self, cell: tuple[str | None, str | None] | None) -> None:
        if not cell:
            return
        park, track = cell
        state = self.screen.state
        if park:
            state = state.only("parks", park)
        if track:
            state = state.only("tracks", track)
        self._search(state)

    def timeline(self) -> None:
        """Open the Timeline view for the current query and filters."""
        from tui.views.timeline import TimelineScreen

        self.screen.app.push_screen(TimelineScreen(self.service, self.screen.state), self._timeline_chosen)

    def _timeline_chosen(self, choice: tuple[str, str, str | None] | None) -> None:
        if not choice:
            return
        date, facet, value = choice
        state = self.screen.state.only("date", date)
        if facet and value:
            state = state.only(facet, value)
        self._search(state)

    def _search(self, state: SearchState) -> None:
        self.screen.set_state(state)
        self._results().focus()

    # -- exports and saved searches -------------------------------------------------------
    def export(self, view: str, payload: object | None = None) -> None:
        """Ask for a format, then write ``view`` (for results: every result of the search)."""
        from tui.views.prompts import ask_export

        ask_export(self.screen, self.service, view, self.screen.state, payload)

    def save_search(self) -> None:
        """Name the current query and filters and save them."""
        from tui.views.prompts import NameScreen

        state = self.screen.state
        suggestion = state.text.strip() or " ".join(v for _f, v, _x in state.chips())

        def named(name: str | None) -> None:
            if name:
                self.service.saved("save", name, state)

        self.screen.app.push_screen(NameScreen("Save this search as…", suggestion[:40]), named)

    def recall(self, saved: SavedSearch) -> None:
        """Run a saved search: its query in the box, its filters as chips."""
        self.screen.set_query_text(saved.query)
        self._search(state_of(saved))

    def delete(self, name: str) -> None:
        """Forget a saved search, once the user says yes."""

        from tui.views.prompts import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.service.saved("delete", name)

        self.screen.app.push_screen(ConfirmScreen(f"Delete the saved search '{name}'?"), answered)

    def commands(self) -> list[SystemCommand]:
        """Palette entries for the research views, exports and saved searches."""
        out = [
            SystemCommand("Concordance (KWIC) 语境", "Every hit of the query in context", self.kwic),
            SystemCommand("Park × track matrix 矩阵", "Article counts by park and track", self.matrix),
            SystemCommand("Save current search 保存", "Name the query and filters", self.save_search),
        ]
        for fmt, label in (("md", "Markdown"), ("csv", "CSV"), ("json", "JSON")):
            out.append(
                SystemCommand(
                    f"Export results as {label} 导出",
                    "Write every result to a file in the export folder",
                    lambda fmt=fmt: self.service.export("results", fmt, self.screen.state),
                )
            )
        searches = [s for pane in self.screen.query(SavedPane) for s in pane.searches]  # none before the first frame
        for saved in searches:
            out.append(
                SystemCommand(f"Recall saved search: {saved.name}", saved.describe(), lambda s=saved: self.recall(s))
            )
        return out
