"""Trust under faults: a full disk during indexing (one line, no sub-process traceback, nothing
left behind, no needless rebuild), simulated in every process and, where one can be mounted,
real; a read-only index folder; Whoosh's writer processes outliving a killed parent; and a
concordance past its cap saying how many hits it left out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.gen_corpus import generate
from search_index import Engine
from tests.full_disk import ROOT, environment

SEGMENT_FILES = r"\.(trm|pst|col)$"  # what Whoosh's writers write: a few bytes fit, a segment does not
pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="reads /proc")


@pytest.fixture(scope="module")
def news(tmp_path_factory) -> Path:
    """About 250 generated articles: enough for two sub-writers (Whoosh hands them 100 at a time)."""
    root = tmp_path_factory.mktemp("faults") / "corpus"
    generate(root, articles=250, seed=7, gb18030_share=0.2)
    return root


def _gxq(env: dict, corpus: Path, *argv: str) -> subprocess.CompletedProcess:
    """The command line in a sub-process whose index work runs on two writer processes."""
    env = {**env, "GXQ_INDEX_PROCS": "2"}
    cmd = [sys.executable, "-m", "tui.cli", "--corpus", str(corpus), *argv]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, cwd=ROOT)


def _full(tmp_path: Path, under: Path) -> dict:
    env = environment(tmp_path / "site", under, budget=4096, match=SEGMENT_FILES, log=tmp_path / "refused.log")
    return {**env, "GXQ_INDEX_DIR": str(tmp_path / "cache"), "TMPDIR": str(tmp_path / "tmp")}


def _refusals(tmp_path: Path) -> list[str]:
    log = tmp_path / "refused.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def _one_line_of_error(stderr: str) -> str:
    """The only line a failed command printed, checked to be a line and no traceback."""
    lines = [line for line in stderr.splitlines() if line.startswith("gxq-tui:")]
    assert "Traceback" not in stderr and len(lines) == 1, stderr
    return lines[0]


def test_a_full_disk_stops_a_parallel_build_in_one_line_and_leaves_no_index(tmp_path, news):
    (tmp_path / "tmp").mkdir()
    done = _gxq(_full(tmp_path, tmp_path), news, "index")  # the cache and the temporary folder are full
    assert done.returncode == 1
    line = _one_line_of_error(done.stderr)
    assert "No space left on device" in line and "--index-dir" in line
    writers = {entry.split()[0] for entry in _refusals(tmp_path)}
    assert len(writers) >= 2  # the sub-writers ran into the full disk, and said nothing
    left = [p.name for p in (tmp_path / "cache").rglob("*") if p.name != "sync.lock" and p.is_file()]
    assert left == [] and list((tmp_path / "tmp").rglob("*whoosh*")) == []


def test_a_full_disk_during_an_update_keeps_the_index_and_the_next_run_updates_it(tmp_path, news):
    corpus = tmp_path / "corpus"
    subprocess.run(["cp", "-r", str(news), str(corpus)], check=True)
    Engine(corpus, tmp_path / "cache").sync()
    whoosh = next((tmp_path / "cache").glob("*/whoosh"))
    before = sorted(p.name for p in whoosh.iterdir())
    for path in sorted(corpus.rglob("*.txt"))[:200]:
        path.write_text(path.read_text(encoding="utf-8", errors="replace") + "\n磁盘已满测试。\n", encoding="utf-8")
    full = _full(tmp_path, tmp_path / "cache")
    done = _gxq(full, corpus, "search", "磁盘已满测试", "--json")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert [line for line in done.stderr.splitlines() if "cannot update" in line] == [
        f"warning: cannot update the index in {whoosh.parent} (No space left on device); searching it as it was"
    ]
    assert json.loads(done.stdout)["total"] == 0  # the index as it was: the new words are not in it yet
    # a writer ran into the full disk and said nothing (one fast sub-writer may take every batch)
    assert len({entry.split()[0] for entry in _refusals(tmp_path)}) >= 1
    assert sorted(p.name for p in whoosh.iterdir()) == before  # the stopped writers' files are gone
    again = _gxq({**os.environ, "GXQ_INDEX_DIR": str(tmp_path / "cache")}, corpus, "index")
    said = again.stdout + again.stderr
    assert again.returncode == 0 and "index updated" in said and "rebuilt" not in said, said
    updated = Engine(corpus, tmp_path / "cache")
    updated.sync()
    assert updated.search("磁盘已满测试").total > 0


def test_a_full_cache_sends_later_runs_to_the_temporary_index_without_building_again(tmp_path, news):
    (tmp_path / "tmp").mkdir()
    full = _full(tmp_path, tmp_path / "cache")  # only the cache is full
    first = _gxq(full, news, "index")
    said = first.stdout + first.stderr
    assert first.returncode == 0 and "rebuilt" in said and "Traceback" not in said, said
    assert _refusals(tmp_path)  # the build in the cache was tried, and stopped
    (tmp_path / "refused.log").unlink()
    second = _gxq(full, news, "search", "高新区", "--json")
    assert second.returncode == 0 and "rebuilt" not in second.stderr, second.stderr
    assert _refusals(tmp_path) == []  # no build was started in the full cache
    assert len(list((tmp_path / "tmp").glob("gxq-tui-*/*"))) == 1


REAL_FULL_DISK = """
set -e
mount -t tmpfs -o size=256k tmpfs "$1/cache"
mount -t tmpfs -o size=128k tmpfs "$1/tmp"
set +e
GXQ_INDEX_DIR="$1/cache" TMPDIR="$1/tmp" GXQ_INDEX_PROCS=2 "$2" -m tui.cli --corpus "$3" index
echo "exit $?"
find "$1/cache" "$1/tmp" -type f
"""


def test_a_real_full_disk_where_one_can_be_mounted(tmp_path, news):
    """The same on two small tmpfs mounts (root on Linux, in a mount namespace of its own)."""
    for name in ("cache", "tmp"):
        (tmp_path / name).mkdir()
    (tmp_path / "full.sh").write_text(REAL_FULL_DISK, encoding="utf-8")
    cmd = ["unshare", "-m", "sh", str(tmp_path / "full.sh"), str(tmp_path), sys.executable, str(news)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT)
    except FileNotFoundError:
        pytest.skip("no unshare")
    if "exit " not in done.stdout:
        pytest.skip(f"cannot mount a small file system here: {done.stderr.strip()[:80]}")
    assert "exit 1" in done.stdout
    line = _one_line_of_error(done.stderr)
    assert "No space left on device" in line
    left = [Path(f) for f in done.stdout.splitlines() if f.startswith("/")]  # as the mounts held them
    assert [f.name for f in left] == ["sync.lock"] and left[0].parent.parent == tmp_path / "cache"


READ_ONLY = """
set -e
mount --bind "$1" "$1"
mount -o remount,ro,bind "$1"
set +e
GXQ_INDEX_DIR="$1" TMPDIR="$4" "$2" -m tui.cli --corpus "$3" search 中关村 --json
echo "exit $?"
"""


def test_a_real_read_only_mount_with_a_current_index_is_used_as_it_is(tmp_path, seeds_dir):
    """A read-only bind mount of the index folder (root on Linux, in a mount namespace)."""
    eng = Engine(seeds_dir, tmp_path / "idx")
    eng.sync()
    before = sorted((str(p), p.stat().st_mtime_ns) for p in (tmp_path / "idx").rglob("*"))
    (tmp_path / "tmp").mkdir()
    (tmp_path / "ro.sh").write_text(READ_ONLY, encoding="utf-8")
    args = [str(tmp_path / "idx"), sys.executable, str(seeds_dir), str(tmp_path / "tmp")]
    try:
        done = subprocess.run(
            ["unshare", "-m", "sh", str(tmp_path / "ro.sh"), *args],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
    except FileNotFoundError:
        pytest.skip("no unshare")
    if "exit " not in done.stdout:
        pytest.skip(f"cannot mount read-only here: {done.stderr.strip()[:80]}")
    answer, status = done.stdout.rsplit("exit ", 1)
    assert status.strip() == "0" and json.loads(answer)["total"] == eng.search("中关村").total > 0
    assert "Traceback" not in done.stderr and "rebuilt" not in done.stderr
    assert sorted((str(p), p.stat().st_mtime_ns) for p in (tmp_path / "idx").rglob("*")) == before
    assert list((tmp_path / "tmp").iterdir()) == []  # no temporary index either


SUBWRITER_PROBE = """
import sys, time
from whoosh import index
from whoosh.fields import ID, TEXT, Schema
from search_index.index.pipeline import open_writer

def main():
    ix = index.create_in(sys.argv[1], Schema(id=ID(stored=True), body=TEXT))
    writer = open_writer(ix, 2)
    for i in range(250):
        writer.add_document(id=str(i), body="zhongguancun park news %d" % i)
    print(" ".join(str(t.pid) for t in writer.tasks), flush=True)
    time.sleep(600)

if __name__ == "__main__":
    main()
"""


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] not in "ZX"
    except (OSError, IndexError):
        return False


def test_whooshs_writer_processes_exit_when_their_parent_is_killed(tmp_path):
    (tmp_path / "probe.py").write_text(SUBWRITER_PROBE, encoding="utf-8")
    (tmp_path / "ix").mkdir()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    cmd = [sys.executable, str(tmp_path / "probe.py"), str(tmp_path / "ix")]
    parent = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    writers = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(writers) == 2 and all(map(_running, writers))
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 30  # a bound for a failing run, not a speed requirement
    while any(map(_running, writers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in writers if _running(pid)]


# -- a concordance past its cap says how many hits it left out ----------------------------
def test_kwic_past_its_cap_counts_the_hits_it_left_out(engine, monkeypatch):
    from search_index.research import concordance

    every = {q: engine.kwic(q) for q in ("高新区", "中关村 高新区")}  # two terms: merged where they overlap
    assert all(len(c.lines) > 7 and c.hits == len(c.lines) and c.to_json()["left_out"] == 0 for c in every.values())
    monkeypatch.setattr(concordance, "MAX_LINES", 7)
    for query, whole in every.items():
        capped = engine.kwic(query)
        assert capped.lines == whole.lines[:7]  # the first ones in corpus order
        assert capped.hits == whole.hits and capped.left_out == whole.hits - 7 == capped.to_json()["left_out"]


def test_the_kwic_command_says_how_many_hits_it_left_out(engine, index_base, seeds_dir, capsys, monkeypatch):
    from search_index.research import concordance
    from tui.cli.main import main

    total = engine.kwic("高新区").hits
    monkeypatch.setattr(concordance, "MAX_LINES", 7)
    argv = ["--corpus", str(seeds_dir), "--index-dir", str(index_base), "--quiet", "kwic", "高新区"]
    assert main(argv) == 0
    head = capsys.readouterr().out.splitlines()[0]
    assert head.startswith("7 lines in ") and f"· {total - 7:,} more hits not shown" in head
    assert head.endswith("(a concordance keeps the first 7)")
    assert main([*argv, "--limit", "3"]) == 0
    assert f"· {total - 3:,} more hits not shown" in capsys.readouterr().out.splitlines()[0]
    assert main([*argv, "--format", "md"]) == 0
    assert f"- left_out: {total - 7}" in capsys.readouterr().out.splitlines()
