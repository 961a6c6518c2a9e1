"""The concordance view says how many hits a capped concordance left out."""

from __future__ import annotations

from test_app import settle, type_query

from search_index.research import concordance
from tui.app import GxqApp
from tui.views.kwic import KwicList, KwicScreen


async def test_a_capped_concordance_says_how_many_hits_are_not_shown(engine, index_base, seeds_dir, monkeypatch):
    total = engine.kwic("高新区").hits
    app = GxqApp(seeds_dir, index_base, show_timing=False)
    monkeypatch.setattr(concordance, "MAX_LINES", 3)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "高新区")
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("K")
        await settle(app, pilot)
        assert isinstance(app.screen, KwicScreen)
        assert app.screen.query_one(KwicList).option_count == 3
        head = str(app.screen.query_one("#kwic-head").render())
        assert total > 3 and "3 lines in " in head and f"· {total - 3:,} more hits not shown" in head
