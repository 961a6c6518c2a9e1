"""Writing a sync's files into the index: a full build in a scratch folder swapped in only
when complete, or an update of the changed and removed files in place; both name their
phases as they go and check that parallel writers lost no article."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from whoosh import index as windex
from whoosh.index import LockError

from search_index.errors import Cancelled, IndexError_
from search_index.index import vocabulary
from search_index.index.heap import settled
from search_index.index.memo import index_tag
from search_index.index.memo_rows import WrittenRows
from search_index.index.pipeline import abandon, open_writer, prepared, preparing_procs, writer_procs
from search_index.index.report import Phase, SyncReport, say
from search_index.index.schema import ROW, WORDS, build_schema
from search_index.index.state import file_unchanged
from search_index.ingest.reading import FileInfo, Skipped

if TYPE_CHECKING:
    from search_index.index.store import IndexStore


class Incomplete(Exception):
    """A parallel write lost documents (a sub-process died without an error)."""


def rebuild(store: IndexStore, files: list[FileInfo], report: SyncReport, progress, warn, cancel=None, procs=0) -> None:
    """Index every file into ``whoosh.building-PID``, then swap it in for the old index."""
    fresh = store.folder / f"whoosh.building-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    state = {**store.wanted_header(), "build": uuid.uuid4().hex, "files": {}}
    procs = procs or writer_procs(files)
    writer = None
    words = vocabulary.Vocabulary()
    rows = WrittenRows()
    try:
        fresh.mkdir(parents=True)
        writer = open_writer(windex.create_in(str(fresh), build_schema()), procs)
        _index_files(store.phase, writer, files, state["files"], report, progress, warn, cancel, procs, words, rows)
        _commit(store.phase, writer, report.articles)
        tag = index_tag(windex.open_dir(str(fresh)))
        vocabulary.save(words, fresh, tag)
    except BaseException:
        if writer is not None:
            abandon(writer)
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if procs > 1:
        check_complete(windex.open_dir(str(fresh)), report, fresh)
    old = store.folder / f"whoosh.old-{os.getpid()}"
    if store.whoosh_dir.exists():
        os.replace(store.whoosh_dir, old)
    os.replace(fresh, store.whoosh_dir)
    shutil.rmtree(old, ignore_errors=True)
    store.save_state(state)
    store.keep_rows(tag, rows)


def update(store: IndexStore, files: list[FileInfo], state: dict, report: SyncReport, progress, warn, cancel=None):
    """Re-read the files whose size or mtime changed and drop the removed ones, in place."""
    known: dict = state.get("files", {})
    current = {f.rel for f in files}
    changed = [f for f in files if not file_unchanged(known.get(f.rel), f)]
    removed = [rel for rel in known if rel not in current]
    report.articles = sum(v.get("articles", 0) for k, v in known.items() if k in current)
    if not changed and not removed:
        return
    ix = store.open()
    procs = writer_procs(changed)
    words = _words_less(ix, store.whoosh_dir, [*removed, *(f.rel for f in changed if f.rel in known)])
    try:
        writer = open_writer(ix, procs)
    except LockError as exc:
        raise IndexError_(f"index is locked by another process: {store.whoosh_dir}") from exc
    try:
        for rel in removed:
            writer.delete_by_term("source", rel)
            known.pop(rel, None)
        for f in changed:
            report.articles -= known.get(f.rel, {}).get("articles", 0)
            writer.delete_by_term("source", f.rel)
        _index_files(store.phase, writer, changed, known, report, progress, warn, cancel, procs, words)
        _commit(store.phase, writer, report.articles)
    except BaseException:
        abandon(writer)
        raise
    if procs > 1:
        check_complete(store.open(), report)
    if words is not None:
        vocabulary.save(words, store.whoosh_dir, index_tag(store.open()))
    report.removed = len(removed)
    state["files"] = known
    store.save_state(state)


def _words_less(ix, folder: Path, sources: list[str]) -> vocabulary.Vocabulary | None:
    """The saved vocabulary without the words of ``sources`` (files re-read or removed), or
    None when it was not saved for this index state (it is then rebuilt when needed)."""
    counts = vocabulary.load(folder, index_tag(ix))
    if counts is None:
        vocabulary.discard(folder)
        return None
    with ix.searcher() as searcher:
        for source in sources:
            counts.subtract(vocabulary.source_words(searcher, source))
    return counts


def _commit(phase: Phase, writer, articles: int) -> None:
    """Commit, naming the phases: "segmenting" while the writers finish the articles handed
    to them (sub-process writers also write their own segments then), "writing" once this
    process writes or closes its segment (announced as Whoosh's step for it starts)."""
    phase("segmenting", articles)
    said: list[bool] = []  # "writing" is said once: _finalize_segment calls _close_segment
    for step in ("_finalize_segment", "_close_segment"):  # one of them runs, after the writers are done
        setattr(writer, step, _announcing(phase, getattr(writer, step), articles, said))
    writer.commit()


def _announcing(phase: Phase, step: Callable, articles: int, said: list[bool]) -> Callable:
    """``step``, saying "writing" first unless it was said."""

    def announced(*args, **kwargs):
        if not said:
            said.append(True)
            phase("writing", articles)
        return step(*args, **kwargs)

    return announced


def _index_files(
    phase: Phase,
    writer,
    files,
    table: dict,
    report: SyncReport,
    progress,
    warn,
    cancel=None,
    procs=1,
    words=None,
    rows=None,
):
    total = len(files)
    phase("reading", total)
    stream = prepared(files, preparing_procs(files, procs))
    with settled() as heap:
        try:
            for done, (info, (src, docs)) in enumerate(stream):
                if cancel is not None and cancel.is_set():
                    raise Cancelled("indexing stopped; the index keeps its last complete state")
                if progress:
                    progress(done, total, info.rel)
                _add_file(writer, info, src, docs, table, report, warn, words, rows)
                heap.now()  # after the first file: the extractor's tables are loaded
        finally:
            stream.close()  # stops the preparing processes
    if progress:
        progress(total, total, "")


def _add_file(
    writer,
    info: FileInfo,
    src,
    docs: list[dict],
    table: dict,
    report: SyncReport,
    warn,
    words: vocabulary.Vocabulary | None,
    rows=None,
) -> None:
    """Hand one prepared file's documents to the writer, count their words (unless
    ``words`` is None), keep their rows for the row cache in ``rows`` (by article id; None
    for an id seen twice) and record the file in the state."""
    entry: dict = {"size": info.size, "mtime_ns": info.mtime_ns}
    raw = os.fsencode(str(info.path))
    if raw.decode("utf-8", "replace").encode("utf-8") != raw:  # a name that is not UTF-8: keep its bytes
        entry["raw_path"] = raw.hex()
    report.read += 1
    if isinstance(src, Skipped):
        report.skipped.append(src)
        say(warn, src.message())
        table[info.rel] = {**entry, "articles": 0, "skipped": src.reason}
        return
    count = 0
    used: set[str] = set()
    own = False  # whether ``used`` is a set made here (grown in place), not an article's
    for doc in docs:  # a list, or a big export's documents read as they are written
        mine = doc.pop(WORDS, None)
        if mine:  # the words of a file of one article are its article's own (not copied)
            if not used:
                used = mine
            elif own:
                used |= mine
            else:
                used, own = used | mine, True
        row = doc.pop(ROW, None)
        if rows is not None and row is not None:
            rows.keep(row)
        writer.add_document(**doc)
        count += 1
    if words is not None:
        words.add(used)
    report.articles += count
    for note in src.warnings:
        say(warn, note)
    report.warnings += bool(src.warnings)
    table[info.rel] = {**entry, "sha1": src.sha1, "articles": count}


def check_complete(ix, report: SyncReport, scratch: Path | None = None) -> None:
    """Raise Incomplete (removing ``scratch``) unless the index holds every article."""
    held = ix.doc_count()
    if held != report.articles:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
        raise Incomplete(f"parallel indexing lost articles ({held} of {report.articles} written)")
