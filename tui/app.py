"""The gxq-tui app: search box, facet panes, results and reader, all blocking work in workers."""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SuspendNotSupported, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, ProgressBar, Static
from textual.worker import Worker, WorkerState

from search_index.errors import QueryError
from search_index.research.saved import SavedSearches
from tui.commands import GotoProvider
from tui.dates import DATE_BINDINGS, DateActions
from tui.indexing import IndexLifecycle
from tui.leave import clip, editor_command, hit_line
from tui.messages import ArticleLoaded, ChipRemoved, FacetCleared, FacetToggled, SearchDone, SearchFailed
from tui.research import RESEARCH_BINDINGS, ResearchActions
from tui.state import SearchState
from tui.views.kwic import KwicScreen
from tui.views.matrix import MatrixScreen
from tui.views.timeline import TimelineScreen
from tui.widgets.dates_pane import DatesPane
from tui.widgets.facet_pane import FacetList, FacetPane, ParksPane, TracksPane
from tui.widgets.reader import Reader
from tui.widgets.results import ResultList
from tui.widgets.saved_pane import SavedList, SavedPane
from tui.widgets.search_bar import SearchBar
from tui.widgets.time_strip import TimeStrip

if TYPE_CHECKING:
    from search_index.engine import Engine
    from search_index.results import Article, FacetCounts

DEBOUNCE_SECONDS = 0.15  # GXQ_DEBOUNCE_MS overrides it (tests set 0: search on every key, no timer)
NARROW_COLUMNS = 110
NO_OSC52 = {"linux", "dumb", "vt100", "vt220"}  # terminals known to ignore clipboard writes
TYPED = {"kwic", "matrix", "export", "save_search"}  # letter commands: in a text box their keys are typed
RESULT_LIMIT = 200


class GxqApp(IndexLifecycle, ResearchActions, DateActions, App[int]):
    """Search a corpus of Chinese news about high-tech zones and new tracks."""

    TITLE = "gxq-tui"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {GotoProvider}
    BINDINGS = [
        Binding(
            "slash",
            "focus_search",
            "Search",
            show=False,
            priority=True,
            id="app.search",
            tooltip="Cursor to the end of the query",
        ),
        Binding("f1", "help", "Help", id="app.help", tooltip="Help for the focused pane"),
        Binding("question_mark", "help", "Help", show=False, id="app.help2", tooltip="Help for the focused pane"),
        Binding("escape", "back", "Back", id="app.back", tooltip="Back one level: reader → results → search"),
        Binding("q", "leave", "Quit", id="app.quit", tooltip="Quit gxq-tui (when not typing)"),
        Binding("ctrl+q", "quit_typing", "Quit", priority=True, id="app.quit_typing", tooltip="Quit, also when typing"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit_anywhere", tooltip="Quit gxq-tui"),
        *RESEARCH_BINDINGS,
        *DATE_BINDINGS,
    ]

    def __init__(
        self,
        corpus: str | Path | None = None,
        index_dir: str | Path | None = None,
        show_timing: bool = True,
        follow_links: bool = False,
    ) -> None:
        super().__init__()
        self._engine_args = (corpus, index_dir)
        self._follow_links = follow_links
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()
        self.show_timing = show_timing
        self.state = SearchState()
        self.generation = 0
        self.corpus_counts: FacetCounts | None = None  # over the whole corpus (the go-to commands' order)
        self.index_note = "opening index…"
        self._index_ready = threading.Event()
        self._cancel = threading.Event()  # set on exit: indexing stops between files
        self._debounce = None
        self.debounce = debounce_seconds()
        self._last_result = None
        self.saved_store = SavedSearches()
        self.return_view: tuple[SearchState, str, int] | None = None  # the KWIC Esc in the reader goes back to

    @property
    def engine(self) -> Engine:
        """The engine, made on first use: that happens in the index worker after the first
        frame, so the app draws before Whoosh and the analysis modules are imported."""
        with self._engine_lock:
            if self._engine is None:
                from search_index.engine import Engine

                self._engine = Engine(*self._engine_args, follow_links=self._follow_links)
            return self._engine

    # -- layout -------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Search on top; facets, results, reader; status and keys at the bottom."""
        yield SearchBar(id="search-bar")
        yield TimeStrip(id="time-strip")
        with Horizontal(id="main"):
            with Vertical(id="facets"):
                yield ParksPane(id="pane-parks")
                yield TracksPane(id="pane-tracks")
                yield DatesPane(id="pane-dates")
                yield FacetPane("companies", id="pane-companies")
                yield FacetPane("people", id="pane-people")
                yield FacetPane("orgs", id="pane-orgs")
                yield FacetPane("places", id="pane-places")
                yield FacetPane("publication", id="pane-publication")
                yield FacetPane("kind", id="pane-kind")
                yield FacetPane("source", id="pane-source")
                yield SavedPane(id="pane-saved")
            yield ResultList(id="results")
            yield Reader(id="reader")
        with Horizontal(id="status-bar"):
            yield Static("", id="status")
            yield ProgressBar(id="progress", show_eta=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """First frame now; the index opens in a worker."""
        self.query_one("#results", ResultList).border_title = "Results"
        self.query_one("#reader", Reader).border_title = "Reader"
        self.query_one(SearchBar).show_error("")
        self.query_one(SearchBar).set_chips([])
        self._apply_width(self.size.width)
        self._set_status()
        self.query_one("#query", Input).focus()
        self.call_after_refresh(self._start_workers)

    def _start_workers(self) -> None:
        """After the first frame (their imports and loads would hold it up): open the
        index and count saved searches (pinyin loads once the index is ready)."""
        self.open_index()
        self.saved_worker("count")

    def on_resize(self, event) -> None:
        """Reader below/instead of results on narrow terminals."""
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.screen.set_class(width < NARROW_COLUMNS, "-narrow")

    # -- workers ------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search_worker(self, generation: int, state: SearchState) -> None:
        """Run one search; stale generations are dropped by the handler."""
        if not self.wait_for_index():
            return
        include, exclude = state.filters()
        try:
            result = self.engine.search(
                state.text, include, exclude, limit=RESULT_LIMIT, snippet_count=1, sort=state.sort
            )
        except QueryError as exc:
            self.post_message(SearchFailed(generation, str(exc)))
            return
        self.post_message(SearchDone(generation, result))
        self.strip_worker_body(generation, state)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def load_article(self, ident: str, index: int, query: str, hit: int = 0) -> None:
        """Fetch an article with hits for the reader."""
        try:
            article = self.engine.show(ident, query)
        except QueryError:
            article = self.engine.show(ident, "")
        self.post_message(ArticleLoaded(article, index, hit))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place worker errors surface: a notification, never a crash."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(f"{type(error).__name__}: {error}", title="Something went wrong", severity="error")
            if event.worker.group == "index":
                self.index_note = f"index error: {error}"
                self._index_ready.set()
                self._set_status()

    # -- searching ----------------------------------------------------------------------
    def run_search(self) -> None:
        """Search for the current state now."""
        self.generation += 1
        self.search_worker(self.generation, self.state)

    def set_state(self, state: SearchState) -> None:
        """Change query or filters and search (a view to return to is forgotten)."""
        self.state = state
        self.return_view = None
        self.query_one(SearchBar).set_chips(state.chips())
        self.run_search()

    @on(Input.Changed, "#query")
    def _query_changed(self, event: Input.Changed) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        text = event.value
        if text == self.state.text:
            return
        if self.debounce <= 0:
            self.set_state(self.state.with_text(text))
            return
        self._debounce = self.set_timer(self.debounce, lambda: self.set_state(self.state.with_text(text)))

    @on(Input.Submitted, "#query")
    def _query_submitted(self, event: Input.Submitted) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        if event.value != self.state.text:
            self.set_state(self.state.with_text(event.value))
        self.query_one(ResultList).focus()

    def on_search_done(self, message: SearchDone) -> None:
        """Show results and counts, unless a newer search was started."""
        if message.generation != self.generation:
            return
        result = message.result
        self._last_result = result
        self.query_one(SearchBar).show_error(_expansion_note(result.expansions), hint=True)
        self.query_one(ResultList).show(result)
        for pane in self.query(FacetPane):
            pane.update_counts(result.facets, self.state.include, self.state.exclude)
        if not self.state.text and not self.state.chips():
            self.corpus_counts = result.facets
        self._set_status()

    def set_query_text(self, text: str) -> None:
        """Put ``text`` in the search box (recalling a saved search)."""
        box = self.query_one("#query", Input)
        if self._debounce is not None:
            self._debounce.stop()
        self.state = self.state.with_text(text)
        box.value = text

    def on_search_failed(self, message: SearchFailed) -> None:
        """A malformed query: say why under the box, keep the last results."""
        if message.generation == self.generation:
            self.query_one(SearchBar).show_error(f"⚠ {message.message}")

    def _set_status(self) -> None:
        result = self._last_result
        parts = []
        if result is not None:
            parts.append(f"{result.total} of {self.engine.article_count} articles")
            if self.show_timing:
                parts.append(f"{result.took_ms:.0f} ms")
        parts.append(self.index_note)
        self.query_one("#status", Static).update(Text(" · ".join(parts)))

    # -- facets -------------------------------------------------------------------------
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

    @on(OptionList.OptionSelected, ".facet-list")
    def _facet_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        event.option_list.action_toggle()

    def goto(self, facet: str, value: str) -> None:
        """Palette: filter to one park or track."""
        self.set_state(self.state.only(facet, value))
        self.query_one(ResultList).focus()

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
            self.load_article(ids[index], index, self.state.text)

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        """Show the article and move focus to the reader."""
        reader = self.query_one(Reader)
        reader.show(message.article, message.hit)
        self.screen.add_class("-reading")
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

    # -- actions ------------------------------------------------------------------------
    def action_focus_search(self) -> None:
        """Cursor to the end of the query (never selecting it, never typing '/')."""
        self.screen.remove_class("-reading", "-zoom")
        box = self.query_one("#query", Input)
        box.focus()
        box.cursor_position = len(box.value)

    def type_into_search(self, text: str) -> None:
        """A printable key no binding claims, pressed in the results or the reader: it starts
        a new term at the end of the query (a space before it), so typing is never lost and
        never runs a command by surprise; the keys after it go to the box directly."""
        self.action_focus_search()
        box = self.query_one("#query", Input)
        if box.value and not box.value.endswith(" ") and text != " ":
            text = " " + text
        box.insert_text_at_cursor(text)

    def action_leave(self) -> None:
        """q: quit (it types a q in the search box, so it is neither shown nor active there)."""
        self.exit()

    def action_quit_typing(self) -> None:
        """Ctrl+Q: quit from anywhere, the search box included."""
        self.exit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """'/' only on the main screen (in prompts it is a character); q only when not typing."""
        if action == "focus_search":
            return self.screen is self.screen_stack[0]
        if action == "leave":
            return not isinstance(self.focused, Input)
        if action == "quit_typing":  # elsewhere q is shown, and Textual's own Ctrl+Q still quits
            return isinstance(self.focused, Input)
        if action in TYPED:
            return not isinstance(self.focused, Input)
        return True

    def action_back(self) -> None:
        """Esc: reader → the view it was opened from (KWIC) or the results → search box;
        closes a pane filter first; in the box it clears the query and the reader."""
        focused = self.focused
        pane = focused.query_ancestor(FacetPane) if focused and _inside(focused, FacetPane) else None
        if pane is not None and pane.close_filter():
            return
        if isinstance(focused, Reader):
            if self.return_view is not None:
                self.reopen_view()
                return
            self.screen.remove_class("-reading", "-zoom")
            self.query_one(ResultList).focus()
        elif isinstance(focused, (ResultList, FacetList, SavedList)):
            self.action_focus_search()
        elif isinstance(focused, Input) and focused.id == "query" and focused.value:
            focused.value = ""
            self.query_one(Reader).clear()
            self.screen.remove_class("-reading", "-zoom")

    def edit_source(self, article: Article, hit: int) -> None:
        """E: the article's source file in $VISUAL/$EDITOR (a pager without one) at the hit's
        line; the app is suspended meanwhile and redrawn after."""
        path = Path(self.engine.corpus) / article.source
        if not path.is_file():
            self.notify(f"Source file not found: {path}", severity="error", timeout=6)
            return
        command = editor_command(path, hit_line(article, hit))
        try:
            if self.is_headless:  # tests: nothing to hand the terminal to
                subprocess.run(command, check=False)
            else:
                with self.suspend():
                    subprocess.run(command, check=False)
        except (OSError, SuspendNotSupported) as exc:
            self.notify(f"Cannot open {command[0]}: {exc}", severity="error", timeout=6)
        self.refresh()

    def copy_passage(self, article: Article, hit: int) -> None:
        """y: the passage at the hit with title, outlet, date and URL, to the clipboard by OSC 52."""
        text = clip(article, hit)
        self.copy_to_clipboard(text)
        if os.environ.get("TERM", "") in NO_OSC52:
            self.notify(f"This terminal ({os.environ['TERM']}) cannot take OSC 52: nothing copied", severity="warning")
        else:
            self.notify(f"Copied {len(text)} characters with the citation (OSC 52; in tmux: set-clipboard on)")

    def action_help(self) -> None:
        """Help for the focused pane."""
        from tui.help import HelpScreen

        self.push_screen(HelpScreen(self._focused_pane()))

    def _focused_pane(self) -> str:
        if isinstance(self.screen, (KwicScreen, MatrixScreen, TimelineScreen)):
            return {KwicScreen: "kwic", MatrixScreen: "matrix", TimelineScreen: "timeline"}[type(self.screen)]
        focused = self.focused
        if isinstance(focused, SavedList):
            return "saved"
        if isinstance(focused, TimeStrip):
            return "strip"
        if isinstance(focused, Reader):
            return "reader"
        if isinstance(focused, ResultList):
            return "results"
        if focused is not None and _inside(focused, FacetPane):
            return "facets"
        return "search"

    def action_clear_filters(self) -> None:
        """Palette: drop every filter."""
        self.set_state(self.state.clear_all())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The app's own palette commands, then Textual's (theme, keys, quit…)."""
        yield SystemCommand("Clear all filters 清除筛选", "Remove every facet filter", self.action_clear_filters)
        yield SystemCommand("Rebuild index 重建索引", "Re-read the corpus and rebuild the index", self.action_rebuild)
        yield SystemCommand("Help 帮助", "Keys for the focused pane", self.action_help)
        if screen is self.screen_stack[0]:
            yield from self.research_commands()
        yield from super().get_system_commands(screen)


def debounce_seconds() -> float:
    """Seconds typing must pause before a search: ``GXQ_DEBOUNCE_MS`` or the default."""
    raw = os.environ.get("GXQ_DEBOUNCE_MS", "").strip()
    try:
        return max(0.0, float(raw) / 1000) if raw else DEBOUNCE_SECONDS
    except ValueError:
        return DEBOUNCE_SECONDS


def _expansion_note(expansions: dict[str, list[str]]) -> str:
    if not expansions:
        return ""
    return "拼音 " + " · ".join(f"{term} → {'、'.join(words)}" for term, words in expansions.items())


def _inside(widget, kind) -> bool:
    node = widget
    while node is not None:
        if isinstance(node, kind):
            return True
        node = node.parent
    return False


def run_app(corpus: str | None = None, index_dir: str | None = None, follow_links: bool = False) -> int:
    """Run the app; returns the exit status."""
    GxqApp(corpus, index_dir, follow_links=follow_links).run()
    return 0
