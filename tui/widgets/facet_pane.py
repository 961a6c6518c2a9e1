"""A facet pane: values with exact counts; Space includes, x excludes, c clears, f filters."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from search_index.facets import title as facet_title
from tui.messages import FacetCleared, FacetToggled
from tui.style import cells, fit
from tui.widgets.facet_rows import flat_head, flat_rows
from tui.widgets.keys import LIST_BINDINGS, MarksFocus

if TYPE_CHECKING:
    from search_index.results import FacetCounts

Chosen: TypeAlias = "dict[str, tuple[str, ...]]"  # facet → values (included or excluded)
FacetView: TypeAlias = "tuple[FacetCounts, Chosen, Chosen]"  # counts, and the filters they were counted under
SEP = "\x1f"  # option ids are facet SEP value


def option_id(facet: str, value: str) -> str:
    """The id of a facet value's option."""
    return f"{facet}{SEP}{value}"


def split_option_id(ident: str) -> tuple[str, str]:
    """(facet, value) from an option id."""
    facet, _, value = ident.partition(SEP)
    return facet, value


class FacetList(OptionList):
    """The values of one facet."""

    BINDINGS = [
        *LIST_BINDINGS,
        Binding("space", "include", "Include", id="facet.toggle", tooltip="Include this value (OR within the pane)"),
        Binding("x", "exclude", "Exclude", id="facet.exclude", tooltip="Exclude articles with this value"),
        Binding("c", "clear", "Clear", id="facet.clear", tooltip="Remove every filter of this pane"),
        Binding("f", "filter", "Filter", id="facet.filter", tooltip="Type to narrow this pane's list"),
        Binding("z", "collapse", "Fold", id="facet.fold", tooltip="Fold or unfold this pane (stays in the Tab order)"),
    ]

    _more_asked = False  # a page is on its way

    def _pane(self) -> FacetPane:
        return self.query_ancestor(FacetPane)

    def watch_highlighted(self, highlighted: int | None) -> None:
        """Draw the next rows when the cursor comes near the last one drawn."""
        super().watch_highlighted(highlighted)
        if highlighted is not None and highlighted >= self.option_count - PAGE_MARGIN:
            self._ask_more()

    def watch_scroll_y(self, old: float, new: float) -> None:
        """Draw the next rows when scrolling reaches the end."""
        super().watch_scroll_y(old, new)
        if self.max_scroll_y > 0 and new >= self.max_scroll_y - PAGE_MARGIN:
            self._ask_more()

    def _ask_more(self) -> None:
        """One page for the cursor and the scroll that moved with it."""
        if not self._more_asked:
            self._more_asked = True
            self.call_later(self._more)

    def _more(self) -> None:
        self._more_asked = False
        if self.is_attached:
            self._pane().draw_more()

    def _current(self) -> tuple[str, str] | None:
        option = self.highlighted_option
        return split_option_id(option.id) if option and option.id else None

    def _unfolded(self) -> bool:
        """False (after unfolding it) if the pane was folded: a key on a hidden list only opens it."""
        if self._pane().has_class("-collapsed"):
            self._pane().toggle_collapsed()
            return False
        return True

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a value includes it, as Space does."""
        event.stop()
        self.action_include()

    def action_include(self) -> None:
        """Include or un-include the highlighted value."""
        if self._unfolded() and (current := self._current()):
            self.post_message(FacetToggled(*current))

    def action_exclude(self) -> None:
        """Exclude the highlighted value."""
        if self._unfolded() and (current := self._current()):
            self.post_message(FacetToggled(*current, exclude=True))

    def action_clear(self) -> None:
        """Clear this pane's filters."""
        self.post_message(FacetCleared(self._pane().facet))
        for extra in self._pane().extra_facets:
            self.post_message(FacetCleared(extra))

    def action_filter(self) -> None:
        """Open the pane's type-to-filter box."""
        self._pane().open_filter("")

    def action_collapse(self) -> None:
        """Fold or unfold the pane."""
        self._pane().toggle_collapsed()

    async def _on_key(self, event: events.Key) -> None:
        char = event.character or ""
        if char and char.isprintable() and not char.isascii():
            event.stop()
            self._pane().open_filter(char)


class FacetPane(MarksFocus):
    """Title with a count, optional filter box, list of values. ``view`` (bound through the
    facet column) holds the counts of the current result and the filters."""

    view: reactive[FacetView | None] = reactive(None, init=False, always_update=True)
    own_rows = False  # True in a pane that makes its rows itself (a tree, dates): head() asks rows()

    def __init__(self, facet: str, title: str = "", extra_facets: tuple[str, ...] = (), **kwargs) -> None:
        super().__init__(classes="facet-pane", **kwargs)
        self.facet, self.title = facet, title or facet_title(facet)
        self.extra_facets = extra_facets
        self.needle = ""
        self._last: tuple = ()
        self._total = 0
        self._drawn: tuple | None = None  # what the list shows (rows, numbers, width): equal rows are not redrawn
        self._pending: tuple | None = None  # the rows to show (as _drawn), drawn a page at a time
        self._upto = 0  # how many of them are drawn (one more once the '… more' row is)
        self._title_drawn: Text | None = None

    def compose(self) -> ComposeResult:
        """Title, hidden filter box, values."""
        yield Static(self.title, classes="facet-title")
        yield Input(placeholder="filter…", classes="facet-filter -hidden")
        yield FacetList(classes="facet-list")

    @property
    def values(self) -> FacetList:
        """The list widget."""
        return self.query_one(FacetList)

    def on_resize(self) -> None:
        """Fit the rows to the pane's width (a new height alone redraws nothing)."""
        self._render_values()

    def on_click(self, event: events.Click) -> None:
        """Clicking the title folds the pane."""
        if isinstance(event.widget, Static) and event.widget.has_class("facet-title"):
            self.toggle_collapsed()

    def toggle_collapsed(self) -> None:
        """Fold or unfold; a folded list keeps its place in the Tab order (at no height)."""
        self.toggle_class("-collapsed")
        self._draw_title()

    def open_filter(self, first: str) -> None:
        """Show the filter box with ``first`` typed into it."""
        box = self.query_one(".facet-filter", Input)
        box.remove_class("-hidden")
        box.value = first
        box.cursor_position = len(first)
        box.focus()

    def close_filter(self) -> bool:
        """Hide the filter box and show every value; False if it was not open."""
        box = self.query_one(".facet-filter", Input)
        if box.has_class("-hidden") and not self.needle:
            return False
        box.add_class("-hidden")
        box.value = ""
        self.needle = ""
        self._render_values()
        self.values.focus()
        return True

    @on(Input.Changed, ".facet-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.needle = event.value.strip()
        self._render_values()

    @on(Input.Submitted, ".facet-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.values.focus()

    def watch_view(self, view: FacetView | None) -> None:
        """A new result's counts."""
        if view is not None:
            self.update_counts(*view)

    def update_counts(self, counts: FacetCounts, include: Chosen, exclude: Chosen) -> None:
        """New counts for the current query; selected values stay listed, also at 0."""
        self._last = (counts, include, exclude)
        self._render_values()

    def rows(self) -> list[tuple[str, str, int, str, int]]:
        """(facet, value, count, mark, depth) rows to show."""
        if not self._last:
            return []
        counts, include, exclude = self._last
        return flat_rows(self.facet, counts.of(self.facet), include.get(self.facet, ()), exclude.get(self.facet, ()))

    def head(self, limit: int) -> tuple[list[tuple[str, str, int, str, int]], int, int]:
        """The first ``limit`` rows, how many rows there are, and how many of them are this
        facet's values; a plain pane's are counted without building a row for every value
        (the source pane has one a file)."""
        if self.own_rows or not self._last:
            rows = self.rows()
            return rows[:limit], len(rows), sum(1 for r in rows if r[0] == self.facet)
        counts, include, exclude = self._last
        shown, count = flat_head(
            self.facet, counts.of(self.facet), include.get(self.facet, ()), exclude.get(self.facet, ()), limit
        )
        return shown, count, count

    def count_text(self, value: str, count: int) -> str:
        """The count shown at the right of a value."""
        return str(count)

    def _render_values(self) -> None:
        if self.needle:
            from search_index.analysis.pinyin import spells  # imported on the first filter typed

            rows = [r for r in self.rows() if spells(r[1], self.needle)]
            shown, count, own = rows[:MAX_ROWS], len(rows), sum(1 for r in rows if r[0] == self.facet)
        else:
            shown, count, own = self.head(MAX_ROWS)
        width = max(10, (self.values.scrollable_content_region.width or self.size.width or 26) - 1)
        numbers = [self.count_text(value, count) for _f, value, count, _m, _d in shown]
        drawn = (width, shown, numbers, count - len(shown))
        if drawn != self._drawn:  # the same rows at the same width: the list stays as it is
            self._drawn = drawn
            self._set_options(shown, numbers, width, count - len(shown))
        self._total = own  # every value, drawn or not
        self._draw_title()

    def _set_options(self, shown: list, numbers: list[str], width: int, more: int) -> None:
        """Replace the list's options, the cursor kept on the same value if it is still listed.
        A page of rows is drawn now (down to the cursor's value and a page past it); the others
        follow as the cursor or the scroll nears the end (``draw_more``)."""
        keep = self.values.highlighted_option.id if self.values.highlighted_option else None
        ids = [option_id(r[0], r[1]) for r in shown]
        self._pending = (shown, numbers, width, more)
        self._upto = 0
        self.values.set_options(self._options((ids.index(keep) if keep in ids else 0) + ROWS_PAGE))
        try:
            self.values.highlighted = self.values.get_option_index(keep) if keep else 0
        except Exception:
            self.values.highlighted = 0  # a cursor row from the first moment: Space always acts
        if not shown:
            self.values.highlighted = None

    def draw_more(self) -> None:
        """Draw the next page of rows, if any are left (and the '… more' row after the last)."""
        if self._pending is not None and self._upto <= len(self._pending[0]):
            self.values.add_options(self._options(self._upto + ROWS_PAGE))

    def _options(self, upto: int) -> list[Option]:
        """Options for the pending rows from the last drawn up to ``upto``, then the '… more'
        row once the last is reached; ``_upto`` passes the end when that row is drawn."""
        if self._pending is None:
            return []
        shown, numbers, width, more = self._pending
        end = min(upto, len(shown))
        options = [
            Option(_prompt(value, count, mark, depth, width, number), id=option_id(f, value))
            for (f, value, count, mark, depth), number in zip(
                shown[self._upto : end], numbers[self._upto : end], strict=True
            )
        ]
        if end == len(shown) and self._upto <= end:
            end += 1  # every row is drawn
            if more:
                text = Text(f"… {more} more: f to filter", style="dim italic")
                options.append(Option(text, id=f"{self.facet}:more", disabled=True))
        self._upto = end
        return options

    def _draw_title(self) -> None:
        """'Parks 园区  12', with ▸ when folded; kept on one line (the count never wraps)."""
        width = max(8, (self.size.width or 26) - 2)
        mark = "▸ " if self.has_class("-collapsed") else ""
        count = f"  {self._total}"
        title = fit(mark + self.title, width - cells(count))
        text = Text.assemble((title, "bold"), (count, "dim"))
        if text != self._title_drawn:  # an update lays the screen out again
            self._title_drawn = text
            self.query_one(".facet-title", Static).update(text)


MAX_ROWS = 80  # values listed per pane; the rest are one filter away
ROWS_PAGE = 20  # values drawn at a time: drawing 80 in each of ten panes held up every search
PAGE_MARGIN = 3  # draw the next page this many rows before the end


def _prompt(value: str, count: int, mark: str, depth: int, width: int, number: str = "") -> Text:
    marks = {"+": ("✓ ", "bold green"), "-": ("✗ ", "bold red"), " ": ("  ", "")}
    symbol, style = marks[mark]
    label = ("  " * depth) + value
    number = number or str(count)
    room = width - cells(symbol) - cells(number) - 1
    label = fit(label, room)
    pad = " " * max(1, width - cells(symbol) - cells(label) - cells(number))
    text = Text(symbol, style=style)
    text.append(label, style="bold" if depth == 0 and mark != " " else "")
    text.append(pad + number, style="dim" if count else "dim red")
    return text


class ParksPane(FacetPane):
    """Parks grouped by province: toggling a province filters all its zones."""

    own_rows = True

    def __init__(self, **kwargs) -> None:
        super().__init__("parks", extra_facets=("provinces",), **kwargs)

    def rows(self) -> list[tuple[str, str, int, str, int]]:
        """Province rows, each followed by its zones."""
        if not self._last:
            return []
        counts, include, exclude = self._last
        provinces = counts.of("provinces")
        chosen_parks = (*include.get("parks", ()), *exclude.get("parks", ()))
        chosen_provs = (*include.get("provinces", ()), *exclude.get("provinces", ()))
        by_province = counts.parks_by_province(chosen_parks)  # the engine's province tree
        grouped = {"其他" if prov == "?" else prov: zones for prov, zones in by_province.items()}
        for prov in chosen_provs:
            grouped.setdefault(prov, {})
        order = sorted(grouped, key=lambda p: (p not in chosen_provs, -provinces.get(p, 0), p))
        rows = []
        for prov in order:
            rows.append(("provinces", prov, provinces.get(prov, 0), _mark(prov, include, exclude, "provinces"), 0))
            zones = sorted(grouped[prov].items(), key=lambda kv: (kv[0] not in chosen_parks, -kv[1], kv[0]))
            rows += [("parks", z, c, _mark(z, include, exclude, "parks"), 1) for z, c in zones]
        return rows


def _mark(value: str, include, exclude, facet: str) -> str:
    if value in include.get(facet, ()):
        return "+"
    return "-" if value in exclude.get(facet, ()) else " "


class TracksPane(FacetPane):
    """Tracks: the strong count (name or alias), then '+N~' articles with only related terms."""

    own_rows = True

    def __init__(self, **kwargs) -> None:
        super().__init__("tracks", **kwargs)

    def rows(self) -> list[tuple[str, str, int, str, int]]:
        """Strong values by count, then tracks seen only weakly (at 0)."""
        rows = super().rows()
        if not self._last:
            return rows
        listed = {r[1] for r in rows}
        weak = self._last[0].of("tracks_weak")
        return rows + [("tracks", v, 0, " ", 0) for v in weak if v not in listed]

    def count_text(self, value: str, count: int) -> str:
        """'4' or '4+2~' (two more articles with related terms only)."""
        weak = self._last[0].of("tracks_weak").get(value, 0) if self._last else 0
        return f"{count}+{weak}~" if weak else str(count)
