"""The app's index lifecycle: open what exists at once, bring it up to date in a worker with
progress, and stop indexing cleanly on quit (a mixin of GxqApp). Searching needs no jieba:
it loads only when files are indexed or a concordance is sorted by context words."""

from __future__ import annotations

import sys
import time

from textual import work
from textual.widgets import ProgressBar

from search_index.analysis.pinyin import warm_up as load_pinyin
from search_index.analysis.safe_text import one_line
from search_index.errors import Cancelled, CorpusError, IndexError_
from search_index.ingest.reading import skip_reasons
from tui.messages import IndexFailed, IndexOpened, IndexProgress, IndexReady, IndexWarning

SKIPS_SHOWN = 3  # skipped files notified one by one; the status line counts them all by reason


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


def index_phase(done: int, total: int, name: str, seconds: float) -> str:
    """'reading and segmenting 1200/3000 · 0:12 left' while files go in; 'writing the index and
    its rows' once every file is read (Whoosh commits, then the in-memory rows are built)."""
    if done >= total and not name:
        return "writing the index and its rows…"
    eta = ""
    if done > 0 and seconds > 1:
        left = int(seconds / done * (total - done))
        eta = f" · {left // 60}:{left % 60:02d} left"
    return f"reading and segmenting {done}/{total}{eta} · {name}"


class IndexLifecycle:
    """Mixed into GxqApp: needs ``engine``, ``index_note``, ``_index_ready``, ``_cancel``,
    ``run_search``, ``_set_status`` and ``saved_worker``."""

    _index_clock: float | None = None  # when the current phase started
    _phase_timer = None  # ticks the seconds while the index is written

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def open_index(self, rebuild: bool = False) -> None:
        """Open what exists (browse at once), then bring the index up to date."""
        engine = self.engine
        start_resource_tracker()
        if not rebuild and engine.store.usable():
            try:
                engine.open()
            except IndexError_:
                pass  # unreadable after all: the sync below rebuilds it
            else:
                self._index_ready.set()
                self.post_message(IndexOpened(engine.article_count))
        try:
            report = engine.sync(
                rebuild=rebuild,
                progress=lambda d, t, n: self.post_message(IndexProgress(d, t, one_line(n))),
                warn=lambda text: self.post_message(IndexWarning(one_line(text))),
                cancel=self._cancel,
            )
        except Cancelled:
            self._index_ready.set()  # nobody may wait for an index that will not come
            return
        except (CorpusError, IndexError_, OSError) as exc:
            self.post_message(IndexFailed(str(exc)))
            self._index_ready.set()
            return
        self._index_ready.set()
        self.post_message(IndexReady(report, engine.article_count))

    @work(thread=True, group="warm", exit_on_error=False)
    def warm_caches(self) -> None:
        """Once searching works: the engine's facet bitsets (large result sets count faster)
        and the pinyin tables (only Latin-letter queries need them)."""
        self.engine.warm()
        load_pinyin()

    def wait_for_index(self) -> bool:
        """In a worker: block until the index is open; False if the app is quitting or
        there is no index to search."""
        while not self._index_ready.wait(0.2):
            if self._cancel.is_set():
                return False
        return self.engine.is_open and not self._cancel.is_set()

    def exit(self, *args, **kwargs) -> None:
        """Quit; a running index build stops at the next file and keeps the last good index."""
        self._cancel.set()
        super().exit(*args, **kwargs)

    def on_index_warning(self, message: IndexWarning) -> None:
        """A skipped file, a temporary index, a wait for another process: say so once."""
        if not message.text.startswith("warning: skipped"):
            text = message.text.removeprefix("warning: ")
            self.notify(text, title="Index", severity="warning", timeout=8, markup=False)

    def on_index_opened(self, message: IndexOpened) -> None:
        """Browse what is there while the index is checked."""
        self.index_note = "checking for changes…"
        self.run_search()

    def on_index_progress(self, message: IndexProgress) -> None:
        """Progress bar and phase for a build or update: files read and segmented with a count
        and an ETA, then writing the index and its rows with the seconds spent (no silence)."""
        bar = self.query_one("#progress", ProgressBar)
        bar.add_class("-active")
        bar.update(total=max(message.total, 1), progress=message.done)
        now = time.monotonic()
        if message.done == 0 or self._index_clock is None:
            self._index_clock = now
        self.index_note = index_phase(message.done, message.total, message.name, now - self._index_clock)
        if message.done >= message.total and not message.name:
            self._index_clock = now
            self._phase_timer = self.set_interval(1, self._tick_writing)
        self._set_status()

    def _tick_writing(self) -> None:
        self.index_note = f"writing the index and its rows · {time.monotonic() - self._index_clock:.0f} s"
        self._set_status()

    def _index_done(self) -> None:
        if self._phase_timer is not None:
            self._phase_timer.stop()
            self._phase_timer = None
        self._index_clock = None

    def on_index_ready(self, message: IndexReady) -> None:
        """Index complete: search again with it."""
        self._index_done()
        self.query_one("#progress", ProgressBar).remove_class("-active")
        report = message.report
        skipped = f"; {len(report.skipped)} skipped: {skip_reasons(report.skipped)}" if report.skipped else ""
        if report.rebuilt:
            self.index_note = f"index built ({report.reason}): {report.contents()}{skipped}"
        elif report.read or report.removed:
            done = f"{report.read} read, {report.removed} removed"
            self.index_note = f"index updated: {done} · {report.contents()}{skipped}"
        else:
            self.index_note = f"index up to date{skipped}"  # the status line counts the articles already
        for s in report.skipped[:SKIPS_SHOWN]:  # the rest are counted in the status line
            self.notify(one_line(s.message()), severity="warning", timeout=6, markup=False)
        changed = report.rebuilt or report.read or report.removed
        if changed or self._last_result is None:
            self.run_search()
        else:
            self._set_status()
        if changed:
            self.saved_worker("count")
        self.warm_caches()

    def on_index_failed(self, message: IndexFailed) -> None:
        """Say what is wrong; keep running."""
        self._index_done()
        self.query_one("#progress", ProgressBar).remove_class("-active")
        self.index_note = f"index error: {message.message}"
        self.notify(message.message, title="Index", severity="error", timeout=10)
        self._set_status()

    def action_rebuild(self) -> None:
        """Palette: rebuild the index from scratch."""
        self.index_note = "rebuilding…"
        self._set_status()
        self.open_index(rebuild=True)
