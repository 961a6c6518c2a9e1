"""The saved-searches pane: each saved query with how many results it has now."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.style import cells, fit
from tui.widgets.keys import LIST_BINDINGS, MarksFocus

if TYPE_CHECKING:
    from search_index.research.saved import SavedSearch


class SavedList(OptionList):
    """Enter recalls a saved search, d deletes it."""

    BINDINGS = [
        *LIST_BINDINGS,
        Binding("enter", "select", "Recall", id="saved.recall", tooltip="Run this saved search"),
        Binding("d", "delete", "Delete", id="saved.delete", tooltip="Forget this saved search"),
    ]

    class Recall(Message):
        """Run a saved search."""

        def __init__(self, name: str) -> None:
            self.name = name
            super().__init__()

    class Delete(Message):
        """Forget a saved search."""

        def __init__(self, name: str) -> None:
            self.name = name
            super().__init__()

    @on(OptionList.OptionSelected)
    def _recall(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Recall(event.option.id))

    def action_delete(self) -> None:
        """Ask the app to delete the highlighted search."""
        option = self.highlighted_option
        if option is not None and option.id:
            self.post_message(self.Delete(option.id))


class SavedPane(MarksFocus):
    """Title with a count and the list of saved searches."""

    def __init__(self, **kwargs) -> None:
        super().__init__(classes="facet-pane", **kwargs)
        self.searches: list[SavedSearch] = []

    def compose(self) -> ComposeResult:
        """Title and list."""
        yield Static(Text("Saved 收藏", style="bold"), classes="facet-title")
        yield SavedList(classes="facet-list", id="saved-list")

    def show(self, rows: list[tuple[SavedSearch, int | str | None]]) -> None:
        """Each saved search with its current result count (None: saved on another corpus)."""
        self.searches = [s for s, _n in rows]
        listing = self.query_one(SavedList)
        width = max(10, (listing.scrollable_content_region.width or self.size.width or 26) - 1)
        options = [Option(_prompt(s, n, width), id=s.name) for s, n in rows]
        if not options:
            options = [Option(Text("s saves this search", style="dim"), disabled=True)]
        keep = listing.highlighted
        listing.set_options(options)
        if rows:
            listing.highlighted = min(keep or 0, len(rows) - 1)
        title = Text.assemble(("Saved 收藏", "bold"), (f"  {len(rows)}", "dim"))
        self.query_one(".facet-title", Static).update(title)

    def get(self, name: str) -> SavedSearch | None:
        """A listed search by name."""
        return next((s for s in self.searches if s.name == name), None)


def _prompt(search: SavedSearch, count: int | str | None, width: int) -> Text:
    """'name   12'; '!' for a search that no longer runs; '◦' for one saved on another corpus."""
    number = str(count) if isinstance(count, int) else ("◦" if count is None else "!")
    name = fit(search.name, width - cells(number) - 1)
    pad = " " * max(1, width - cells(name) - cells(number))
    text = Text(name, style="dim" if count is None else "")
    text.append(pad + number, style="bold red" if isinstance(count, str) else "dim")
    return text
