"""The research views in the app, driven with the pilot: KWIC, the matrix, pinyin, the hit
strip, exports and saved searches."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList

from search_index.research.saved import SavedSearches
from tests.harness import record_notifications, settle, type_query
from tui.app import GxqApp
from tui.views.kwic import KwicList, KwicScreen
from tui.views.matrix import MatrixScreen, articles
from tui.views.prompts import ConfirmScreen, FormatScreen, NameScreen
from tui.widgets.facet_pane import FacetList
from tui.widgets.reader import Reader
from tui.widgets.results import ResultList
from tui.widgets.saved_pane import SavedList


@pytest.fixture
def app(index_base, seeds_dir) -> GxqApp:
    return GxqApp(seeds_dir, index_base, show_timing=False)


async def search_then_results(app, pilot, text: str) -> None:
    await settle(app, pilot)
    await type_query(app, pilot, text)
    await pilot.press("enter")
    await settle(app, pilot)


async def test_kwic_lists_hits_and_opens_the_article_at_one(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await search_then_results(app, pilot, "低空经济")
        await pilot.press("K")
        await settle(app, pilot)
        assert isinstance(app.screen, KwicScreen)
        lines = app.screen.query_one(KwicList)
        assert lines.option_count == 5
        assert "5 lines in 2 articles" in str(app.screen.query_one("#kwic-head").render())
        await pilot.press("r")
        await settle(app, pilot)
        assert app.screen.concordance.sort == "right"
        await pilot.press("j", "j")
        chosen = app.screen.concordance.lines[2]
        await pilot.press("enter")
        await settle(app, pilot)
        reader = app.query_one(Reader)
        assert not isinstance(app.screen, KwicScreen)
        assert reader.article.id == chosen.id
        assert reader.current == chosen.hit
        assert reader.article.hits[reader.current][0] == chosen.offset


async def test_kwic_without_a_query_explains_itself(app):
    said = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.query_one(ResultList).focus()
        await pilot.press("K")
        await settle(app, pilot)
        assert not isinstance(app.screen, KwicScreen)
        assert any("Type a query first" in message for message in said)


async def test_matrix_cell_filters_the_results(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.query_one(ResultList).focus()
        await pilot.press("M")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MatrixScreen)
        grid = screen.grid
        assert grid.parks[0] == "中关村"
        table = screen.query_one(DataTable)
        assert table.cursor_coordinate.column == 1  # the first count, not the park's name
        await pilot.press("right")
        park, track = screen.cell_at(table.cursor_row, table.cursor_column)
        expected = f"{park} × {track}: {articles(grid.count(park, track))}"
        assert expected in str(screen.query_one("#matrix-cell").render())
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, MatrixScreen)
        assert app.state.include == {"parks": (park,), "tracks": (track,)}
        assert app.query_one(ResultList).result.total == grid.count(park, track)


async def test_matrix_weak_toggle_and_more_parks(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.query_one(ResultList).focus()
        await pilot.press("M")
        await settle(app, pilot)
        strong = app.screen.grid
        await pilot.press("w")
        await settle(app, pilot)
        assert app.screen.grid.weak and sum(app.screen.grid.cells.values()) > sum(strong.cells.values())
        await pilot.press("minus")
        await settle(app, pilot)
        assert len(app.screen.grid.parks) == 10
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, MatrixScreen)


async def test_pinyin_query_shows_what_it_spells(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "zgc")
        note = str(app.query_one("#query-error").render())
        assert "zgc → 中关村" in note
        assert app.query_one(ResultList).result.total == app.engine.search("中关村").total > 0


async def test_facet_filter_takes_pinyin(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        parks = app.query_one("#pane-parks").query_one(FacetList)
        parks.focus()
        await pilot.press("f", *"dh")
        await settle(app, pilot)
        shown = [str(parks.get_option_at_index(i).prompt) for i in range(parks.option_count)]
        assert shown and all("东湖" in s or "省" in s for s in shown)
        assert any("武汉东湖高新区" in s for s in shown)


async def test_hit_strip_marks_where_hits_fall(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await search_then_results(app, pilot, "低空经济")
        await pilot.press("enter")
        await settle(app, pilot)
        strip = app.query_one("#hit-strip")
        assert not strip.has_class("-empty")
        before = strip.render()
        assert str(before).startswith("hits ")
        await pilot.press("n", "n")
        await settle(app, pilot)
        assert app.query_one(Reader).current == 2
        assert str(strip.render()).startswith("hits ")


async def test_export_writes_a_file_and_says_where(app):
    said = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await search_then_results(app, pilot, "具身智能")
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, FormatScreen)
        await pilot.press("down", "down", "enter")  # JSON
        await settle(app, pilot)
        files = list(Path(os.environ["GXQ_EXPORT_DIR"]).glob("gxq-results-*.json"))
        assert len(files) == 1
        data = json.loads(files[0].read_text(encoding="utf-8"))
        assert data["header"]["query"] == "具身智能" and data["total"] == 4 and len(data["hits"]) == 4
        assert any(str(files[0]) in message for message in said)


async def test_save_recall_and_delete_a_search(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await search_then_results(app, pilot, "具身智能")
        app.set_state(app.state.toggle("parks", "中关村"))
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        assert isinstance(app.screen, NameScreen)
        name_box = app.screen.query_one(Input)
        assert name_box.value == "具身智能"
        await pilot.press(*" 北京")
        await pilot.press("enter")
        await settle(app, pilot)
        [saved] = SavedSearches().all()
        assert saved.name == "具身智能 北京" and saved.filters == {"parks": ["中关村"]}
        listing = app.query_one(SavedList)
        assert str(listing.get_option_at_index(0).prompt).rstrip().endswith("2")
        app.set_state(app.state.clear_all())
        app.set_query_text("")
        await settle(app, pilot)
        listing.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.state.text == "具身智能" and app.state.include == {"parks": ("中关村",)}
        assert app.query_one("#query", Input).value == "具身智能"
        assert app.query_one(ResultList).result.total == 2
        listing.focus()
        await pilot.press("d")  # asks first: n keeps it, y deletes it
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(app, pilot)
        assert len(SavedSearches().all()) == 1
        await pilot.press("d", "y")
        await settle(app, pilot)
        assert SavedSearches().all() == []


async def test_saving_without_a_name_or_deleting_a_vanished_search_says_why(app):
    said = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.service.saved("save", "  ", app.state)  # the name box gave only spaces
        await settle(app, pilot)
        app.service.saved("delete", "gone")  # deleted meanwhile by another gxq-tui
        await settle(app, pilot)
        assert any("cannot save" in m and "needs a name" in m for m in said), said
        assert any("cannot delete 'gone'" in m and "no saved search" in m for m in said), said
        assert not any(m.startswith(("UserError:", "UnknownSaved:")) for m in said), said  # not a worker crash


async def test_palette_offers_the_research_commands(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in ("Concordance (KWIC)", "Park × track matrix", "Save current search", "Export results as CSV"):
            assert any(t.startswith(wanted) for t in titles)
        assert isinstance(app.query_one("#results"), OptionList)
