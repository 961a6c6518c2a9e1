"""A long styled text drawn a line at a time: wrapped once per width, only visible lines rendered.

A ``Static`` re-renders its whole text on every update and resize (seconds for a 100,000-character
article). :class:`TextLines` keeps the text, its spans and one *mark* (the reader's current hit)
apart: the wrap of each width is computed once and cached, moving the mark repaints what is on
screen, and Textual's Line API (``render_line``) asks only for the lines in view. Wrapping is
Textual's own (``Content``'s word wrap with folding), so the lines look as a ``Static`` drew them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple

from rich._wrap import divide_line  # the wrap textual.content.Content uses: the same line breaks
from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual.content import Content, Span
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

SHORT_SPAN = 256  # spans up to this long are found by bisection; longer ones (few) are scanned


class WrappedLine(NamedTuple):
    """One screen line: text offsets ``start``–``end``, source line ``para``, column ``x`` in it."""

    start: int
    end: int
    para: int
    x: int
    last: bool  # the last screen line of its source line (keeps trailing spaces)


class TextLines(Widget):
    """A read-only styled text of any length; ``mark`` is one range drawn over every other style."""

    DEFAULT_CSS = "TextLines { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = Text()
        self._plain = ""
        self._paras: list[int] = [0]  # start offset of each source line
        self._short: list[Span] = []  # sorted by start
        self._short_starts: list[int] = []
        self._long: list[Span] = []
        self._order: dict[int, int] = {}  # id(span) → position in the text's span list (later wins)
        self._mark: tuple[int, int] | None = None
        self._mark_style: Style = Style()
        self._layouts: dict[int, list[WrappedLine]] = {}
        self.lines_rendered = 0  # render_line calls so far (tests bound the work per step)

    def render(self) -> Text:
        """The whole text (what a selection copies; never used to draw)."""
        return self._text

    def update(self, text: Text, mark: tuple[int, int] | None = None, mark_style: RichStyle | None = None) -> None:
        """Show ``text`` (its spans styled), with ``mark`` drawn in ``mark_style`` over them."""
        self._text = text
        self._plain = text.plain.replace("\t", " ")  # one cell per tab keeps every offset valid
        self._paras = [0] + [i + 1 for i, ch in enumerate(self._plain) if ch == "\n"]
        spans = self._spans_of(text)
        self._order = {id(s): i for i, s in enumerate(spans)}
        self._short = sorted((s for s in spans if s.end - s.start <= SHORT_SPAN), key=lambda s: s.start)
        self._short_starts = [s.start for s in self._short]
        self._long = [s for s in spans if s.end - s.start > SHORT_SPAN]
        self._mark_style = Style.from_rich_style(mark_style) if mark_style else Style()
        self._mark = mark
        self._layouts.clear()
        self.refresh(layout=True)

    def _spans_of(self, text: Text) -> list[Span]:
        """The text's spans with Textual styles, as ``Content.from_rich_text`` makes them, each
        distinct style converted once (an article has thousands of spans and a handful of styles)."""
        if text.style:
            return list(Content.from_rich_text(text, console=self.app.console).spans)
        converted: dict[str | RichStyle, Style] = {}
        theme = self.app.ansi_theme
        spans = []
        for start, end, style in text.spans:
            if (textual_style := converted.get(style)) is None:
                rich_style = self.app.console.get_style(style) if isinstance(style, str) else style
                textual_style = converted[style] = Style.from_rich_style(rich_style, theme)
            spans.append(Span(start, end, textual_style))
        return spans

    def set_mark(self, mark: tuple[int, int] | None) -> None:
        """Move the mark; only the lines on screen are drawn again."""
        if mark != self._mark:
            self._mark = mark
            self.refresh()

    def line_of(self, offset: int) -> int:
        """The screen line (at the current width) holding text offset ``offset``."""
        starts = [ln.start for ln in self._layout(self._width())]
        return max(0, bisect_right(starts, offset) - 1)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One row per wrapped line at ``width``."""
        return len(self._layout(width)) if width else 0

    def on_resize(self) -> None:
        """Widths not on screen any more are forgotten (a terminal being dragged has many)."""
        keep = self._width()
        for width in [w for w in self._layouts if w != keep]:
            del self._layouts[width]

    def render_line(self, y: int) -> Strip:
        """Screen line ``y``: its slice of the text, its spans, the mark and any selection."""
        self.lines_rendered += 1
        width = self._width()
        layout = self._layout(width)
        if y >= len(layout):
            return Strip.blank(width, self.visual_style.rich_style)
        line = layout[y]
        content = Content(self._plain[line.start : line.end], self._spans_in(line))
        if not line.last:
            content = content.rstrip()
        content = content.truncate(width)
        return self._strip(content, line)

    def _width(self) -> int:
        return self.size.width

    def _layout(self, width: int) -> list[WrappedLine]:
        if width <= 0:
            return []
        if (cached := self._layouts.get(width)) is not None:
            return cached
        layout: list[WrappedLine] = []
        ends = [*self._paras[1:], len(self._plain) + 1]
        for para, (start, end) in enumerate(zip(self._paras, ends, strict=True)):
            cuts = [0, *divide_line(self._plain[start : end - 1], width, fold=True), end - 1 - start]
            for i in range(len(cuts) - 1):
                layout.append(WrappedLine(start + cuts[i], start + cuts[i + 1], para, cuts[i], i == len(cuts) - 2))
        self._layouts[width] = layout
        return layout

    def _spans_in(self, line: WrappedLine) -> list[Span]:
        """The spans over ``line``, moved to its offsets, in the text's order; the mark and the
        selection last (on top)."""
        lo = bisect_left(self._short_starts, line.start - SHORT_SPAN)
        hi = bisect_left(self._short_starts, line.end)
        over = [s for s in self._short[lo:hi] if s.end > line.start] + [
            s for s in self._long if s.start < line.end and s.end > line.start
        ]
        over.sort(key=lambda s: self._order[id(s)])
        spans = [self._clip(s.start, s.end, s.style, line) for s in over]
        if self._mark and self._mark[0] < line.end and self._mark[1] > line.start:
            spans.append(self._clip(*self._mark, self._mark_style, line))
        selection = self.text_selection
        if selection is not None and (chosen := selection.get_span(line.para)) is not None:
            para_start = self._paras[line.para]
            start, end = chosen
            end = len(self._plain) if end == -1 else para_start + end
            if para_start + start < line.end and end > line.start:
                style = Style.from_styles(self.screen.get_component_styles("screen--selection"))
                spans.append(self._clip(para_start + start, end, style, line))
        return spans

    @staticmethod
    def _clip(start: int, end: int, style: Style | str, line: WrappedLine) -> Span:
        return Span(max(start, line.start) - line.start, min(end, line.end) - line.start, style)

    def _strip(self, content: Content, line: WrappedLine) -> Strip:
        """Segments as ``Content`` renders a line (each carrying its offset, for selection)."""
        base = self.visual_style
        x, segments = line.x, []
        for text, style in content.render(base, end="", parse_style=self._get_style):
            segments.append(Segment(text, (base + style).rich_style_with_offset(x, line.para)))
            x += len(text)
        return Strip(segments, content.cell_length)
