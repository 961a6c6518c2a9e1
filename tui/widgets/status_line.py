"""The status line: how many articles the search found and in what time, then what the index
is doing — reading files with a count and an ETA, then segmenting, writing and loading the
rows of the articles with the seconds spent (no silent wait before the list appears)."""

from __future__ import annotations

import time

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import ProgressBar, Static

from search_index.analysis.safe_text import one_line
from tui.messages import IndexFailed, IndexOpened, IndexPhase, IndexProgress, IndexReady, IndexWarning

SKIPS_SHOWN = 3  # skipped files notified one by one; the status line counts them all by reason

PHASE_TEXT = {
    "segmenting": "segmenting {n} articles",
    "writing": "writing the index of {n} articles",
    "rows": "loading the rows of {n} articles",
}


def reading_text(done: int, total: int, name: str, seconds: float) -> str:
    """'reading 1200/3000 files · 0:12 left · name' while files go in."""
    eta = ""
    if done > 0 and seconds > 1:
        left = int(seconds / done * (total - done))
        eta = f" · {left // 60}:{left % 60:02d} left"
    return f"reading {done}/{total} files{eta}" + (f" · {name}" if name else "")


def phase_text(name: str, count: int, seconds: float) -> str:
    """'writing the index of 3,000 articles · 4 s' (a phase after reading, with its time)."""
    return PHASE_TEXT.get(name, name + " {n}").format(n=f"{count:,}") + f" · {seconds:.0f} s"


def index_note(report) -> str:
    """What a finished sync did: built (why), updated (how much), or nothing to do."""
    from search_index.ingest.reading import skip_reasons  # after indexing, not before the first frame

    skipped = f"; {len(report.skipped)} skipped: {skip_reasons(report.skipped)}" if report.skipped else ""
    if report.rebuilt:
        return f"index built ({report.reason}): {report.contents()}{skipped}"
    if report.read or report.removed:
        return f"index updated: {report.read} read, {report.removed} removed · {report.contents()}{skipped}"
    return f"index up to date{skipped}"  # the status line counts the articles already


class StatusLine(Horizontal):
    """The result count and time, the index note, and a progress bar while indexing. The
    engine service posts the index's messages here; opened and ready go on up to the screen."""

    note: reactive[str] = reactive("opening index…", init=False)  # what the index is doing
    found: reactive[tuple[int, int, float] | None] = reactive(None, init=False)  # (total, in the index, ms): bound

    def __init__(self, show_timing: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.show_timing = show_timing
        self._clock: float | None = None  # when the current phase started
        self._phase: tuple[str, int] | None = None  # (name, count) after reading
        self._timer: Timer | None = None  # ticks a phase's seconds

    def compose(self) -> ComposeResult:
        """The text and the bar (shown only while indexing)."""
        yield Static(self._text(), id="status")
        yield ProgressBar(id="progress", show_eta=False)

    def say(self, note: str) -> None:
        """Replace the index note."""
        self.note = note

    def watch_note(self) -> None:
        """Redraw with the new note."""
        self._draw()

    def watch_found(self) -> None:
        """Redraw with the new count."""
        self._draw()

    def reading(self, done: int, total: int, name: str) -> None:
        """File ``done`` of ``total`` is being read."""
        bar = self.query_one(ProgressBar)
        bar.add_class("-active")
        bar.update(total=max(total, 1), progress=done)
        now = time.monotonic()
        if done == 0 or self._clock is None:
            self._clock = now
        if done < total or name:  # the last call (total, total, "") only closes the phase
            self.say(reading_text(done, total, name, now - self._clock))

    def phase(self, name: str, count: int) -> None:
        """A phase started: reading resets the bar; the others tick their seconds."""
        self._clock = time.monotonic()
        if name == "reading":
            self._phase = None
            self.reading(0, count, "")
            return
        self.query_one(ProgressBar).add_class("-active")
        self._phase = (name, count)
        if self._timer is None:
            self._timer = self.set_interval(1, self._tick)
        self._tick()

    def _tick(self) -> None:
        if self._phase is not None and self._clock is not None:
            self.say(phase_text(*self._phase, time.monotonic() - self._clock))

    def finished(self, note: str) -> None:
        """Indexing is over (done, failed or stopped): the bar goes, ``note`` stays."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._clock, self._phase = None, None
        self.query_one(ProgressBar).remove_class("-active")
        self.say(note)

    def _draw(self) -> None:
        self.query_one("#status", Static).update(self._text())

    def _text(self) -> Text:
        parts = []
        if self.found is not None:
            total, articles, took_ms = self.found
            parts.append(f"{total} of {articles} articles")
            if self.show_timing:
                parts.append(f"{took_ms:.0f} ms")
        parts.append(self.note)
        return Text(" · ".join(parts))

    # -- the index's messages ---------------------------------------------------------------
    @on(IndexOpened)
    def _opened(self) -> None:
        self.say("checking for changes…")

    @on(IndexProgress)
    def _progress(self, message: IndexProgress) -> None:
        self.reading(message.done, message.total, message.name)

    @on(IndexPhase)
    def _phase_started(self, message: IndexPhase) -> None:
        self.phase(message.name, message.count)

    @on(IndexReady)
    def _ready(self, message: IndexReady) -> None:
        self.finished(index_note(message.report))
        for s in message.report.skipped[:SKIPS_SHOWN]:  # the rest are counted on the line
            self.notify(one_line(s.message()), severity="warning", timeout=6, markup=False)

    @on(IndexFailed)
    def _failed(self, message: IndexFailed) -> None:
        message.stop()
        self.finished(f"index error: {message.message}")
        self.notify(message.message, title="Index", severity="error", timeout=10)

    @on(IndexWarning)
    def _warned(self, message: IndexWarning) -> None:
        """A temporary index, a wait for another process: said once (skipped files are summed
        up when the index is ready)."""
        message.stop()
        if not message.text.startswith("warning: skipped"):
            text = message.text.removeprefix("warning: ")
            self.notify(text, title="Index", severity="warning", timeout=8, markup=False)
