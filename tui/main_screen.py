"""The main screen: search box, facet panes, results, reader and status line. It owns the
search state as reactives bound into the widgets that show it (chips, results, counts, the
strip) and handles the messages they send up and the ones the engine service's workers post.
Its keys, focus and research views are in ``main_keys.py``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList
from textual.worker import Worker

from tui.dates import SORT_NAMES
from tui.leave import clip, copy_text, edit_file, editor_command, hit_line
from tui.main_keys import MainKeys
from tui.messages import (
    ArticleLoaded,
    ChipRemoved,
    FacetCleared,
    FacetToggled,
    IndexOpened,
    IndexReady,
    SearchDone,
    SearchFailed,
    TimelineDone,
)
from tui.research import ResearchDesk
from tui.service import EngineService, report_failure
from tui.state import SearchState
from tui.widgets.facet_column import FacetColumn
from tui.widgets.reader import Reader
from tui.widgets.results import ResultList
from tui.widgets.search_bar import Chips, SearchBar, debounce_seconds
from tui.widgets.status_line import StatusLine
from tui.widgets.time_strip import TimeStrip

if TYPE_CHECKING:
    from search_index import SearchResult
    from search_index.research.timeline import Timeline
    from search_index.results import FacetCounts
    from tui.widgets.facet_pane import FacetView

NARROW_COLUMNS = 110


class MainScreen(MainKeys):
    """Searching, filtering and reading; the research views open on top of it. Its state is
    reactive and bound into the widgets that show it (``data_bind``): the search (query,
    filters, order) as chips, the result as the list and the pinyin note, its facet counts
    as the panes, its timeline as the strip, its count as the status line. Keys and focus are ``MainKeys``'."""

    state: reactive[SearchState] = reactive(SearchState, init=False)  # query, filters, order
    chips: reactive[Chips] = reactive((), init=False)  # the state's filters, as the search bar shows them
    result: reactive[SearchResult | None] = reactive(None, init=False, always_update=True)  # on show
    facets: reactive[FacetView | None] = reactive(None, init=False, always_update=True)  # the result's counts
    timeline: reactive[Timeline | None] = reactive(None, init=False, always_update=True)  # the result over time
    found: reactive[tuple[int, int, float] | None] = reactive(None, init=False)  # (total, in the index, ms)

    def __init__(self, service: EngineService, show_timing: bool = True) -> None:
        super().__init__()
        self.service = service
        self.show_timing = show_timing
        self.generation = 0
        self.corpus_counts: FacetCounts | None = None  # facet counts of the whole corpus (palette)
        self.debounce = debounce_seconds()
        self._debounce: Timer | None = None
        self.desk = ResearchDesk(self, service)
        self._started = False  # the workers (start_workers)

    # -- layout -------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Search on top; facets, results, reader; status and keys at the bottom."""
        yield SearchBar(id="search-bar").data_bind(MainScreen.chips, MainScreen.result)
        yield TimeStrip(id="time-strip").data_bind(MainScreen.timeline)
        with Horizontal(id="main"):
            yield FacetColumn(id="facets").data_bind(view=MainScreen.facets)
            yield ResultList(id="results").data_bind(MainScreen.result)
            yield Reader(id="reader")
        yield StatusLine(self.show_timing, id="status-bar").data_bind(MainScreen.found)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """First frame now; the app starts the workers once it is drawn (``start_workers``)."""
        self.service.attach(self, index_news=self.status)
        self.query_one(ResultList).border_title = "Results"
        self.query_one(Reader).border_title = "Reader"
        self.set_class(self.app.size.width < NARROW_COLUMNS, "-narrow")
        self.query_one("#query", Input).focus()

    async def start_workers(self) -> None:
        """After the first frame (their imports and loads would hold it up): open the index,
        fill the facet column meanwhile, then count saved searches into its pane (pinyin loads
        once the index is ready)."""
        if self._started:
            return  # a subclass's on_mount that calls the app's runs it twice (Textual calls both)
        self._started = True
        self.service.open_index()
        await self.query_one(FacetColumn).fill()
        self.service.saved("count")

    def on_resize(self, event: events.Resize) -> None:
        """Reader below/instead of results on narrow terminals."""
        self.set_class(event.size.width < NARROW_COLUMNS, "-narrow")

    @property
    def status(self) -> StatusLine:
        """The status line."""
        return self.query_one(StatusLine)

    @property
    def last_result(self) -> SearchResult | None:
        """The results on show (None before the first search)."""
        return self.result

    def watch_state(self, state: SearchState) -> None:
        """The chips follow the filters."""
        self.chips = tuple(state.chips())

    # -- searching ----------------------------------------------------------------------
    def run_search(self) -> None:
        """Search for the current state now."""
        self.generation += 1
        self.service.search(self.generation, self.state, max(10, self.size.width - 2))

    def set_state(self, state: SearchState) -> None:
        """Change query or filters and search (a view to return to is forgotten)."""
        self.state = state
        self.desk.return_view = None
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
        result = self.result = message.result
        self.facets = (result.facets, self.state.include, self.state.exclude)
        if not self.state.text and not self.state.chips():
            self.corpus_counts = result.facets
        self.found = (result.total, self.service.engine.article_count, result.took_ms)
        self.call_after_refresh(self.service.shown.set)  # drawn: the index worker may go on

    def on_search_failed(self, message: SearchFailed) -> None:
        """A malformed query: say why under the box, keep the last results."""
        if message.generation == self.generation:
            self.query_one(SearchBar).show_error(f"⚠ {message.message}")

    def on_timeline_done(self, message: TimelineDone) -> None:
        """Redraw the strip unless a newer search was started."""
        if message.generation == self.generation:
            self.timeline = message.line

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

    def on_time_strip_chosen(self, message: TimeStrip.Chosen) -> None:
        """Filter to the chosen dates (one date chip, replacing any other)."""
        self.set_state(self.state.only("date", message.value))
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
        if changed or self.result is None:
            self.run_search()
        if changed:
            self.service.saved("count")
        self.service.warm()

    def action_rebuild(self) -> None:
        """Palette: rebuild the index from scratch."""
        self.status.say("rebuilding…")
        self.service.open_index(rebuild=True)
