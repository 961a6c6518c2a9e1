"""The engine: one corpus, its index, and the queries the CLI and the app ask of it."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from pathlib import Path

from whoosh import query as wq

from .concordance import DEFAULT_WIDTH, SORTS, KwicLine, lines_for, sort_lines
from .entities import mentions
from .facet_counts import FacetCounter
from .highlight import find_hits, snippets
from .matrix import DEFAULT_TOP, Matrix, build_matrix
from .pinyin import PinyinLexicon, is_pinyin_query
from .query import Compiled, QueryError, compile_query, filter_query
from .results import Concordance, Filters, Hit, SearchResult
from .schema import KEYWORD_FACETS
from .segment import tokenizer as warm_up
from .store import IndexError_, IndexStore, Progress, SyncReport
from .textnorm import key_of, search_key

ENTITY_TYPES = {
    "park": "parks",
    "subpark": "subparks",
    "track": "tracks",
    "weak_track": "tracks_weak",
    "company": "companies",
    "org": "orgs",
    "person": "people",
    "place": "places",
}


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


class Engine:
    """Search one corpus folder. Call ``sync()`` (or ``open()``) before querying."""

    def __init__(self, corpus: Path | str | None = None, index_base: Path | str | None = None):
        self.corpus = Path(corpus) if corpus else default_corpus()
        self.store = IndexStore(self.corpus, Path(index_base) if index_base else None)
        self._lock = threading.RLock()
        self._ix = None
        self._searcher = None
        self._meta: dict[int, dict] = {}
        self._by_id: dict[str, int] = {}
        self._aliases: dict[str, dict[str, list[str]]] = {}
        self._pinyin: PinyinLexicon | None = None
        self._facets = FacetCounter({})

    # -- lifecycle ----------------------------------------------------------------------
    def sync(
        self,
        rebuild: bool = False,
        progress: Progress | None = None,
        warn=None,
        cancel: threading.Event | None = None,
    ) -> SyncReport:
        """Build or update the index, then open it. An index that turns out unreadable when
        opened (truncated segments, a garbage table of contents) is rebuilt."""
        report = self.store.sync(rebuild=rebuild, progress=progress, warn=warn, cancel=cancel)
        try:
            self.open()
        except IndexError_ as exc:
            if warn:
                warn(f"warning: {exc}; rebuilding")
            report = self.store.sync(rebuild=True, progress=progress, warn=warn, cancel=cancel)
            report.reason = f"{exc}; rebuilt"
            self.open()
        return report

    def open(self) -> None:
        """(Re)open the index and load per-article metadata into memory; IndexError_ when
        the index cannot be read."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            try:
                self._load()
            except IndexError_:
                raise
            except Exception as exc:  # Whoosh, struct, zlib, JSON and OS errors alike
                self._searcher = None
                raise IndexError_(f"index unreadable ({type(exc).__name__}: {exc})") from exc

    def _load(self) -> None:
        self._ix = self.store.open()
        searcher = self._ix.searcher()
        meta_by_doc: dict[int, dict] = {}
        by_id: dict[str, int] = {}
        aliases: dict[str, dict[str, list[str]]] = {}
        for docnum, stored in searcher.reader().iter_docs():
            meta = json.loads(stored["meta"])
            meta_by_doc[docnum] = meta
            by_id[meta["id"]] = docnum
            for facet, table in meta.get("entity_aliases", {}).items():
                for value, forms in table.items():
                    for form in forms:
                        aliases.setdefault(facet, {}).setdefault(form, []).append(value)
        self._searcher, self._meta, self._by_id, self._aliases = searcher, meta_by_doc, by_id, aliases
        self._facets = FacetCounter(meta_by_doc)
        self._pinyin = None

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
        return len(self._meta)

    # -- pinyin ---------------------------------------------------------------------------
    def pinyin_lexicon(self) -> PinyinLexicon:
        """Pinyin → words over the index's jieba words and entity values (built on first use)."""
        with self._lock:
            if self._pinyin is None:
                reader = self._require().reader()
                words = {w for f in ("title", "body") for w in _lexicon_words(reader, f)}
                for meta in self._meta.values():
                    for facet in KEYWORD_FACETS:
                        words.update(meta.get(facet, ()))
                self._pinyin = PinyinLexicon(words)
            return self._pinyin

    def pinyin_words(self, term: str) -> list[str]:
        """The corpus words a pinyin term spells, unless the term itself occurs in the text
        (``AI``, ``GDP`` stay literal)."""
        if not is_pinyin_query(term):
            return []
        literal = key_of(term)
        with self._lock:
            reader = self._require().reader()
            if any(reader.doc_frequency(f, literal) for f in ("title_g", "body_g")):
                return []
        return self.pinyin_lexicon().words(literal)

    # -- queries ------------------------------------------------------------------------
    def search(
        self,
        text: str = "",
        filters: Filters | None = None,
        exclude: Filters | None = None,
        limit: int = 20,
        offset: int = 0,
        snippet_count: int = 3,
    ) -> SearchResult:
        """Run a query with facet filters; raise QueryError for a malformed query."""
        warm_up()  # jieba's one-time load is start-up cost, not query time
        started = time.perf_counter()
        compiled = compile_query(text, self._aliases, self.pinyin_words)
        fq = filter_query(filters, exclude, self._aliases)
        with self._lock:
            searcher = self._require()
            docnums, ranked = self._match(searcher, compiled, fq, limit + offset)
            page = ranked[offset : offset + limit]
            hits = [self._hit(d, score, compiled, snippet_count) for d, score in page]
            facets = self.count_facets(docnums)
        took = (time.perf_counter() - started) * 1000
        return SearchResult(
            text, len(docnums), took, hits, facets, filters or {}, exclude or {}, compiled.terms, compiled.expansions
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
        warm_up()
        started = time.perf_counter()
        compiled = compile_query(text, self._aliases, self.pinyin_words)
        if compiled.match is None or not compiled.terms:
            raise QueryError("KWIC needs words to show in context, e.g. 具身智能")
        if sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}")
        fq = filter_query(filters, exclude, self._aliases)
        lines: list[KwicLine] = []
        with self._lock:
            searcher = self._require()
            docnums, _ranked = self._match(searcher, compiled, fq, 0)
            for d in docnums:
                body = searcher.stored_fields(d)["text"]
                lines += lines_for(self._meta[d], body, find_hits(body, compiled.terms), width)
        lines = sort_lines(lines, sort)
        took = (time.perf_counter() - started) * 1000
        return Concordance(
            text, filters or {}, exclude or {}, lines, len(docnums), width, sort, took, compiled.expansions
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
        compiled = compile_query(text, self._aliases, self.pinyin_words)
        fq = filter_query(filters, exclude, self._aliases)
        with self._lock:
            searcher = self._require()
            docnums, _ranked = self._match(searcher, compiled, fq, 0)
            metas = [self._meta[d] for d in docnums]
        zones = None
        if province:
            from .gazetteer import load_gazetteer

            zones = [p.name for p in load_gazetteer().parks.values() if p.province == province]
            if not zones:
                raise QueryError(f"no national zones in '{province}' (use a province name such as 江苏省)")
        grid = build_matrix(metas, top, weak, zones, province)
        grid.query, grid.filters, grid.exclude, grid.articles = text, filters or {}, exclude or {}, len(docnums)
        return grid

    def _match(self, searcher, compiled: Compiled, fq, want: int) -> tuple[list[int], list[tuple[int, float]]]:
        if compiled.match is None:
            q = fq or wq.Every()
            docnums = sorted(searcher.docs_for_query(q), key=self._corpus_order)
            return docnums, [(d, 0.0) for d in docnums[:want]]
        q = compiled.match if fq is None else wq.And([compiled.match, fq])
        scored_q = wq.AndMaybe(q, compiled.boost) if compiled.boost is not None else q
        results = searcher.search(scored_q, limit=None)  # one pass: every match, scored
        docnums = self._verify({docnum for _score, docnum in results.top_n}, compiled)
        ranked = [(docnum, score) for score, docnum in results.top_n if docnum in docnums][:want]
        return sorted(docnums, key=self._corpus_order), ranked

    def _verify(self, docnums: set[int], compiled: Compiled) -> set[int]:
        if not compiled.verify:
            return docnums
        keep = set()
        for d in docnums:
            stored = self._searcher.stored_fields(d)
            m = self._meta[d]
            texts = {"title_g": search_key(_title_of(m)).text, "body_g": search_key(stored["text"]).text}
            if all(any(k in texts[f] for f in fields) for k, fields in compiled.verify):
                keep.add(d)
        return keep

    def _corpus_order(self, docnum: int) -> tuple[str, int]:
        m = self._meta[docnum]
        return m["source"], m["order"]

    def _hit(self, docnum: int, score: float, compiled: Compiled, count: int) -> Hit:
        meta = self._meta[docnum]
        text = self._searcher.stored_fields(docnum)["text"]
        spans = find_hits(text, compiled.terms)
        return Hit(meta, score, snippets(text, spans, count), len(spans))

    def count_facets(self, docnums) -> dict[str, dict]:
        """Exact counts of every facet value over a set of documents."""
        return self._facets.count(docnums)

    def facets(self, text: str = "", filters: Filters | None = None, exclude: Filters | None = None) -> dict:
        """Facet counts for a query (all articles when empty)."""
        return self.search(text, filters, exclude, limit=0).facets

    def articles(self) -> list[dict]:
        """Metadata of every article in corpus order (no text)."""
        with self._lock:
            self._require()
            return [_public(self._meta[d]) for d in sorted(self._meta, key=self._corpus_order)]

    def entities(self, kind: str | None = None) -> dict[str, list[dict]]:
        """Entity values per type with article counts and the surface forms seen."""
        wanted = [ENTITY_TYPES[kind]] if kind else list(ENTITY_TYPES.values())
        out: dict[str, list[dict]] = {}
        with self._lock:
            self._require()
            metas = list(self._meta.values())
        for facet in wanted:
            counts: Counter = Counter()
            seen: dict[str, set[str]] = {}
            for m in metas:
                counts.update(m.get(facet, ()))
                for value, forms in m.get("entity_aliases", {}).get(facet, {}).items():
                    seen.setdefault(value, set()).update(forms)
            out[facet] = [
                {"value": v, "articles": n, "aliases": sorted(seen.get(v, set()))} for v, n in counts.most_common()
            ]
        return out

    def resolve_id(self, ident: str) -> str:
        """The full id for an id or a unique prefix of one (at least 4 characters)."""
        if ident in self._by_id:
            return ident
        found = [i for i in self._by_id if len(ident) >= 4 and i.startswith(ident)]
        if len(found) == 1:
            return found[0]
        if not found:
            raise KeyError(f"no article with id '{ident}'")
        raise KeyError(f"id prefix '{ident}' is ambiguous ({len(found)} articles)")

    def show(self, ident: str, query: str = "") -> dict:
        """One article with its cleaned text, hit offsets, entity mentions and source lines."""
        with self._lock:
            self._require()
            docnum = self._by_id[self.resolve_id(ident)]
            meta = self._meta[docnum]
            text = self._searcher.stored_fields(docnum)["text"]
        compiled = compile_query(query, self._aliases, self.pinyin_words)
        out = _public(meta)
        out["text"] = text
        out["blocks"] = meta["blocks"]
        out["hits"] = [list(h) for h in find_hits(text, compiled.terms)]
        out["title_hits"] = [list(h) for h in find_hits(meta["title"], compiled.terms)]
        out["mentions"] = [
            {"start": m.start, "end": m.end, "type": m.type, "value": m.value, "text": m.surface, "strong": m.strong}
            for m in mentions(text)
        ]
        out["source_lines"] = self.source_lines(meta)
        return out

    def source_lines(self, meta: dict) -> list[dict]:
        """The original lines of an article, read (read-only) from its corpus file."""
        from .layout import source_lines
        from .reading import FileInfo, SourceText, read_source

        path = self.corpus / meta["source"]
        try:
            st = path.stat()
        except OSError:
            return []
        src = read_source(FileInfo(path, meta["source"], st.st_size, st.st_mtime_ns))
        if not isinstance(src, SourceText):
            return []
        lines = source_lines(src.text)
        out = []
        for first, last in meta["spans"]:
            out += [{"line": n, "text": lines[n - 1]} for n in range(first, min(last, len(lines)) + 1)]
        return out

    def _require(self):
        if self._searcher is None:
            raise RuntimeError("the index is not open: call sync() or open() first")
        return self._searcher


def _lexicon_words(reader, fieldname: str) -> list[str]:
    if fieldname not in reader.indexed_field_names():
        return []
    return [w.decode("utf-8") if isinstance(w, bytes) else w for w in reader.lexicon(fieldname)]


def _title_of(meta: dict) -> str:
    return " ".join(p for p in (meta.get("kicker"), meta["title"], meta.get("subtitle")) if p)


def _public(meta: dict) -> dict:
    hidden = {"blocks", "file_sha1", "entity_aliases"}
    return {k: v for k, v in meta.items() if k not in hidden}


__all__ = ["Concordance", "Engine", "Hit", "Matrix", "QueryError", "SearchResult", "default_corpus"]
