"""The main screen: search box, facet panes, results, reader and status line. It owns the
search state, hands state down to the widgets (counts, results, articles, chips) and handles
the messages they send up and the ones the engine service's workers post."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Input, OptionList
from textual.worker import Worker

from tui.dates import SORT_NAMES
from tui.leave import clip, copy_text, edit_file, editor_command, hit_line
from tui.messages import (
    ArticleLoaded,
    ChipRemoved,
    ExportDone,
    FacetCleared,
    FacetToggled,
    IndexOpened,
    IndexReady,
    SavedCounts,
    SearchDone,
    SearchFailed,
    TimelineDone,
    TypedAhead,
)
from tui.research import ResearchDesk
from tui.service import EngineService, report_failure
from tui.state import SearchState
from tui.widgets.facet_column import FacetColumn
from tui.widgets.facet_pane import FacetList, FacetPane
from tui.widgets.reader import Reader
from tui.widgets.results import ResultList
from tui.widgets.saved_pane import SavedList, SavedPane
from tui.widgets.search_bar import SearchBar, debounce_seconds
from tui.widgets.status_line import StatusLine
from tui.widgets.time_strip import TimeStrip

if TYPE_CHECKING:
    from search_index import SearchResult
    from search_index.results import FacetCounts

NARROW_COLUMNS = 110
TYPED = {"kwic", "matrix", "export", "save_search"}  # letter commands: in a text box their keys are typed


def inside(widget: Widget | None, kind: type) -> bool:
    """``widget`` is a ``kind`` or inside one."""
    return widget is not None and (isinstance(widget, kind) or any(isinstance(n, kind) for n in widget.ancestors))


class MainScreen(Screen):
    """Searching, filtering and reading; the research views open on top of it."""

    def __init__(self, service: EngineService, show_timing: bool = True) -> None:
        super().__init__()
        self.service = service
        self.show_timing = show_timing
        self.state = SearchState()
        self.generation = 0
        self.last_result: SearchResult | None = None
        self.corpus_counts: FacetCounts | None = None  # facet counts of the whole corpus (palette)
        self.debounce = debounce_seconds()
        self._debounce: Timer | None = None
        self._typing_ahead = False  # keys typed in the results or reader are going to the box
        self.desk = ResearchDesk(self, service)

    # -- layout -------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Search on top; facets, results, reader; status and keys at the bottom."""
        yield SearchBar(id="search-bar")
        yield TimeStrip(id="time-strip")
        with Horizontal(id="main"):
            yield FacetColumn(id="facets")
            yield ResultList(id="results")
            yield Reader(id="reader")
        yield StatusLine(self.show_timing, id="status-bar")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """First frame now; the index opens in a worker."""
        self.service.attach(self, index_news=self.status)
        self.query_one(ResultList).border_title = "Results"
        self.query_one(Reader).border_title = "Reader"
        self.query_one(SearchBar).show_error("")
        self.query_one(SearchBar).set_chips([])
        self.set_class(self.app.size.width < NARROW_COLUMNS, "-narrow")
        self.query_one("#query", Input).focus()
        self.call_after_refresh(self._start_workers)

    def _start_workers(self) -> None:
        """After the first frame (their imports and loads would hold it up): open the index
        and count saved searches (pinyin loads once the index is ready)."""
        self.service.open_index()
        self.service.saved("count")

    def on_resize(self, event: events.Resize) -> None:
        """Reader below/instead of results on narrow terminals."""
        self.set_class(event.size.width < NARROW_COLUMNS, "-narrow")

    @property
    def status(self) -> StatusLine:
        """The status line."""
        return self.query_one(StatusLine)

    # -- searching ----------------------------------------------------------------------
    def run_search(self) -> None:
        """Search for the current state now."""
        self.generation += 1
        self.service.search(self.generation, self.state, max(10, self.size.width - 2))

    def set_state(self, state: SearchState) -> None:
        """Change query or filters and search (a view to return to is forgotten)."""
        self.state = state
        self.desk.return_view = None
        self.query_one(SearchBar).set_chips(state.chips())
        self.run_search()

    def set_query_text(self, text: str) -> None:
        """Put ``text`` in the search box (recalling a saved search)."""
        self._stop_debounce()
        self.state = self.state.with_text(text)
        self.query_one("#query", Input).value = text

    def _stop_debounce(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()

    @on(Input.Changed, "#query")
    def _query_changed(self, event: Input.Changed) -> None:
        self._stop_debounce()
        text = event.value
        if text == self.state.text:
            return
        if self.debounce <= 0:
            self.set_state(self.state.with_text(text))
            return
        self._debounce = self.set_timer(self.debounce, lambda: self.set_state(self.state.with_text(text)))

    @on(Input.Submitted, "#query")
    def _query_submitted(self, event: Input.Submitted) -> None:
        self._stop_debounce()
        if event.value != self.state.text:
            self.set_state(self.state.with_text(event.value))
        self.query_one(ResultList).focus()

    def on_search_done(self, message: SearchDone) -> None:
        """Show results and counts, unless a newer search was started."""
        if message.generation != self.generation:
            return
        result = self.last_result = message.result
        self.query_one(SearchBar).show_expansions(result.expansions)
        self.query_one(ResultList).show(result)
        for pane in self.query(FacetPane):
            pane.update_counts(result.facets, self.state.include, self.state.exclude)
        if not self.state.text and not self.state.chips():
            self.corpus_counts = result.facets
        self.status.show_found(result.total, self.service.engine.article_count, result.took_ms)

    def on_search_failed(self, message: SearchFailed) -> None:
        """A malformed query: say why under the box, keep the last results."""
        if message.generation == self.generation:
            self.query_one(SearchBar).show_error(f"⚠ {message.message}")

    def on_timeline_done(self, message: TimelineDone) -> None:
        """Redraw the strip unless a newer search was started."""
        if message.generation == self.generation:
            self.query_one(TimeStrip).show(message.line)

    # -- facets and dates ---------------------------------------------------------------
    def on_facet_toggled(self, message: FacetToggled) -> None:
        """Include or exclude a value."""
        if message.exclude:
            self.set_state(self.state.exclude_value(message.facet, message.value))
        else:
            self.set_state(self.state.toggle(message.facet, message.value))

    def on_facet_cleared(self, message: FacetCleared) -> None:
        """Clear one facet."""
        self.set_state(self.state.clear(message.facet))

    def on_chip_removed(self, message: ChipRemoved) -> None:
        """Remove one filter."""
        self.set_state(self.state.toggle(message.facet, message.value))

    def goto(self, facet: str, value: str) -> None:
        """Palette: filter to one park or track."""
        self.set_state(self.state.only(facet, value))
        self.query_one(ResultList).focus()

    def action_clear_filters(self) -> None:
        """Palette: drop every filter."""
        self.set_state(self.state.clear_all())

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

    # -- reading ------------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#results")
    def _result_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.open_result(event.option_index)

    def open_result(self, index: int) -> None:
        """Load result ``index`` into the reader."""
        results = self.query_one(ResultList)
        ids = results.article_ids()
        if 0 <= index < len(ids):
            results.highlighted = index
            self.service.article(ids[index], index, self.state.text)

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        """Show the article and move focus to the reader."""
        reader = self.query_one(Reader)
        reader.show(message.article, message.hit)
        self.add_class("-reading")
        reader.focus()

    def on_reader_step(self, message: Reader.Step) -> None:
        """[ and ]: previous/next result."""
        results = self.query_one(ResultList)
        current = results.highlighted if results.highlighted is not None else -1
        target = current + message.delta
        if 0 <= target < len(results.article_ids()):
            self.open_result(target)
        else:
            self.notify("No more results that way", timeout=2)

    def on_reader_edit(self, message: Reader.Edit) -> None:
        """E: the article's source file in $VISUAL/$EDITOR (a pager without one) at the hit."""
        path = Path(self.service.engine.corpus) / message.article.source
        if not path.is_file():
            self.notify(f"Source file not found: {path}", severity="error", timeout=6)
            return
        edit_file(self.app, editor_command(path, hit_line(message.article, message.hit)))

    def on_reader_copy(self, message: Reader.Copy) -> None:
        """y: the passage at the hit with title, outlet, date and URL, to the clipboard."""
        copy_text(self.app, clip(message.article, message.hit))

    # -- keys ---------------------------------------------------------------------------
    def action_focus_search(self) -> None:
        """Cursor to the end of the query (never selecting it, never typing '/')."""
        self.remove_class("-reading", "-zoom")
        box = self.query_one("#query", Input)
        box.focus()
        box.cursor_position = len(box.value)

    def on_typed_ahead(self, message: TypedAhead) -> None:
        """A key typed in the results or the reader starts a new term at the end of the query
        (a space before it), so typing is never lost and never runs a command by surprise.
        Keys that were on their way before the box took focus (an input method commits a
        word as a burst of keys) continue that term."""
        box = self.query_one("#query", Input)
        text = message.text
        if not self._typing_ahead:
            self._typing_ahead = True
            self.action_focus_search()
            if box.value and not box.value.endswith(" ") and text != " ":
                text = " " + text
        box.insert_text_at_cursor(text)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Focus anywhere but the box ends a typed-ahead term."""
        if event.widget.id != "query":
            self._typing_ahead = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Letter commands only when not typing (in a text box their keys are typed)."""
        if action in TYPED:
            return not isinstance(self.focused, Input)
        return True

    def action_back(self) -> None:
        """Esc: reader → the view it was opened from (KWIC) or the results → search box;
        closes a pane filter first; in the box it clears the query and the reader."""
        focused = self.focused
        if focused is not None and inside(focused, FacetPane):
            pane = focused if isinstance(focused, FacetPane) else focused.query_ancestor(FacetPane)
            if pane.close_filter():
                return
        if isinstance(focused, Reader):
            if self.desk.return_view is not None:
                self.desk.reopen_view()
                return
            self.remove_class("-reading", "-zoom")
            self.query_one(ResultList).focus()
        elif isinstance(focused, (ResultList, FacetList, SavedList)):
            self.action_focus_search()
        elif isinstance(focused, Input) and focused.id == "query" and focused.value:
            focused.value = ""
            self.query_one(Reader).clear()
            self.remove_class("-reading", "-zoom")

    def focused_pane(self) -> str:
        """The help topic of the focused widget."""
        focused = self.focused
        for kind, name in ((SavedList, "saved"), (TimeStrip, "strip"), (Reader, "reader"), (ResultList, "results")):
            if isinstance(focused, kind):
                return name
        return "facets" if inside(focused, FacetPane) else "search"

    # -- research views, exports, saved searches (the desk runs them) ---------------------
    def action_kwic(self) -> None:
        """K: the concordance of the current search."""
        self.desk.kwic()

    def action_matrix(self) -> None:
        """M: the park × track matrix of the current search."""
        self.desk.matrix()

    def action_timeline(self) -> None:
        """T: the Timeline of the current search."""
        self.desk.timeline()

    def action_export(self) -> None:
        """e: export the current results."""
        self.desk.export("results")

    def action_save_search(self) -> None:
        """s: save the current search under a name."""
        self.desk.save_search()

    def on_export_done(self, message: ExportDone) -> None:
        """Say where the file is (or why there is none)."""
        if message.error:
            self.notify(message.error, title="Export failed", severity="error", timeout=8)
        else:
            self.notify(f"Written to {message.path}", title="Exported", timeout=8)

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
            self.desk.recall(saved)

    def on_saved_list_delete(self, message: SavedList.Delete) -> None:
        """Forget a saved search, once the user says yes."""
        self.desk.delete(message.name)

    # -- the index ----------------------------------------------------------------------
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker error is notified; a crashed index worker also ends the waits for it."""
        if report_failure(self, event) and event.worker.group == "index":
            self.service.index_failed()
            self.status.finished(f"index error: {event.worker.error}")

    def on_index_opened(self, message: IndexOpened) -> None:
        """Browse what is there while the index is checked."""
        self.run_search()

    def on_index_ready(self, message: IndexReady) -> None:
        """Index complete (the status line said how): search again with it."""
        report = message.report
        changed = report.rebuilt or report.read or report.removed
        if changed or self.last_result is None:
            self.run_search()
        if changed:
            self.service.saved("count")
        self.service.warm()

    def action_rebuild(self) -> None:
        """Palette: rebuild the index from scratch."""
        self.status.say("rebuilding…")
        self.service.open_index(rebuild=True)
