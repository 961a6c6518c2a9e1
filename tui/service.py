"""The engine service: owns the Engine and runs every blocking call in a thread worker on the
screen it serves, posting the answer back as a typed message (``tui.messages``). Workers of
one kind are exclusive: a new search cancels the one before, and a cancelled worker posts
nothing (as Textual's dictionary example drops stale lookups); handlers still compare search
generations, because a finished worker's message may be on its way when a newer one starts.
Searching needs no jieba: it loads only when files are indexed or a concordance is sorted by
context words."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import Worker, WorkerState, get_current_worker

from search_index.analysis.safe_text import one_line
from search_index.errors import Cancelled, CorpusError, GxqError, IndexError_, QueryError
from tui.dates import strip_line
from tui.messages import (
    ArticleLoaded,
    ExportDone,
    IndexFailed,
    IndexOpened,
    IndexPhase,
    IndexProgress,
    IndexReady,
    IndexWarning,
    SavedCounts,
    SearchDone,
    SearchFailed,
    TimelineDone,
)
from tui.state import SearchState

if TYPE_CHECKING:
    from textual.widget import Widget

    from search_index.engine import Engine
    from search_index.research.saved import SavedSearch, SavedSearches

RESULT_LIMIT = 200
EXPORT_LIMIT = 10_000


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker against the real stderr. It passes stderr's
    file number to its process, and inside Textual stderr is a capture whose number is -1, so
    the first indexing pool failed with 'bad value(s) in fds_to_keep'. Idempotent."""
    from multiprocessing import resource_tracker

    captured = sys.stderr
    sys.stderr = sys.__stderr__ or captured
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = captured


def report_failure(node: Widget, event: Worker.StateChanged) -> bool:
    """The one way worker errors surface: a notification, never a crash; True if it failed."""
    if event.state != WorkerState.ERROR:
        return False
    error = event.worker.error
    node.notify(f"{type(error).__name__}: {error}", title="Something went wrong", severity="error")
    return True


class EngineService:
    """The one door to the engine for the app. ``attach`` names the screen whose workers run
    the calls and which receives the messages; the views call ``engine`` from their own
    workers."""

    def __init__(
        self, corpus: str | Path | None = None, index_dir: str | Path | None = None, follow_links: bool = False
    ) -> None:
        self.corpus_arg, self.index_dir = corpus, index_dir
        self.follow_links = follow_links
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()
        self.ready = threading.Event()  # the index is open (or will not come): searches may run
        self.shown = threading.Event()  # the first results are on screen: the corpus check may start
        self.cancel = threading.Event()  # set on quit: indexing stops between files, waits end
        self._saved_store: SavedSearches | None = None
        self._host: Widget | None = None
        self._index_news: Widget | None = None

    @property
    def saved_store(self) -> SavedSearches:
        """The saved searches' file (its module loads in the first worker that needs it)."""
        if self._saved_store is None:
            from search_index.research.saved import SavedSearches

            self._saved_store = SavedSearches()
        return self._saved_store

    def attach(self, host: Widget, index_news: Widget | None = None) -> None:
        """Run workers on ``host`` and post their messages to it, the index's to
        ``index_news`` (a widget on it, from which they bubble up) if given."""
        self._host, self._index_news = host, index_news

    @property
    def engine(self) -> Engine:
        """The engine, made on first use: that happens in the index worker after the first
        frame, so the app draws before Whoosh and the analysis modules are imported."""
        with self._engine_lock:
            if self._engine is None:
                from search_index.engine import Engine

                self._engine = Engine(self.corpus_arg, self.index_dir, follow_links=self.follow_links)
            return self._engine

    # -- plumbing -----------------------------------------------------------------------
    def _run(self, work: Callable[[], None], group: str, exclusive: bool = True) -> Worker[None]:
        if self._host is None:
            raise RuntimeError("EngineService.attach() was not called")
        return self._host.run_worker(
            work, name=group, group=group, thread=True, exclusive=exclusive, exit_on_error=False
        )

    def _post(self, message: Message, to: Widget | None = None) -> None:
        """Post unless this worker was cancelled (a newer one of its kind replaced it)."""
        target = to or self._host
        if target is not None and not get_current_worker().is_cancelled:
            target.post_message(message)

    def _news(self, message: Message) -> None:
        self._post(message, self._index_news)

    def wait_for_index(self) -> bool:
        """In a worker: block until the index is open; False if the app is quitting or
        there is no index to search."""
        while not self.ready.wait(0.2):
            if self.cancel.is_set():
                return False
        return self.engine.is_open and not self.cancel.is_set()

    # -- index ----------------------------------------------------------------------------
    def open_index(self, rebuild: bool = False) -> Worker[None]:
        """Open what exists (browse at once), then bring the index up to date."""
        return self._run(lambda: self._open_index(rebuild), "index")

    def _open_index(self, rebuild: bool) -> None:
        engine = self.engine
        if not rebuild and engine.store.usable():
            try:
                engine.open()
            except IndexError_:
                pass  # unreadable after all: the sync below rebuilds it
            else:
                self.ready.set()
                self._news(IndexOpened(engine.article_count))
                self._wait_until_shown()
        start_resource_tracker()
        try:
            report = engine.sync(
                rebuild=rebuild,
                progress=lambda d, t, n: self._news(IndexProgress(d, t, one_line(n))),
                phase=lambda name, count: self._news(IndexPhase(name, count)),
                warn=lambda text: self._news(IndexWarning(one_line(text))),
                cancel=self.cancel,
            )
        except Cancelled:
            self.ready.set()  # nobody may wait for an index that will not come
            return
        except (CorpusError, IndexError_, OSError) as exc:
            self.ready.set()
            self._news(IndexFailed(str(exc)))
            return
        self.ready.set()
        self._news(IndexReady(report, engine.article_count))

    def _wait_until_shown(self, longest: float = 5.0) -> None:
        """Let the first search and its drawing have the CPU before the corpus is checked for
        changes (stat-ing every file in Python competes with them for the GIL); at most
        ``longest`` seconds, and not past quitting."""
        waited = 0.0
        while not self.shown.wait(0.1) and waited < longest and not self.cancel.is_set():
            waited += 0.1

    def index_failed(self) -> None:
        """A crashed index worker: searches stop waiting for it."""
        self.ready.set()

    def warm(self) -> Worker[None]:
        """Once searching works: the engine's facet bitsets (large result sets count faster)
        and the pinyin tables (only Latin-letter queries need them)."""

        def warm() -> None:
            from search_index.analysis.pinyin import warm_up as load_pinyin

            self.engine.warm()
            load_pinyin()

        return self._run(warm, "warm", exclusive=False)

    # -- searching and reading ------------------------------------------------------------
    def search(self, generation: int, state: SearchState, strip_width: int) -> Worker[None]:
        """Search, then count the histogram strip's buckets (``strip_width`` of them at most)."""

        def search() -> None:
            if not self.wait_for_index():
                return
            include, exclude = state.filters()
            try:
                result = self.engine.search(
                    state.text, include, exclude, limit=RESULT_LIMIT, snippet_count=1, sort=state.sort
                )
            except QueryError as exc:
                self._post(SearchFailed(generation, str(exc)))
                return
            self._post(SearchDone(generation, result))
            self._post(TimelineDone(generation, strip_line(self.engine, state, strip_width)))

        return self._run(search, "search")

    def article(self, ident: str, index: int, query: str, hit: int = 0) -> Worker[None]:
        """Fetch an article with its hits for the reader (without hits if the query is bad)."""

        def article() -> None:
            try:
                shown = self.engine.show(ident, query)
            except QueryError:
                shown = self.engine.show(ident, "")
            self._post(ArticleLoaded(shown, index, hit))

        return self._run(article, "article")

    # -- exports and saved searches -------------------------------------------------------
    def export(self, view: str, fmt: str, state: SearchState, payload: object | None = None) -> Worker[None]:
        """Write ``view`` (a Concordance, Matrix or Timeline; for results None: every result
        of ``state``) as ``fmt`` and say where (ExportDone)."""

        def export() -> None:
            from search_index.research.export import export_text, write_export

            engine = self.engine
            include, exclude = state.filters()
            data = payload or engine.search(state.text, include, exclude, limit=EXPORT_LIMIT, sort=state.sort)
            text = export_text(view, data, fmt, engine.corpus, articles_in_index=engine.article_count)
            try:
                path = write_export(text, view, fmt, corpus=engine.corpus)
            except OSError as exc:
                self._post(ExportDone(error=str(exc)))
                return
            self._post(ExportDone(str(path)))

        return self._run(export, "export", exclusive=False)

    def saved(self, action: str = "count", name: str = "", state: SearchState | None = None) -> Worker[None]:
        """Save or delete, then count every saved search against the index (SavedCounts)."""
        return self._run(lambda: self._saved(action, name, state), "saved")

    def _saved(self, action: str, name: str, state: SearchState | None) -> None:
        from search_index.research.saved import current_counts

        store = self.saved_store
        corpus = str(Path(self.engine.corpus).resolve())
        try:
            if action == "save" and state is not None:
                include, exclude = state.filters()
                store.save(name, state.text, include, exclude, corpus=corpus)
            elif action == "delete":
                store.delete(name)
        except (OSError, GxqError) as exc:  # an unwritable or corrupt file, no such search, no name
            self._post(SavedCounts([], f"cannot {action} '{name}': {exc}"))
            return
        if not self.wait_for_index():
            return
        searches = store.all()
        mine = [s for s in searches if s.corpus in ("", corpus)]  # unrecorded ones count as this corpus's
        others: list[tuple[SavedSearch, int | str | None]] = [(s, None) for s in searches if s not in mine]
        rows: list[tuple[SavedSearch, int | str | None]] = [*current_counts(self.engine, mine), *others]
        self._post(SavedCounts(rows, store.problem, name if action == "save" else ""))
