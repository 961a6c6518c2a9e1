"""Corpus files → Whoosh documents, and a writer that uses every core for a big job.

:func:`prepare` reads, decodes, cleans and splits one file and extracts its entities. For a
big job the documents go to Whoosh's multi-process writer: sub-processes run jieba analysis
and write postings, each into a segment of its own, while this process prepares the next
files. A few files are written in-process, since a sub-process costs about a second to
start. ``GXQ_INDEX_PROCS`` overrides the choice (``1``: always in-process).
"""

from __future__ import annotations

import os

from .analysis import ANALYZER_VERSION
from .articles import split_page
from .entities import extract
from .reading import FileInfo, Skipped, SourceText, read_source
from .schema import article_meta, to_document

PARALLEL_MIN_BYTES = 512 * 1024  # below this much text, sub-process start-up costs more than it saves
WRITER_TIMEOUT = 60.0  # seconds to wait for another process's write lock
WRITER_DELAY = 0.25  # between attempts


def prepare(info: FileInfo) -> tuple[SourceText | Skipped, list[dict]]:
    """Read one file: its Whoosh documents, or why it was skipped."""
    src = read_source(info)
    if isinstance(src, Skipped):
        return src, []
    return src, documents(src)


def documents(src: SourceText) -> list[dict]:
    """The Whoosh documents of one decoded page, in page order."""
    docs = []
    for art in split_page(src.rel, src.text, src.sha1, ANALYZER_VERSION):
        found = extract(art.title, art.text, tuple(art.authors))
        meta = article_meta(art, found.facets, src.sha1, found.aliases, found.people)
        meta["encoding"] = src.encoding
        docs.append(to_document(art, meta))
    return docs


def writer_procs(files: list[FileInfo]) -> int:
    """Writer processes for a job: GXQ_INDEX_PROCS, else every core when there is enough
    text to repay starting them, else one (this process)."""
    env = os.environ.get("GXQ_INDEX_PROCS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    if sum(f.size for f in files) < PARALLEL_MIN_BYTES:
        return 1
    return max(1, os.cpu_count() or 1)


def open_writer(ix, procs: int):
    """A Whoosh writer: in-process for ``procs == 1``, else ``procs`` sub-process writers
    started with ``spawn`` (safe from the app's threads) that leave one segment each."""
    if procs <= 1:
        return ix.writer(timeout=WRITER_TIMEOUT, delay=WRITER_DELAY)
    return ix.writer(procs=procs, multisegment=True, start_method="spawn", timeout=WRITER_TIMEOUT, delay=WRITER_DELAY)


def abandon(writer) -> None:
    """Cancel a writer and stop its sub-processes (a spawned sub-writer would otherwise wait
    for work forever and keep the program from exiting)."""
    try:
        writer.cancel()
    finally:
        for task in getattr(writer, "tasks", ()):
            if task.is_alive():
                task.terminate()
            task.join(timeout=5)
