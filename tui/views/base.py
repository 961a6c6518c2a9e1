"""What the research views share: Back and Help keys, and a worker that computes the view's
data off the UI thread and posts it back (or the query's one-line reason it cannot)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker

from search_index.errors import QueryError
from tui.service import report_failure
from tui.state import SearchState
from tui.views.prompts import ask_export

if TYPE_CHECKING:
    from tui.service import EngineService


class ViewScreen(Screen):
    """A full-screen view of the current search; subclasses give ``compute`` (with the
    engine service's engine) and handle ``ViewScreen.Loaded``."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="view.back", tooltip="Back to the results"),
        Binding("f1", "app.help", "Help", id="view.help", tooltip="Keys of this view"),
    ]

    class Loaded(Message):
        """The view's data from the worker, or why there is none."""

        def __init__(self, data: object | None, error: str = "") -> None:
            self.data, self.error = data, error
            super().__init__()

    def __init__(self, service: EngineService, state: SearchState) -> None:
        super().__init__()
        self.service, self.state = service, state

    def compute(self, include: dict, exclude: dict) -> object:  # pragma: no cover - abstract
        """The view's data for the current search (runs in a worker thread)."""
        raise NotImplementedError

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        """Compute off the UI thread; a newer load replaces an older one."""
        include, exclude = self.state.filters()
        try:
            data = self.compute(include, exclude)
        except QueryError as exc:
            self.post_message(self.Loaded(None, str(exc)))
            return
        self.post_message(self.Loaded(data))

    def export(self, view: str, payload: object) -> None:
        """Ask for a format and have the service write what this view shows."""
        ask_export(self, self.service, view, self.state, payload)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed computation is notified, never a crash."""
        report_failure(self, event)

    def action_close(self) -> None:
        """Back to the main screen."""
        self.dismiss(None)
