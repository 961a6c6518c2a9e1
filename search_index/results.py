"""What the engine answers: search hits and results, and KWIC concordances (the CLI's JSON)."""

from __future__ import annotations

from dataclasses import dataclass, field

from search_index.facets import MULTI_VALUED
from search_index.research.concordance import KwicLine

Filters = dict[str, list[str]]


@dataclass
class Hit:
    """One search result."""

    meta: dict
    score: float
    snippets: list[dict]
    hit_count: int

    def to_json(self) -> dict:
        """The result object of the CLI's JSON."""
        m = self.meta
        return {
            "id": m["id"],
            "title": m["title"],
            "title_derived": m["title_derived"],
            "source": m["source"],
            "lines": m["lines"],
            "kind": m["kind"],
            "score": round(self.score, 4),
            "hits": self.hit_count,
            "snippets": self.snippets,
            **{f: m.get(f, []) for f in MULTI_VALUED},
            "date": m["date"],
            "publication": m.get("publication", ""),
            "url": m.get("url", ""),
        }


@dataclass
class SearchResult:
    """A page of results with exact facet counts over the whole result set."""

    query: str
    total: int
    took_ms: float
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
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
            "facets": self.facets,
        }


@dataclass
class Concordance:
    """KWIC lines for a query, sorted, over the articles the filters allow."""

    query: str
    filters: Filters
    exclude: Filters
    lines: list[KwicLine]
    articles: int
    width: int
    sort: str
    took_ms: float = 0.0
    expansions: dict[str, list[str]] = field(default_factory=dict)
    hits: int = 0  # every hit under the query and filters; past MAX_LINES they are counted, not placed

    @property
    def left_out(self) -> int:
        """Hits that have no line here (past the engine's cap, or cut by the caller)."""
        return max(0, self.hits - len(self.lines))

    def to_json(self) -> dict:
        """The CLI's JSON object."""
        return {
            "query": self.query,
            "filters": self.filters,
            "exclude": self.exclude,
            "expansions": self.expansions,
            "sort": self.sort,
            "width": self.width,
            "articles": self.articles,
            "total": len(self.lines),
            "hits": self.hits,
            "left_out": self.left_out,
            "took_ms": round(self.took_ms, 2),
            "lines": [ln.to_json() for ln in self.lines],
        }
