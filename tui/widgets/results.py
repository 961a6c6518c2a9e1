"""The result list: title, source and lines, kind, score, a highlighted snippet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from search_index.analysis.safe_text import one_line
from tui.style import HIT, KINDS, fit, highlighted
from tui.widgets.keys import LIST_BINDINGS, forward_typing

if TYPE_CHECKING:
    from search_index import Hit, SearchResult

PAGE = 20  # results drawn at a time (two screens): drawing more would hold up typing
MARGIN = 5  # load the next page this many results before the end


def short_source(path: str, cells: int = 16) -> str:
    """The file name, shortened in the middle to about ``cells`` characters."""
    name = path.rsplit("/", 1)[-1]
    return name if len(name) <= cells else name[: cells - 6] + "…" + name[-5:]


def hit_prompt(hit: Hit, number: int, query: str, width: int = 60) -> Text:
    """Title, a meta line and a two-line highlighted snippet, fitted to ``width`` cells."""
    m = hit.meta
    text = Text(f"{number:>2} ", style="dim")
    text.append(fit(one_line(m.title), width - 3), style="bold italic" if m.title_derived else "bold")
    counts = f"{hit.hit_count}× · {hit.score:.1f} · " if query else ""  # first: a narrow column cuts the source
    dated = f"{m.date} · " if m.date and not m.date.startswith("--") else ""
    meta = f"{counts}{m.kind} · {dated}{short_source(one_line(m.source))}:{m.lines[0]}–{m.lines[1]}"
    text.append("\n   ")
    start = len(text) + len(counts)
    text.append(fit(meta, width - 3), style="dim")
    text.stylize(KINDS.get(m.kind, ""), start, min(len(text), start + len(m.kind)))
    if hit.snippets:
        snip = hit.snippets[0]
        lead = "…" if snip.before else ""
        shown = fit(lead + one_line(snip.text), 2 * (width - 3))
        marks = [
            (s + len(lead), min(e + len(lead), len(shown))) for s, e in snip.highlights if s + len(lead) < len(shown)
        ]
        text.append("\n   ")
        text.append_text(highlighted(shown, marks, style=HIT))
    return text


class ResultList(OptionList):
    """Results of the current search (``result``, bound by the screen); Enter opens one in
    the reader."""

    BINDINGS = [
        *LIST_BINDINGS,
        Binding("enter", "select", "Open", id="results.open", tooltip="Open the article in the reader"),
        Binding(
            "K", "screen.kwic", "KWIC", id="results.kwic", tooltip="Every hit of the query in context (concordance)"
        ),
        Binding("M", "screen.matrix", "Matrix", id="results.matrix", tooltip="Park × track article counts"),
        Binding(
            "T", "screen.timeline", "Timeline", id="results.timeline", tooltip="Articles over time for the top tracks"
        ),
        Binding("O", "screen.cycle_sort", "Order", id="results.sort", tooltip="Order by score, newest or oldest first"),
    ]

    result: reactive[SearchResult | None] = reactive(None, init=False, always_update=True)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown = 0

    async def _on_key(self, event: events.Key) -> None:
        forward_typing(self, event)  # Textual runs the base classes' key handlers unless it was forwarded

    def watch_result(self, result: SearchResult | None) -> None:
        """Replace the list with a new result set, keeping the cursor on the same article.
        A page is drawn now; more follow as the cursor or the scroll nears the end."""
        if result is None:
            return
        keep = self.highlighted_option.id if self.highlighted_option else None
        ids = [h.id for h in result.hits]
        self._shown = 0
        self.set_options([])
        self._add_hits(ids.index(keep) + PAGE if keep in ids else PAGE)
        if ids:
            self.highlighted = ids.index(keep) if keep in ids else 0

    def more(self) -> None:
        """Draw the next page of results, if any are left."""
        if self.result is not None and self._shown < len(self.result.hits):
            self._add_hits(self._shown + PAGE)

    def watch_highlighted(self, highlighted: int | None) -> None:
        """Load the next page when the cursor comes near the end."""
        super().watch_highlighted(highlighted)
        if highlighted is not None and highlighted >= self._shown - MARGIN:
            self.call_later(self.more)

    def watch_scroll_y(self, old: float, new: float) -> None:
        """Load the next page when scrolling reaches the end."""
        super().watch_scroll_y(old, new)
        if self.max_scroll_y > 0 and new >= self.max_scroll_y - self.size.height:
            self.call_later(self.more)

    def _add_hits(self, upto: int) -> None:
        """Append prompts for hits up to ``upto`` (a blank line between two)."""
        result = self.result
        if result is None:
            return
        width = max(20, (self.size.width or 60) - 4)
        new: list[Option | None] = []
        for n, hit in enumerate(result.hits[self._shown : upto], self._shown + 1):
            if n > 1:
                new.append(None)
            new.append(Option(hit_prompt(hit, n, result.query, width), id=hit.id))
        self._shown = max(self._shown, min(upto, len(result.hits)))
        self.add_options(new)

    def on_resize(self) -> None:
        """Fit the prompts to the new width."""
        self.watch_result(self.result)

    def article_ids(self) -> list[str]:
        """Ids of the listed results, in order."""
        return [h.id for h in self.result.hits[: self._shown]] if self.result else []
