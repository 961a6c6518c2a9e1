"""The app's research actions: KWIC, the matrix, exports and saved searches (a mixin of
GxqApp, kept apart so app.py stays about searching and reading)."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import SystemCommand
from textual.binding import Binding

from search_index.errors import GxqError
from search_index.research.export import export_text, write_export
from search_index.research.saved import SavedSearches, current_counts
from tui.messages import ExportDone, SavedCounts
from tui.state import SearchState
from tui.views.kwic import KwicScreen
from tui.views.matrix import MatrixScreen
from tui.views.prompts import ConfirmScreen, FormatScreen, NameScreen
from tui.widgets.results import ResultList
from tui.widgets.saved_pane import SavedList, SavedPane

EXPORT_LIMIT = 10_000
WHAT = {"results": "the results", "kwic": "the concordance", "matrix": "the matrix", "timeline": "the timeline"}

RESEARCH_BINDINGS = [
    Binding("K", "kwic", "KWIC", show=False, id="app.kwic", tooltip="Every hit of the query in context (concordance)"),
    Binding("M", "matrix", "Matrix", show=False, id="app.matrix", tooltip="Park × track article counts"),
    Binding("e", "export", "Export", show=False, id="app.export", tooltip="Write the results to Markdown, CSV or JSON"),
    Binding("s", "save_search", "Save", show=False, id="app.save", tooltip="Save the query and filters under a name"),
]


def state_of(saved) -> SearchState:
    """The search state a saved search stands for."""
    return SearchState(
        saved.query,
        {k: tuple(v) for k, v in saved.filters.items()},
        {k: tuple(v) for k, v in saved.exclude.items()},
    )


class ResearchActions:
    """Mixed into GxqApp: needs ``engine``, ``state``, ``set_state`` and ``load_article``."""

    saved_store: SavedSearches
    return_view: tuple[SearchState, str, int] | None

    # -- KWIC and matrix ---------------------------------------------------------------
    def action_kwic(self) -> None:
        """Open the concordance for the current query and filters."""
        if not self.state.text.strip():
            self.notify("Type a query first: KWIC shows its hits in context", severity="warning", timeout=3)
            return
        self.open_kwic(KwicScreen(self.state))

    def open_kwic(self, screen: KwicScreen) -> None:
        """Push a concordance; the line chosen opens in the reader, and Esc there comes back."""
        self.push_screen(screen, lambda line: self._kwic_chosen(line, screen))

    def reopen_view(self) -> None:
        """Esc in an article opened from KWIC: the same concordance, sort and line again."""
        state, sort, cursor = self.return_view
        self.return_view = None
        self.open_kwic(KwicScreen(state, sort, cursor))

    def _kwic_chosen(self, line, screen: KwicScreen) -> None:
        if line is None:
            return
        self.return_view = (screen.state, screen.sort, screen.cursor)
        ids = self.query_one(ResultList).article_ids()
        index = ids.index(line.id) if line.id in ids else -1
        if index >= 0:
            self.query_one(ResultList).highlighted = index
        self.load_article(line.id, index, self.state.text, line.hit)

    def action_matrix(self) -> None:
        """Open the park × track matrix for the current query and filters."""
        self.push_screen(MatrixScreen(self.state), self._matrix_chosen)

    def _matrix_chosen(self, cell) -> None:
        if not cell:
            return
        park, track = cell
        state = self.state
        if park:
            state = state.only("parks", park)
        if track:
            state = state.only("tracks", track)
        self.set_state(state)
        self.query_one(ResultList).focus()

    # -- export -------------------------------------------------------------------------
    def action_export(self) -> None:
        """Export the current results."""
        self.export_view("results", None)

    def export_view(self, view: str, payload=None) -> None:
        """Ask for a format, then write ``view`` (a Concordance or Matrix, or for results None:
        every result of the current search) in a worker and say where."""

        def chosen(fmt: str | None) -> None:
            if fmt:
                self.write_export_worker(view, fmt, self.state, payload)

        self.push_screen(FormatScreen(WHAT[view]), chosen)

    @work(thread=True, group="export", exit_on_error=False)
    def write_export_worker(self, view: str, fmt: str, state: SearchState, payload) -> None:
        """Build the export (all results, not just those on screen) and write it."""
        include, exclude = state.filters()
        data = payload or self.engine.search(state.text, include, exclude, limit=EXPORT_LIMIT, sort=state.sort)
        engine = self.engine
        text = export_text(view, data, fmt, engine.corpus, articles_in_index=engine.article_count)
        try:
            path = write_export(text, view, fmt, corpus=engine.corpus)
        except OSError as exc:
            self.post_message(ExportDone(error=str(exc)))
            return
        self.post_message(ExportDone(str(path)))

    def on_export_done(self, message: ExportDone) -> None:
        """Say where the file is (or why there is none)."""
        if message.error:
            self.notify(message.error, title="Export failed", severity="error", timeout=8)
        else:
            self.notify(f"Written to {message.path}", title="Exported", timeout=8)

    # -- saved searches -----------------------------------------------------------------
    def action_save_search(self) -> None:
        """Name the current query and filters and save them."""
        suggestion = self.state.text.strip() or " ".join(v for _f, v, _x in self.state.chips())

        def named(name: str | None) -> None:
            if name:
                self.saved_worker("save", name, self.state)

        self.push_screen(NameScreen("Save this search as…", suggestion[:40]), named)

    @work(thread=True, exclusive=True, group="saved", exit_on_error=False)
    def saved_worker(self, action: str = "count", name: str = "", state: SearchState | None = None) -> None:
        """Save or delete, then count every saved search against the index."""
        store = self.saved_store
        corpus = str(Path(self.engine.corpus).resolve())
        try:
            if action == "save" and state is not None:
                include, exclude = state.filters()
                store.save(name, state.text, include, exclude, corpus=corpus)
            elif action == "delete":
                store.delete(name)
        except (OSError, GxqError) as exc:  # an unwritable file, no such search, no name
            self.post_message(SavedCounts([], f"cannot {action} '{name}': {exc}"))
            return
        if not self.wait_for_index():
            return
        searches = store.all()
        mine = [s for s in searches if s.corpus in ("", corpus)]  # unrecorded ones count as this corpus's
        others = [(s, None) for s in searches if s.corpus not in ("", corpus)]
        rows = current_counts(self.engine, mine) + others
        self.post_message(SavedCounts(rows, store.problem, name if action == "save" else ""))

    def on_saved_counts(self, message: SavedCounts) -> None:
        """Refresh the saved pane."""
        if message.problem:
            self.notify(message.problem, title="Saved searches", severity="error", timeout=8)
        if message.rows or not message.problem:
            self.query_one(SavedPane).show(message.rows)
        if message.saved:
            self.notify(f"Saved '{message.saved}'", timeout=3)

    def on_saved_list_recall(self, message: SavedList.Recall) -> None:
        """Run the chosen saved search."""
        saved = self.query_one(SavedPane).get(message.name)
        if saved is not None:
            self.recall(saved)

    def recall(self, saved) -> None:
        """Run a saved search: its query in the box, its filters as chips."""
        self.set_query_text(saved.query)
        self.set_state(state_of(saved))
        self.query_one(ResultList).focus()

    def on_saved_list_delete(self, message: SavedList.Delete) -> None:
        """Forget a saved search, once the user says yes."""

        def answered(yes: bool | None) -> None:
            if yes:
                self.saved_worker("delete", message.name)

        self.push_screen(ConfirmScreen(f"Delete the saved search '{message.name}'?"), answered)

    def research_commands(self) -> list[SystemCommand]:
        """Palette entries for the research views, exports and saved searches."""
        out = [
            SystemCommand("Concordance (KWIC) 语境", "Every hit of the query in context", self.action_kwic),
            SystemCommand("Park × track matrix 矩阵", "Article counts by park and track", self.action_matrix),
            SystemCommand("Save current search 保存", "Name the query and filters", self.action_save_search),
        ]
        for fmt, label in (("md", "Markdown"), ("csv", "CSV"), ("json", "JSON")):
            out.append(
                SystemCommand(
                    f"Export results as {label} 导出",
                    "Write every result to a file in the export folder",
                    lambda fmt=fmt: self.write_export_worker("results", fmt, self.state, None),
                )
            )
        for saved in self.query_one(SavedPane).searches:
            out.append(
                SystemCommand(f"Recall saved search: {saved.name}", saved.describe(), lambda s=saved: self.recall(s))
            )
        return out
