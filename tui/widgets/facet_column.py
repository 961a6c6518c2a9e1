"""The column of facet panes left of the results: parks, tracks and dates, the entity and
source panes, and the saved searches."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from search_index.facets import PLAIN_PANES
from tui.widgets.dates_pane import DatesPane
from tui.widgets.facet_pane import FacetPane, ParksPane, TracksPane
from tui.widgets.saved_pane import SavedPane


class FacetColumn(Vertical):
    """Every facet pane, then the saved searches (ids ``pane-<facet>``, ``pane-saved``)."""

    def compose(self) -> ComposeResult:
        """The panes, top to bottom."""
        yield ParksPane(id="pane-parks")
        yield TracksPane(id="pane-tracks")
        yield DatesPane(id="pane-dates")
        for facet in PLAIN_PANES:  # titles from the facet registry
            yield FacetPane(facet, id=f"pane-{facet}")
        yield SavedPane(id="pane-saved")
