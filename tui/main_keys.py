"""The main screen's keys and focus: where Esc and / go, typing ahead from the lists into the
search box, which letter commands are live, the help topic of the focused pane; and the
research keys, exports and saved searches (the desk runs them). ``MainScreen`` builds on it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from tui.messages import ExportDone, SavedCounts, TypedAhead
from tui.widgets.facet_pane import FacetList, FacetPane
from tui.widgets.reader import Reader
from tui.widgets.results import ResultList
from tui.widgets.saved_pane import SavedList, SavedPane
from tui.widgets.time_strip import TimeStrip

if TYPE_CHECKING:
    from tui.research import ResearchDesk

TYPED = {"kwic", "matrix", "export", "save_search"}  # letter commands: in a text box their keys are typed


def inside(widget: Widget | None, kind: type) -> bool:
    """``widget`` is a ``kind`` or inside one."""
    return widget is not None and (isinstance(widget, kind) or any(isinstance(n, kind) for n in widget.ancestors))


class MainKeys(Screen):
    """Keys and focus of the main screen (its panes are composed by ``MainScreen``)."""

    desk: ResearchDesk  # opens the research views (set by MainScreen)
    _typing_ahead = False  # keys typed in the results or reader are going to the box

    def action_focus_search(self) -> None:
        """Cursor to the end of the query (never selecting it, never typing '/')."""
        self.remove_class("-reading", "-zoom")
        box = self.query_one("#query", Input)
        box.focus()
        box.cursor_position = len(box.value)

    def on_typed_ahead(self, message: TypedAhead) -> None:
        """A key typed in the results or the reader starts a new term at the end of the query
        (a space before it), so typing is never lost and never runs a command by surprise.
        Keys that were on their way before the box took focus (an input method commits a
        word as a burst of keys) continue that term."""
        box = self.query_one("#query", Input)
        text = message.text
        if not self._typing_ahead:
            self._typing_ahead = True
            self.action_focus_search()
            if box.value and not box.value.endswith(" ") and text != " ":
                text = " " + text
        box.insert_text_at_cursor(text)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Focus anywhere but the box ends a typed-ahead term."""
        if event.widget.id != "query":
            self._typing_ahead = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Letter commands only when not typing (in a text box their keys are typed)."""
        if action in TYPED:
            return not isinstance(self.focused, Input)
        return True

    def action_back(self) -> None:
        """Esc: reader → the view it was opened from (KWIC) or the results → search box;
        closes a pane filter first; in the box it clears the query and the reader."""
        focused = self.focused
        if focused is not None and inside(focused, FacetPane):
            pane = focused if isinstance(focused, FacetPane) else focused.query_ancestor(FacetPane)
            if pane.close_filter():
                return
        if isinstance(focused, Reader):
            if self.desk.return_view is not None:
                self.desk.reopen_view()
                return
            self.remove_class("-reading", "-zoom")
            self.query_one(ResultList).focus()
        elif isinstance(focused, (ResultList, FacetList, SavedList)):
            self.action_focus_search()
        elif isinstance(focused, Input) and focused.id == "query" and focused.value:
            focused.value = ""
            self.query_one(Reader).clear()
            self.remove_class("-reading", "-zoom")

    def action_focus_strip(self) -> None:
        """Put the cursor on the histogram strip."""
        strip = self.query_one(TimeStrip)
        if not strip.display:
            self.notify("No result of this search has a year", severity="warning", timeout=3)
            return
        strip.can_focus = True
        strip.focus()

    def on_time_strip_left(self, message: TimeStrip.Left) -> None:
        """Esc on the strip: back to the results."""
        self.query_one(ResultList).focus()

    def focused_pane(self) -> str:
        """The help topic of the focused widget."""
        focused = self.focused
        for kind, name in ((SavedList, "saved"), (TimeStrip, "strip"), (Reader, "reader"), (ResultList, "results")):
            if isinstance(focused, kind):
                return name
        return "facets" if inside(focused, FacetPane) else "search"

    # -- research views, exports, saved searches (the desk runs them) ---------------------
    def action_kwic(self) -> None:
        """K: the concordance of the current search."""
        self.desk.kwic()

    def action_matrix(self) -> None:
        """M: the park × track matrix of the current search."""
        self.desk.matrix()

    def action_timeline(self) -> None:
        """T: the Timeline of the current search."""
        self.desk.timeline()

    def action_export(self) -> None:
        """e: export the current results."""
        self.desk.export("results")

    def action_save_search(self) -> None:
        """s: save the current search under a name."""
        self.desk.save_search()

    def on_export_done(self, message: ExportDone) -> None:
        """Say where the file is (or why there is none)."""
        if message.error:
            self.notify(message.error, title="Export failed", severity="error", timeout=8)
        else:
            self.notify(f"Written to {message.path}", title="Exported", timeout=8)

    def on_saved_counts(self, message: SavedCounts) -> None:
        """Refresh the saved pane."""
        if message.problem:
            self.notify(message.problem, title="Saved searches", severity="error", timeout=8)
        if message.rows or not message.problem:
            self.query_one(SavedPane).show(message.rows)
        if message.saved:
            self.notify(f"Saved '{message.saved}'", timeout=3)

    def on_saved_list_recall(self, message: SavedList.Recall) -> None:
        """Run the chosen saved search."""
        saved = self.query_one(SavedPane).get(message.name)
        if saved is not None:
            self.desk.recall(saved)

    def on_saved_list_delete(self, message: SavedList.Delete) -> None:
        """Forget a saved search, once the user says yes."""
        self.desk.delete(message.name)
