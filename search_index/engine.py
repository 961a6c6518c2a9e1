"""The engine: one corpus, its index, and the queries the CLI and the app ask of it."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from search_index.analysis.pinyin import PinyinLexicon, is_pinyin_query
from search_index.analysis.textnorm import key_of
from search_index.errors import IndexError_, UnknownArticle
from search_index.facets import ENTITY_TYPES, MULTI_VALUED
from search_index.index import grams as grams_file
from search_index.index import memo as row_cache  # the rows in memory and their cache file
from search_index.index.grams import Grams
from search_index.index.memo import Memo
from search_index.index.report import Phase, Progress, SyncReport
from search_index.index.rows import lexicon_words, open_rows
from search_index.index.store import IndexStore
from search_index.query.execute import Space
from search_index.query.parser import Compiled, QueryError, compile_query, facet_field, filter_query
from search_index.query.tree import And, Every, Node, Text
from search_index.research.concordance import (
    DEFAULT_WIDTH,
    SORTS,
    clamp_width,
    gather,
    sort_lines,
)
from search_index.research.facet_counts import FacetCounter, written_forms
from search_index.research.highlight import MAX_MENTION_CHARS, WINDOW_HITS, first_hits, snippets
from search_index.research.matrix import DEFAULT_TOP, Matrix, build_matrix
from search_index.research.timeline import Timeline, build_timeline, series_rows
from search_index.results import (
    Article,
    ArticleInfo,
    ArticleRow,
    Concordance,
    EntityCount,
    FacetCounts,
    Filters,
    Hit,
    SearchResult,
)

RESULT_SORTS = ("score", "newest", "oldest")


def default_corpus() -> Path:
    """The bundled corpus: ``seeds/`` beside the package, or the installed copy."""
    import os
    import sys

    env = os.environ.get("GXQ_CORPUS")
    if env:
        return Path(env).expanduser()
    beside = Path(__file__).resolve().parent.parent / "seeds"
    if beside.is_dir():
        return beside
    return Path(sys.prefix) / "share" / "gxq-tui" / "seeds"


def mentions(text: str):
    """Entity mentions in a text (the extractor is imported on first use: a search needs none)."""
    from search_index.entities import mentions as found_in

    return found_in(text)


class Engine:
    """Search one corpus folder. Call ``sync()`` (or ``open()``) before querying."""

    def __init__(
        self, corpus: Path | str | None = None, index_base: Path | str | None = None, follow_links: bool = False
    ):
        self.corpus = Path(corpus) if corpus else default_corpus()
        self.store = IndexStore(self.corpus, Path(index_base) if index_base else None, follow_links)
        self._lock = threading.RLock()
        self._ix = None
        self._searcher = None
        self._use(Memo())
        self._loaded: tuple[Path, str] | None = None  # (index folder, index tag) of the rows
        self._warn = None  # where one-line warnings go (set by sync)

    # -- lifecycle ----------------------------------------------------------------------
    def sync(
        self,
        rebuild: bool = False,
        progress: Progress | None = None,
        warn=None,
        cancel: threading.Event | None = None,
        check: str = "full",
        phase: Phase | None = None,
    ) -> SyncReport:
        """Build or update the index, then open it. An index that turns out unreadable when
        opened (truncated segments, a garbage table of contents) is rebuilt. ``check``: how
        the corpus is compared with the index (see :meth:`IndexStore.sync`); ``phase`` hears
        each phase as it starts, the last ("rows") while the in-memory rows are loaded."""
        started = time.perf_counter()
        self._warn = warn
        report = self.store.sync(rebuild=rebuild, progress=progress, warn=warn, cancel=cancel, check=check, phase=phase)
        if phase is not None and (report.rebuilt or report.read or report.removed):
            phase("rows", report.articles)
        try:
            self.open()
        except IndexError_ as exc:
            if warn:
                warn(f"warning: {exc}; rebuilding")
            report = self.store.sync(rebuild=True, progress=progress, warn=warn, cancel=cancel, phase=phase)
            report.reason = f"{exc}; rebuilt"
            self.open()
        report.seconds = time.perf_counter() - started  # opening builds the in-memory rows too
        return report

    def open(self) -> None:
        """(Re)open the index and load per-article metadata into memory (kept when the index
        has not changed since); IndexError_ when the index cannot be read."""
        with self._lock:
            try:
                self._load()
            except IndexError_:
                raise
            except Exception as exc:  # Whoosh, struct, zlib, JSON and OS errors alike
                self.close()
                raise IndexError_(f"index unreadable ({type(exc).__name__}: {exc})") from exc

    def _load(self) -> None:
        ix = self.store.open()
        loaded = (self.store.whoosh_dir, row_cache.index_tag(ix))
        if self._searcher is not None and loaded == self._loaded:
            return  # the same committed index: its rows are already in memory
        self.close()
        self._ix, self._loaded = ix, None
        searcher = ix.searcher()
        memo = open_rows(searcher, self.store, loaded[1], lambda: self._memo, lambda: self._use(Memo()), self._warn)
        self._use(memo, grams_file.ready(self.store.whoosh_dir, loaded[1], memo.ids, memo.titles, memo.bodies))
        self._searcher, self._loaded = searcher, loaded

    def _use(self, memo: Memo, grams: Grams | None = None) -> None:
        """Query these rows from now on (and forget what was derived from the old ones)."""
        self._memo, self._space = memo, Space(memo, grams)
        self._rows_by_id: dict[str, int] | None = None  # built when an article is first asked for by id
        self._facets = FacetCounter(memo.facets, memo.facet_values, memo.value_rows)
        self._aliases: dict[str, dict[str, list[str]]] | None = None
        self._pinyin: PinyinLexicon | None = None

    @property
    def _by_id(self) -> dict[str, int]:
        """Article id → row (a search never needs it: built on first use)."""
        if self._rows_by_id is None:
            self._rows_by_id = {ident: row for row, ident in enumerate(self._memo.ids)}
        return self._rows_by_id

    @property
    def aliases(self) -> dict[str, dict[str, list[str]]]:
        """facet → surface form → canonical values, over the whole corpus."""
        if self._aliases is None:
            self._aliases = self._memo.alias_table()
        return self._aliases

    def warm(self) -> None:
        """Build what speeds up later queries on large result sets (facet bitsets, ranking
        norms); long-running callers do this in the background after opening."""
        with self._lock:
            facets, space = self._facets, self._space
        facets.prepare()
        space.prepare()

    def close(self) -> None:
        """Release the searcher."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    @property
    def is_open(self) -> bool:
        """True once an index is open for queries."""
        return self._searcher is not None

    @property
    def article_count(self) -> int:
        """How many articles the open index holds."""
        return len(self._memo)

    # -- pinyin ---------------------------------------------------------------------------
    def pinyin_lexicon(self) -> PinyinLexicon:
        """Pinyin → words over the index's jieba words and entity values (built on first use)."""
        with self._lock:
            if self._pinyin is None:
                reader = self._require().reader()
                words = set(lexicon_words(reader, "words"))
                words.update(value for facet, value in self._memo.facet_values if facet in MULTI_VALUED)
                self._pinyin = PinyinLexicon(words)
            return self._pinyin

    def pinyin_words(self, term: str) -> list[str]:
        """The corpus words a pinyin term spells, unless the term itself occurs in the text
        (``AI``, ``GDP`` stay literal)."""
        if not is_pinyin_query(term):
            return []
        literal = Text(key_of(term))
        with self._lock:
            self._require()
            if self._space.document_frequency(literal):
                return []
        return self.pinyin_lexicon().words(literal.key)

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
        compiled = compile_query(text, self.aliases, self.pinyin_words)
        fq = filter_query(filters, exclude, self.aliases)
        with self._lock:
            searcher = self._require()
            rows, ranked = self._match(compiled, fq, limit + offset, sort)
            page = ranked[offset : offset + limit]
            hits = [self._hit(searcher, row, score, compiled, snippet_count) for row, score in page]
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
        width: int = DEFAULT_WIDTH,
        sort: str = "source",
    ) -> Concordance:
        """Every hit of a query's text terms as a keyword-in-context line, within the filters."""
        from search_index.analysis.segment import segmenter  # imported when needed: a search does not

        segmenter()  # load jieba now (context words are sorted by its words): its one-time load is not query time
        started = time.perf_counter()
        compiled = compile_query(text, self.aliases, self.pinyin_words)
        if compiled.match is None or not compiled.terms:
            raise QueryError("KWIC needs words to show in context, e.g. 具身智能")
        if sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}")
        fq = filter_query(filters, exclude, self.aliases)
        with self._lock:
            searcher = self._require()
            rows, _ranked = self._match(compiled, fq, 0)
            width = clamp_width(width)
            lines, hits = gather(
                rows,
                lambda row: self._stored(searcher, row)["text"],
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
        top: int = DEFAULT_TOP,
        weak: bool = False,
        province: str | None = None,
    ) -> Matrix:
        """Park × track article counts under a query and filters: the top parks, or every
        zone of ``province``; ``weak`` also counts related-term-only track mentions."""
        compiled = compile_query(text, self.aliases, self.pinyin_words)
        fq = filter_query(filters, exclude, self.aliases)
        with self._lock:
            self._require()
            rows, _ranked = self._match(compiled, fq, 0)
            metas = [self._memo.meta(row) for row in rows]
        zones = None
        if province:
            from search_index.reference.gazetteer import load_gazetteer

            zones = [p.name for p in load_gazetteer().parks.values() if p.province == province]
            if not zones:
                raise QueryError(f"no national zones in '{province}' (use a province name such as 江苏省)")
        grid = build_matrix(metas, top, weak, zones, province)
        return replace(grid, query=text, filters=filters or {}, exclude=exclude or {}, articles=len(rows))

    def _match(
        self, compiled: Compiled, fq: Node | None, want: int, sort: str = "score"
    ) -> tuple[list[int], list[tuple[int, float]]]:
        """Every matching row in corpus order, and the first ``want`` (row, score) pairs in
        ``sort`` order (best score first, or by date)."""
        node = compiled.match if fq is None else fq if compiled.match is None else And((compiled.match, fq))
        rows = sorted(self._space.rows(node if node is not None else Every()))
        if sort == "score" or want <= 0:
            return rows, self._space.rank(rows, compiled.rank_terms, want)
        page = self._space.dates.ordered(rows, newest=sort == "newest")[:want]
        scores = dict(self._space.rank(page, compiled.rank_terms, len(page)))
        return rows, [(row, scores.get(row, 0.0)) for row in page]

    def _stored(self, searcher, row: int) -> dict:
        stored = searcher.stored_fields(self._memo.docnums[row])
        if stored.get("id") != self._memo.ids[row]:  # the rows no longer describe this index
            (self.store.whoosh_dir / row_cache.FILE_NAME).unlink(missing_ok=True)
            raise IndexError_("the row cache does not match the index; it was removed: run the command again")
        return stored

    def _hit(self, searcher, row: int, score: float, compiled: Compiled, count: int) -> Hit:
        text = self._stored(searcher, row)["text"]
        spans, total = first_hits(text, compiled.terms, 2 * WINDOW_HITS)  # a dense article: the first ones
        return Hit(ArticleRow.from_meta(self._memo.meta(row)), score, tuple(snippets(text, spans, count)), total)

    def count_facets(self, rows) -> dict[str, dict]:
        """Exact counts of every facet value over a set of rows (row numbers of the in-memory
        rows, not Whoosh document numbers), with the ``years`` and ``months`` facets (oldest
        first) and the ``undated`` count."""
        rows = rows if isinstance(rows, (list, range, tuple)) else list(rows)
        return {**self._facets.count(rows), **self._space.dates.counts(rows)}

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
        compiled = compile_query(text, self.aliases, self.pinyin_words)
        fq = filter_query(filters, exclude, self.aliases)
        facet = facet_field(split_by) if split_by else ""
        with self._lock:
            self._require()
            rows, _ranked = self._match(compiled, fq, 0)
            series = self._series_rows(rows, facet, top) if facet else {}
            line = build_timeline(self._space.dates, rows, by, series)
        return replace(line, query=text, filters=filters or {}, exclude=exclude or {}, split_by=facet)

    def _series_rows(self, rows: list[int], facet: str, top: int) -> dict[str, list[int]]:
        """The rows of each of the ``top`` most frequent values of ``facet`` among ``rows``."""
        chosen = list(self._facets.count(rows).get(facet, {}))[: max(top, 0)]
        everything = len(rows) == len(self._memo)
        return series_rows(chosen, rows, self._memo.value_rows, self._space.value_ids, facet, everything)

    def facets(self, text: str = "", filters: Filters | None = None, exclude: Filters | None = None) -> FacetCounts:
        """Facet counts for a query (all articles when empty)."""
        return self.search(text, filters, exclude, limit=0).facets

    def articles(self) -> list[ArticleInfo]:
        """Metadata of every article in corpus order (no text)."""
        with self._lock:
            searcher = self._require()
            metas = [json.loads(self._stored(searcher, row)["meta"]) for row in range(len(self._memo))]
        return [ArticleInfo.from_meta(meta) for meta in metas]

    def entities(self, kind: str | None = None) -> dict[str, list[EntityCount]]:
        """Entity values per type with article counts, the surface forms seen (``aliases``)
        and in how many articles each form was written (``forms``, most written first)."""
        if kind and kind not in ENTITY_TYPES:
            raise QueryError(f"'{kind}' is not an entity type (use {', '.join(ENTITY_TYPES)})")
        wanted = [ENTITY_TYPES[kind]] if kind else list(ENTITY_TYPES.values())
        with self._lock:
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

    def resolve_id(self, ident: str) -> str:
        """The full id for an id or a unique prefix of one (at least 4 characters);
        UnknownArticle when none or several match."""
        if ident in self._by_id:
            return ident
        found = [i for i in self._by_id if len(ident) >= 4 and i.startswith(ident)]
        if len(found) == 1:
            return found[0]
        if not found:
            raise UnknownArticle(f"no article with id '{ident}'")
        raise UnknownArticle(f"id prefix '{ident}' is ambiguous ({len(found)} articles)")

    def show(self, ident: str, query: str = "") -> Article:
        """One article with its cleaned text, hit offsets, entity mentions and source lines."""
        with self._lock:
            searcher = self._require()
            stored = self._stored(searcher, self._by_id[self.resolve_id(ident)])
            meta, text = json.loads(stored["meta"]), stored["text"]
        compiled = compile_query(query, self.aliases, self.pinyin_words)
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

    def _require(self):
        if self._searcher is None:
            raise RuntimeError("the index is not open: call sync() or open() first")
        return self._searcher


__all__ = ["Article", "Concordance", "Engine", "Hit", "Matrix", "QueryError", "SearchResult", "default_corpus"]
