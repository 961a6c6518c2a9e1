"""Corpus files → Whoosh documents, and a writer that uses every core for a big job.

:func:`prepare` reads, decodes, cleans and splits one file and extracts its entities. For a
big job both halves use every core: files are prepared in a pool of processes, and the
documents go to Whoosh's multi-process writer, whose sub-processes run jieba analysis and
write postings, each into a segment of its own; this process only passes documents on. A few
files are done in-process, since a sub-process costs about a second to start.
``GXQ_INDEX_PROCS`` overrides the choice (``1``: always in-process).
"""

from __future__ import annotations

import contextlib
import os
from collections import deque
from collections.abc import Generator, Iterator
from dataclasses import replace
from itertools import islice

from search_index.analysis.textnorm import key_of_tail
from search_index.entities import Extractor, extract, extractor
from search_index.index.memo_rows import prepared_row
from search_index.index.orphan import watch_parent
from search_index.index.schema import ROW, article_meta, to_document
from search_index.index.tokenizer import ANALYZER_VERSION
from search_index.index.workers import WorkersUnavailable, starting_workers
from search_index.ingest.formats import Unreadable, iter_records
from search_index.ingest.plaintext import record_articles
from search_index.ingest.reading import FileInfo, Skipped, SourceText, read_source, streams

PARALLEL_MIN_BYTES = 512 * 1024  # below this much text, sub-process start-up costs more than it saves
# Below this much text the files are prepared in this process even when writers run in
# sub-processes: a preparing pool's start-up then costs more than it saves (at 1.4 MB the job
# is 0.15 s faster without it, at 4 MB both take the same, at 14 MB the pool saves 1.6 s).
PREPARE_POOL_MIN_BYTES = 3 * 1024 * 1024
WRITER_TIMEOUT = 60.0  # seconds to wait for another process's write lock
WRITER_DELAY = 0.25  # between attempts
READ_AHEAD = 8  # files each preparing process may be ahead of the writer
WRITER_POOL_MB = 48  # postings a writer buffers (by Whoosh's estimate) before sorting them to disk


def prepare(info: FileInfo, using: Extractor | None = None) -> tuple[SourceText | Skipped, list[dict]]:
    """Read one file: its Whoosh documents, or why it was skipped. ``using``: the job's
    extractor (looked up per file when None)."""
    src = read_source(info)
    if isinstance(src, Skipped):
        return src, []
    try:
        docs = documents(src, using)
    except Unreadable as exc:
        return Skipped(info.rel, str(exc)), []
    return (replace(src, data=b"") if src.data else src), docs  # a PDF's bytes need not travel back


def documents(src: SourceText, using: Extractor | None = None) -> list[dict]:
    """The Whoosh documents of one decoded page, in page order."""
    return list(iter_documents(src, using))


def iter_documents(src: SourceText, using: Extractor | None = None) -> Iterator[dict]:
    """The Whoosh documents of one read file, lazily, record by record."""
    using = using or extractor()
    order = 0
    for rec in iter_records(src):
        for art in record_articles(src.rel, rec, src.sha1, ANALYZER_VERSION):
            art.order = order
            order += 1
            found = extract(art.title, art.text, tuple(art.authors), using, marks=False)
            meta = article_meta(art, found.facets, src.sha1, found.aliases, found.people)
            meta["encoding"] = src.encoding
            doc = to_document(art, meta, found.words)
            # what reading the stored document back would make (the text's key cut from the tagger's)
            doc[ROW] = prepared_row(meta, art.text, key_of_tail(art.title, art.text))
            yield doc


def streamed(info: FileInfo, using: Extractor | None = None):
    """A big export's documents, read record by record in this process as the writer takes
    them (an unreadable start becomes a skip; a later problem ends the file there)."""
    src = read_source(info)
    if isinstance(src, Skipped):
        return src, []
    docs = iter_documents(src, using)
    try:
        first = next(docs, None)
    except Unreadable as exc:
        return Skipped(info.rel, str(exc)), []
    return src, _guarded([] if first is None else [first], docs, src)


def _guarded(head: list[dict], rest: Iterator[dict], src: SourceText) -> Iterator[dict]:
    yield from head
    try:
        yield from rest
    except Unreadable as exc:
        src.warnings.append(f"warning: {src.rel}: {exc}")


def prepared(
    files: list[FileInfo], procs: int
) -> Generator[tuple[FileInfo, tuple[SourceText | Skipped, list[dict]]], None, None]:
    """(file, :func:`prepare` result) in file order. With ``procs > 1`` files are prepared
    in that many spawned processes, a few files ahead of the consumer (so memory stays
    bounded); closing the iterator cancels what has not started and waits for the rest."""
    if procs <= 1:
        using = extractor()  # one look-up of the user dictionary per job, not per file
        for info in files:
            yield info, streamed(info, using) if streams(info) else prepare(info, using)
        return
    import multiprocessing  # (a build in one process never loads the pool's modules)
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with starting_workers():  # its queues need the resource tracker running
        pool = ProcessPoolExecutor(
            procs, mp_context=multiprocessing.get_context("spawn"), initializer=watch_parent, initargs=(os.getpid(),)
        )

    def submit(info: FileInfo):
        with starting_workers():
            return pool.submit(prepare, info)

    try:
        pending: deque = deque()
        queue = iter(files)
        for info in islice(queue, procs * READ_AHEAD):
            pending.append((info, None if streams(info) else submit(info)))
        while pending:
            info, future = pending.popleft()
            following = next(queue, None)
            if following is not None:
                pending.append((following, None if streams(following) else submit(following)))
            if future is None:
                yield info, streamed(info)
                continue
            try:
                result = future.result()
            except BrokenProcessPool as exc:
                raise WorkersUnavailable(f"worker processes stopped ({exc})") from exc
            yield info, result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _procs_from_env() -> int | None:
    """GXQ_INDEX_PROCS when it is a positive whole number, else None (choose by job size)."""
    env = os.environ.get("GXQ_INDEX_PROCS", "").strip()
    return int(env) if env.isdigit() and int(env) > 0 else None


def writer_procs(files: list[FileInfo]) -> int:
    """Writer processes for a job: GXQ_INDEX_PROCS, else every core when there is enough
    text to repay starting them, else one (this process)."""
    chosen = _procs_from_env()
    if chosen is not None:
        return chosen
    if sum(f.size for f in files) < PARALLEL_MIN_BYTES:
        return 1
    return max(1, os.cpu_count() or 1)


def preparing_procs(files: list[FileInfo], writers: int) -> int:
    """Processes that prepare the files of a job with ``writers`` writer processes: as many,
    unless GXQ_INDEX_PROCS does not choose and the job is small (then this process)."""
    small = sum(f.size for f in files) < PREPARE_POOL_MIN_BYTES
    return 1 if small and _procs_from_env() is None else writers


def open_writer(ix, procs: int):
    """A Whoosh writer: in-process for ``procs == 1``, else ``procs`` sub-process writers
    started with ``spawn`` (safe from the app's threads) that leave one segment each.

    Segments stay separate files, not one compound file: Whoosh reads a compound file's parts
    by slicing its memory map, which copies the whole stored-fields part into memory (170 MB
    at 100,000 articles); separate files are read where needed."""
    options = {"timeout": WRITER_TIMEOUT, "delay": WRITER_DELAY, "compound": False, "limitmb": WRITER_POOL_MB}
    if procs <= 1:
        return ix.writer(**options)
    from search_index.index.subwriters import SafeMpWriter  # (and with it Whoosh's, and multiprocessing)

    with starting_workers():  # its queues need the resource tracker running
        return SafeMpWriter(ix, procs=procs, multisegment=True, start_method="spawn", **options)


def abandon(writer) -> None:
    """Cancel a writer and stop its sub-processes (a spawned sub-writer would otherwise wait
    for work forever and keep the program from exiting)."""
    try:
        with contextlib.suppress(Exception):  # a writer that cannot even cancel (a full disk) is dropped all the same
            writer.cancel()
    finally:
        for task in getattr(writer, "tasks", ()):
            if task.is_alive():
                task.terminate()
            if task.pid is not None:  # a task whose start failed has nothing to wait for
                task.join(timeout=5)
