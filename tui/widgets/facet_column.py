"""The column of facet panes left of the results: parks, tracks and dates, the entity and
source panes, and the saved searches."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from tui.widgets.dates_pane import DatesPane
from tui.widgets.facet_pane import FacetPane, ParksPane, TracksPane
from tui.widgets.saved_pane import SavedPane

PANES = (  # (facet, title) of the plain panes, in screen order after parks, tracks and dates
    ("companies", "Companies 企业"),
    ("people", "People 人物"),
    ("orgs", "Organisations 机构"),
    ("places", "Places 地点"),
    ("publication", "Outlets 媒体"),
    ("kind", "Kind 类型"),
    ("source", "Source 来源"),
)


class FacetColumn(Vertical):
    """Every facet pane, then the saved searches (ids ``pane-<facet>``, ``pane-saved``)."""

    def compose(self) -> ComposeResult:
        """The panes, top to bottom."""
        yield ParksPane(id="pane-parks")
        yield TracksPane(id="pane-tracks")
        yield DatesPane(id="pane-dates")
        for facet, title in PANES:
            yield FacetPane(facet, title, id=f"pane-{facet}")
        yield SavedPane(id="pane-saved")
