"""State flows down: the main screen's reactives are bound into the widgets that show them
(``data_bind``), so setting one is all it takes to redraw them, no search run."""

from __future__ import annotations

import pytest

from tests.harness import results, settle, status
from tui.app import GxqApp
from tui.widgets.facet_pane import FacetList, option_id
from tui.widgets.search_bar import Chip


@pytest.fixture
def app(index_base, seeds_dir) -> GxqApp:
    return GxqApp(seeds_dir, index_base, show_timing=False)


async def test_the_screens_state_flows_into_chips_list_panes_and_status(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        main, engine = app.main, app.engine
        shown = results(app).article_ids()
        other = engine.search("zhongguancun", limit=5)  # read as pinyin: its note shows under the box
        assert other.expansions and [h.id for h in other.hits] != shown[:5]
        main.state = main.state.toggle("parks", "中关村").exclude_value("tracks", "低空经济")
        main.result = other
        main.found = (other.total, 999, 0.0)
        main.facets = (other.facets, main.state.include, main.state.exclude)
        await pilot.pause()
        assert [(c.facet, c.value, c.has_class("-excluded")) for c in app.query(Chip)] == [
            ("parks", "中关村", False),
            ("tracks", "低空经济", True),
        ]
        assert results(app).article_ids() == [h.id for h in other.hits]
        assert "中关村" in str(app.query_one("#query-error").render())
        assert status(app).startswith(f"{other.total} of 999 articles")
        tracks = app.query_one("#pane-tracks").query_one(FacetList)
        option = tracks.get_option(option_id("tracks", "低空经济"))
        assert str(option.prompt).startswith("✗ ")  # excluded, listed although the result has none
        main.state = main.state.clear_all()
        await pilot.pause()
        assert not app.query(Chip)
