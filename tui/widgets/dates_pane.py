"""Dates as a year › month tree with article counts, newest first, like province › zone;
toggling a year or a month filters the results to it (a date chip). Hidden while no article
under the search has a year."""

from __future__ import annotations

from tui.widgets.facet_pane import FacetPane, _mark


class DatesPane(FacetPane):
    """Years, each followed by its months; values are date filters (``2024``, ``2024-03``)."""

    own_rows = True

    def __init__(self, **kwargs) -> None:
        super().__init__("date", **kwargs)

    def update_counts(self, counts, include, exclude) -> None:
        """New counts; the pane shows only when some article has a year (or a date is chosen)."""
        self.display = bool(counts.of("years")) or bool(include.get("date") or exclude.get("date"))
        super().update_counts(counts, include, exclude)

    def rows(self) -> list[tuple[str, str, int, str, int]]:
        """Chosen date filters first, then years (newest first) with their months."""
        if not self._last:
            return []
        counts, include, exclude = self._last
        years, months = counts.of("years"), counts.of("months")
        rows = []
        chosen = [*include.get("date", ()), *exclude.get("date", ())]
        for value in chosen:
            count = months.get(value, years.get(value, 0))
            rows.append(("date", value, count, _mark(value, include, exclude, "date"), 0))
        by_year: dict[str, list[str]] = {}
        for month in months:
            by_year.setdefault(month[:4], []).append(month)
        for year in sorted(years, reverse=True):
            if year not in chosen:
                rows.append(("date", year, years[year], " ", 0))
            rows += [
                ("date", m, months[m], " ", 1) for m in sorted(by_year.get(year, []), reverse=True) if m not in chosen
            ]
        return rows
