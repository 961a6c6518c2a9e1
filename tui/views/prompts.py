"""Small modal prompts: choose an export format, name a saved search, confirm."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.service import EngineService
    from tui.state import SearchState

FORMAT_CHOICES = (("md", "Markdown  .md"), ("csv", "CSV  .csv"), ("json", "JSON  .json"))
WHAT = {"results": "the results", "kwic": "the concordance", "matrix": "the matrix", "timeline": "the timeline"}


def ask_export(screen: Screen, service: EngineService, view: str, state: SearchState, payload: object = None) -> None:
    """Ask for a format, then have the service write ``view`` (``payload``: what the view
    shows; for results None, every result of ``state``)."""

    def chosen(fmt: str | None) -> None:
        if fmt:
            service.export(view, fmt, state, payload)

    screen.app.push_screen(FormatScreen(WHAT[view]), chosen)


class FormatScreen(ModalScreen[str | None]):
    """Pick md, csv or json; Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="format.cancel", tooltip="Do not export")]

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        """Title and the three formats."""
        with Vertical(classes="prompt"):
            yield Static(f"Export {self.what} as…", classes="prompt-title")
            yield OptionList(*[Option(label, id=key) for key, label in FORMAT_CHOICES], id="format-list")

    def on_mount(self) -> None:
        """Focus the list."""
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)


class NameScreen(ModalScreen[str | None]):
    """Ask for a name (for a saved search); Enter accepts, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="name.cancel", tooltip="Do not save")]

    def __init__(self, title: str, suggestion: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        """Title and the name box."""
        with Vertical(classes="prompt"):
            yield Static(self.title_text, classes="prompt-title")
            yield Input(value=self.suggestion, placeholder="name", id="name-input", select_on_focus=False)
            yield Static("", id="name-error")

    def on_mount(self) -> None:
        """Focus the box with the suggestion selected."""
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        if not name:
            self.query_one("#name-error", Static).update("A name is needed (or Esc to cancel).")
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; y or Enter says yes, n or Esc says no."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes", tooltip="Yes, do it"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", tooltip="No, leave it"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        """The question and the keys."""
        with Vertical(classes="prompt"):
            yield Static(self.question, classes="prompt-title")
            yield Static("y / Enter: yes    n / Esc: no")

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)
