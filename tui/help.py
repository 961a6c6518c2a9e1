"""F1 / ? help: what the focused pane does and which keys work there."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

GLOBAL = """
## Everywhere
| key | does |
|---|---|
| `/` | search box |
| `Tab` / `Shift+Tab` | next / previous pane |
| `Esc` | back one level: reader → results → search; closes a pane filter |
| `F1`, `?` | this help |
| `Ctrl+P` | commands: go to park, go to track, clear filters, rebuild index, theme |
| `q` | quit (when not typing) |
"""

PANES = {
    "search": """
# Search box
Type to search as you type. Terms AND together; `OR`, `NOT` or `-term`, `"exact phrase"`,
and fields: `park:中关村`, `province:江苏省`, `track:6G`, `company:宇树科技`, `org:国家数据局`,
`person:郑纬民`, `place:南京`, `title:赛道`, `author:张伟`, `kind:photo`.
Chinese matches anywhere in the text; widths and spaces never matter.
`Enter` moves to the results; `Backspace` in an empty box removes the last filter chip.
""",
    "facets": """
# Facet pane
Values with exact counts for the current query and filters.
| key | does |
|---|---|
| `Space`, `Enter` | include the value (values of one pane OR together; panes AND) |
| `x` | exclude the value |
| `c` | clear this pane's filters |
| `f` or any Chinese character | filter this pane's list; `Esc` closes the filter |
| `z`, click the title | fold the pane |
| `j`/`k`, `g`/`G` | move, first, last |
In Parks, a province row filters every zone of that province. In Tracks, `4+2~` means four
articles name the track (or an alias) and two more only use related terms (人形机器人 → 具身智能).
""",
    "results": """
# Results
Ranked results (all articles in corpus order when the query is empty), with the hit count
and a highlighted snippet.
| key | does |
|---|---|
| `Enter` | open in the reader |
| `j`/`k`, `g`/`G` | move, first, last |
""",
    "reader": """
# Reader
The cleaned article: hits highlighted (current hit in orange), parks in cyan, tracks in
magenta, subheads underlined.
| key | does |
|---|---|
| `n` / `N` | next / previous hit (the counter shows 3/17) |
| `]` / `[` | next / previous article in the results |
| `o` | original source lines, as printed |
| `j`/`k`, `g`/`G` | scroll, top, end |
""",
}


class HelpScreen(ModalScreen[None]):
    """Help for one pane plus the global keys."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Close", id="help.close", tooltip="Close help")]

    def __init__(self, pane: str) -> None:
        super().__init__()
        self.pane = pane

    def compose(self) -> ComposeResult:
        """The pane's help first."""
        with VerticalScroll(id="help-body"):
            yield Markdown(PANES.get(self.pane, "") + GLOBAL)
