"""The search box, the active filters as removable chips, and the query's error line."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Input, Static

from tui.messages import ChipRemoved
from tui.state import FACET_LABELS

if TYPE_CHECKING:
    from search_index import SearchResult

DEBOUNCE_SECONDS = 0.15  # GXQ_DEBOUNCE_MS overrides it (tests set 0: search on every key, no timer)
Chips = tuple[tuple[str, str, bool], ...]  # (facet, value, excluded) of every active filter
PLACEHOLDER = '搜索 Search… e.g. 具身智能  park:中关村  "国家 高新区"  -低空经济'


class Chip(Static):
    """One active filter; click it (or Backspace in an empty search box) to remove it."""

    def __init__(self, facet: str, value: str, excluded: bool) -> None:
        label = Text(f"{'−' if excluded else '+'}{FACET_LABELS.get(facet, facet)}:{value} ✕")
        super().__init__(label, classes="chip -excluded" if excluded else "chip")
        self.facet, self.value = facet, value
        self.tooltip = "Click to remove this filter"

    def on_click(self) -> None:
        """Remove this filter."""
        self.post_message(ChipRemoved(self.facet, self.value))


class SearchInput(Input):
    """Input where Backspace on an empty box removes the last chip."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "backspace" and not self.value:
            bar = self.parent.parent if self.parent else None
            if isinstance(bar, SearchBar) and bar.last_chip:
                event.stop()
                self.post_message(ChipRemoved(*bar.last_chip))


class SearchBar(Vertical):
    """Top of the screen: box, chips, error. The screen binds ``chips`` (the active filters)
    and ``result`` (whose pinyin readings show under the box)."""

    chips: reactive[Chips] = reactive((), init=False)
    result: reactive[SearchResult | None] = reactive(None, init=False)

    def compose(self) -> ComposeResult:
        """Box on one row with the chips after it, error line below."""
        with Horizontal(id="search-row"):
            yield SearchInput(placeholder=PLACEHOLDER, id="query", select_on_focus=False)
        yield Horizontal(id="chips", classes="-empty")
        yield Static("", id="query-error", classes="-empty")

    @property
    def last_chip(self) -> tuple[str, str] | None:
        """(facet, value) of the filter Backspace in an empty box removes."""
        return (self.chips[-1][0], self.chips[-1][1]) if self.chips else None

    def watch_chips(self, chips: Chips) -> None:
        """Show the active filters."""
        row = self.query_one("#chips", Horizontal)
        row.remove_children()
        row.mount_all([Chip(f, v, neg) for f, v, neg in chips])
        row.set_class(not chips, "-empty")

    def watch_result(self, result: SearchResult | None) -> None:
        """A new result: its pinyin readings replace the line under the box."""
        if result is not None:
            self.show_expansions(result.expansions)

    def show_expansions(self, expansions: dict[str, list[str]]) -> None:
        """'拼音 zgc → 中关村' under the box: the words the query's pinyin was read as."""
        note = " · ".join(f"{term} → {'、'.join(words)}" for term, words in expansions.items())
        self.show_error(f"拼音 {note}" if note else "", hint=True)

    def show_error(self, message: str, hint: bool = False) -> None:
        """A one-line message under the box ('' hides it); ``hint`` for a note, not an error."""
        error = self.query_one("#query-error", Static)
        if str(error.render()) != message:  # an update lays the screen out again
            error.update(Text(message))
        error.set_class(not message, "-empty")
        error.set_class(hint, "-hint")


def debounce_seconds() -> float:
    """Seconds typing must pause before a search: ``GXQ_DEBOUNCE_MS`` or the default."""
    raw = os.environ.get("GXQ_DEBOUNCE_MS", "").strip()
    try:
        return max(0.0, float(raw) / 1000) if raw else DEBOUNCE_SECONDS
    except ValueError:
        return DEBOUNCE_SECONDS
