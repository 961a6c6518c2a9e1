"""What the engine answers, as frozen dataclasses the command line and the app read by attribute:
search hits (an article's row, snippets), result pages and entity counts. ``to_json()`` gives
each the CLI's JSON object (key order included). An article read whole is in ``articles.py``
(only ``show`` and ``articles`` need it, so a search does not create its classes); the KWIC
concordance, the matrix and the timeline live beside their builders in ``research/``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from functools import cache, cached_property
from typing import Any, Self

from search_index.facets import MULTI_VALUED
from search_index.research.facet_counts import parks_by_region
from search_index.research.highlight import Snippet

Filters = dict[str, list[str]]


@dataclass(frozen=True, kw_only=True)
class ArticleRow:
    """An article's metadata as the index's rows keep it (what a search hit carries);
    ``facets``: every multi-valued facet (parks, tracks, authors, …) → its values."""

    id: str
    source: str
    order: int
    kind: str
    title: str
    title_derived: bool
    kicker: str
    subtitle: str
    byline: str
    dateline: str
    publication: str
    date: str
    date_from: str
    url: str
    locator: str
    format: str
    column: str
    continued: bool
    lines: tuple[int, int]
    chars: int
    encoding: str
    facets: dict[str, list[str]]

    @classmethod
    def from_meta(cls, meta: dict) -> Self:
        """From a row's metadata record (``Memo.meta``) or, for the subclasses, the stored
        ``meta`` record indexing writes; a missing key is a bug and raises KeyError."""
        return cls(**_picked(cls, meta), facets=_facets(meta))

    @property
    def where(self) -> str:
        """``file:first–last``, the lines of the source the article comes from."""
        return f"{self.source}:{self.lines[0]}–{self.lines[1]}"

    def values(self, facet: str) -> list[str]:
        """The article's values of a multi-valued facet ([] when it has none)."""
        return self.facets.get(facet, [])


@dataclass(frozen=True)
class Hit:
    """One search result: the article's row, its BM25 score, snippets and how many hits."""

    meta: ArticleRow
    score: float
    snippets: tuple[Snippet, ...]
    hit_count: int

    @property
    def id(self) -> str:
        """The article's id."""
        return self.meta.id

    def to_json(self) -> dict:
        """The result object of the CLI's JSON."""
        m = self.meta
        return {
            "id": m.id,
            "title": m.title,
            "title_derived": m.title_derived,
            "source": m.source,
            "lines": list(m.lines),
            "kind": m.kind,
            "score": round(self.score, 4),
            "hits": self.hit_count,
            "snippets": [s.to_json() for s in self.snippets],
            **{f: m.values(f) for f in MULTI_VALUED},
            "date": m.date,
            "publication": m.publication,
            "url": m.url,
        }


@dataclass(frozen=True)
class EntityCount:
    """An entity value, the articles naming it and the surface forms seen for it."""

    value: str
    articles: int
    aliases: list[str]
    forms: dict[str, int] = field(default_factory=dict)  # form → articles that wrote it, most first

    def to_json(self) -> dict:
        """The CLI's JSON object."""
        return fields_json(self)


@dataclass(frozen=True)
class FacetCounts:
    """Exact counts over a result set: ``by_facet`` facet → value → articles (most first; the
    ``years`` and ``months`` facets oldest first) and the articles without a year. The parks
    as a province › city › zone tree are built once, when first asked (``parks_by_region``)."""

    by_facet: dict[str, Mapping[str, int]] = field(default_factory=dict)  # a dict per facet but one-value-per-row ones
    undated: int = 0

    @classmethod
    def from_counts(cls, counts: dict[str, Any]) -> FacetCounts:
        """From the counters' record or ``to_json()`` (facets, ``years``, ``months``,
        ``undated``; a ``parks_by_region`` tree is left to be built again)."""
        by_facet = {f: v for f, v in counts.items() if f not in ("parks_by_region", "undated")}
        return cls(by_facet, counts.get("undated", 0))

    @cached_property
    def parks_by_region(self) -> dict[str, Any]:
        """Province › city › zone counts (see :func:`research.facet_counts.parks_by_region`)."""
        return parks_by_region(self.by_facet)

    def parks_by_province(self, also: Iterable[str] = ()) -> dict[str, dict[str, int]]:
        """Province ("?" when unplaced) → zone → articles, read off the province tree; the
        zones in ``also`` (filters) are placed even when no article of the result names them."""
        missing = [park for park in also if park not in self.of("parks")]
        tree = parks_by_region(self.by_facet, missing) if missing else self.parks_by_region
        return {
            prov: {park: n for city in node["cities"].values() for park, n in city["parks"].items()}
            for prov, node in tree.items()
        }

    def of(self, facet: str) -> Mapping[str, int]:
        """A facet's value counts ({} for a facet with none): a dict, or for a facet with one
        value per article (``source`` of one-article files) a mapping built when first read."""
        return self.by_facet.get(facet, {})

    def to_json(self) -> dict:
        """The CLI's JSON object: the facets, the region tree, the date facets, the undated count."""
        dates = ("years", "months")
        out: dict[str, Any] = {f: _as_dict(v) for f, v in self.by_facet.items() if f not in dates}
        out["parks_by_region"] = self.parks_by_region
        out.update((f, self.by_facet[f]) for f in dates if f in self.by_facet)
        out["undated"] = self.undated
        return out


def _as_dict(counts: Mapping[str, int]) -> dict[str, int]:
    """A facet's counts as a dict (a one-value-per-row facet's are built when first read)."""
    return counts if isinstance(counts, dict) else dict(counts.items())


@dataclass(frozen=True)
class SearchResult:
    """A page of results with exact facet counts over the whole result set."""

    query: str
    total: int
    took_ms: float
    hits: list[Hit]
    facets: FacetCounts
    filters: Filters = field(default_factory=dict)
    exclude: Filters = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)
    expansions: dict[str, list[str]] = field(default_factory=dict)  # pinyin term → words

    def to_json(self) -> dict:
        """The CLI's JSON object."""
        return {
            "query": self.query,
            "expansions": self.expansions,
            "filters": self.filters,
            "exclude": self.exclude,
            "total": self.total,
            "took_ms": round(self.took_ms, 2),
            "hits": [h.to_json() for h in self.hits],
            "facets": self.facets.to_json(),
        }


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    """A dataclass's field names but ``facets`` (``fields()`` costs more than a hit's lookups)."""
    return tuple(f.name for f in fields(cls) if f.name != "facets")


def _picked(cls: type, meta: dict) -> dict[str, Any]:
    """The record's values of the class's fields (facets apart); a missing key is a bug."""
    out = {name: meta[name] for name in _field_names(cls)}
    out["lines"] = tuple(out["lines"])
    if "spans" in out:
        out["spans"] = [tuple(s) for s in out["spans"]]
    return out


def _facets(meta: dict) -> dict[str, list[str]]:
    return {f: meta.get(f) or [] for f in MULTI_VALUED}


def fields_json(obj: Any) -> dict:
    """A dataclass as a dict of its fields (the CLI's JSON object of the small ones)."""
    return {f.name: getattr(obj, f.name) for f in fields(obj)}
