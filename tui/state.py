"""The search the user is looking at: query text plus included and excluded facet values
(and date filters, facet ``date``), and the order of the results."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from search_index.facets import LABELS

FACET_LABELS = LABELS  # a chip's label per facet (the registry's)
SORTS = ("score", "newest", "oldest")


def _without(table: dict[str, tuple[str, ...]], facet: str, value: str) -> dict[str, tuple[str, ...]]:
    values = tuple(v for v in table.get(facet, ()) if v != value)
    out = {k: v for k, v in table.items() if k != facet}
    if values:
        out[facet] = values
    return out


def _with(table: dict[str, tuple[str, ...]], facet: str, value: str) -> dict[str, tuple[str, ...]]:
    out = dict(table)
    out[facet] = (*table.get(facet, ()), value)
    return out


@dataclass(frozen=True)
class SearchState:
    """Immutable: every change returns a new state (so workers never see a half-made one)."""

    text: str = ""
    include: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "score"  # score, newest or oldest (search_index.engine.RESULT_SORTS)

    def next_sort(self) -> SearchState:
        """The same search in the next order: score → newest → oldest → score."""
        return replace(self, sort=SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)])

    def with_text(self, text: str) -> SearchState:
        """Same filters, new query text."""
        return replace(self, text=text)

    def toggle(self, facet: str, value: str) -> SearchState:
        """Include a value (OR within its facet), or drop it if it was included or excluded."""
        if value in self.include.get(facet, ()):
            return replace(self, include=_without(self.include, facet, value))
        if value in self.exclude.get(facet, ()):
            return replace(self, exclude=_without(self.exclude, facet, value))
        return replace(self, include=_with(self.include, facet, value))

    def exclude_value(self, facet: str, value: str) -> SearchState:
        """Exclude a value (or stop excluding it)."""
        if value in self.exclude.get(facet, ()):
            return replace(self, exclude=_without(self.exclude, facet, value))
        return replace(self, include=_without(self.include, facet, value), exclude=_with(self.exclude, facet, value))

    def only(self, facet: str, value: str) -> SearchState:
        """Filter to exactly this value in its facet (palette 'go to')."""
        include = {k: v for k, v in self.include.items() if k != facet}
        include[facet] = (value,)
        return replace(self, include=include, exclude=_without(self.exclude, facet, value))

    def clear(self, facet: str) -> SearchState:
        """Drop every filter of one facet."""
        return replace(
            self,
            include={k: v for k, v in self.include.items() if k != facet},
            exclude={k: v for k, v in self.exclude.items() if k != facet},
        )

    def clear_all(self) -> SearchState:
        """Drop every filter, keep the text."""
        return replace(self, include={}, exclude={})

    def chips(self) -> list[tuple[str, str, bool]]:
        """(facet, value, excluded) for every active filter, in a stable order."""
        out = [(f, v, False) for f, vals in self.include.items() for v in vals]
        return out + [(f, v, True) for f, vals in self.exclude.items() for v in vals]

    def filters(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """The engine's include and exclude arguments."""
        return (
            {k: list(v) for k, v in self.include.items()},
            {k: list(v) for k, v in self.exclude.items()},
        )
