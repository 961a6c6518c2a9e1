"""Whoosh's posting pool writes its sorted runs in batches with ``marshal``.

When a writer's postings outgrow its memory limit (``WRITER_POOL_MB``), Whoosh sorts them and
writes a run to a temporary file, one ``pickle.dump`` per posting, then reads every run back
one ``pickle.load`` at a time to merge them. At 10,000 articles that is two million calls
each way, about an eighth of the whole build. Runs are private to one writer process and read
back by it, so the same postings can be written as lists of a few thousand with ``marshal``
and read back a list at a time: the postings, their order and the index are unchanged.

:func:`install` is called when :mod:`search_index.index.tokenizer` is imported, because that is the
module Whoosh's spawned sub-writers import (to unpickle the schema) before they make a pool.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from whoosh.writing import PostingPool

BATCH = 2048  # postings per marshal record (a merge holds one batch per run in memory)


def write_run(pool: PostingPool, f: BinaryIO, items: Iterable[tuple]) -> None:
    """Write sorted postings as marshal lists of up to ``BATCH``."""
    batch: list[tuple] = []
    for item in items:
        batch.append(item)
        if len(batch) >= BATCH:
            marshal.dump(batch, f)
            batch = []
    if batch:
        marshal.dump(batch, f)
    f.close()


def read_run(pool: PostingPool, path: str) -> Iterator[tuple]:
    """The postings of one run in order; the run file is removed afterwards."""
    f = pool._open_run(path)
    try:
        while True:
            try:
                batch = marshal.load(f)
            except EOFError:
                return
            yield from batch
    finally:
        f.close()
        pool._remove_run(path)


def install() -> None:
    """Make every PostingPool in this process write and read runs in batches."""
    setattr(PostingPool, "_write_run", write_run)  # noqa: B010 (a method replaced on purpose)
    setattr(PostingPool, "_read_run", read_run)  # noqa: B010
