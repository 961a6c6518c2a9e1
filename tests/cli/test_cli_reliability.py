"""The command line under stress: a hostile corpus, any query string, two indexing processes at
once, and indexing stopped by Ctrl-C or SIGTERM."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.gen_corpus import generate
from search_index import Engine
from tests.harness import children, command_line, wait_for, wait_for_exit
from tests.hostile import QUERIES, article_text, hostile_corpus
from tui.cli.main import main

INDEX = [sys.executable, "-m", "tui.cli", "index"]


def test_hostile_corpus_from_the_command_line(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    bad = hostile_corpus(corpus)
    code = main(["index", "--corpus", str(corpus), "--index-dir", str(tmp_path / "idx")])
    out, err = capsys.readouterr()
    assert code == 0
    for name in bad:
        assert f"skipped {name}:" in err
    assert f"{len(bad)} skipped" in out


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(QUERIES, st.sampled_from(["search", "kwic", "matrix", "facets"]), st.booleans())
def test_any_query_on_the_command_line_exits_0_or_2_with_one_line(
    index_base, seeds_dir, capsys, text, command, as_json
):
    args = [command, "--corpus", str(seeds_dir), "--index-dir", str(index_base), "--quiet", "--", text]
    code = main(args[:-2] + (["--json"] if as_json else []) + args[-2:])
    out, err = capsys.readouterr()
    assert code in (0, 2)
    if code == 2:
        assert err.count("\n") == 1 and err.startswith("gxq-tui: ")
    elif as_json:
        json.loads(out)


def test_two_processes_indexing_one_corpus_both_finish(tmp_path, seeds_dir):
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    cmd = [*INDEX, "--corpus", str(corpus), "--index-dir", str(tmp_path)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    engine = Engine(corpus, tmp_path)
    report = engine.sync()
    assert not report.rebuilt and report.read == 0  # consistent: nothing left to do
    assert engine.article_count == 11 and engine.search("具身智能").total == 4


@pytest.fixture(scope="module")
def indexed_1500(tmp_path_factory):
    """1,500 generated articles and a good index to fall back on (each test rebuilds a copy). The
    index is built before the 1,500 are added: a complete index of the corpus as it was, which
    an interrupted rebuild must leave as it is, without indexing 1,500 articles in the fixture."""
    root = tmp_path_factory.mktemp("stop")
    (root / "corpus").mkdir()
    (root / "corpus" / "first.txt").write_text(article_text("首标记"), encoding="utf-8")
    Engine(root / "corpus", root / "idx").sync()
    generate(root / "corpus", articles=1500, seed=3)
    return root / "corpus", root / "idx"


def _rebuild_stopped(corpus, good, base, sig) -> tuple[subprocess.Popen, str, set[int]]:
    """A rebuild over a copy of the good index, sent ``sig`` once its helper processes run:
    the process, its standard error and the helpers it had."""
    shutil.copytree(good, base)  # a good index to fall back on
    proc = subprocess.Popen(
        [*INDEX, "--rebuild", "--corpus", str(corpus), "--index-dir", str(base)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )

    def helpers() -> set[int]:  # the preparing and writing processes
        return {pid for pid in children(proc.pid) if "spawn_main" in command_line(pid)}

    wait_for(lambda: list(base.rglob("whoosh.building-*")), what="the rebuild's scratch folder")
    wait_for(helpers, what="a helper process")
    started = helpers()
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=120)
    return proc, err, started


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_stopping_indexing_keeps_a_usable_index_and_no_processes(indexed_1500, tmp_path, sig):
    corpus, good = indexed_1500
    for attempt in range(3):  # the signal must land mid-build: a rebuild that won the race runs again
        base = tmp_path / f"idx{attempt}"
        proc, err, started = _rebuild_stopped(corpus, good, base, sig)
        if proc.returncode != 0:
            break
        finished = Engine(corpus, base)  # it finished first: a complete index
        finished.open()
        assert finished.search("首标记").total == 1
    assert proc.returncode == 130, err
    assert not wait_for_exit(started, timeout=10)
    assert "interrupted; the index keeps its last complete state" in err
    engine = Engine(corpus, base)
    assert engine.store.usable()
    engine.open()
    assert engine.search("首标记").total == 1
    assert not list(base.rglob("whoosh.building-*"))
