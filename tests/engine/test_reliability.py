"""Reliability: hostile corpus files, any query string, broken or busy indexes, unwritable
caches, interrupted indexing. Nothing the user has is modified; nothing crashes."""

from __future__ import annotations

import codecs
import contextlib
import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import edit_state, tree_fingerprint
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh.writing import SegmentWriter

from search_index import Engine, QueryError
from search_index.index.store import Cancelled
from tui.cli.main import main

ARTICLE = "{marker}高新区加快发展具身智能产业。\n\n{marker}园区企业推进低空经济应用，中关村企业参与。\n"
QUERY_PARTS = [
    *'具身智能中关村"()-+*?:~^[]{}\\/ ',
    "park:",
    "track:",
    "title:",
    "foo:",
    "AND",
    "OR",
    "NOT",
    "😀",
    "\x00",
    "\t",
    "\n",
    "ａ",
    "“",
    "”",
    "zgc",
]
QUERIES = st.one_of(st.text(max_size=80), st.lists(st.sampled_from(QUERY_PARTS), max_size=24).map("".join))


def _text(marker: str) -> str:
    return ARTICLE.format(marker=marker)


def hostile_corpus(root: Path) -> dict[str, str]:
    """Write every kind of awkward file; return {file: expected skip reason} for the bad ones."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "gbk_crlf.txt").write_bytes(_text("甲标记").replace("\n", "\r\n").encode("gb18030"))
    (root / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + _text("乙标记").encode("utf-16-le"))
    (root / "utf8bom.txt").write_bytes(codecs.BOM_UTF8 + _text("丙标记").encode("utf-8"))
    (root / "private_use.txt").write_text(_text("丁标\ue000记"), encoding="utf-8")
    (root / "zero_width.txt").write_text(_text("戊\u200b标\u200d记"), encoding="utf-8")
    (root / "nul_inside.txt").write_bytes(_text("己标记").encode("utf-8").replace("。".encode(), "。\x00".encode(), 1))
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text(" \n\n  \n", encoding="utf-8")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (root / "latin1.txt").write_bytes("café société déjà vu".encode("latin-1") * 3 + b"\xff\xfe\xfd" * 50)
    with open(root / "huge.txt", "wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1024 * 1024)
    (root / "sub").mkdir()
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    return {
        "empty.txt": "empty file",
        "blank.txt": "empty file",
        "binary.txt": "binary file",
        "latin1.txt": "undecodable",
        "huge.txt": "too large (50 MB > 16 MB limit; set GXQ_MAX_FILE_MB=51 to index it)",
        "dangling.txt": "broken link",
    }


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


def test_hostile_corpus_from_the_command_line(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    bad = hostile_corpus(corpus)
    code = main(["index", "--corpus", str(corpus), "--index-dir", str(tmp_path / "idx")])
    out, err = capsys.readouterr()
    assert code == 0
    for name in bad:
        assert f"skipped {name}:" in err
    assert f"{len(bad)} skipped" in out


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
    (corpus / "zz_change.txt").write_text(_text("旧标记"), encoding="utf-8")
    names = sorted(p.name for p in corpus.glob("*.txt"))

    def meddle(done: int, total: int, name: str) -> None:
        if name == names[1]:
            (corpus / names[2]).unlink()  # vanishes before it is read
            (corpus / "zz_change.txt").write_text(_text("新标记"), encoding="utf-8")
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


def test_a_ten_thousand_character_query_is_refused_politely(engine):
    with pytest.raises(QueryError, match="query too long"):
        engine.search("具" * 10_000)


@pytest.fixture(scope="module")
def cli_index(tmp_path_factory, seeds_dir):
    base = tmp_path_factory.mktemp("cli-idx")
    Engine(seeds_dir, base).sync()
    return base


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(QUERIES, st.sampled_from(["search", "kwic", "matrix", "facets"]), st.booleans())
def test_any_query_on_the_command_line_exits_0_or_2_with_one_line(cli_index, seeds_dir, capsys, text, command, as_json):
    args = [command, "--corpus", str(seeds_dir), "--index-dir", str(cli_index), "--quiet", "--", text]
    code = main(args[:-2] + (["--json"] if as_json else []) + args[-2:])
    out, err = capsys.readouterr()
    assert code in (0, 2)
    if code == 2:
        assert err.count("\n") == 1 and err.startswith("gxq-tui: ")
    elif as_json:
        json.loads(out)


# -- index faults -------------------------------------------------------------------------
def _whoosh_files(engine: Engine, suffix: str) -> list[Path]:
    return sorted(engine.store.whoosh_dir.glob(f"*{suffix}"), key=lambda p: p.stat().st_size, reverse=True)


@pytest.mark.parametrize("damage", ["truncate segment", "delete segment", "garbage toc", "garbage state"])
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


def test_two_processes_indexing_one_corpus_both_finish(tmp_path, seeds_dir):
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    cmd = [sys.executable, "-m", "tui.cli.main", "index", "--corpus", str(corpus), "--index-dir", str(tmp_path)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    engine = Engine(corpus, tmp_path)
    report = engine.sync()
    assert not report.rebuilt and report.read == 0  # consistent: nothing left to do
    assert engine.article_count == 11 and engine.search("具身智能").total == 4


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
        (corpus / f"new{i}.txt").write_text(_text(f"新{i}号"), encoding="utf-8")
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


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(stat.parent.name))
    return found


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_stopping_indexing_keeps_a_usable_index_and_no_processes(tmp_path, sig):
    corpus = tmp_path / "corpus"
    gen = [sys.executable, "-m", "bench.gen_corpus", str(corpus), "--articles", "1500", "--seed", "3"]
    subprocess.run(gen, check=True, capture_output=True, cwd=Path(__file__).resolve().parents[2])
    (corpus / "first.txt").write_text(_text("首标记"), encoding="utf-8")
    base = tmp_path / "idx"
    Engine(corpus, base).sync()  # a good index to fall back on
    cmd = [
        sys.executable,
        "-m",
        "tui.cli.main",
        "index",
        "--rebuild",
        "--corpus",
        str(corpus),
        "--index-dir",
        str(base),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(base.rglob("whoosh.building-*")) and time.monotonic() < deadline:
        time.sleep(0.05)  # the rebuild has begun once its scratch folder exists
    time.sleep(1.0)
    helpers = _children(proc.pid)  # the preparing and writing processes
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert helpers
    deadline = time.monotonic() + 10
    while any(map(_running, helpers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in helpers if _running(pid)]
    assert "interrupted; the index keeps its last complete state" in err
    engine = Engine(corpus, base)
    assert engine.store.usable()
    engine.open()
    assert engine.search("首标记").total == 1
    assert not list(base.rglob("whoosh.building-*"))
