"""The in-memory rows of an open index: read from their cache file when its tag is the
index's and a sample of rows names the stored documents, else built (reusing the rows of
unchanged files) and saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from search_index.index import memo as row_cache  # the rows in memory and their cache file
from search_index.index import memo_rows
from search_index.index.heap import give_back_freed
from search_index.index.memo import Memo
from search_index.index.report import say

if TYPE_CHECKING:
    from search_index.index.mapped import Later
    from search_index.index.store import IndexStore


def open_rows(
    reader,
    store: IndexStore,
    tag: str,
    current: Callable[[], Memo],
    release: Callable[[], None],
    warn,
    later: Later | None = None,
):
    """The rows of the index ``reader`` reads (committed as ``tag``). ``current()`` gives the
    rows in memory now (reused for unchanged files); ``release()`` frees them before a
    matching cache file is read (``later``: see :func:`memo.load`). Rows built are read back
    from the cache file they were saved to, so that their keys are mapped, not held."""
    path = store.whoosh_dir / row_cache.FILE_NAME
    prepared = store.written_rows(tag)  # taken (and freed) whichever way the rows come
    memo = None
    if row_cache.stored_tag(path) == tag:
        release()  # free the old rows before the new ones are read
        memo = row_cache.load(path, tag, warn, later)
        if memo is not None and not rows_match(reader, memo):
            say(warn, f"warning: row cache {path.name} does not match the index; rebuilding it")
            memo = None
    if memo is None:
        now = current()
        previous = now if len(now) else row_cache.load(path, None, warn)
        memo = memo_rows.build(reader, store.build_id(), previous, prepared)
        prepared = previous = None  # the rows made as the index was written go before the cache is read back
        row_cache.save(memo, path, tag)
        memo = row_cache.load(path, tag) or memo  # its keys mapped from the file, not held in memory
        rows_match(reader, memo)  # a truncated or missing stored-fields file fails here
        give_back_freed()  # the rows' memory goes back to the system (not only to the heap) before the 2-grams
    return memo


def rows_match(reader, memo: Memo, samples: int = 64) -> bool:
    """True when the stored documents of a sample of rows (first, last and evenly spaced) carry
    the ids the rows name; reading them also fails on a truncated stored-fields file."""
    n = len(memo)
    picks = sorted({0, n - 1, *range(0, n, max(1, n // samples))}) if n else []
    return all(reader.stored_fields(memo.docnums[r]).get("id") == memo.ids[r] for r in picks)
