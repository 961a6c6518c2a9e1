"""Dates in the app, driven with the pilot over a dated corpus: the histogram strip and its
drill-down to a date chip, the sort key, the dates pane and the Timeline view."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from tests.harness import settle, type_query
from tui.app import GxqApp
from tui.views.timeline import TimelineScreen
from tui.widgets.dates_pane import DatesPane
from tui.widgets.results import ResultList
from tui.widgets.search_bar import Chip
from tui.widgets.time_strip import TimeStrip


@pytest.fixture
def app(dated_dirs) -> GxqApp:
    return GxqApp(*dated_dirs, show_timing=False)


def shown_dates(app) -> list[str]:
    return [h.meta.date for h in app.query_one(ResultList).result.hits]


def chips(app) -> list[str]:
    return [f"{c.facet}:{c.value}" for c in app.query(Chip)]


async def test_the_strip_counts_the_search_and_enter_filters_to_the_bucket(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        strip = app.query_one(TimeStrip)
        assert strip.display and strip.line is not None and strip.line.by == "month"
        assert sum(strip.line.counts) + strip.line.undated + strip.line.coarser == app.engine.article_count
        await pilot.press("enter", "t")
        assert app.focused is strip
        await pilot.press("home")
        first = strip.line.counts[0]
        label = str(strip.render())
        assert f"2021-07: {first} article" in label and "3 undated" in label
        await pilot.press("enter")
        await settle(app, pilot)
        assert chips(app) == ["date:2021-07"]
        assert app.query_one(ResultList).result.total == first
        assert isinstance(app.focused, ResultList)


async def test_a_second_key_extends_the_strip_to_a_range(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "低空经济")
        await pilot.press("enter", "t")
        strip = app.query_one(TimeStrip)
        keys = [strip.line.label(i) for i in range(len(strip.line.keys))]
        strip.cursor = keys.index("2024-03")
        await pilot.press("shift+right")
        assert "2024-03 … 2024-04: 3 articles" in str(strip.render())
        await pilot.press("enter")
        await settle(app, pilot)
        assert chips(app) == ["date:2024-03..2024-04"]
        expected = app.engine.search("低空经济 date:2024-03..2024-04", limit=0).total
        assert app.query_one(ResultList).result.total == expected == 3
        app.query_one(Chip).on_click()  # the chip removes the date filter
        await settle(app, pilot)
        assert chips(app) == [] and app.query_one(ResultList).result.total == app.engine.search("低空经济").total


async def test_the_sort_key_cycles_newest_and_oldest(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "O")
        await settle(app, pilot)
        assert app.state.sort == "newest"
        dates = shown_dates(app)
        assert dates[0] == "2025-06-05" and dates[-1] in ("", "--06-05")
        await pilot.press("O")
        await settle(app, pilot)
        assert app.state.sort == "oldest" and shown_dates(app)[0] == "2021-07-15"
        await pilot.press("O")
        await settle(app, pilot)
        assert app.state.sort == "score"


async def test_the_dates_pane_is_a_year_month_tree_that_filters(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        pane = app.query_one(DatesPane)
        rows = [(value, count, depth) for _f, value, count, _m, depth in pane.rows()]
        assert rows[0] == ("2025", 2, 0) and ("2024-03", 2, 1) in rows
        assert [v for v, _c, d in rows if d == 0] == ["2025", "2024", "2023", "2022", "2021"]
        pane.values.focus()
        pane.values.highlighted = [r[0] for r in rows].index("2024-03")
        await pilot.press("space")
        await settle(app, pilot)
        assert chips(app) == ["date:2024-03"] and app.query_one(ResultList).result.total == 2


async def test_the_timeline_view_splits_by_track_and_enter_filters(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "T")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, TimelineScreen) and screen.line is not None
        table = screen.query_one(DataTable)
        assert table.row_count == len(screen.line.keys) and "低空经济" in screen.line.series
        row = [screen.line.label(i) for i in range(table.row_count)].index("2024-03")
        column = 2 + list(screen.line.series).index("低空经济")
        table.move_cursor(row=row, column=column, animate=False)
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, TimelineScreen)
        assert set(chips(app)) == {"date:2024-03", "tracks:低空经济"}
        assert app.query_one(ResultList).result.total == screen.line.series["低空经济"][row]


async def test_the_strip_hides_when_no_result_has_a_year(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "哈希文件名")
        assert not app.query_one(TimeStrip).display
        await pilot.press("enter", "t")
        assert not isinstance(app.focused, TimeStrip)


async def test_kwic_sorts_by_date_within_the_date_filter(app):
    from tui.views.kwic import KwicScreen

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "低空经济")
        app.set_state(app.state.only("date", "2024.."))
        await settle(app, pilot)
        await pilot.press("enter", "K")
        await settle(app, pilot)
        await pilot.press("d")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, KwicScreen) and screen.concordance.sort == "date"
        dates = [ln.date for ln in screen.concordance.lines]
        assert dates == sorted(dates) and all(d >= "2024" for d in dates)
        expected = {h.meta.source for h in app.engine.search("低空经济 date:2024..", limit=100).hits}
        assert {ln.source for ln in screen.concordance.lines} == expected
