"""The concordance view: every hit of the current query in context, aligned on the keyword."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from search_index.research.concordance import KwicLine
from tui.state import SearchState
from tui.style import HIT, align, cells, clip_right
from tui.views.base import ViewScreen
from tui.widgets.keys import LIST_BINDINGS

if TYPE_CHECKING:
    from search_index import Concordance
    from tui.service import EngineService

SORT_NAMES = {"source": "source", "left": "word before", "right": "word after", "date": "date"}


def kwic_prompt(line: KwicLine, width: int, context: int, keyword_cells: int = 0) -> Text:
    """One aligned line: left context, keyword, right context, then the source, dimmed, in a
    column of its own (the right context is padded to ``context`` cells and the keyword to
    ``keyword_cells``, so a wide character at the edge cannot shift it by one)."""
    left, keyword, right = align(line, context)
    text = Text(left + " ")
    text.append(keyword, style=HIT)
    pad_kw = max(0, keyword_cells - cells(keyword))
    text.append(" " * pad_kw + " " + right + " " * max(0, context - cells(right)))
    used = cells(left) + 1 + cells(keyword) + pad_kw + 1 + max(context, cells(right))
    room = width - used - 2
    if room > 6:
        text.append("  " + clip_right(line.source, room), style="dim")
    return text


class KwicList(OptionList):
    """The concordance lines; Enter opens the article at that hit."""

    BINDINGS = [*LIST_BINDINGS, Binding("enter", "select", "Open", id="kwic.open", tooltip="Open at this hit")]


class KwicScreen(ViewScreen):
    """Keyword in context for the current query and filters; dismisses with the chosen line."""

    BINDINGS = [
        Binding("l", "sort('left')", "Sort←", id="kwic.sort_left", tooltip="Sort by the word before the keyword"),
        Binding("r", "sort('right')", "Sort→", id="kwic.sort_right", tooltip="Sort by the word after the keyword"),
        Binding("s", "sort('source')", "Source", id="kwic.sort_source", tooltip="Sort in corpus order"),
        Binding("d", "sort('date')", "Date", id="kwic.sort_date", tooltip="Oldest article first, undated last"),
        Binding("e", "export", "Export", id="kwic.export", tooltip="Write these lines to Markdown, CSV or JSON"),
    ]

    def __init__(self, service: EngineService, state: SearchState, sort: str = "source", cursor: int = 0) -> None:
        super().__init__(service, state)
        self.sort = sort
        self.cursor = cursor  # the line highlighted first (coming back from the reader)
        self.concordance: Concordance | None = None

    def compose(self) -> ComposeResult:
        """Heading, lines, keys."""
        yield Static("", id="kwic-head")
        yield KwicList(id="kwic-lines")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Build the concordance in a worker."""
        self.query_one("#kwic-head", Static).update(Text(f"KWIC · {self.state.text} · working…", style="bold"))
        self.query_one(KwicList).focus()
        self.load()

    def compute(self, include: dict, exclude: dict) -> Concordance:
        """The concordance, sorted as asked, with as much context as fits."""
        return self.service.engine.kwic(self.state.text, include, exclude, width=self.context_cells(), sort=self.sort)

    def context_cells(self) -> int:
        """Cells of context each side that fit the screen (the keyword takes about 10)."""
        width = self.size.width or self.app.size.width
        return max(8, min(40, (width - 30) // 2))

    def on_view_screen_loaded(self, message: ViewScreen.Loaded) -> None:
        """Fill the list."""
        head = self.query_one("#kwic-head", Static)
        if message.data is None:
            head.update(Text(f"KWIC · {message.error}", style="bold red"))
            return
        self.concordance = conc = cast("Concordance", message.data)
        summary = f"KWIC · {conc.query} · {len(conc.lines)} lines in {conc.articles} articles"
        summary += f" · sorted by {SORT_NAMES[conc.sort]}"
        if conc.left_out:
            summary += f" · {conc.left_out:,} more hits not shown"
        for term, words in conc.expansions.items():
            summary += f" · {term} → {'、'.join(words)}"
        head.update(Text(summary, style="bold"))
        lines = self.query_one(KwicList)
        width = max(20, (lines.size.width or self.size.width) - 2)
        keyword_cells = max((cells(ln.keyword) for ln in conc.lines), default=0)
        lines.set_options([Option(kwic_prompt(ln, width, conc.width, keyword_cells)) for ln in conc.lines])
        if conc.lines:
            lines.highlighted = min(self.cursor, len(conc.lines) - 1)

    def action_sort(self, how: str) -> None:
        """Re-sort the lines."""
        self.sort = how
        self.cursor = 0
        self.load()

    def action_export(self) -> None:
        """Export these lines."""
        if self.concordance is not None:
            self.export("kwic", self.concordance)

    @on(OptionList.OptionSelected, "#kwic-lines")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.concordance is not None:
            self.cursor = event.option_index
            self.dismiss(self.concordance.lines[event.option_index])
