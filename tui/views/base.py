"""What the research views share: Back and Help keys, and a worker that computes the view's
data off the UI thread and posts it back (or the query's one-line reason it cannot)."""

from __future__ import annotations

from textual import work
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from search_index.errors import QueryError
from tui.state import SearchState


class ViewScreen(Screen):
    """A full-screen view of the current search; subclasses give ``compute`` and handle
    ``ViewScreen.Loaded``."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="view.back", tooltip="Back to the results"),
        Binding("f1", "app.help", "Help", id="view.help", tooltip="Keys of this view"),
    ]

    class Loaded(Message):
        """The view's data from the worker, or why there is none."""

        def __init__(self, data: object | None, error: str = "") -> None:
            self.data, self.error = data, error
            super().__init__()

    def __init__(self, state: SearchState) -> None:
        super().__init__()
        self.state = state

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

    def action_close(self) -> None:
        """Back to the main screen."""
        self.dismiss(None)
