"""The column of facet panes left of the results: parks, tracks and dates, the entity and
source panes, and the saved searches."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widget import AwaitMount, Widget

from search_index.facets import PLAIN_PANES
from tui.widgets.dates_pane import DatesPane
from tui.widgets.facet_pane import FacetPane, FacetView, ParksPane, TracksPane
from tui.widgets.saved_pane import SavedPane


def facet_panes() -> list[Widget]:
    """The panes, top to bottom (ids ``pane-<facet>``, ``pane-saved``)."""
    panes: list[Widget] = [ParksPane(id="pane-parks"), TracksPane(id="pane-tracks"), DatesPane(id="pane-dates")]
    panes += [FacetPane(facet, id=f"pane-{facet}") for facet in PLAIN_PANES]  # titles from the facet registry
    return [*panes, SavedPane(id="pane-saved")]


class FacetColumn(Vertical):
    """Every facet pane, then the saved searches. The screen binds ``view`` (the current
    result's counts and filters); each pane shows it. The panes (some fifty widgets) are
    mounted by ``fill`` after the first frame, which has no counts to show in them yet."""

    view: reactive[FacetView | None] = reactive(None, init=False, always_update=True)

    def compose(self) -> ComposeResult:
        """Nothing before the first frame (``fill`` mounts the panes)."""
        return iter(())

    def fill(self) -> AwaitMount:
        """Mount the panes (once); they show the counts on hand."""
        if self.children:
            return AwaitMount(self, [])
        mounted = self.mount_all(facet_panes())
        if self.view is not None:
            self.watch_view(self.view)
        return mounted

    def watch_view(self, view: FacetView | None) -> None:
        """Every pane shows the new counts."""
        for pane in self.query(FacetPane):
            pane.view = view
