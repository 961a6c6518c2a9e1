"""The Textual app driven with the pilot on the real seed corpus and a real index."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.harness import results, settle, status, type_query
from tui.app import GxqApp
from tui.help import HelpScreen
from tui.widgets.facet_pane import FacetList, option_id
from tui.widgets.reader import Reader
from tui.widgets.results import ResultList


@pytest.fixture
def make_app(index_base, seeds_dir):
    def make() -> GxqApp:
        return GxqApp(seeds_dir, index_base, show_timing=False)

    return make


async def test_first_frame_browses_every_article(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert results(app).option_count == 11
        assert status(app).startswith("11 of 11 articles")
        assert "index up to date" in status(app)
        assert isinstance(app.focused, Input)


async def test_typing_searches_as_you_type_and_counts_facets(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "具身智能")
        assert results(app).option_count == 4
        assert status(app).startswith("4 of 11 articles")
        tracks = app.query_one("#pane-tracks").query_one(FacetList)
        assert tracks.get_option(option_id("tracks", "具身智能"))
        prompt = str(tracks.get_option(option_id("tracks", "具身智能")).prompt)
        assert prompt.rstrip().endswith("4")


async def test_stale_results_are_dropped(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.query_one("#query", Input).focus()
        for text in ("具", "具身", "具身智", "具身智能", "低空经济"):
            app.query_one("#query", Input).value = text
            await pilot.pause()  # the next search starts before this one's results arrive
        await settle(app, pilot)
        assert app.state.text == "低空经济"
        expected = app.engine.search("低空经济").total
        assert results(app).option_count == expected


async def test_toggle_exclude_and_clear_a_facet_value(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        tracks = app.query_one("#pane-tracks").query_one(FacetList)
        tracks.focus()
        tracks.highlighted = tracks.get_option_index(option_id("tracks", "具身智能"))
        await pilot.press("space")
        await settle(app, pilot)
        assert app.state.include == {"tracks": ("具身智能",)}
        assert results(app).option_count == 4
        assert [str(c.render()) for c in app.query(".chip")] == ["+track:具身智能 ✕"]

        tracks.highlighted = tracks.get_option_index(option_id("tracks", "具身智能"))
        await pilot.press("x")
        await settle(app, pilot)
        assert app.state.exclude == {"tracks": ("具身智能",)} and not app.state.include
        assert results(app).option_count == 7
        # an excluded value stays listed at 0
        assert "✗" in str(tracks.get_option(option_id("tracks", "具身智能")).prompt)

        await pilot.press("c")
        await settle(app, pilot)
        assert not app.state.chips() and results(app).option_count == 11


async def test_values_in_one_pane_or_and_panes_and(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for pane, facet, value in (
            ("#pane-parks", "parks", "中关村"),
            ("#pane-parks", "parks", "深圳高新区"),
            ("#pane-tracks", "tracks", "商业航天"),
        ):
            values = app.query_one(pane).query_one(FacetList)
            values.focus()
            values.highlighted = values.get_option_index(option_id(facet, value))
            await pilot.press("space")
            await settle(app, pilot)
        expected = app.engine.search("", filters={"parks": ["中关村", "深圳高新区"], "tracks": ["商业航天"]}).total
        assert results(app).option_count == expected > 0


async def test_backspace_in_empty_box_removes_the_last_chip(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.goto("parks", "中关村")
        await settle(app, pilot)
        assert app.state.chips() == [("parks", "中关村", False)]
        app.query_one("#query", Input).focus()
        await pilot.press("backspace")
        await settle(app, pilot)
        assert app.state.chips() == [] and results(app).option_count == 11


async def test_open_article_step_hits_and_articles(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "具身智能")
        await pilot.press("enter")  # to the results
        assert isinstance(app.focused, ResultList)
        await pilot.press("enter")  # open the first result
        await settle(app, pilot)
        reader = app.query_one(Reader)
        assert isinstance(app.focused, Reader)
        first = reader.article
        total = len(first.hits)
        assert first.title == results(app).result.hits[0].meta.title
        assert reader.border_subtitle == f"hit 1/{total} · n/N"
        await pilot.press("n")
        assert reader.border_subtitle == f"hit 2/{total} · n/N"
        await pilot.press("N", "N")
        assert reader.border_subtitle == f"hit {total}/{total} · n/N"
        body = str(app.query_one("#reader-body").render())
        assert body.count("具身智能") == total
        await pilot.press("o")
        assert "► 本报记者" in str(app.query_one("#reader-body").render())
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert reader.article.id == results(app).result.hits[1].meta.id
        assert results(app).highlighted == 1


async def test_escape_goes_back_one_level(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "张江")
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert isinstance(app.focused, Reader)
        await pilot.press("escape")
        assert isinstance(app.focused, ResultList)
        await pilot.press("escape")
        assert app.focused is app.query_one("#query")
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.query_one("#query", Input).value == ""


async def test_pane_filter_opens_with_a_chinese_key_and_escape_closes_it(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        parks = app.query_one("#pane-parks").query_one(FacetList)
        parks.focus()
        await pilot.press("江")
        await settle(app, pilot)
        shown = [o.id.split("\x1f")[1] for o in parks.options]
        assert shown and all("江" in v for v in shown)
        await pilot.press("escape")
        await settle(app, pilot)
        assert parks.option_count > len(shown)
        assert app.focused is parks


async def test_bad_query_shows_a_message_and_keeps_results(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "具身")
        before = results(app).option_count
        await pilot.press('"')
        await settle(app, pilot)
        error = str(app.query_one("#query-error").render())
        assert "unbalanced quote" in error
        assert results(app).option_count == before
        await pilot.press("backspace")
        await settle(app, pilot)
        assert str(app.query_one("#query-error").render()) == ""


async def test_palette_go_to_track_and_clear_filters(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        await pilot.press(*"track 低空")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.state.include == {"tracks": ("低空经济",)}
        assert results(app).option_count == app.engine.search("track:低空经济").total
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        await pilot.press(*"Clear all filters")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.state.chips() == []


async def test_help_for_the_focused_pane(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        results(app).focus()
        await pilot.press("f1")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen) and app.screen.pane == "results"
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, HelpScreen)


async def test_narrow_terminal_swaps_results_and_reader(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.resize_terminal(80, 24)
        await settle(app, pilot)
        reader = app.query_one(Reader)
        assert app.screen.has_class("-narrow") and not reader.display
        results(app).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert reader.display and not results(app).display
        await pilot.press("escape")
        await settle(app, pilot)
        assert results(app).display and not reader.display
        await pilot.resize_terminal(40, 12)
        await settle(app, pilot)
        await pilot.resize_terminal(120, 40)
        await settle(app, pilot)
        assert reader.display and results(app).display


def test_every_binding_has_an_id_and_a_tooltip():
    """The bindings each class declares itself (inherited ones, e.g. OptionList's, are Textual's)."""
    for cls in (GxqApp, ResultList, Reader, FacetList, HelpScreen):
        for binding in cls.BINDINGS:
            assert not isinstance(binding, tuple), f"{cls.__name__} has a tuple binding"
            assert binding.id and binding.tooltip, (cls.__name__, binding.key)


async def test_missing_index_is_built_inside_the_app_with_progress(tmp_path, seeds_dir):
    app = GxqApp(seeds_dir, tmp_path / "fresh", show_timing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "index built (new index)" in status(app)
        assert results(app).option_count == 11
        bar = app.query_one("#progress")
        assert (bar.total, bar.progress) == (5, 5)  # every file was reported
        assert not bar.has_class("-active")


async def test_unusable_corpus_is_reported_not_fatal(tmp_path):
    app = GxqApp(tmp_path / "no-such-folder", tmp_path / "idx", show_timing=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "corpus folder not found" in status(app)
        await pilot.press(*"具身")
        await settle(app, pilot)
        assert app.is_running
