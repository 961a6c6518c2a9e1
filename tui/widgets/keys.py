"""Vim-style movement shared by the list panes."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget

from tui.messages import TypedAhead

LIST_BINDINGS = [
    Binding("j", "cursor_down", "Down", show=False, id="list.down", tooltip="Move down one item"),
    Binding("k", "cursor_up", "Up", show=False, id="list.up", tooltip="Move up one item"),
    Binding("g", "first", "First", show=False, id="list.first", tooltip="Go to the first item"),
    Binding("G", "last", "Last", show=False, id="list.last", tooltip="Go to the last item"),
]


def forward_typing(widget: Widget, event: events.Key) -> bool:
    """In the results and the reader, a printable key no binding claims (Chinese included)
    goes up as ``TypedAhead``, for the screen to append to the query; True if it was."""
    char = event.character or ""
    if not event.is_printable or not char or event.key in widget.screen.active_bindings:
        return False
    event.stop()
    event.prevent_default()
    widget.post_message(TypedAhead(char))
    return True


class MarksFocus(Vertical):
    """A pane (a Vertical) that carries ``-focused`` while anything inside it has focus (its title lights up)."""

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Light the title."""
        self.add_class("-focused")

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Dim the title."""
        self.remove_class("-focused")
