"""gxq-tui's engine: corpus reading, OCR cleaning, article splitting, jieba + Whoosh search.

Headless by design (no Textual imports). The small API the CLI and the app use::

    from search_index import Engine
    engine = Engine("path/to/corpus")      # or Engine() for the bundled seeds/
    engine.sync()                          # build or update the index (per-user cache)
    result = engine.search("具身智能", filters={"parks": ["中关村"]})
    article = engine.show(result.hits[0].meta["id"], query="具身智能")
    lines = engine.kwic("具身智能", sort="left").lines     # keyword in context
    grid = engine.matrix("", top=10)                     # park × track counts
"""

from .engine import Concordance, Engine, Hit, Matrix, SearchResult, default_corpus
from .query import QueryError
from .reading import CorpusError
from .store import IndexError_, SyncReport

__all__ = [
    "Concordance",
    "CorpusError",
    "Engine",
    "Hit",
    "IndexError_",
    "Matrix",
    "QueryError",
    "SearchResult",
    "SyncReport",
    "default_corpus",
]
