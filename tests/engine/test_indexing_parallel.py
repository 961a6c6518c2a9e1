"""Indexing on every core: Whoosh's multi-process writer must give the same index as one
process, stop cleanly when cancelled, and never lose an article silently. The segmenter
(jieba-rs or Python jieba) is part of the index format."""

from __future__ import annotations

import multiprocessing
import re
import threading

import pytest
from whoosh.multiproc import MpWriter

from bench.gen_corpus import generate
from search_index import Engine
from search_index.analysis.segment import PythonJieba, RustJieba
from search_index.errors import Cancelled
from search_index.ingest.reading import discover, read_source
from search_index.reference.gazetteer import load_gazetteer
from tests.harness import edit_state

QUERIES = ["具身智能", '"国家 高新区"', "中关村 -机器人", "低空经济 OR 商业航天", "park:中关村", "量子"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """About 400 generated articles, a fifth of the pages in GB18030."""
    root = tmp_path_factory.mktemp("par")
    generate(root / "corpus", articles=400, seed=5, gb18030_share=0.2)
    return root


@pytest.fixture(scope="module")
def one_process(generated, tmp_path_factory) -> Engine:
    """The generated corpus indexed in one process: the reference the parallel builds must equal."""
    with pytest.MonkeyPatch.context() as patch:
        return _build(generated / "corpus", tmp_path_factory.mktemp("one"), "1", patch)


def _build(corpus, base, procs: str, monkeypatch, **sync_args) -> Engine:
    monkeypatch.setenv("GXQ_INDEX_PROCS", procs)
    engine = Engine(corpus, base)
    engine.sync(**sync_args)
    return engine


def _answers(engine: Engine) -> dict:
    out = {}
    for q in QUERIES:
        res = engine.search(q, limit=10_000, snippet_count=0)
        out[q] = (res.total, sorted(h.meta.id for h in res.hits), res.facets)
    return out


@pytest.mark.slow
def test_a_parallel_build_holds_the_same_index_as_one_process(generated, one_process, tmp_path, monkeypatch):
    serial = one_process
    parallel = _build(generated / "corpus", tmp_path / "two", "2", monkeypatch)
    assert parallel.article_count == serial.article_count >= 400
    assert parallel.describe().segments >= 2  # two sub-writers, a segment each
    assert parallel.articles() == serial.articles()
    assert _answers(parallel) == _answers(serial)


@pytest.mark.slow
def test_a_parallel_update_matches_a_fresh_build(generated, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    generate(corpus, articles=300, seed=9, gb18030_share=0.0)
    engine = _build(corpus, tmp_path / "idx", "2", monkeypatch)
    pages = sorted(corpus.rglob("*.txt"))
    for page in pages[::3]:  # a third of the pages change, one disappears
        page.write_text(
            page.read_text(encoding="utf-8") + "\n\n本报讯 更新测试：具身智能企业落户中关村。\n", encoding="utf-8"
        )
    pages[1].unlink()
    report = engine.sync()
    assert not report.rebuilt and report.removed == 1
    fresh = _build(corpus, tmp_path / "fresh", "1", monkeypatch)
    assert engine.article_count == fresh.article_count
    assert _answers(engine) == _answers(fresh)


@pytest.mark.slow
def test_cancelling_a_parallel_build_stops_its_processes_and_keeps_no_half_index(generated, tmp_path, monkeypatch):
    monkeypatch.setenv("GXQ_INDEX_PROCS", "2")
    stop = threading.Event()
    engine = Engine(generated / "corpus", tmp_path / "idx")
    with pytest.raises(Cancelled):
        engine.sync(progress=lambda done, total, name: stop.set() if done == 30 else None, cancel=stop)
    assert multiprocessing.active_children() == []
    assert not list((tmp_path / "idx").rglob("whoosh.building-*"))
    assert not engine.store.usable()


@pytest.mark.slow
def test_a_sub_process_that_loses_articles_is_caught_and_the_index_built_again(
    generated, one_process, tmp_path, monkeypatch
):
    original = MpWriter.add_document
    seen = {"n": 0}

    def lossy(writer, **fields):
        seen["n"] += 1
        if seen["n"] % 7:  # every seventh document never reaches a segment
            original(writer, **fields)

    monkeypatch.setattr(MpWriter, "add_document", lossy)
    warnings: list[str] = []
    engine = _build(generated / "corpus", tmp_path / "idx", "2", monkeypatch, warn=warnings.append)
    assert any("parallel indexing lost articles" in w for w in warnings)
    assert engine.article_count == one_process.article_count
    assert _answers(engine) == _answers(one_process)


def test_an_index_built_by_another_segmenter_is_rebuilt(corpus_copy, tmp_path):
    engine = Engine(corpus_copy, tmp_path / "idx")
    engine.sync()
    edit_state(engine, segmenter="jieba-0.0.1")
    report = engine.sync()
    assert report.rebuilt and report.reason == "segmenter changed"
    assert engine.search("具身智能").total > 0


def test_rust_and_python_jieba_cut_the_seed_corpus_alike(seeds_dir):
    rust, python = RustJieba(), PythonJieba()
    for seg in (rust, python):
        for word in sorted(load_gazetteer().words()):
            seg.add_name(word)
    for info in discover(seeds_dir)[0]:
        text = read_source(info).text
        # the one known difference: jieba-rs keeps a hyphenated Latin word (E-Cabin) whole
        assert _split_hyphens(rust.cut(text)) == python.cut(text), info.rel
    assert rust.has_word("高新区") and python.has_word("高新区")
    assert not rust.has_word("新赛道培") and not python.has_word("新赛道培")


def _split_hyphens(words: list[str]) -> list[str]:
    return [part for w in words for part in (re.split(r"(-)", w) if "-" in w.strip("-") else [w]) if part]


def _postings(engine: Engine) -> dict:
    reader = engine.reader()
    return {
        (field, term): list(reader.postings(field, term).items_as("frequency"))
        for field in ("id", "source")
        for term in reader.lexicon(field)
    }


def test_postings_sorted_to_disk_in_runs_come_back_the_same(seeds_dir, tmp_path, monkeypatch):
    """A writer over its memory limit writes sorted runs (marshal batches, see ``runs``) and
    merges them: the index must equal one sorted in memory."""
    from whoosh.writing import PostingPool

    from search_index.index import pipeline, runs

    in_memory = _postings(_build(seeds_dir, tmp_path / "memory", "1", monkeypatch))
    written: list[int] = []

    def counted(pool, f, items):
        written.append(1)
        runs.write_run(pool, f, items)

    monkeypatch.setattr(pipeline, "WRITER_POOL_MB", 0.0004)  # a run every 400 bytes of postings
    monkeypatch.setattr(runs, "BATCH", 7)
    monkeypatch.setattr(PostingPool, "_write_run", counted)
    spilled = _postings(_build(seeds_dir, tmp_path / "runs", "1", monkeypatch))
    assert len(written) > 5 and PostingPool._read_run is runs.read_run
    assert spilled == in_memory and len(in_memory) > 10


def test_how_many_processes_a_job_gets(tmp_path, monkeypatch):
    """A small job runs in this process; a medium one writes in sub-processes but prepares
    here; a big one uses every core for both; GXQ_INDEX_PROCS decides for all."""
    from search_index.index import pipeline
    from search_index.ingest.reading import FileInfo

    def job(megabytes: float) -> list[FileInfo]:
        return [FileInfo(tmp_path / f"{i}.txt", f"{i}.txt", int(megabytes * 2**20 / 4), 0) for i in range(4)]

    monkeypatch.delenv("GXQ_INDEX_PROCS", raising=False)
    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 2)
    sizes = {
        mb: (pipeline.writer_procs(job(mb)), pipeline.preparing_procs(job(mb), pipeline.writer_procs(job(mb))))
        for mb in (0.1, 1.4, 14)
    }
    assert sizes == {0.1: (1, 1), 1.4: (2, 1), 14: (2, 2)}
    monkeypatch.setenv("GXQ_INDEX_PROCS", "many")  # not a number: chosen by size, both alike
    assert (pipeline.writer_procs(job(1.4)), pipeline.preparing_procs(job(1.4), 2)) == (2, 1)
    monkeypatch.setenv("GXQ_INDEX_PROCS", "3")
    assert pipeline.writer_procs(job(1.4)) == pipeline.preparing_procs(job(1.4), 3) == 3
