"""The app's start: the first frame waits for no worker, no facet pane and no module it does not
draw; what it leaves out comes right after it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.harness import settle
from tui.app import GxqApp
from tui.help import HelpScreen
from tui.widgets.facet_pane import FacetList, FacetPane

NOT_BEFORE_THE_FIRST_FRAME = (
    "search_index.engine",
    "search_index.research.",
    "search_index.analysis.pinyin",
    "search_index.reference.gazetteer",
    "tui.views",
    "whoosh",
    "jieba",
)


class FirstFrame(GxqApp):
    """The app, noting what exists when its first frame has been drawn."""

    CSS_PATH = str(Path(sys.modules[GxqApp.__module__].__file__ or "").parent / "app.tcss")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.seen: dict[str, object] = {}

    async def on_mount(self) -> None:
        self.call_after_refresh(self._note)  # asked before the app's own start-up work
        await super().on_mount()

    def _note(self) -> None:
        self.seen = {"workers": len(list(self.workers)), "panes": len(self.query(FacetPane))}


async def test_the_first_frame_comes_before_the_workers_and_the_facet_panes_after_it(index_base, seeds_dir):
    app = FirstFrame(seeds_dir, index_base, show_timing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.seen == {"workers": 0, "panes": 0}
        tracks = app.query_one("#pane-tracks", FacetPane)
        counts = app.last_result.facets.of("tracks") if app.last_result else {}
        assert counts and tracks.query_one(FacetList).option_count == len(counts)
        assert str(tracks.query_one(".facet-title").render()).split()[-1] == str(len(counts))
        assert app.query_one("#pane-saved") and len(app.query(FacetPane)) > 5


def test_the_app_imports_no_engine_view_or_research_module_before_its_first_frame():
    code = (
        "import sys, tui.app; "
        f"late = [m for m in sys.modules if m.startswith({NOT_BEFORE_THE_FIRST_FRAME!r})]; "
        "assert not late, late"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


async def test_help_in_a_view_is_the_views_own(index_base, seeds_dir):
    app = GxqApp(seeds_dir, index_base, show_timing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.set_query_text("低空经济")
        app.set_state(app.state.with_text("低空经济"))
        await settle(app, pilot)
        app.query_one("#results").focus()
        await pilot.press("K")
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause(0)
        assert isinstance(app.screen, HelpScreen) and app.screen.pane == "kwic"


async def test_the_corpus_is_checked_for_changes_once_the_first_results_are_shown(index_base, seeds_dir, monkeypatch):
    from search_index.engine import Engine

    app = GxqApp(seeds_dir, index_base, show_timing=False)
    shown_at_check: list[bool] = []
    sync = Engine.sync

    def noted(engine, *args, **kwargs):
        shown_at_check.append(app.last_result is not None)
        return sync(engine, *args, **kwargs)

    monkeypatch.setattr(Engine, "sync", noted)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert shown_at_check == [True] and "index up to date" in str(app.query_one("#status").render())
