"""The reader: header, cleaned text with hits highlighted and entities coloured, hit stepping."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from search_index.analysis.safe_text import safe_article
from tui.style import ENTITIES, HIT_CURRENT, HIT_OTHER, highlighted, strip_text
from tui.widgets.keys import forward_typing
from tui.widgets.text_lines import TextLines

if TYPE_CHECKING:
    from search_index.articles import Article

EMPTY = "Open an article from the results (Enter)."


class Reader(VerticalScroll, can_focus=True):
    """Shows one article; n/N step through hits, [ and ] step through results."""

    BINDINGS = [
        Binding("n", "next_hit", "Next hit", id="reader.next_hit", tooltip="Scroll to the next hit"),
        Binding("N", "previous_hit", "Prev hit", show=False, id="reader.prev_hit", tooltip="Previous hit"),
        Binding("]", "step(1)", "Next", id="reader.next_article", tooltip="Open the next result"),
        Binding("[", "step(-1)", "Prev", show=False, id="reader.prev_article", tooltip="Open the previous result"),
        Binding("o", "original", "Original", show=False, id="reader.original", tooltip="Original source lines"),
        Binding("z", "zoom", "Zoom", id="reader.zoom", tooltip="Reader takes the whole width (again: back)"),
        Binding("E", "edit", "Edit", id="reader.edit", tooltip="Open the source file at this hit in $VISUAL/$EDITOR"),
        Binding("y", "copy", "Copy", id="reader.copy", tooltip="Copy this passage with title, outlet, date and URL"),
        Binding("j", "scroll_down", "Down", show=False, id="reader.down", tooltip="Scroll down"),
        Binding("k", "scroll_up", "Up", show=False, id="reader.up", tooltip="Scroll up"),
        Binding("g", "scroll_home", "Top", show=False, id="reader.top", tooltip="Go to the top"),
        Binding("G", "scroll_end", "End", show=False, id="reader.end", tooltip="Go to the end"),
    ]

    current = reactive(-1)
    original = reactive(False)

    class Step(Message):
        """Open the previous (-1) or next (+1) result."""

        def __init__(self, delta: int) -> None:
            self.delta = delta
            super().__init__()

    class Edit(Message):
        """Open the article's source file at hit number ``hit``."""

        def __init__(self, article: Article, hit: int) -> None:
            self.article, self.hit = article, hit
            super().__init__()

    class Copy(Message):
        """Copy the passage at hit number ``hit`` with its citation."""

        def __init__(self, article: Article, hit: int) -> None:
            self.article, self.hit = article, hit
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None

    def compose(self) -> ComposeResult:
        """Hit strip (docked), header and body."""
        yield Static("", id="hit-strip")
        yield Static(Text(EMPTY, style="dim"), id="reader-head")
        yield TextLines(id="reader-body")

    async def _on_key(self, event: events.Key) -> None:
        forward_typing(self, event)  # Textual runs the base classes' key handlers unless it was forwarded

    def clear(self) -> None:
        """Back to the empty reader (the query it was opened for is gone)."""
        self.article = None
        self.border_title, self.border_subtitle = "Reader", ""
        self.query_one("#reader-head", Static).update(Text(EMPTY, style="dim"))
        self.query_one("#reader-body", TextLines).update(Text())
        self._draw_strip()

    def show(self, article: Article, hit: int = 0) -> None:
        """Display an article from hit number ``hit`` (the first by default)."""
        self.article = article = safe_article(article)  # nothing from the corpus reaches the terminal raw
        self.set_reactive(Reader.original, False)
        hits = article.hits
        self.set_reactive(Reader.current, min(max(hit, 0), len(hits) - 1) if hits else -1)
        self._redraw()
        if article.hits:
            self.call_after_refresh(self._scroll_to_current)
        else:
            self.scroll_home(animate=False)

    @property
    def hit_label(self) -> str:
        """'3/17' (or '0/0')."""
        hits = self.article.hits if self.article else []
        return f"{self.current + 1}/{len(hits)}" if hits else "0/0"

    def action_next_hit(self) -> None:
        """Next hit, wrapping around."""
        self._move(1)

    def action_previous_hit(self) -> None:
        """Previous hit, wrapping around."""
        self._move(-1)

    def _move(self, delta: int) -> None:
        if not self.article or not self.article.hits:
            said = "No hits in this article" if self.article else "No article open: pick one in the results (Enter)"
            self.notify(said, severity="warning", timeout=2)
            return
        self.current = (self.current + delta) % len(self.article.hits)
        if self.original:  # back from the original lines: the article's text again
            self.original = False
            self._redraw()
        else:  # the same text: only the mark moves
            self.query_one("#reader-body", TextLines).set_mark(self._current_span())
            self.border_subtitle = f"hit {self.hit_label} · n/N"
            self._draw_strip()
        self.call_after_refresh(self._scroll_to_current)

    def action_step(self, delta: int) -> None:
        """Ask the app for the neighbouring result."""
        self.post_message(self.Step(delta))

    def action_zoom(self) -> None:
        """The reader alone, the whole width; again to bring the panes back."""
        self.screen.toggle_class("-zoom")
        self.call_after_refresh(self._draw_strip)

    def action_edit(self) -> None:
        """Open the source file at the current hit in an editor (the screen does it)."""
        if self.article:
            self.post_message(self.Edit(self.article, self.current))

    def action_copy(self) -> None:
        """Copy the passage at the current hit with its citation (OSC 52; the screen does it)."""
        if self.article:
            self.post_message(self.Copy(self.article, self.current))

    def action_original(self) -> None:
        """Toggle between the cleaned text and the original source lines."""
        self.original = not self.original
        self._redraw()
        self.scroll_home(animate=False)

    def _redraw(self) -> None:
        a = self.article
        if not a:
            return
        self.query_one("#reader-head", Static).update(self._header(a))
        self.border_title = a.title
        mode = "original lines · o" if self.original else f"hit {self.hit_label} · n/N"
        self.border_subtitle = mode
        body = self.query_one("#reader-body", TextLines)
        if self.original:
            body.update(self._original_text(a))
        else:
            body.update(self._body_text(a), self._current_span(), HIT_CURRENT)
        self._draw_strip()

    def on_resize(self) -> None:
        """Redraw the hit strip for the new width."""
        self._draw_strip()

    def _draw_strip(self) -> None:
        strip = self.query_one("#hit-strip", Static)
        a = self.article
        hits = a.hits if a else []
        strip.set_class(not hits or self.original, "-empty")
        if a and hits and not self.original:
            width = max(8, (self.scrollable_content_region.width or 40) - 8)
            strip.update(strip_text(len(a.text), hits, self.current, width))

    @staticmethod
    def _header(a: Article) -> Text:
        head = Text()
        if a.kicker:
            head.append(a.kicker + "\n", style="dim")
        head.append_text(highlighted(a.title, a.title_hits, "bold italic" if a.title_derived else "bold", HIT_OTHER))
        if a.subtitle:
            head.append("\n——" + a.subtitle, style="italic")
        meta = [a.byline, a.publication, a.date, a.column, a.url]
        where = f"{a.where} · {a.kind}"
        head.append("\n" + " · ".join([m for m in meta if m] + [where]), style="dim")
        return head

    def _body_text(self, a: Article) -> Text:
        body = Text(a.text)
        for kind, s, e in a.blocks:
            if kind == "subhead":
                body.stylize("bold underline", s, e)
            elif kind == "dateline":
                body.stylize("dim", s, e)
        for m in a.mentions:
            body.stylize(ENTITIES.get(m.type, ""), m.start, m.end)
        for s, e in a.hits:
            body.stylize(HIT_OTHER, s, e)
        return body  # the current hit is the body's mark, drawn over these

    def _current_span(self) -> tuple[int, int] | None:
        hits = self.article.hits if self.article else []
        return hits[self.current] if 0 <= self.current < len(hits) else None

    @staticmethod
    def _original_text(a: Article) -> Text:
        out = Text()
        for ln in a.source_lines:
            out.append(f"{ln.line:>4} ", style="dim")
            out.append(ln.text + "\n")
        return out

    def _scroll_to_current(self) -> None:
        if not self.article or self.current < 0:
            return
        body = self.query_one("#reader-body", TextLines)
        y = body.virtual_region.y + body.line_of(self.article.hits[self.current][0])
        self.scroll_to(y=max(0, y - self.size.height // 3), animate=False)
