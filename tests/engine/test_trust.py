"""Trust under faults and hostile input (issue 19): damaged caches are caught, dense articles
answer in bounded work, nothing from a corpus reaches a terminal raw, private files stay private,
special files are skipped, bad config and state files give one line, leftovers are removed."""

from __future__ import annotations

import json
import marshal
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from search_index import Engine
from search_index.index import memo as memo_file
from tests.harness import wait_for_exit
from tests.hostile import RAW, hostile_text_corpus


def _sections(path: Path) -> list[tuple[int, int]]:
    """(start, end) byte offsets of every checksummed section of a row cache file."""
    out = []
    with open(path, "rb") as fh:
        size = path.stat().st_size
        while fh.tell() < size:
            start = fh.tell()
            marshal.load(fh)
            out.append((start, fh.tell()))
    return out


def _answers(eng: Engine) -> list:
    """What a user would see: search pages, a shown article, facet counts."""
    res = eng.search("高新区", limit=50)
    shown = eng.show(res.hits[0].meta.id, "高新区")
    pairs = [(h.meta.id, h.meta.title, [s.text for s in h.snippets]) for h in res.hits]
    return [res.total, pairs, shown.title, shown.text[:200], res.facets]


def test_a_bit_flip_in_any_section_of_the_row_cache_is_caught_and_rebuilt(tmp_path, corpus_copy):
    eng = Engine(corpus_copy, tmp_path / "idx")
    eng.sync()
    clean = _answers(eng)
    path = eng.store.whoosh_dir / memo_file.FILE_NAME
    good = path.read_bytes()
    sections = _sections(path)
    assert len(sections) == 1 + len(memo_file.Memo().__dict__)
    for start, end in sections:
        for where in (start + 6, (start + end) // 2, end - 1):  # the checksum, the middle, the last byte
            damaged = bytearray(good)
            damaged[where] ^= 0x10
            path.write_bytes(bytes(damaged))
            said: list[str] = []
            again = Engine(corpus_copy, tmp_path / "idx")
            again.sync(warn=said.append)
            assert _answers(again) == clean, (start, where)
            assert len(said) == 1 and "row cache" in said[0] and "\n" not in said[0], said
            assert path.read_bytes() != bytes(damaged)  # rewritten, not kept


def test_rows_that_name_other_documents_are_caught(tmp_path, corpus_copy):
    eng = Engine(corpus_copy, tmp_path / "idx")
    eng.sync()
    clean = _answers(eng)
    memo = eng.rows
    memo.docnums[0], memo.docnums[1] = memo.docnums[1], memo.docnums[0]  # a well-formed file that lies
    path = eng.store.whoosh_dir / memo_file.FILE_NAME
    memo_file.save(memo, path, eng.describe().tag)
    said: list[str] = []
    again = Engine(corpus_copy, tmp_path / "idx")
    again.sync(warn=said.append)
    assert _answers(again) == clean
    assert said == [f"warning: row cache {memo_file.FILE_NAME} does not match the index; rebuilding it"]


# -- bounded work per request ------------------------------------------------------------
@pytest.fixture(scope="module")
def dense(tmp_path_factory) -> Engine:
    """A corpus whose one article is a 2 MB run of the query (as a crawled dump can be)."""
    root = tmp_path_factory.mktemp("dense")
    body = "具身智能产业，" * (2 * 1024 * 1024 // 21)
    (root / "dense.txt").write_text("具身智能密集报道\n\n" + body + "\n", encoding="utf-8")
    (root / "plain.txt").write_text("低空经济\n\n园区推进低空经济应用，具身智能企业参与。\n", encoding="utf-8")
    eng = Engine(root, tmp_path_factory.mktemp("dense-idx"))
    eng.sync()
    return eng


def test_a_dense_article_places_snippets_around_a_bounded_number_of_hits(dense, monkeypatch):
    from search_index.research import highlight

    calls = []
    real = highlight._snap_start
    monkeypatch.setattr(highlight, "_snap_start", lambda *a: calls.append(a) or real(*a))
    res = dense.search("具身智能", limit=5)
    top = max(res.hits, key=lambda h: h.hit_count)
    assert top.hit_count > 90_000  # every hit is counted…
    assert len(calls) <= highlight.WINDOW_HITS + 1  # …but windows are placed around the first few only
    assert 1 <= len(top.snippets) <= 3 and all(len(s.text) <= highlight.SNIPPET_CHARS for s in top.snippets)


def test_show_marks_the_first_hits_of_a_dense_article_and_says_how_many(dense, capsys):
    from search_index.research.highlight import MAX_HITS

    ident = max(dense.search("具身智能", limit=5).hits, key=lambda h: h.hit_count).meta.id
    art = dense.show(ident, "具身智能")
    assert len(art.hits) == MAX_HITS and art.hit_count > 90_000


def test_kwic_width_and_line_count_are_clamped(dense):
    from search_index.analysis.cells import cells
    from search_index.research.concordance import MAX_LINES, MAX_WIDTH

    conc = dense.kwic("具身智能", width=99_999_999)
    assert conc.width == MAX_WIDTH and len(conc.lines) == MAX_LINES
    assert all(cells(ln.left) <= MAX_WIDTH and cells(ln.right) <= MAX_WIDTH for ln in conc.lines)


def test_deeply_nested_brackets_give_one_line(engine):
    from search_index import QueryError

    with pytest.raises(QueryError, match="nested too deep"):
        engine.search("(" * 400 + "具身智能" + ")" * 400)


# -- nothing from a corpus reaches the terminal raw ----------------------------------------
def test_exports_written_by_the_engine_carry_no_controls(tmp_path):
    from search_index.research.export import export_text

    eng = Engine(hostile_text_corpus(tmp_path / "corpus"), tmp_path / "idx")
    eng.sync()
    for view, payload in (("results", eng.search("具身智能")), ("kwic", eng.kwic("具身智能"))):
        for fmt in ("md", "csv", "json"):
            text = export_text(view, payload, fmt, eng.corpus)
            assert "具身智能" in text and not [c for c in RAW if c in text], (view, fmt)


# -- private stays private; special files ------------------------------------------------
def _modes(folder: Path) -> set[tuple[str, str]]:
    """('dir'|'file', octal mode) of everything below ``folder`` (and the folder itself)."""
    out = {("dir", oct(folder.stat().st_mode & 0o777))}
    for path in folder.rglob("*"):
        out.add(("dir" if path.is_dir() else "file", oct(path.stat().st_mode & 0o777)))
    return out


def test_index_and_cache_files_are_owner_only_whatever_the_umask(tmp_path, corpus_copy):
    old = os.umask(0)
    try:
        eng = Engine(corpus_copy, tmp_path / "idx")
        eng.sync()
        (corpus_copy / "new.txt").write_text("新增\n\n园区发展具身智能。\n", encoding="utf-8")
        eng.sync()
    finally:
        os.umask(old)
    assert eng.search("具身智能").total > 0
    assert _modes(tmp_path / "idx") == {("dir", "0o700"), ("file", "0o600")}


def special_corpus(root: Path, outside: Path) -> Path:
    """Good files beside a FIFO, a link to /dev/zero, a link out of the corpus to a private
    file, a socket and a file whose name is not UTF-8."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "good.txt").write_text("具身智能\n\n园区发展具身智能产业。\n", encoding="utf-8")
    os.mkfifo(root / "x.txt")
    (root / "zero.txt").symlink_to("/dev/zero")
    outside.write_text("私密\n\n私密内容具身智能。\n", encoding="utf-8")
    outside.chmod(0o600)
    (root / "leak.txt").symlink_to(outside)
    (root / "inside.txt").symlink_to(root / "good.txt")  # a link within the corpus is followed
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(root / "s.txt"))
    sock.close()
    with open(os.path.join(os.fsencode(root), b"bad-\xff\xfe-name.txt"), "wb") as fh:
        fh.write("坏名\n\n文件名不是UTF-8的具身智能报道。\n".encode())
    return root


def test_special_files_links_out_and_undecodable_names(tmp_path):
    corpus = special_corpus(tmp_path / "corpus", tmp_path / "secret.txt")
    said: list[str] = []
    eng = Engine(corpus, tmp_path / "idx")
    report = eng.sync(warn=said.append)  # would block forever on the FIFO, or abort on the name
    reasons = {s.rel: s.reason for s in report.skipped}
    assert reasons["x.txt"].startswith("not a regular file (a FIFO)")
    assert reasons["s.txt"].startswith("not a regular file (a socket)")
    assert "not followed (use --follow-links)" in reasons["zero.txt"]
    assert "not followed (use --follow-links)" in reasons["leak.txt"]
    sources = {h.meta.source for h in eng.search("具身智能", limit=20).hits}
    assert sources == {"good.txt", "inside.txt", "bad-\ufffd\ufffd-name.txt"}
    bad = next(h.meta.id for h in eng.search("坏名").hits)
    lines = [ln.text for ln in eng.show(bad).source_lines]  # read by the bytes of its name
    assert lines[-1] == "文件名不是UTF-8的具身智能报道。"
    assert "私密" not in (eng.store.whoosh_dir / memo_file.FILE_NAME).read_bytes().decode("utf-8", "replace")
    assert all("\n" not in line for line in said)


def test_follow_links_reads_links_out_but_never_a_device(tmp_path, monkeypatch):
    corpus = special_corpus(tmp_path / "corpus", tmp_path / "secret.txt")
    eng = Engine(corpus, tmp_path / "idx", follow_links=True)
    report = eng.sync()
    reasons = {s.rel: s.reason for s in report.skipped}
    assert reasons["zero.txt"].startswith("not a regular file (a device)")
    assert eng.search("私密").total == 1


def test_reads_are_bounded_by_bytes_read_not_the_stat_size(tmp_path, monkeypatch):
    from search_index.ingest.reading import FileInfo, read_source

    monkeypatch.setenv("GXQ_MAX_FILE_MB", "1")
    big = tmp_path / "big.txt"
    big.write_bytes("具身智能。".encode() * 200_000)
    result = read_source(FileInfo(big, "big.txt", 0, 0))  # a size of 0 claimed, as /proc files do
    assert result.reason.startswith("too large (at least 1 MB > 1 MB limit")


# -- config and state errors are one line ------------------------------------------------
@pytest.mark.parametrize("shape", [{"files": [1, 2]}, [1], {"files": {"a.txt": 5}}, "text"])
def test_a_state_file_of_the_wrong_shape_is_rebuilt(shape, tmp_path, corpus_copy):
    eng = Engine(corpus_copy, tmp_path / "idx")
    eng.sync()
    count = eng.article_count
    eng.store.state_path.write_text(json.dumps(shape), encoding="utf-8")
    again = Engine(corpus_copy, tmp_path / "idx")
    report = again.sync()
    assert report.rebuilt and again.article_count == count
    assert report.reason == "state file unreadable or of the wrong shape"


@pytest.mark.parametrize("filters", [{"parks": None}, {"parks": 5}, {"parks": [None]}, ["parks"]])
def test_filters_of_the_wrong_shape_are_a_query_error(engine, filters):
    from search_index import QueryError

    with pytest.raises(QueryError, match="filter"):
        engine.search("具身智能", filters=filters)


# -- leftovers of killed runs ------------------------------------------------------------
def test_leftovers_of_dead_processes_are_removed_and_live_ones_kept(tmp_path, corpus_copy):
    eng = Engine(corpus_copy, tmp_path / "idx")
    eng.sync()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    folder, whoosh = eng.store.folder, eng.store.whoosh_dir
    stale = [folder / f"whoosh.building-{dead.pid}", folder / f"whoosh.old-{dead.pid}"]
    for d in stale:
        d.mkdir()
        (d / "seg.seg").write_bytes(b"x" * 100)
    stale += [whoosh / f"{memo_file.FILE_NAME}.{dead.pid}.tmp", folder / f"state.{dead.pid}.tmp"]
    stale[-2].write_bytes(b"x")
    stale[-1].write_bytes(b"x")
    live = folder / f"whoosh.building-{os.getppid()}"
    live.mkdir()
    said: list[str] = []
    Engine(corpus_copy, tmp_path / "idx").sync(warn=said.append)
    assert not [p for p in stale if p.exists()] and live.exists()
    assert said == [f"removed 4 leftovers of interrupted runs from {folder}"]


def test_a_read_only_folder_with_a_current_index_is_used_read_only(tmp_path, corpus_copy, monkeypatch):
    from search_index.index import store

    eng = Engine(corpus_copy, tmp_path / "idx")
    eng.sync()
    before = sorted((p.name, p.stat().st_mtime_ns) for p in eng.store.folder.rglob("*"))
    monkeypatch.setattr(store.os, "access", lambda path, mode: mode != os.W_OK)  # as for a user without write rights
    again = Engine(corpus_copy, tmp_path / "idx")
    report = again.sync()
    assert not report.rebuilt and report.reason == "read-only index folder, used as it is"
    assert again.article_count == eng.article_count and again.search("具身智能").total > 0
    assert sorted((p.name, p.stat().st_mtime_ns) for p in eng.store.folder.rglob("*")) == before


ORPHAN_PROBE = """
import multiprocessing, sys, time
from pathlib import Path

def main():
    from search_index.index.pipeline import prepared
    from search_index.ingest.reading import discover
    files, _ = discover(Path(sys.argv[1]))
    stream = prepared(files, 2)
    next(stream)
    print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
    time.sleep(600)

if __name__ == "__main__":
    main()
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_worker_processes_exit_when_their_parent_is_killed(tmp_path, seeds_dir):
    (tmp_path / "probe.py").write_text(ORPHAN_PROBE, encoding="utf-8")
    (tmp_path / "ix").mkdir()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    cmd = [sys.executable, str(tmp_path / "probe.py"), str(seeds_dir), str(tmp_path / "ix")]
    parent = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    children = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(children) == 2  # two preparing processes
    parent.kill()
    parent.wait()
    assert not wait_for_exit(children, timeout=30)  # a bound for a failing run, not a speed requirement


def test_first_hits_are_the_first_of_all_hits_and_count_them_all():
    from search_index.research.highlight import find_hits, first_hits

    text = "中关村科技园区，中关村中关村企业，AI与ai芯片；" * 50 + "中关村"
    for terms in (["中关村"], ["中关村", "科技园"], ["AI"], ["关村", "中关"], ["中关村中关"]):
        every = find_hits(text, terms)
        first, count = first_hits(text, terms, 7)
        assert count == len(every) and 1 <= len(first) <= 7, terms
        assert first[:-1] == every[: len(first) - 1] and first[-1][0] == every[len(first) - 1][0]  # the last may grow
        assert first_hits(text, terms, None) == (every, len(every))


def test_a_temporary_index_is_reused_not_multiplied(tmp_path, corpus_copy, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    reports, said = [], []
    for _ in range(2):
        eng = Engine(corpus_copy, tmp_path / "file" / "idx")  # the cache cannot be made here
        reports.append(eng.sync(warn=said.append))
        assert eng.search("具身智能").total > 0
    assert reports[0].rebuilt and not reports[1].rebuilt  # the second run finds its index up to date
    assert len(list((tmp_path / "tmp").glob("gxq-tui-*/*"))) == 1
    assert (tmp_path / "tmp").glob("gxq-tui-*").__next__().stat().st_mode & 0o777 == 0o700
    assert all("\n" not in line for line in said) and len([s for s in said if "cannot write" in s]) == 2


def test_a_stored_document_that_is_not_its_rows_article_stops_the_command(tmp_path, corpus_copy):
    from search_index import IndexError_

    eng = Engine(corpus_copy, tmp_path / "idx")
    eng.sync()
    clean = _answers(eng)
    docnums = eng.rows.docnums
    docnums[0], docnums[-1] = docnums[-1], docnums[0]  # rows that drifted from the index after opening
    with pytest.raises(IndexError_, match="row cache does not match the index"):
        eng.show(eng.rows.ids[0])
    assert not (eng.store.whoosh_dir / memo_file.FILE_NAME).exists()
    again = Engine(corpus_copy, tmp_path / "idx")
    again.sync()
    assert _answers(again) == clean
