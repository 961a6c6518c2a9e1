"""Nothing from a corpus reaches the terminal raw in the app."""

from __future__ import annotations

from textual.widgets import Input

from tests.harness import settle
from tests.hostile import RAW, hostile_text_corpus
from tui.app import GxqApp
from tui.widgets.reader import Reader


async def test_the_app_shows_no_escape_sequence_in_results_reader_and_original_view(tmp_path):
    app = GxqApp(hostile_text_corpus(tmp_path / "corpus"), tmp_path / "idx", show_timing=False)
    seen: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.query_one("#query", Input).focus()
        await pilot.press(*"具身智能")
        await settle(app, pilot)
        seen.append(str(app.query_one("#results").render_lines(app.query_one("#results").region)))
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        reader = app.query_one(Reader)
        for _ in range(3):
            seen += [str(app.query_one("#reader-body").render()), str(app.query_one("#reader-head").render())]
            seen += [reader.border_title or ""]
            await pilot.press("o")
            seen += [str(app.query_one("#reader-body").render())]
            await pilot.press("o", "right_square_bracket")
            await settle(app, pilot)
    everything = "".join(seen)
    assert not [c for c in RAW if c in everything], [c for c in RAW if c in everything]
    assert "\ufffd31m" in everything  # shown, made visible
