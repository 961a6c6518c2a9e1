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
| `K` | concordance (KWIC) of the query |
| `M` | park × track matrix |
| `T` | timeline: articles over time for the top tracks, parks… |
| `t` | pick dates on the histogram strip above the results |
| `O` | order results: best match, newest, oldest first |
| `e` | export the results (Markdown, CSV, JSON) |
| `s` | save the query and filters; recall them from the Saved pane or `Ctrl+P` |
| `Ctrl+P` | commands: go to park/track, saved searches, export, clear filters, rebuild index, theme |
| `q` | quit (when not typing) |
"""

PANES = {
    "search": """
# Search box
Type to search as you type. Terms AND together; `OR`, `NOT` or `-term`, `"exact phrase"`,
and fields: `park:中关村`, `province:江苏省`, `track:6G`, `company:宇树科技`, `org:国家数据局`,
`person:郑纬民`, `place:南京`, `title:赛道`, `author:张伟`, `kind:photo`, and dates: `date:2024`,
`date:2024-03`, `date:2024-03-01..2024-06-30`, `date:2024..`, `date:..2019` (an article dated
only `2024-03` is inside `date:2024` and `date:2024-03`, not `date:2024-03-05`).
Chinese matches anywhere in the text; widths and spaces never matter. Traditional characters
find simplified text and back (中關村 = 中关村). Pinyin finds the corpus words it spells:
`zhongguancun` or `zgc` → 中关村, `dkjj` → 低空经济 (shown under the box).
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
| `f` or any Chinese character | filter this pane's list (pinyin works: `f` then `zgc`); `Esc` closes it |
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
| `n` / `N` | next / previous hit (the counter shows 3/17; the strip on top shows where hits fall) |
| `]` / `[` | next / previous article in the results |
| `o` | original source lines, as printed |
| `j`/`k`, `g`/`G` | scroll, top, end |
""",
    "kwic": """
# Concordance (KWIC)
Every hit of the query as one line, aligned on the keyword, within the current filters.
| key | does |
|---|---|
| `Enter` | open the article at this hit |
| `l` / `r` / `s` / `d` | sort by the word before / after the keyword (pinyin order), by source, or by date |
| `e` | export the lines |
| `j`/`k`, `g`/`G` | move, first, last |
| `Esc` | back to the results |
""",
    "matrix": """
# Park × track matrix
Articles naming both a park (rows) and a track (columns) under the current query and filters,
shaded by count, with totals. With one province filtered, rows are every zone of it.
| key | does |
|---|---|
| arrows | move between cells (the full names show below the grid) |
| `Enter` | filter the results to this park and track (a total cell: just one of them) |
| `w` | also count weak (related-term-only) track mentions |
| `+` / `-` | five more / fewer parks |
| `e` | export the matrix |
| `Esc` | back to the results |
""",
    "timeline": """
# Timeline
Articles per period under the current query and filters (the `all` column), and one series
per top value of a facet; undated articles are counted apart.
| key | does |
|---|---|
| arrows | move between periods and series |
| `Enter` | filter the results to this period (and this value) |
| `f` | series for tracks, parks, provinces, companies |
| `b` | periods: from the span, year, month, week, day |
| `e` | export the timeline |
| `Esc` | back to the results |
""",
    "strip": """
# Histogram strip
Articles per period for the current search; the chosen period is labelled with its count.
| key | does |
|---|---|
| `←`/`→`, `h`/`l` | earlier / later period |
| `Shift+←`/`Shift+→`, `H`/`L` | extend the choice to a range of periods |
| `Enter` | filter to the chosen dates (a removable date chip) |
| `Esc` | back to the results |
""",
    "saved": """
# Saved searches
Each saved query and its filters with how many results it has now.
| key | does |
|---|---|
| `Enter` | run it: its query and filters replace the current ones |
| `d` | delete it |
| `s` (anywhere) | save the current search |
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
