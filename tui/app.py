"""The gxq-tui app: an engine service and the main screen it serves, the keys that work
everywhere, help and the command palette. The screen owns the search; the service runs every
blocking call in a worker."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.widgets import Input

from tui.commands import GotoProvider
from tui.dates import DATE_BINDINGS
from tui.main_screen import MainScreen
from tui.research import RESEARCH_BINDINGS
from tui.service import RESULT_LIMIT, EngineService
from tui.state import SearchState

if TYPE_CHECKING:
    from search_index import SearchResult
    from search_index.engine import Engine

__all__ = ["RESULT_LIMIT", "GxqApp", "run_app"]
VIEW_TOPICS = {"KwicScreen": "kwic", "MatrixScreen": "matrix", "TimelineScreen": "timeline"}  # the views' help


class GxqApp(App[int]):
    """Search a corpus of Chinese news about high-tech zones and new tracks. Keys for the
    main screen are bound here (so the footer lists them in one order) and act on it
    (``screen.…``); a view on top has its own."""

    TITLE = "gxq-tui"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {GotoProvider}
    BINDINGS = [
        Binding(
            "slash",
            "screen.focus_search",
            "Search",
            show=False,
            priority=True,
            id="app.search",
            tooltip="Cursor to the end of the query",
        ),
        Binding("f1", "help", "Help", id="app.help", tooltip="Help for the focused pane"),
        Binding("question_mark", "help", "Help", show=False, id="app.help2", tooltip="Help for the focused pane"),
        Binding("escape", "screen.back", "Back", id="app.back", tooltip="Back one level: reader → results → search"),
        Binding("q", "leave", "Quit", id="app.quit", tooltip="Quit gxq-tui (when not typing)"),
        Binding("ctrl+q", "quit_typing", "Quit", priority=True, id="app.quit_typing", tooltip="Quit, also when typing"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit_anywhere", tooltip="Quit gxq-tui"),
        *RESEARCH_BINDINGS,
        *DATE_BINDINGS,
    ]

    def __init__(
        self,
        corpus: str | Path | None = None,
        index_dir: str | Path | None = None,
        show_timing: bool = True,
        follow_links: bool = False,
    ) -> None:
        super().__init__()
        self._engine_args = (corpus, index_dir)
        self.service = EngineService(corpus, index_dir, follow_links)
        self.show_timing = show_timing
        self._main: MainScreen | None = None

    @property
    def main(self) -> MainScreen:
        """The main screen (made when the app starts: it is the bottom of the stack)."""
        if self._main is None:
            self._main = MainScreen(self.service, self.show_timing)
        return self._main

    def get_default_screen(self) -> Screen:
        """The main screen is the bottom of the stack."""
        return self.main

    async def on_mount(self) -> None:
        """Ready only once the main screen is composed and mounted, as a default screen's
        widgets composed by the app would be (the first frame, and pilots, find them). The
        workers start after the first frame and after whatever the app was asked to do once it
        is drawn: a thread started earlier takes the GIL from the UI while it imports the engine."""
        await AwaitMount(self.main, [self.main])
        self.call_after_refresh(self.main.start_workers)

    # -- what scripts and tests read and drive (the main screen's) -------------------------
    @property
    def engine(self) -> Engine:
        """The engine (made on first use, in the index worker after the first frame)."""
        return self.service.engine

    @property
    def state(self) -> SearchState:
        """The search on the main screen."""
        return self.main.state

    @property
    def last_result(self) -> SearchResult | None:
        """The results on show."""
        return self.main.last_result

    def set_state(self, state: SearchState) -> None:
        """Search for ``state`` on the main screen."""
        self.main.set_state(state)

    def set_query_text(self, text: str) -> None:
        """Put ``text`` in the search box without searching."""
        self.main.set_query_text(text)

    def goto(self, facet: str, value: str) -> None:
        """Filter to one value (the palette's 'go to')."""
        self.main.goto(facet, value)

    # -- keys everywhere --------------------------------------------------------------------
    def exit(self, *args, **kwargs) -> None:
        """Quit; a running index build stops at the next file and keeps the last good index."""
        self.service.cancel.set()
        super().exit(*args, **kwargs)

    def action_leave(self) -> None:
        """q: quit (it types a q in the search box, so it is neither shown nor active there)."""
        self.exit()

    def action_quit_typing(self) -> None:
        """Ctrl+Q: quit from anywhere, the search box included."""
        self.exit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """q only when not typing; the Ctrl+Q shown only when typing (elsewhere q is shown,
        and Textual's own Ctrl+Q still quits)."""
        if action == "leave":
            return not isinstance(self.focused, Input)
        if action == "quit_typing":
            return isinstance(self.focused, Input)
        return True

    def action_help(self) -> None:
        """Help for the focused pane."""
        from tui.help import HelpScreen

        topic = VIEW_TOPICS.get(type(self.screen).__name__)  # by name: the views load when first opened
        self.push_screen(HelpScreen(topic or self.main.focused_pane()))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The app's own palette commands, then Textual's (theme, keys, quit…)."""
        main = self.main
        yield SystemCommand("Clear all filters 清除筛选", "Remove every facet filter", main.action_clear_filters)
        yield SystemCommand("Rebuild index 重建索引", "Re-read the corpus and rebuild the index", main.action_rebuild)
        yield SystemCommand("Help 帮助", "Keys for the focused pane", self.action_help)
        if screen is main:
            yield from main.desk.commands()
        yield from super().get_system_commands(screen)


def run_app(corpus: str | None = None, index_dir: str | None = None, follow_links: bool = False) -> int:
    """Run the app; returns the exit status."""
    GxqApp(corpus, index_dir, follow_links=follow_links).run()
    return 0
