"""One opened index: build or update it, open it, keep its rows in memory, and answer the
lookups every query is made of (matching rows, stored fields, ids, facet counts, pinyin).
The engine (``engine.py``) composes its queries from these."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, fields
from functools import partial
from pathlib import Path

from pyroaring import BitMap

from search_index.analysis.pinyin import PinyinLexicon, is_pinyin_query
from search_index.analysis.textnorm import key_of
from search_index.errors import IndexError_, UnknownArticle
from search_index.facets import MULTI_VALUED
from search_index.index import facetsplit, grams_file, vocabulary
from search_index.index import memo as row_cache  # the rows in memory and their cache file
from search_index.index.grams import Grams
from search_index.index.heap import settled
from search_index.index.idle_pages import IdlePages
from search_index.index.mapped import Later, mappings_in, touch
from search_index.index.memo import Memo
from search_index.index.report import Phase, Progress, SyncReport
from search_index.index.rows import open_rows
from search_index.index.store import IndexStore
from search_index.query.execute import Space
from search_index.query.parser import Compiled, compile_query, filter_query
from search_index.query.tree import And, Every, Node, Text
from search_index.research.facet_counts import FacetCounter
from search_index.results import Filters


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


def _both(first: Callable[[], bool] | None, second: Callable[[], bool]) -> Callable[[], bool]:
    """A verdict that is True when both are (each waited for)."""
    return lambda: (first is None or first()) & second()


class _AliasTable(Mapping[str, dict[str, list[str]]]):
    """A session's :attr:`~IndexSession.aliases` as queries read them: the table is built
    from the rows when a facet term first looks a value up, so that a query without one
    never builds it (a pass over every row's aliases, 10 ms at 74,000 articles)."""

    def __init__(self, session: IndexSession) -> None:
        self._session = session

    def __getitem__(self, facet: str) -> dict[str, list[str]]:
        return self._session.aliases[facet]

    def __iter__(self) -> Iterator[str]:
        return iter(self._session.aliases)

    def __len__(self) -> int:
        return len(self._session.aliases)


@dataclass(frozen=True)
class IndexStats:
    """What is open: the index folder, its committed state (``tag``: generation and
    segments), how many articles and Whoosh segments, and whether the n-gram index that
    speeds up substring queries is loaded."""

    folder: Path
    tag: str
    articles: int
    segments: int
    grams: bool


class IndexSession:
    """One corpus folder's index, opened for queries. Call ``sync()`` (or ``open()``) first."""

    def __init__(
        self, corpus: Path | str | None = None, index_base: Path | str | None = None, follow_links: bool = False
    ):
        self.corpus = Path(corpus) if corpus else default_corpus()
        self.store = IndexStore(self.corpus, Path(index_base) if index_base else None, follow_links)
        self._lock = threading.RLock()
        self._depth = 0  # queries running under the lock (one thread, nested)
        self._idle = IdlePages(self._lock, lambda: self._row_read)
        self._reader = None  # Whoosh's reader of the stored documents (no searcher: its module imports the query code)
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
        verify_later: bool = False,
    ) -> SyncReport:
        """Build or update the index, then open it. An index that turns out unreadable when
        opened (truncated segments, a garbage table of contents) is rebuilt. ``check``: how
        the corpus is compared with the index (see :meth:`IndexStore.sync`); ``phase`` hears
        each phase as it starts, the last ("rows") while the in-memory rows are loaded. With
        ``check="deferred"`` (the change check) or ``verify_later`` (the checksums of the row
        and 2-gram caches) left to run beside the caller, nothing answered from the index may
        be used before ``report.current()`` says the corpus had not changed and the caches
        are whole."""
        started = time.perf_counter()
        self._warn = warn
        report = self.store.sync(rebuild=rebuild, progress=progress, warn=warn, cancel=cancel, check=check, phase=phase)
        if phase is not None and (report.rebuilt or report.read or report.removed):
            phase("rows", report.articles)
        later = Later() if verify_later else None
        try:
            self.open(later)
            if later is not None:
                report.pending = _both(report.pending, later.ok)
        except IndexError_ as exc:
            if warn:
                warn(f"warning: {exc}; rebuilding")
            report.current()  # a deferred check's child is waited for: its verdict no longer matters
            if later is not None:
                later.ok()
            report = self.store.sync(rebuild=True, progress=progress, warn=warn, cancel=cancel, phase=phase)
            report.reason = f"{exc}; rebuilt"
            self.open()
        report.seconds = time.perf_counter() - started  # opening builds the in-memory rows too
        return report

    def open(self, later: Later | None = None) -> None:
        """(Re)open the index and load per-article metadata into memory (kept when the index
        has not changed since); IndexError_ when the index cannot be read. With ``later``,
        the row and 2-gram caches' checksums are its thread's to check: nothing answered may
        be used before ``later.ok()``."""
        with self._lock:
            try:
                self._load(later)
            except IndexError_:
                raise
            except Exception as exc:  # Whoosh, struct, zlib, JSON and OS errors alike
                self.close()
                raise IndexError_(f"index unreadable ({type(exc).__name__}: {exc})") from exc

    def _load(self, later: Later | None = None) -> None:
        tag, open_reader = self.store.committed()
        loaded = (self.store.whoosh_dir, tag)
        if self._reader is not None and loaded == self._loaded:
            return  # the same committed index: its rows are already in memory
        self.close()
        self._loaded = None
        reader = open_reader()
        with settled() as heap:
            heap.now()
            memo = open_rows(
                reader, self.store, loaded[1], lambda: self._memo, lambda: self._use(Memo()), self._warn, later
            )
            # the grams read the keys from the row cache as mapped, a chunk of rows at a time
            grams = grams_file.ready(self.store.whoosh_dir, loaded[1], memo.ids, memo.titles, memo.bodies, later)
        self._use(memo, grams)
        self._reader, self._loaded = reader, loaded

    def _use(self, memo: Memo, grams: Grams | None = None) -> None:
        """Query these rows from now on (and forget what was derived from the old ones)."""
        gc.unfreeze()  # what warm() froze can be collected again once the old rows are dropped
        self._memo, self._space = memo, Space(memo, grams)
        self._mapped = mappings_in(*(getattr(memo, f.name) for f in fields(memo)), grams and grams.blob)
        # read a row or a gram at a time, and large: given back once queries stop; the small
        # columns every search reads (facet numbers, value rows, aliases) stay once read
        self._row_read = mappings_in(memo.ids, memo.titles, memo.bodies, memo.metas, grams and grams.blob)
        self._rows_by_id: dict[str, int] | None = None  # built when an article is first asked for by id
        saved = partial(facetsplit.from_record, memo.facet_split, memo.sources, memo.facet_values)
        self._facets = FacetCounter(memo.facets, memo.facet_values, memo.value_rows, saved)
        self._aliases: dict[str, dict[str, list[str]]] | None = None
        self._alias_lookup = _AliasTable(self)
        self._pinyin: PinyinLexicon | None = None

    @contextmanager
    def _querying(self) -> Iterator[None]:
        """The lock, for a query. Once no query has run for half a second, the pages of the
        mapped cache files that queries read a row at a time (search keys, metadata, 2-gram
        bitmaps) leave this process's resident set (see :mod:`~search_index.index.idle_pages`):
        the system's file cache keeps them."""
        with self._lock:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if not self._depth:
                    self._idle.queried()

    def forget(self) -> None:
        """Drop what queries kept (matches, count bounds and counts) and give back the pages
        they read: the next query runs as the first one after opening (benchmarks time
        queries afresh this way)."""
        with self._lock:
            self._space.forget()
            self._idle.now(self._mapped)  # the small columns too

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until the pages the last queries read have left the resident set (at most
        ``timeout`` seconds); True when they have."""
        return self._idle.given_back.wait(timeout)

    @property
    def _by_id(self) -> dict[str, int]:
        """Article id → row (a search never needs it: built on first use)."""
        if self._rows_by_id is None:
            self._rows_by_id = {ident: row for row, ident in enumerate(self._memo.ids)}
        return self._rows_by_id

    def warm(self) -> None:
        """Build what speeds up later queries on large result sets (facet bitsets, ranking
        norms, date bitmaps), load the zone and track tables that ``park:`` and ``track:``
        resolve names with (0.1 s: not in the first such query), the corpus's alias table
        that facet terms look values up in (10 ms at 82,000 articles) and the parser of
        queries with operators, phrases or fields (0.1 s of imports); long-running callers do
        this in the background after opening."""
        from search_index.entities import extractor
        from search_index.query.parser import prepare_parser

        with self._lock:
            facets, space = self._facets, self._space
        facets.prepare()
        space.prepare()
        extractor()
        prepare_parser()
        with self._lock:
            _ = self.aliases
            for mapped in self._mapped:
                if mapped not in self._row_read:
                    touch(mapped)  # the first searches fault none of these pages in
        gc.freeze()  # the rows and what was built from them live as long as the index: no collection scans them

    def close(self) -> None:
        """Release the reader."""
        with self._lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None

    # -- what is open -------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        """True once an index is open for queries."""
        return self._reader is not None

    @property
    def article_count(self) -> int:
        """How many articles the open index holds."""
        return len(self._memo)

    @property
    def rows(self) -> Memo:
        """The open index's articles as rows in memory (ids, metadata, titles, search keys,
        facet value ids), row ``n`` being the ``n``-th article in corpus order. Read-only."""
        return self._memo

    def reader(self):
        """The open index's Whoosh reader (schema, lexicons, postings, stored fields), for
        inspecting what was written."""
        return self._require()

    def describe(self) -> IndexStats:
        """The open index's folder, committed state, size and speed-ups."""
        with self._lock:
            reader = self._require()
            segments = len(reader.leaf_readers())
            tag = self._loaded[1] if self._loaded else ""
            return IndexStats(self.store.whoosh_dir, tag, len(self._memo), segments, self._space.grams is not None)

    @property
    def aliases(self) -> dict[str, dict[str, list[str]]]:
        """facet → surface form → canonical values, over the whole corpus."""
        if self._aliases is None:
            self._aliases = self._memo.alias_table()
        return self._aliases

    # -- pinyin ---------------------------------------------------------------------------
    def pinyin_lexicon(self) -> PinyinLexicon:
        """Pinyin → words over the index's jieba words and entity values (built on first use)."""
        with self._lock:
            if self._pinyin is None:
                words = set(self._vocabulary().terms())
                words.update(value for facet, value in self._memo.facet_values if facet in MULTI_VALUED)
                self._pinyin = PinyinLexicon(words)
            return self._pinyin

    def _vocabulary(self) -> vocabulary.Vocabulary:
        """The index's word counts: as saved for the open index state, else read back from
        the stored articles (and saved for next time)."""
        folder, tag = self._loaded or (self.store.whoosh_dir, "")
        counts = vocabulary.load(folder, tag)
        if counts is None:
            counts = vocabulary.rebuilt(self._require())
            vocabulary.save(counts, folder, tag)
        return counts

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

    # -- lookups ------------------------------------------------------------------------
    def compile(self, text: str) -> Compiled:
        """A query's text compiled against this corpus's aliases and pinyin words."""
        return compile_query(text, self._alias_lookup, self.pinyin_words)

    def rows_matching(
        self, text: str = "", filters: Filters | None = None, exclude: Filters | None = None
    ) -> list[int]:
        """The rows (see :attr:`rows`) of every article matching a query and filters, in
        corpus order; QueryError for a malformed query."""
        compiled = self.compile(text)
        fq = filter_query(filters, exclude, self._alias_lookup)
        with self._querying():
            self._require()
            return list(self._match(compiled, fq, 0)[0])

    def _match(
        self, compiled: Compiled, fq: Node | None, want: int, sort: str = "score"
    ) -> tuple[BitMap, list[tuple[int, float]]]:
        """Every matching row (a bitmap, perhaps a kept one: do not change it), and the first
        ``want`` (row, score) pairs in ``sort`` order (best score first, or by date)."""
        node = compiled.match if fq is None else fq if compiled.match is None else And((compiled.match, fq))
        found = self._space.matching(node if node is not None else Every())
        if sort == "score" or want <= 0:
            return found, self._space.rank(found, compiled.rank_terms, want)
        page = self._space.dates.ordered(found, newest=sort == "newest")[:want]
        scores = dict(self._space.rank(page, compiled.rank_terms, len(page)))
        return found, [(row, scores.get(row, 0.0)) for row in page]

    def _stored(self, reader, row: int) -> dict:
        stored = reader.stored_fields(self._memo.docnums[row])
        if stored.get("id") != self._memo.ids[row]:  # the rows no longer describe this index
            (self.store.whoosh_dir / row_cache.FILE_NAME).unlink(missing_ok=True)
            raise IndexError_("the row cache does not match the index; it was removed: run the command again")
        return stored

    def count_facets(self, rows) -> dict[str, dict]:
        """Exact counts of every facet value over a set of rows (row numbers of the in-memory
        rows, not Whoosh document numbers), with the ``years`` and ``months`` facets (oldest
        first) and the ``undated`` count."""
        rows = rows if isinstance(rows, (list, range, tuple, BitMap)) else list(rows)
        return {**self._facets.count(rows), **self._space.dates.counts(rows)}

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

    def _require(self):
        if self._reader is None:
            raise RuntimeError("the index is not open: call sync() or open() first")
        return self._reader
