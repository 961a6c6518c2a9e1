"""The app's parts on their own: the status line through a real index build (the four phases
the user waits through, with counts), and a facet list that sends its choice up as a message
without any app code around it."""

from __future__ import annotations

import shutil

from textual.app import App, ComposeResult
from textual.worker import WorkerCancelled

from search_index.research.saved import SavedSearches
from search_index.results import FacetCounts
from tui.app import GxqApp
from tui.messages import FacetToggled
from tui.widgets.facet_pane import ROWS_PAGE, FacetList, FacetPane, option_id
from tui.widgets.status_line import StatusLine


async def _finish(app, pilot) -> None:
    """Until no worker runs (a superseded search is cancelled: that is the design)."""
    for _ in range(100):
        await pilot.pause()
        busy = [w for w in app.workers if not w.is_finished]
        if not busy:
            return
        try:
            await app.workers.wait_for_complete(busy)
        except WorkerCancelled:
            pass
    raise AssertionError("workers still running")


async def test_a_build_shows_reading_segmenting_writing_and_rows_with_counts(tmp_path, seeds_dir, monkeypatch):
    monkeypatch.setenv("GXQ_INDEX_PROCS", "1")
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    files = len(list(corpus.glob("*.txt")))
    said: list[str] = []
    say = StatusLine.say
    monkeypatch.setattr(StatusLine, "say", lambda self, note: (said.append(note), say(self, note))[1])
    app = GxqApp(corpus, tmp_path / "idx", show_timing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _finish(app, pilot)
        articles = app.engine.article_count
        status = str(app.query_one("#status").render())
    firsts = [
        next(i for i, note in enumerate(said) if note.startswith(lead))
        for lead in (
            f"reading 0/{files} files",
            f"segmenting {articles} articles",
            f"writing the index of {articles} articles",
            f"loading the rows of {articles} articles",
            "index built",
        )
    ]
    assert firsts == sorted(firsts)
    assert any(note.startswith(f"reading {files - 1}/{files} files") for note in said)
    assert status.startswith(f"{articles} of {articles} articles") and "index built" in status


class OnePane(App[None]):
    """A facet pane alone, recording what it sends up."""

    def __init__(self) -> None:
        super().__init__()
        self.heard: list[tuple[str, str, bool]] = []

    def compose(self) -> ComposeResult:
        yield FacetPane("tracks", "Tracks", id="pane")

    def on_mount(self) -> None:
        self.query_one(FacetPane).update_counts(FacetCounts({"tracks": {"具身智能": 3, "低空经济": 2}}), {}, {})
        self.query_one(FacetList).focus()

    def on_facet_toggled(self, message: FacetToggled) -> None:
        self.heard.append((message.facet, message.value, message.exclude))


async def test_enter_and_a_click_on_a_facet_value_include_it_from_the_list_itself():
    app = OnePane()
    async with app.run_test(size=(40, 12)) as pilot:
        values = app.query_one(FacetList)
        assert values.highlighted == 0
        await pilot.press("enter")
        await pilot.press("down", "space", "x")
        await pilot.pause()
        assert app.heard == [("tracks", "具身智能", False), ("tracks", "低空经济", False), ("tracks", "低空经济", True)]
        values.highlighted = 0
        await pilot.click(FacetList, offset=(3, 1))  # below the list's top border
        await pilot.pause()
        assert app.heard[-1] == ("tracks", "具身智能", False)
        assert values.get_option(option_id("tracks", "具身智能"))


async def test_the_same_counts_again_leave_a_facet_list_and_its_title_as_they_are():
    app = OnePane()
    async with app.run_test(size=(40, 12)) as pilot:
        pane, values = app.query_one(FacetPane), app.query_one(FacetList)
        title = pane.query_one(".facet-title")
        await pilot.press("down")
        drawn, heading = values.get_option_at_index(0), title.render()
        pane.update_counts(FacetCounts({"tracks": {"具身智能": 3, "低空经济": 2}}), {}, {})
        await pilot.pause()
        assert values.get_option_at_index(0) is drawn and title.render() is heading  # nothing laid out again
        assert values.highlighted == 1
        pane.update_counts(FacetCounts({"tracks": {"具身智能": 3, "低空经济": 1}}), {}, {})
        await pilot.pause()
        assert values.get_option_at_index(0) is not drawn and str(values.get_option_at_index(1).prompt).endswith("1")
        assert values.highlighted == 1 and str(title.render()).rstrip().endswith("2")


class ManyValues(App[None]):
    """A facet pane with more values than a page."""

    def compose(self) -> ComposeResult:
        yield FacetPane("companies", "Companies", id="pane")

    def on_mount(self) -> None:
        counts = FacetCounts({"companies": {f"公司{n}": 100 - n for n in range(50)}})
        self.query_one(FacetPane).update_counts(counts, {}, {})


async def test_a_facet_list_draws_a_page_more_as_the_cursor_goes_down_and_keeps_its_value_on_new_counts():
    app = ManyValues()
    async with app.run_test(size=(40, 20)) as pilot:
        pane, values = app.query_one(FacetPane), app.query_one(FacetList)
        assert values.option_count == ROWS_PAGE
        values.focus()
        await pilot.press(*["down"] * 30)
        await pilot.pause()
        assert values.highlighted == 30 and values.option_count == 2 * ROWS_PAGE  # a page past the cursor
        pane.update_counts(FacetCounts({"companies": {f"公司{n}": 200 - n for n in range(50)}}), {}, {})
        await pilot.pause()
        assert values.highlighted_option and values.highlighted_option.id == option_id("companies", "公司30")
        assert str(values.highlighted_option.prompt).endswith("170") and values.option_count == 50  # to 30 + a page


async def test_saved_searches_of_another_corpus_are_listed_after_this_ones(index_base, seeds_dir, tmp_path):
    store = SavedSearches()
    store.save("elsewhere", "具身智能", corpus=str(tmp_path / "other"))
    store.save("here", "具身智能", corpus=str(seeds_dir.resolve()))
    app = GxqApp(seeds_dir, index_base, show_timing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _finish(app, pilot)
        listing = app.query_one("#saved-list")
        names = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        assert names == ["here", "elsewhere"]
        assert str(listing.get_option_at_index(1).prompt).rstrip().endswith("◦")


async def test_a_burst_of_keys_typed_in_the_results_stays_one_term(index_base, seeds_dir):
    from textual import events

    from tui.widgets.results import ResultList

    app = GxqApp(seeds_dir, index_base, show_timing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _finish(app, pilot)
        app.query_one("#query").value = "低空"
        app.query_one(ResultList).focus()
        await _finish(app, pilot)
        for char in "经济":  # an input method commits a word as keys that arrive together
            app.post_message(events.Key(char, char))
        await _finish(app, pilot)
        assert app.query_one("#query").value == "低空 经济" and app.state.text == "低空 经济"
        app.query_one(ResultList).focus()
        await _finish(app, pilot)
        await pilot.press("x")  # a new key later starts a new term
        assert app.query_one("#query").value == "低空 经济 x"


async def test_a_view_needs_only_the_service_not_the_app(index_base, seeds_dir):
    from tui.service import EngineService
    from tui.state import SearchState
    from tui.views.kwic import KwicList, KwicScreen

    service = EngineService(seeds_dir, index_base)
    service.engine.open()
    app = App[None]()  # no GxqApp around it: the view reaches the engine through the service
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(KwicScreen(service, SearchState("低空经济")))
        await _finish(app, pilot)
        lines = app.screen.query_one(KwicList)
        assert lines.option_count == len(service.engine.kwic("低空经济").lines) > 0
