"""Where a command prints: standard output or error, through a rich console made on first
use, and the indexing progress bar on standard error. JSON and exports write to the file
itself, so a ``--json`` command never imports rich (about 60 ms of a cold start). Before the
first byte an output asks its gate: a change check still running (``check="deferred"``) is
waited for there, and a corpus found changed raises :class:`IndexStale`, so nothing answered
from a stale index is ever printed."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from search_index.analysis.safe_text import visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID


class IndexStale(Exception):
    """The deferred change check found the corpus changed: the command must run again."""


class Output:
    """Standard output (or error, ``stderr=True``) for a command's answer and messages."""

    def __init__(self, stderr: bool = False) -> None:
        self.stderr = stderr
        self.gate: Callable[[], bool] | None = None  # the verdict of a deferred check: True when current
        self._console: Console | None = None

    def check(self) -> None:
        """Wait for the gate (once); IndexStale when it found the corpus changed."""
        gate, self.gate = self.gate, None
        if gate is not None and not gate():
            raise IndexStale("the corpus changed since the index was recorded")

    @property
    def file(self) -> TextIO:
        """The stream itself (looked up now, so that a redirected ``sys.stdout`` is used)."""
        self.check()
        return sys.stderr if self.stderr else sys.stdout

    @property
    def console(self) -> Console:
        """The rich console over the stream (made, and rich imported, on first use)."""
        self.check()
        if self._console is None:
            from tui.cli.console import SafeConsole

            if self.stderr:
                self._console = SafeConsole(stderr=True, highlight=False, soft_wrap=True)
            else:
                self._console = SafeConsole(highlight=False)
                self._console.soft_wrap = not self._console.is_terminal
        return self._console

    def json(self, data: Any) -> None:
        """Write ``data`` as JSON: indented for a person at a terminal, one compact line when
        piped (as ``gh`` does; the standard library's C encoder then writes it, several times
        faster on a search's facet lists). Control characters from a corpus stay escaped."""
        import json

        from search_index.analysis.safe_text import safe_json

        stream = self.file
        pretty = stream.isatty()
        text = json.dumps(
            data, ensure_ascii=False, indent=2 if pretty else None, separators=None if pretty else (",", ":")
        )
        stream.write(safe_json(text) + "\n")

    def print(self, *objects: Any, **kwargs: Any) -> None:
        """``Console.print`` (control characters from a corpus shown as visible characters)."""
        self.console.print(*objects, **kwargs)

    @property
    def width(self) -> int:
        """The console's width in cells."""
        return self.console.width

    @property
    def is_terminal(self) -> bool:
        """True when the stream is a terminal (as rich decides it)."""
        return self.console.is_terminal


class ProgressBar:
    """The indexing progress bar on a terminal, started at the first file read (a search from
    a current index draws none, and imports no rich)."""

    def __init__(self, err: Output, enabled: bool) -> None:
        self.err, self.enabled = err, enabled
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            if not self.err.is_terminal:
                self.enabled = False
                return
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.bar = bar = Progress(
                TextColumn("indexing"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.description}"),
                console=self.err.console,
                transient=True,
            )
            bar.start()
            self.task = bar.add_task("", total=None)
        from rich.markup import escape

        assert self.task is not None
        self.bar.update(self.task, completed=done, total=total, description=escape(visible(name)))

    def stop(self) -> None:
        """Take the bar off the terminal (if it was drawn)."""
        if self.bar is not None:
            self.bar.stop()


def leave(status: int) -> NoReturn:
    """End the process of a finished command at once: flush what it printed, then exit
    without tearing the interpreter down (freeing every row, mapped cache and module cost a
    cold search about 40 ms at 74,000 articles). Nothing is left to finish by then: an index
    is committed before a command returns, files are closed by their ``with`` blocks, the
    change-check child has answered or ends alone, and the checksum thread is a daemon.
    A command that built in worker processes is torn down as usual: their queues' semaphores
    are released only by the interpreter's exit handlers (else multiprocessing's resource
    tracker warns of leaked semaphores)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # the reader stopped early (``| head``): exit 1, as the text output does
            status = status or 1
            _to_devnull(stream)  # so that no later flush (the interpreter's own) fails again
        except (OSError, ValueError):  # a closed stream
            pass
    if "multiprocessing.synchronize" in sys.modules:
        raise SystemExit(status)
    os._exit(status)


def _to_devnull(stream: TextIO) -> None:
    """Point a stream's descriptor at /dev/null, dropping what it still buffers."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass
