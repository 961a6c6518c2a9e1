"""Vim-style movement shared by the list panes."""

from __future__ import annotations

from textual.binding import Binding

LIST_BINDINGS = [
    Binding("j", "cursor_down", "Down", show=False, id="list.down", tooltip="Move down one item"),
    Binding("k", "cursor_up", "Up", show=False, id="list.up", tooltip="Move up one item"),
    Binding("g", "first", "First", show=False, id="list.first", tooltip="Go to the first item"),
    Binding("G", "last", "Last", show=False, id="list.last", tooltip="Go to the last item"),
]
