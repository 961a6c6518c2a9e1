"""The keyboard model, driven with the pilot (issue 17): one typing rule, '/' and Esc,
quitting, a view stack, visible focus and folding that never strands the keyboard."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.harness import results, settle, type_query
from tui.app import GxqApp
from tui.views.kwic import KwicList, KwicScreen
from tui.widgets.facet_pane import FacetPane, option_id
from tui.widgets.reader import Reader
from tui.widgets.results import ResultList


@pytest.fixture
def app(index_base, seeds_dir) -> GxqApp:
    return GxqApp(seeds_dir, index_base, show_timing=False)


def box(app) -> Input:
    return app.query_one("#query", Input)


async def test_slash_at_launch_focuses_the_box_without_typing_itself(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"具身智能")
        await settle(app, pilot)
        assert box(app).value == "具身智能" and app.state.text == "具身智能"
        assert results(app).option_count == 4


async def test_coming_back_to_the_box_appends_instead_of_replacing(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "低空经济")
        await pilot.press("enter")
        assert isinstance(app.focused, ResultList)
        await pilot.press("slash", "space", *"合肥")
        await settle(app, pilot)
        assert box(app).value == "低空经济 合肥"
        await pilot.press("tab", "shift+tab", "x")  # away and back with Tab: still appends
        assert box(app).value == "低空经济 合肥x"


async def test_typing_in_the_results_or_the_reader_goes_to_the_query(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "具身")
        await pilot.press("enter")
        await pilot.press("j")  # a bound key still moves the cursor
        assert isinstance(app.focused, ResultList) and results(app).highlighted == 1
        await pilot.press(*"智能")  # Chinese is no longer dropped: it starts a new term
        await settle(app, pilot)
        assert box(app).value == "具身 智能" and app.focused is box(app)
        assert results(app).result.total == app.engine.search("具身 智能").total > 0
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert isinstance(app.focused, Reader)
        await pilot.press("b")  # an unbound letter runs nothing and is typed
        await settle(app, pilot)
        assert box(app).value == "具身 智能 b" and app.is_running


async def test_quit_keys_show_where_they_work(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        shown = app.screen.active_bindings
        assert shown["ctrl+q"].binding.show and "q" not in shown  # typing q in the box types q
        await pilot.press("q")
        assert box(app).value == "q"
        await pilot.press("backspace", "enter")
        await settle(app, pilot)
        assert app.screen.active_bindings["q"].binding.show
        await pilot.press("q")
        assert app.return_code == 0


async def test_ctrl_q_quits_from_the_results_too(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        results(app).focus()
        await pilot.press("ctrl+q")
        assert app.return_code == 0


async def test_escape_from_an_article_opened_in_kwic_returns_to_kwic(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "低空经济")
        await pilot.press("enter", "K")
        await settle(app, pilot)
        await pilot.press("j", "enter")
        await settle(app, pilot)
        assert isinstance(app.focused, Reader) and not isinstance(app.screen, KwicScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, KwicScreen)
        assert app.screen.query_one(KwicList).highlighted == 1
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, KwicScreen)


async def test_escape_that_clears_the_query_clears_the_reader(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "张江")
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert app.query_one(Reader).article is not None
        await pilot.press("slash", "escape")
        await settle(app, pilot)
        assert box(app).value == "" and app.query_one(Reader).article is None


async def test_a_focused_facet_pane_has_a_cursor_and_a_highlighted_title(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        tracks = app.query_one("#pane-tracks", FacetPane)
        title = tracks.query_one(".facet-title")
        before = title.styles.background
        tracks.values.focus()
        await settle(app, pilot)
        assert title.styles.background != before
        assert tracks.values.highlighted == 0
        first = tracks.values.get_option_at_index(0).id
        await pilot.press("space")  # the first Space already includes a value
        await settle(app, pilot)
        assert app.state.include == {"tracks": (first.split("\x1f")[1],)}


async def test_folding_keeps_the_pane_reachable_and_unfoldable_by_keyboard(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        stops = len(app.screen.focus_chain)
        parks = app.query_one("#pane-parks", FacetPane)
        parks.values.focus()
        await pilot.press("z")
        await settle(app, pilot)
        assert parks.has_class("-collapsed") and parks.values.size.height == 0
        assert len(app.screen.focus_chain) == stops
        await pilot.press("tab", "shift+tab")
        assert app.focused is parks.values
        await pilot.press("space")  # a key on a folded list unfolds it, filtering nothing
        await settle(app, pilot)
        assert not parks.has_class("-collapsed") and not app.state.include
        assert parks.values.size.height > 0
        assert parks.values.get_option(option_id("parks", "中关村"))


def _help_keys(text: str) -> set[str]:
    """The key labels that start help's key lines."""
    keys = set()
    for line in text.splitlines():
        if line.startswith("- `"):
            keys.update(k.strip() for k in line.split("`")[1].split(","))
    return keys


@pytest.mark.parametrize("pane", ["search", "facets", "results", "reader", "kwic", "matrix", "saved"])
def test_help_lists_every_binding_of_the_pane_and_the_app(pane):
    from tui.help import help_text, key_label, pane_bindings

    listed = _help_keys(help_text(pane))
    for binding in [*pane_bindings(pane), *GxqApp.BINDINGS]:
        for key in binding.key.split(","):
            assert key_label(key) in listed, (pane, key)
    assert {"Ctrl+Q", "q"} <= listed


def test_readme_key_table_names_every_key():
    from pathlib import Path

    from tui.help import key_label, pane_bindings

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| key | where | does |") :].split("\n\n", 1)[0]
    for pane in ("facets", "results", "reader", "kwic", "matrix", "saved"):
        for binding in [*pane_bindings(pane), *GxqApp.BINDINGS]:
            for key in binding.key.split(","):
                assert f"`{key_label(key)}`" in table, (pane, key)
