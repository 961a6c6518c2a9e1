"""Reliability: hostile corpus files, any query string, broken or busy indexes, unwritable
caches, interrupted indexing. Nothing the user has is modified; nothing crashes."""

from __future__ import annotations

import errno
import os
import shutil
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from whoosh.writing import SegmentWriter

from search_index import Engine, QueryError
from search_index.errors import Cancelled
from tests.harness import edit_state, tree_fingerprint
from tests.hostile import QUERIES, article_text, hostile_corpus


# -- corpus input -------------------------------------------------------------------------
def test_hostile_corpus_indexes_what_is_readable_and_names_the_rest(tmp_path):
    corpus = tmp_path / "corpus"
    bad = hostile_corpus(corpus)
    before = tree_fingerprint(corpus)
    warnings: list[str] = []
    engine = Engine(corpus, tmp_path / "idx")
    report = engine.sync(warn=warnings.append)
    for marker in ("甲标记", "乙标记", "丙标记", "丁标记", "戊标记", "己标记"):
        assert engine.search(marker).total == 1, marker
    reasons = {s.rel: s.reason for s in report.skipped}
    assert set(reasons) == set(bad)
    for name, reason in bad.items():
        assert reasons[name].startswith(reason), (name, reasons[name])
        assert sum(name in w for w in warnings) == 1  # one warning line per file
    assert f"{len(bad)} skipped" in report.summary()
    assert tree_fingerprint(corpus) == before  # nothing written, nothing touched


@pytest.mark.slow
def test_thousands_of_tiny_files(tmp_path):
    corpus = tmp_path / "corpus"
    for i in range(1500):
        folder = corpus / f"d{i % 30:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        body = "" if i % 3 == 0 else f"第{i}号简讯：高新区企业发布新产品编号N{i}X。\n"
        (folder / f"{i:05d}.txt").write_text(body, encoding="utf-8")
    engine = Engine(corpus, tmp_path / "idx")
    report = engine.sync()
    assert report.files == 1500 and len(report.skipped) == 500
    assert engine.article_count == 1000
    assert engine.search("N1499X").total == 1 and engine.search("N1500X").total == 0


def test_files_that_vanish_or_change_while_indexing(tmp_path, seeds_dir):
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    (corpus / "zz_change.txt").write_text(article_text("旧标记"), encoding="utf-8")
    names = sorted(p.name for p in corpus.glob("*.txt"))

    def meddle(done: int, total: int, name: str) -> None:
        if name == names[1]:
            (corpus / names[2]).unlink()  # vanishes before it is read
            (corpus / "zz_change.txt").write_text(article_text("新标记"), encoding="utf-8")
            os.utime(corpus / "zz_change.txt", ns=(1, 1))

    engine = Engine(corpus, tmp_path / "idx")
    report = engine.sync(progress=meddle)
    assert [s.reason for s in report.skipped] == ["vanished while indexing"]
    assert engine.search("新标记").total == 1  # read after it changed
    again = engine.sync()
    assert again.removed == 1 and again.read == 1  # the vanished file dropped, the changed one re-read
    assert engine.search("新标记").total == 1 and engine.search("旧标记").total == 0


# -- queries ------------------------------------------------------------------------------
@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(QUERIES)
def test_any_query_gives_results_or_one_line(engine, text):
    for run in (lambda: engine.search(text, limit=3), lambda: engine.kwic(text), lambda: engine.matrix(text)):
        try:
            run()
        except QueryError as exc:
            assert str(exc) and "\n" not in str(exc)


# -- index faults -------------------------------------------------------------------------
def _whoosh_files(engine: Engine, suffix: str) -> list[Path]:
    return sorted(engine.store.whoosh_dir.glob(f"*{suffix}"), key=lambda p: p.stat().st_size, reverse=True)


@pytest.mark.parametrize(
    "damage", ["truncate segment", "delete segment", "garbage segments", "garbage toc", "garbage state"]
)
def test_a_corrupt_index_is_reported_and_rebuilt(tmp_path, seeds_dir, damage):
    engine = Engine(seeds_dir, tmp_path / "idx")
    engine.sync()
    expected = engine.search("具身智能").total
    engine.close()
    if damage == "truncate segment":
        stored = _whoosh_files(engine, "_stored.col")[0]  # the stored articles, what results show
        stored.write_bytes(stored.read_bytes()[: stored.stat().st_size // 3])
    elif damage == "delete segment":
        _whoosh_files(engine, "_stored.col")[0].unlink()
    elif damage == "garbage segments":
        for path in engine.store.whoosh_dir.iterdir():
            if path.name.startswith(("MAIN_", "_MAIN")):  # segment files and the table of contents
                path.write_bytes(b"garbage")
    elif damage == "garbage toc":
        _whoosh_files(engine, ".toc")[0].write_bytes(b"\x00garbage" * 20)
    else:
        engine.store.state_path.write_text("{not json", encoding="utf-8")
    warnings: list[str] = []
    fresh = Engine(seeds_dir, tmp_path / "idx")
    report = fresh.sync(warn=warnings.append)
    assert report.rebuilt and report.reason
    assert "\n" not in report.reason
    assert fresh.search("具身智能").total == expected


def test_an_index_of_an_older_schema_is_rebuilt(tmp_path, seeds_dir):
    engine = Engine(seeds_dir, tmp_path / "idx")
    engine.sync()
    edit_state(engine, format="s1-a1")
    report = Engine(seeds_dir, tmp_path / "idx").sync()
    assert report.rebuilt and report.reason == "index format changed"


def test_a_cache_path_that_cannot_be_a_folder_falls_back_to_a_temporary_index(tmp_path, seeds_dir):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    warnings: list[str] = []
    engine = Engine(seeds_dir, blocker / "indexes")
    report = engine.sync(warn=warnings.append)
    assert engine.store.temporary and "temporary index" in report.reason
    assert any("cannot write the index cache" in w for w in warnings)
    assert engine.search("具身智能").total == 4
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_a_full_disk_while_indexing_falls_back_to_a_temporary_index(tmp_path, seeds_dir, monkeypatch):
    original = SegmentWriter.add_document
    calls = {"n": 0}

    def fill_up(writer, **fields):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return original(writer, **fields)

    monkeypatch.setattr(SegmentWriter, "add_document", fill_up)
    engine = Engine(seeds_dir, tmp_path / "idx")
    report = engine.sync()
    assert engine.store.temporary and "No space left" in report.reason
    assert engine.article_count == 11
    assert not list((tmp_path / "idx").rglob("whoosh.building-*"))  # the half-built folder is gone


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_cache_falls_back_to_a_temporary_index(tmp_path, seeds_dir):
    base = tmp_path / "ro"
    base.mkdir()
    base.chmod(0o555)
    try:
        engine = Engine(seeds_dir, base)
        report = engine.sync()
        assert engine.store.temporary and engine.article_count == 11 and "temporary" in report.reason
    finally:
        base.chmod(0o755)


# -- interrupted indexing -----------------------------------------------------------------
def test_cancel_during_an_update_keeps_the_last_committed_index(tmp_path, seeds_dir):
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    engine = Engine(corpus, tmp_path / "idx")
    engine.sync()
    for i in range(3):
        (corpus / f"new{i}.txt").write_text(article_text(f"新{i}号"), encoding="utf-8")
    stop = threading.Event()

    def progress(done: int, total: int, name: str) -> None:
        if done == 1:
            stop.set()

    with pytest.raises(Cancelled):
        engine.sync(progress=progress, cancel=stop)
    again = Engine(corpus, tmp_path / "idx")
    again.open()
    assert again.article_count == 11  # the last committed state
    report = again.sync()
    assert report.read == 3 and again.article_count == 14


def test_cancel_during_a_first_build_leaves_no_half_index(tmp_path, seeds_dir):
    stop = threading.Event()
    engine = Engine(seeds_dir, tmp_path / "idx")
    with pytest.raises(Cancelled):
        engine.sync(progress=lambda done, total, name: stop.set() if done == 2 else None, cancel=stop)
    assert not engine.store.usable()
    assert not list((tmp_path / "idx").rglob("whoosh.building-*"))
    assert Engine(seeds_dir, tmp_path / "idx").sync().rebuilt
