"""The quick change check: a search that skips listing the corpus still notices a file
changed in place, added (also in a new or an empty subfolder), removed or renamed."""

import json
import os
import subprocess
import sys

import pytest

from search_index.engine import Engine
from search_index.index.freshness import folder_mtimes, unchanged

PAGE_A = "高新区动态\n\n中关村加快布局具身智能新赛道。\n"
PAGE_B = "低空经济观察\n\n张江高新区发展低空经济，无人机企业增多。\n"


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    (root / "2024" / "empty").mkdir(parents=True)
    (root / "a.txt").write_text(PAGE_A, encoding="utf-8")
    (root / "2024" / "b.txt").write_text(PAGE_B, encoding="utf-8")
    return root


def _synced(corpus, tmp_path) -> Engine:
    engine = Engine(corpus, tmp_path / "index")
    engine.sync()
    return engine


def _state(engine) -> dict:
    return json.loads(engine.store.state_path.read_text(encoding="utf-8"))


def _bump(path):
    """Move a path's mtime a second on (file systems with coarse clocks would miss a quick edit)."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_a_fresh_sync_records_every_folder(corpus, tmp_path):
    engine = _synced(corpus, tmp_path)
    state = _state(engine)
    assert set(state["folders"]) == {"", "2024/", "2024/empty/"}
    assert unchanged(corpus, state)
    report = engine.sync(check="quick")
    assert not report.read and report.articles == 2 and report.files == 2


@pytest.mark.parametrize(
    "change",
    [
        "edit in place",
        "same size edit",
        "add",
        "add in empty folder",
        "add in new folder",
        "remove",
        "rename",
    ],
)
def test_quick_check_notices_every_kind_of_change(corpus, tmp_path, change):
    engine = _synced(corpus, tmp_path)
    _change(corpus, change)
    assert not unchanged(corpus, _state(engine))
    report = engine.sync(check="quick")
    assert report.read or report.removed
    assert unchanged(corpus, _state(engine))  # recorded again: the next search is quick
    if change == "remove":
        assert engine.search("低空经济").total == 0
    elif change == "rename":
        assert engine.search("具身智能").hits[0].meta.source == "2024/a2.txt"
    elif change == "same size edit":
        assert engine.search("脑机接").total == 1 and engine.search("中关村").total == 0
    else:
        assert engine.search("脑机接口").total >= 1


CHANGES = ["edit in place", "same size edit", "add", "add in empty folder", "add in new folder", "remove", "rename"]
# A deferred check forks only in a process without other threads (pytest-xdist's workers have
# some), so it is asked for in a fresh interpreter, which prints whether the stats ran in a
# child process and their verdict (the store's: the engine's adds the caches' checksums).
DEFERRED = (
    "import json, sys; from search_index.engine import Engine; "
    "report = Engine(sys.argv[1], sys.argv[2]).store.sync(check='deferred'); "
    "print(json.dumps([report.pending.forked, report.current(), report.articles]))"
)


def _deferred(corpus, tmp_path) -> list:
    args = [sys.executable, "-c", DEFERRED, str(corpus), str(tmp_path / "index")]
    return json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)


def test_a_deferred_check_runs_in_a_child_process(corpus, tmp_path):
    _synced(corpus, tmp_path)
    assert _deferred(corpus, tmp_path) == [True, True, 2]


@pytest.mark.parametrize("change", CHANGES)
def test_a_deferred_check_notices_every_kind_of_change(corpus, tmp_path, change):
    _synced(corpus, tmp_path)
    _change(corpus, change)
    forked, current, _articles = _deferred(corpus, tmp_path)
    assert forked and not current


def _change(corpus, change: str) -> None:
    """Change the corpus in one of the ways a change check must notice."""
    a = corpus / "a.txt"
    if change == "edit in place":
        with open(a, "a", encoding="utf-8") as fh:
            fh.write("\n脑机接口产业园开园。\n")
    elif change == "same size edit":
        a.write_text(PAGE_A.replace("中关村", "脑机接"), encoding="utf-8")
        _bump(a)
    elif change == "add":
        (corpus / "c.txt").write_text("脑机接口前沿\n\n光谷企业研发脑机接口。\n", encoding="utf-8")
    elif change == "add in empty folder":
        (corpus / "2024" / "empty" / "c.txt").write_text("脑机接口前沿\n\n光谷企业研发脑机接口。\n", encoding="utf-8")
        _bump(corpus / "2024" / "empty")
    elif change == "add in new folder":
        (corpus / "new").mkdir()
        (corpus / "new" / "c.txt").write_text("脑机接口前沿\n\n光谷企业研发脑机接口。\n", encoding="utf-8")
    elif change == "remove":
        (corpus / "2024" / "b.txt").unlink()
    else:
        a.rename(corpus / "2024" / "a2.txt")


def test_no_check_trusts_the_index(corpus, tmp_path):
    engine = _synced(corpus, tmp_path)
    (corpus / "c.txt").write_text("脑机接口前沿\n\n光谷企业研发脑机接口。\n", encoding="utf-8")
    report = engine.sync(check="none")
    assert not report.read and engine.search("脑机接口").total == 0
    engine.sync(check="quick")
    assert engine.search("脑机接口").total == 1


def test_a_state_without_folders_means_a_full_sync(corpus, tmp_path):
    engine = _synced(corpus, tmp_path)
    state = _state(engine)
    del state["folders"]
    assert not unchanged(corpus, state)
    assert folder_mtimes(corpus)[""] == corpus.stat().st_mtime_ns


# The command line starts the check before it imports the engine (tui.cli.early); the store's
# deferred sync takes that check up instead of forking another.
EARLY = (
    "import json, sys; from tui.cli.early import start; "
    "start(['--corpus', sys.argv[1], 'search', '具身智能', '--index-dir', sys.argv[2]]); "
    "from search_index.index import freshness; started = len(freshness._STARTED); "
    "from search_index.engine import Engine; "
    "report = Engine(sys.argv[1], sys.argv[2]).store.sync(check='deferred'); "
    "print(json.dumps([started, len(freshness._STARTED), report.pending.forked, report.current()]))"
)


@pytest.mark.parametrize("change", [None, "edit in place", "add in new folder", "remove"])
def test_a_check_started_by_the_command_line_is_the_one_the_sync_takes_up(corpus, tmp_path, change):
    _synced(corpus, tmp_path)
    if change:
        _change(corpus, change)
    args = [sys.executable, "-c", EARLY, str(corpus), str(tmp_path / "index")]
    started, left, forked, current = json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)
    assert (started, left, forked) == (1, 0, True)
    assert current is (change is None)
