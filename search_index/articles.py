"""An article read whole, as the engine answers ``show`` and ``articles``: its stored metadata
(:class:`ArticleInfo`), and for reading its text with the hits of a query, its entity mentions
and its source lines (:class:`Article`). Apart from ``results.py`` so that a search, which needs
only the rows of its hits, does not create these classes."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Self

from search_index.facets import MULTI_VALUED
from search_index.research.highlight import MAX_HITS, Span, find_hits, first_hits
from search_index.results import ArticleRow, fields_json

if TYPE_CHECKING:
    from search_index.reference.gazetteer import Mention


@dataclass(frozen=True, kw_only=True)
class ArticleInfo(ArticleRow):
    """An article's stored metadata (``Engine.articles()``): the row's fields, its subheads,
    the character spans of its source and the people named with their roles."""

    subheads: list[str]
    spans: list[Span]
    people_roles: list[dict[str, str]]

    def to_json(self) -> dict:
        """The CLI's JSON object: the stored record's keys in the stored order."""
        out: dict[str, Any] = {}
        for name in STORED_ORDER:
            if name == "facets":
                out.update((f, self.facets.get(f, [])) for f in MULTI_VALUED if f != "authors")
            elif name == "authors":
                out["authors"] = self.values("authors")
            else:
                out[name] = _plain(getattr(self, name))
        return out


# The order of an article's stored record (``index/schema.py``), "facets" standing for the
# multi-valued facets other than authors; the JSON keeps it.
STORED_ORDER = (
    *("id", "source", "order", "kind", "title", "title_derived", "kicker", "subtitle", "byline", "authors"),
    *("dateline", "publication", "date", "date_from", "url", "locator", "format", "column", "subheads"),
    *("continued", "lines", "spans", "facets", "people_roles", "chars", "encoding"),
)


@dataclass(frozen=True)
class ArticleMention:
    """An entity named in an article's text: ``text`` as printed, ``value`` its canonical
    name, ``strong`` False for a related term only (a weak track)."""

    start: int
    end: int
    type: str
    value: str
    text: str
    strong: bool

    def to_json(self) -> dict:
        """The CLI's JSON object."""
        return fields_json(self)


@dataclass(frozen=True)
class SourceLine:
    """A line of the article as stored in its corpus file (``line``: its number there)."""

    line: int
    text: str

    def to_json(self) -> dict:
        """The CLI's JSON object."""
        return fields_json(self)


@dataclass(frozen=True, kw_only=True)
class Article(ArticleInfo):
    """One article for reading (``Engine.show()``): its cleaned text and layout blocks
    (kind, start, end), the hits of a query in text and title (the first ``len(hits)`` of
    ``hit_count``), entity mentions and the source lines."""

    text: str
    blocks: list[tuple[str, int, int]]
    hit_count: int
    hits: list[Span]
    title_hits: list[Span]
    mentions: list[ArticleMention]
    source_lines: list[SourceLine]

    @classmethod
    def from_stored(
        cls, meta: dict, text: str, terms: list[str], found: list[Mention], source_lines: list[dict]
    ) -> Self:
        """An article as stored (its record and text), with the hits of ``terms``, the entity
        mentions ``found`` in it and the lines of its source file."""
        spans, hit_count = first_hits(text, terms, MAX_HITS)  # the first ones of a dense article
        marks = [ArticleMention(m.start, m.end, m.type, m.value, m.surface, m.strong) for m in found]
        info = ArticleInfo.from_meta(meta)
        return cls(
            **{f.name: getattr(info, f.name) for f in fields(info)},
            text=text,
            blocks=[(kind, s, e) for kind, s, e in meta["blocks"]],
            hit_count=hit_count,
            hits=spans,
            title_hits=find_hits(meta["title"], terms),
            mentions=marks,
            source_lines=[SourceLine(ln["line"], ln["text"]) for ln in source_lines],
        )

    def to_json(self) -> dict:
        """The CLI's JSON object: the stored record, then text, blocks, hits, mentions, lines."""
        return {
            **super().to_json(),
            "text": self.text,
            "blocks": [list(b) for b in self.blocks],
            "hit_count": self.hit_count,
            "hits": [list(h) for h in self.hits],
            "title_hits": [list(h) for h in self.title_hits],
            "mentions": [m.to_json() for m in self.mentions],
            "source_lines": [ln.to_json() for ln in self.source_lines],
        }


def _plain(value: Any) -> Any:
    """A value as JSON writes it (tuples become lists, also inside lists)."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
