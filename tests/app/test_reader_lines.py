"""The reader's body draws a line at a time: the same cells a Static would draw, only the lines
on screen per step, and the hits at the end of a 100,000-character article reachable and marked."""

from __future__ import annotations

import random

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import Static

from bench.reader_steps import ReaderApp, long_article
from tui.style import HIT_CURRENT, HIT_OTHER
from tui.widgets.reader import Reader
from tui.widgets.text_lines import TextLines

PIECES = ["中关村", "高新区", " ", "   ", "\n", "\n\n", "low-altitude", "economy ", "ＡＩ", "，", "a" * 20, "长" * 24]
CURRENT_BG = HIT_CURRENT.bgcolor.get_truecolor().hex if HIT_CURRENT.bgcolor else ""
STYLES = ["bold", "dim", "bold underline", HIT_OTHER, "red"]


def cells(strip) -> list[tuple[str, str]]:
    """Each character drawn, with its style and its offset in the text (what a mouse selection reads)."""
    return [(ch, f"{seg.style} {seg.style.meta if seg.style else {}}") for seg in strip for ch in seg.text]


def styled_text(rng: random.Random) -> tuple[Text, tuple[int, int] | None]:
    """Mixed Chinese/ASCII text with blank lines, long words and overlapping styles, and a mark."""
    text = Text("".join(rng.choice(PIECES) for _ in range(rng.randint(0, 24))))
    n = len(text.plain)
    for _ in range(rng.randint(0, 8)):
        start = rng.randint(0, n)
        text.stylize(rng.choice(STYLES), start, min(n, start + rng.randint(0, 40)))
    if not n or rng.random() < 0.3:
        return text, None
    start = rng.randint(0, n - 1)
    return text, (start, min(n, start + rng.randint(1, 8)))


class SideBySide(App):
    """Each case twice, as a Static and as TextLines, at the case's width (all laid out at once)."""

    def __init__(self, cases: list[tuple[Text, tuple[int, int] | None, int]]) -> None:
        super().__init__()
        self.cases = cases

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            for text, mark, _ in self.cases:
                whole = text.copy()
                if mark:
                    whole.stylize(HIT_CURRENT, *mark)
                yield Static(whole, classes="static")
                yield TextLines(classes="lines")

    def on_mount(self) -> None:
        for (text, mark, width), static, lines in zip(
            self.cases, self.query(".static"), self.query(".lines"), strict=True
        ):
            static.styles.width = lines.styles.width = width
            lines.update(text, mark, HIT_CURRENT)


async def test_lines_are_drawn_as_a_static_draws_them():
    rng = random.Random(18)
    cases = [(*styled_text(rng), rng.choice([1, 2, 3, 7, 16, 41])) for _ in range(80)]
    app = SideBySide(cases)
    async with app.run_test(size=(60, 40)) as pilot:
        await pilot.pause()
        for (text, mark, width), static, lines in zip(cases, app.query(Static), app.query(TextLines), strict=True):
            assert lines.size.height == static.size.height, (text.plain, width)
            drawn = lines.render_lines(Region(0, 0, width, lines.size.height))
            expected = static.render_lines(Region(0, 0, width, static.size.height))
            assert [cells(s) for s in drawn] == [cells(s) for s in expected], (text.plain, width, mark)


def visible_lines(reader: Reader) -> range:
    """The body's lines inside the reader's window."""
    body = reader.query_one(TextLines)
    top = int(reader.scroll_y) - body.virtual_region.y
    return range(top, top + reader.scrollable_content_region.height)


async def test_each_step_draws_only_the_window_and_the_last_hit_is_marked():
    article = long_article(100_000)
    app = ReaderApp()
    async with app.run_test(size=(100, 30)) as pilot:
        reader = app.query_one(Reader)
        reader.focus()
        reader.show(article)
        await pilot.pause()
        body = reader.query_one(TextLines)
        assert body.size.height > 1000  # the whole article is laid out…
        window = reader.scrollable_content_region.height
        for key in ("n", "N", "N", "N"):  # …each step draws a few screens at most
            before = body.lines_rendered
            await pilot.press(key)
            await pilot.pause()
            assert 0 < body.lines_rendered - before <= 3 * window
        assert reader.current == len(article.hits) - 2  # 0 → 1 → 0 → wrapped to the last → one back
        await pilot.press("n")
        await pilot.pause()
        start, end = article.hits[-1]
        line = body.line_of(start)
        assert line in visible_lines(reader) and line > 1000
        drawn = cells(body.render_line(line))
        marked = "".join(ch for ch, style in drawn if f"on {CURRENT_BG}" in style)
        assert marked == article.text[start:end]  # the current hit, in HIT_CURRENT's background
