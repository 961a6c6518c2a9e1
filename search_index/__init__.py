"""gxq-tui's engine: corpus reading, OCR cleaning, article splitting, jieba + Whoosh search.

Headless by design (no Textual imports). The small API the CLI and the app use::

    from search_index import Engine
    engine = Engine("path/to/corpus")      # or Engine() for the bundled seeds/
    engine.sync()                          # build or update the index (per-user cache)
    result = engine.search("具身智能", filters={"parks": ["中关村"]})
    article = engine.show(result.hits[0].id, query="具身智能")   # an Article (results.py)
    lines = engine.kwic("具身智能", sort="left").lines     # keyword in context
    grid = engine.matrix("", top=10)                     # park × track counts
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search_index.articles import Article
    from search_index.engine import Engine, Hit, SearchResult, default_corpus
    from search_index.errors import CorpusError, GxqError, IndexError_, QueryError, UnknownArticle, UserError
    from search_index.index.report import SyncReport
    from search_index.research.concordance import Concordance
    from search_index.research.matrix import Matrix
    from search_index.results import FacetCounts

# Imported on first use, so that ``import search_index.research.saved`` (or the app's first frame)
# does not wait for Whoosh, jieba's wrappers and the gazetteer.
_HOMES = {
    "Article": "articles",
    "FacetCounts": "results",
    "Concordance": "research.concordance",
    "Engine": "engine",
    "Hit": "engine",
    "Matrix": "research.matrix",
    "SearchResult": "engine",
    "default_corpus": "engine",
    "QueryError": "errors",
    "GxqError": "errors",
    "UserError": "errors",
    "UnknownArticle": "errors",
    "CorpusError": "errors",
    "IndexError_": "errors",
    "SyncReport": "index.report",
}

__all__ = [
    "Article",
    "Concordance",
    "CorpusError",
    "Engine",
    "FacetCounts",
    "GxqError",
    "Hit",
    "IndexError_",
    "Matrix",
    "QueryError",
    "SearchResult",
    "SyncReport",
    "UnknownArticle",
    "UserError",
    "default_corpus",
]


def __getattr__(name: str):
    """The public names, imported from their modules on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value
