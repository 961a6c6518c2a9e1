"""The engine: the façade the CLI and the app query. It opens one corpus's index (the
lifecycle and lookups live in ``session.py``) and composes searches, articles, entity lists
and the research views (KWIC, matrix, timeline) from the layers below. The code of the
research views and of whole articles is imported by the method that needs it: a command runs
one of them, and a cold search pays for none."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from search_index.analysis.textnorm import key_from
from search_index.facets import ENTITY_TYPES
from search_index.query.parser import Compiled, QueryError, facet_field, filter_query
from search_index.research.facet_counts import written_forms
from search_index.research.highlight import MAX_MENTION_CHARS, WINDOW_HITS, first_hits, snippets
from search_index.research.options import KWIC_SORTS, KWIC_WIDTH, MATRIX_TOP
from search_index.results import ArticleRow, EntityCount, FacetCounts, Filters, Hit, SearchResult
from search_index.session import IndexSession, IndexStats, default_corpus

if TYPE_CHECKING:
    from search_index.articles import Article, ArticleInfo
    from search_index.research.concordance import Concordance
    from search_index.research.matrix import Matrix
    from search_index.research.timeline import Timeline

RESULT_SORTS = ("score", "newest", "oldest")


def mentions(text: str):
    """Entity mentions in a text (the extractor is imported on first use: a search needs none)."""
    from search_index.entities import mentions as found_in

    return found_in(text)


class Engine(IndexSession):
    """Search one corpus folder. Call ``sync()`` (or ``open()``) before querying."""

    # -- queries ------------------------------------------------------------------------
    def search(
        self,
        text: str = "",
        filters: Filters | None = None,
        exclude: Filters | None = None,
        limit: int = 20,
        offset: int = 0,
        snippet_count: int = 3,
        sort: str = "score",
    ) -> SearchResult:
        """Run a query with facet filters; raise QueryError for a malformed query. ``sort``:
        ``score`` (BM25; corpus order without text terms), ``newest`` or ``oldest`` (undated
        last)."""
        started = time.perf_counter()
        if sort not in RESULT_SORTS:
            raise QueryError(f"sort must be one of {', '.join(RESULT_SORTS)}")
        compiled = self.compile(text)
        fq = filter_query(filters, exclude, self._alias_lookup)
        with self._querying():
            reader = self._require()
            rows, ranked = self._match(compiled, fq, limit + offset, sort)
            page = ranked[offset : offset + limit]
            hits = [self._hit(reader, row, score, compiled, snippet_count) for row, score in page]
            facets = FacetCounts.from_counts(self.count_facets(rows))
        took = (time.perf_counter() - started) * 1000
        return SearchResult(
            text, len(rows), took, hits, facets, filters or {}, exclude or {}, compiled.terms, compiled.expansions
        )

    def kwic(
        self,
        text: str,
        filters: Filters | None = None,
        exclude: Filters | None = None,
        width: int = KWIC_WIDTH,
        sort: str = "source",
    ) -> Concordance:
        """Every hit of a query's text terms as a keyword-in-context line, within the filters."""
        from search_index.analysis.segment import segmenter  # imported when needed: a search does not
        from search_index.research.concordance import Concordance, clamp_width, gather, sort_lines

        segmenter()  # load jieba now (context words are sorted by its words): its one-time load is not query time
        started = time.perf_counter()
        compiled = self.compile(text)
        if compiled.match is None or not compiled.terms:
            raise QueryError("KWIC needs words to show in context, e.g. 具身智能")
        if sort not in KWIC_SORTS:
            raise QueryError(f"sort must be one of {', '.join(KWIC_SORTS)}")
        fq = filter_query(filters, exclude, self._alias_lookup)
        with self._querying():
            reader = self._require()
            rows, _ranked = self._match(compiled, fq, 0)
            width = clamp_width(width)
            lines, hits = gather(
                rows,
                lambda row: self._stored(reader, row)["text"],
                self._memo.meta,
                self._memo.bodies.__getitem__,
                compiled.terms,
                width,
            )
        lines = sort_lines(lines, sort)
        took = (time.perf_counter() - started) * 1000
        return Concordance(
            text, filters or {}, exclude or {}, lines, len(rows), width, sort, took, compiled.expansions, hits
        )

    def matrix(
        self,
        text: str = "",
        filters: Filters | None = None,
        exclude: Filters | None = None,
        top: int = MATRIX_TOP,
        weak: bool = False,
        province: str | None = None,
    ) -> Matrix:
        """Park × track article counts under a query and filters: the top parks, or every
        zone of ``province``; ``weak`` also counts related-term-only track mentions."""
        from search_index.research.matrix import build_matrix

        with self._querying():
            rows = self.rows_matching(text, filters, exclude)
            metas = [self._memo.meta(row) for row in rows]
        zones = None
        if province:
            from search_index.reference.gazetteer import load_gazetteer

            zones = [p.name for p in load_gazetteer().parks.values() if p.province == province]
            if not zones:
                raise QueryError(f"no national zones in '{province}' (use a province name such as 江苏省)")
        grid = build_matrix(metas, top, weak, zones, province)
        return replace(grid, query=text, filters=filters or {}, exclude=exclude or {}, articles=len(rows))

    def _hit(self, reader, row: int, score: float, compiled: Compiled, count: int) -> Hit:
        text = self._stored(reader, row)["text"]
        key = key_from(text, self._memo.bodies[row])  # the row cache holds the key: only its offsets are computed
        spans, total = first_hits(text, compiled.terms, 2 * WINDOW_HITS, key)  # a dense article: the first ones
        return Hit(ArticleRow.from_meta(self._memo.meta(row)), score, tuple(snippets(text, spans, count)), total)

    def timeline(
        self,
        text: str = "",
        filters: Filters | None = None,
        exclude: Filters | None = None,
        by: str = "",
        split_by: str = "",
        top: int = 5,
    ) -> Timeline:
        """Article counts per year, month, ISO week or day (``by``; chosen from the span when
        empty) under a query and filters, and per top value of ``split_by`` (a facet)."""
        from search_index.research.timeline import build_timeline

        facet = facet_field(split_by) if split_by else ""
        with self._querying():
            rows = self.rows_matching(text, filters, exclude)
            series = self._series_rows(rows, facet, top) if facet else {}
            line = build_timeline(self._space.dates, rows, by, series)
        return replace(line, query=text, filters=filters or {}, exclude=exclude or {}, split_by=facet)

    def _series_rows(self, rows: list[int], facet: str, top: int) -> dict[str, list[int]]:
        """The rows of each of the ``top`` most frequent values of ``facet`` among ``rows``."""
        from search_index.research.timeline import series_rows

        chosen = list(self._facets.count(rows).get(facet, {}))[: max(top, 0)]
        everything = len(rows) == len(self._memo)
        return series_rows(chosen, rows, self._memo.value_rows, self._space.value_ids, facet, everything)

    def facets(self, text: str = "", filters: Filters | None = None, exclude: Filters | None = None) -> FacetCounts:
        """Facet counts for a query (all articles when empty)."""
        return self.search(text, filters, exclude, limit=0).facets

    def articles(self) -> list[ArticleInfo]:
        """Metadata of every article in corpus order (no text)."""
        from search_index.articles import ArticleInfo

        with self._querying():
            reader = self._require()
            metas = [json.loads(self._stored(reader, row)["meta"]) for row in range(len(self._memo))]
        return [ArticleInfo.from_meta(meta) for meta in metas]

    def entities(self, kind: str | None = None) -> dict[str, list[EntityCount]]:
        """Entity values per type with article counts, the surface forms seen (``aliases``)
        and in how many articles each form was written (``forms``, most written first)."""
        if kind and kind not in ENTITY_TYPES:
            raise QueryError(f"'{kind}' is not an entity type (use {', '.join(ENTITY_TYPES)})")
        wanted = [ENTITY_TYPES[kind]] if kind else list(ENTITY_TYPES.values())
        with self._querying():
            self._require()
            counts = self._facets.count(range(len(self._memo)))  # most frequent first
            seen = written_forms(self._memo.aliases.values, self._memo.alias_values)
        return {
            facet: [
                EntityCount(v, n, sorted(seen.get((facet, v), ())), dict(seen.get((facet, v), Counter()).most_common()))
                for v, n in counts.get(facet, {}).items()
            ]
            for facet in wanted
        }

    def show(self, ident: str, query: str = "") -> Article:
        """One article with its cleaned text, hit offsets, entity mentions and source lines."""
        from search_index.articles import Article

        with self._querying():
            reader = self._require()
            stored = self._stored(reader, self._by_id[self.resolve_id(ident)])
            meta, text = json.loads(stored["meta"]), stored["text"]
        compiled = self.compile(query)
        found = mentions(text[:MAX_MENTION_CHARS])  # entity colours for the first part of a dump
        return Article.from_stored(meta, text, compiled.terms, found, self.source_lines(meta))

    def source_lines(self, meta: dict) -> list[dict]:
        """The article as stored, read (read-only) from its corpus file: its lines, or its
        record (a JSONL line, a CSV row, a JSON object), or a document's extracted text."""
        from search_index.ingest.formats.original import original_lines

        path = self.store.real_path(meta["source"])
        try:
            return original_lines(path, meta)
        except Exception:  # a file changed since indexing: show nothing rather than fail
            return []


__all__ = [
    "Engine",
    "Hit",
    "IndexStats",
    "QueryError",
    "SearchResult",
    "default_corpus",
]
