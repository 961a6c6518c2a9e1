"""The column of facet panes left of the results: parks, tracks and dates, the entity and
source panes, and the saved searches."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive

from search_index.facets import PLAIN_PANES
from tui.widgets.dates_pane import DatesPane
from tui.widgets.facet_pane import FacetPane, FacetView, ParksPane, TracksPane
from tui.widgets.saved_pane import SavedPane


class FacetColumn(Vertical):
    """Every facet pane, then the saved searches (ids ``pane-<facet>``, ``pane-saved``). The
    screen binds ``view`` (the current result's counts and filters); each pane shows it."""

    view: reactive[FacetView | None] = reactive(None, init=False, always_update=True)

    def compose(self) -> ComposeResult:
        """The panes, top to bottom."""
        yield ParksPane(id="pane-parks").data_bind(FacetColumn.view)
        yield TracksPane(id="pane-tracks").data_bind(FacetColumn.view)
        yield DatesPane(id="pane-dates").data_bind(FacetColumn.view)
        for facet in PLAIN_PANES:  # titles from the facet registry
            yield FacetPane(facet, id=f"pane-{facet}").data_bind(FacetColumn.view)
        yield SavedPane(id="pane-saved")
