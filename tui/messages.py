"""Messages: what the engine service's workers post to the main screen (workers never touch
widgets), and what widgets send up to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from search_index import SearchResult, SyncReport
    from search_index.articles import Article
    from search_index.research.saved import SavedSearch
    from search_index.research.timeline import Timeline


class IndexOpened(Message):
    """An existing index is open: the user can browse while it is brought up to date."""

    def __init__(self, articles: int) -> None:
        self.articles = articles
        super().__init__()


class IndexProgress(Message):
    """Indexing progress: ``done`` of ``total`` files, now reading ``name``."""

    def __init__(self, done: int, total: int, name: str) -> None:
        self.done, self.total, self.name = done, total, name
        super().__init__()


class IndexPhase(Message):
    """Indexing entered a phase: "reading" ``count`` files, or "segmenting", "writing" or
    "rows" for ``count`` articles (``search_index.index.report.PHASES``)."""

    def __init__(self, name: str, count: int) -> None:
        self.name, self.count = name, count
        super().__init__()


class IndexReady(Message):
    """The index is built or updated and open."""

    def __init__(self, report: SyncReport, articles: int) -> None:
        self.report, self.articles = report, articles
        super().__init__()


class IndexWarning(Message):
    """A warning from indexing (skipped files are summed up when the index is ready)."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__()


class IndexFailed(Message):
    """The index could not be built or opened."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__()


class SearchDone(Message):
    """Results of search number ``generation``."""

    def __init__(self, generation: int, result: SearchResult) -> None:
        self.generation, self.result = generation, result
        super().__init__()


class SearchFailed(Message):
    """A query the engine refused, with its one-line reason."""

    def __init__(self, generation: int, message: str) -> None:
        self.generation, self.message = generation, message
        super().__init__()


class TimelineDone(Message):
    """The histogram strip's counts for search number ``generation``."""

    def __init__(self, generation: int, line: Timeline | None) -> None:
        self.generation, self.line = generation, line
        super().__init__()


class ArticleLoaded(Message):
    """A full article (text, hits, mentions, source lines) for the reader, to be shown at
    hit number ``hit``; ``index`` is its place in the result list (-1: not listed)."""

    def __init__(self, article: Article, index: int, hit: int = 0) -> None:
        self.article, self.index, self.hit = article, index, hit
        super().__init__()


class FacetToggled(Message):
    """The user toggled (``exclude=False``) or excluded a facet value."""

    def __init__(self, facet: str, value: str, exclude: bool = False) -> None:
        self.facet, self.value, self.exclude = facet, value, exclude
        super().__init__()


class FacetCleared(Message):
    """The user cleared every filter of one facet."""

    def __init__(self, facet: str) -> None:
        self.facet = facet
        super().__init__()


class ChipRemoved(Message):
    """The user removed one active filter chip."""

    def __init__(self, facet: str, value: str) -> None:
        self.facet, self.value = facet, value
        super().__init__()


class ExportDone(Message):
    """An export was written to ``path`` (or failed with ``error``)."""

    def __init__(self, path: str = "", error: str = "") -> None:
        self.path, self.error = path, error
        super().__init__()


class SavedCounts(Message):
    """Saved searches with how many results each has now (a count, or an error text)."""

    def __init__(self, rows: list[tuple[SavedSearch, int | str | None]], problem: str = "", saved: str = "") -> None:
        self.rows, self.problem, self.saved = rows, problem, saved
        super().__init__()


class TypedAhead(Message):
    """A printable key no binding claims, pressed in the results or the reader: it belongs
    at the end of the query."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__()
