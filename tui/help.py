"""F1 / ? help: what the focused pane does and its keys, generated from the bindings
themselves (so help cannot drift from the keys), then the keys that work everywhere."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "escape": "Esc",
    "enter": "Enter",
    "space": "Space",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "plus": "+",
    "equals_sign": "=",
    "minus": "-",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
}

INTRO = {
    "search": """
# Search box
Type to search as you type. Terms AND together; `OR`, `NOT` or `-term`, `"exact phrase"`,
and fields: `park:中关村`, `province:江苏省`, `track:6G`, `company:宇树科技`, `org:国家数据局`,
`person:郑纬民`, `place:南京`, `title:赛道`, `author:张伟`, `kind:photo`, and dates: `date:2024`,
`date:2024-03`, `date:2024-03-01..2024-06-30`, `date:2024..`, `date:..2019` (an article dated
only `2024-03` is inside `date:2024` and `date:2024-03`, not `date:2024-03-05`).
Chinese matches anywhere in the text; widths and spaces never matter. Traditional characters
find simplified text and back (中關村 = 中关村). Pinyin finds the corpus words it spells:
`zgc` → 中关村, `dkjj` → 低空经济 (shown under the box).
`Enter` moves to the results; `Backspace` in an empty box removes the last filter chip;
`Esc` clears the query. Every key types here, so use `Ctrl+Q` to quit.
""",
    "facets": """
# Facet pane
Values with exact counts for the current query and filters; values of one pane OR together,
panes AND. Any Chinese character (or `f`, then pinyin such as `zgc`) filters the pane's list.
In Parks, a province row filters every zone of it. In Tracks, `4+2~` means four articles name
the track (or an alias) and two more only use related terms (人形机器人 → 具身智能).
A folded pane (`z`) stays in the Tab order; any of its keys unfolds it.
""",
    "results": """
# Results
Ranked results (all articles in corpus order when the query is empty), with the hit count,
the score and a highlighted snippet. Any key not listed below (Chinese too) starts a new term
of the query in the search box.
""",
    "reader": """
# Reader
The cleaned article: hits highlighted (current hit in orange), parks in cyan, tracks in
magenta, subheads underlined; the strip on top shows where hits fall. Any key not listed below
(Chinese too) starts a new term of the query in the search box.
""",
    "kwic": """
# Concordance (KWIC)
Every hit of the query as one line, aligned on the keyword, within the current filters.
`Esc` in an article opened from here comes back to this line.
""",
    "matrix": """
# Park × track matrix
Articles naming both a park (rows) and a track (columns) under the current query and filters,
shaded by count, with totals. With one province filtered, rows are every zone of it. Arrows
move between cells (the full names show below the grid).
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
Each saved query and its filters with how many results it has now; searches saved on another
corpus are listed after this corpus's, marked `◦`.
""",
}

EVERYWHERE_EXTRA = [
    ("Tab, Shift+Tab", "next / previous pane"),
    ("Ctrl+P", "commands: go to park/track, saved searches, export, clear filters, rebuild index, theme"),
]


def key_label(key: str) -> str:
    """'slash' → '/', 'ctrl+q' → 'Ctrl+Q', 'f1' → 'F1', 'K' → 'K'."""
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key_label(key[5:]).upper()
    if len(key) > 1 and key[0] == "f" and key[1:].isdigit():
        return key.upper()
    return key


def binding_rows(bindings: list[Binding]) -> list[tuple[str, str]]:
    """(keys, what they do) per action, keys of one action joined: 'F1, ?'."""
    rows: dict[str, tuple[list[str], str]] = {}
    for binding in bindings:
        keys, _text = rows.setdefault(binding.action, ([], binding.tooltip or binding.description))
        keys.extend(key_label(k.strip()) for k in binding.key.split(",") if key_label(k.strip()) not in keys)
    return [(", ".join(keys), text) for keys, text in rows.values()]


def key_table(rows: list[tuple[str, str]]) -> str:
    """The keys as a Markdown list, one line each (a table takes two lines a key)."""
    return "\n".join(f"- `{keys}` — {text}" for keys, text in rows) + "\n"


def pane_bindings(pane: str) -> list[Binding]:
    """The bindings of the focused pane (the classes its keys come from)."""
    from tui.views.base import ViewScreen
    from tui.views.kwic import KwicList, KwicScreen
    from tui.views.matrix import MatrixScreen
    from tui.widgets.facet_pane import FacetList
    from tui.widgets.reader import Reader
    from tui.widgets.results import ResultList
    from tui.widgets.saved_pane import SavedList

    sources: dict[str, list] = {
        "search": [],
        "facets": [FacetList],
        "results": [ResultList],
        "reader": [Reader],
        "kwic": [KwicScreen, KwicList, ViewScreen],
        "matrix": [MatrixScreen, ViewScreen],
        "saved": [SavedList],
    }
    return [b for cls in sources.get(pane, []) for b in cls.BINDINGS if isinstance(b, Binding)]


def help_text(pane: str) -> str:
    """The pane's prose and keys, then every key that works everywhere."""
    from tui.app import GxqApp

    text = INTRO.get(pane, "")
    own = pane_bindings(pane)
    if own:
        text += "\n" + key_table(binding_rows(own))
    everywhere = binding_rows([b for b in GxqApp.BINDINGS if isinstance(b, Binding)]) + EVERYWHERE_EXTRA
    return text + "\n## Everywhere\n" + key_table(everywhere)


class HelpScreen(ModalScreen[None]):
    """Help for one pane plus the global keys."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Close", id="help.close", tooltip="Close help")]

    def __init__(self, pane: str) -> None:
        super().__init__()
        self.pane = pane

    def compose(self) -> ComposeResult:
        """The pane's help first."""
        with VerticalScroll(id="help-body"):
            yield Markdown(help_text(self.pane))
