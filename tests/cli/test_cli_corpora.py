"""The command line over corpora it has to be told about: field mapping for exports (--field)
and the quick change check before a search (--no-check skips it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness import mapped_section_start
from tui.cli.main import main


def test_cli_field_option_maps_fields(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GXQ_CONFIG_DIR", str(tmp_path / "cfg"))
    monkeypatch.delenv("GXQ_FIELDS", raising=False)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.jsonl").write_text(
        '{"hl": "光谷光电子", "story": "东湖高新区光电子产业增长。"}\n', encoding="utf-8"
    )
    base = ["--corpus", str(tmp_path / "c"), "--index-dir", str(tmp_path / "ix"), "--quiet"]
    try:
        assert main([*base, "--field", "title=hl", "--field", "text=story", "articles", "--json"]) == 0
        assert [a["title"] for a in json.loads(capsys.readouterr().out)] == ["光谷光电子"]
        assert main([*base, "--field", "nonsense=hl", "articles"]) == 2
        assert "KEY is one of" in capsys.readouterr().err
    finally:
        os.environ.pop("GXQ_FIELDS", None)


def test_cli_search_notices_a_new_file_and_no_check_does_not(tmp_path, capsys, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("高新区动态\n\n中关村加快布局具身智能新赛道。\n", encoding="utf-8")
    monkeypatch.setenv("GXQ_INDEX_DIR", str(tmp_path / "index"))
    args = ["search", "脑机接口", "--json", "--quiet", "--corpus", str(corpus)]
    assert main(["index", "--quiet", "--corpus", str(corpus)]) == 0
    capsys.readouterr()
    (corpus / "c.txt").write_text("脑机接口前沿\n\n光谷企业研发脑机接口。\n", encoding="utf-8")
    assert main([*args, "--no-check"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 0
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 1


# A fresh interpreter (no other threads: the change check runs in a child process there) runs
# one command and prints its exit status and the rich modules it imported, on stderr.
COMMAND = (
    "import sys; from tui.cli.main import main; status = main(sys.argv[1:]); "
    "print(status, sorted(m for m in sys.modules if m.split('.')[0] == 'rich'), file=sys.stderr)"
)


def _fresh_process(args: list[str], index: Path) -> tuple[str, str]:
    env = {**os.environ, "GXQ_INDEX_DIR": str(index)}
    done = subprocess.run([sys.executable, "-c", COMMAND, *args], capture_output=True, text=True, env=env, check=True)
    return done.stdout, done.stderr.strip().splitlines()[-1]


def _indexed_corpus(tmp_path: Path, monkeypatch) -> Path:
    """A one-article corpus in ``tmp_path``, indexed into ``tmp_path / "index"`` (GXQ_INDEX_DIR)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("高新区动态\n\n中关村加快布局具身智能新赛道。\n", encoding="utf-8")
    monkeypatch.setenv("GXQ_INDEX_DIR", str(tmp_path / "index"))
    assert main(["index", "--quiet", "--corpus", str(corpus)]) == 0
    return corpus


def test_a_json_search_imports_no_rich(tmp_path, capsys, monkeypatch):
    corpus = _indexed_corpus(tmp_path, monkeypatch)
    out, status = _fresh_process(["search", "具身智能", "--json", "--corpus", str(corpus)], tmp_path / "index")
    assert json.loads(out)["total"] == 1
    assert status == "0 []"
    out, status = _fresh_process(["search", "具身智能", "--corpus", str(corpus)], tmp_path / "index")
    assert "1 articles match" in out and "rich.console" in status  # text output: rich, imported when printing


# What only other commands use: the research views' code, a whole article's classes, the
# display cleaning of the corpus reader, the gazetteer (the region tree reads its zones alone),
# and modules of the standard library imported for them.
NOT_FOR_A_SEARCH = (
    "search_index.articles",
    "search_index.analysis.display",
    "search_index.research.concordance",
    "search_index.research.export",
    "search_index.research.matrix",
    "search_index.research.timeline",
    "search_index.reference.gazetteer",
    "traceback",
    "csv",  # a user dictionary written as TSV is read with it; the region tree of a search without one needs none
    "whoosh",  # the index's table of contents and stored documents are read without it (index/light.py)
    "calendar",  # month lengths (dates/ranges.py) and ISO weeks (datetime, in index/datecolumn.py) without them
    "datetime",
    "_hashlib",  # the index folder's and the inputs stamp's SHA-1 from the built-in module, not OpenSSL's
)
# The entry point ends a finished command without tearing the interpreter down (output.leave):
# this one prints, as it leaves, the exit status and which of those modules were imported.
ENTRY = (
    "import sys, tui.cli.main as cli; from tui.cli.early import main; leave = cli.leave\n"
    "def noting(status):\n"
    f"    print(status, sorted(m for m in {NOT_FOR_A_SEARCH!r} if m in sys.modules), file=sys.stderr)\n"
    "    leave(status)\n"
    "cli.leave = noting; sys.argv[0] = 'gxq-tui'; main()"
)
# The bare entry point, with an exit handler that only a torn-down interpreter runs.
BARE_ENTRY = (
    "import atexit, sys; from tui.cli.early import main; sys.argv[0] = 'gxq-tui'\n"
    "atexit.register(lambda: print('torn down', file=sys.stderr)); sys.exit(main())"
)


@pytest.mark.parametrize("check", [[], ["--no-check"]])
def test_a_json_search_imports_only_what_it_runs(tmp_path, monkeypatch, check):
    """The cold path of ``gxq-tui search --json`` from its entry point, in a fresh process."""
    corpus = _indexed_corpus(tmp_path, monkeypatch)
    args = [sys.executable, "-c", ENTRY, "--corpus", str(corpus), *check, "search", "具身智能", "--json"]
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout)["total"] == 1
    assert done.stderr.strip().splitlines()[-1] == "0 []"


@pytest.mark.parametrize("json_out", [True, False])
def test_a_finished_command_leaves_at_once_with_its_output_whole(tmp_path, monkeypatch, json_out):
    """The entry point exits as soon as a command is done, skipping the interpreter's teardown,
    and what the command printed (buffered, to a pipe) arrives whole with its exit status; so
    does a bad query's message and status."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        text = f"高新区动态{i}\n\n中关村第{i}家企业布局具身智能新赛道。\n"
        (corpus / f"{i:02}.txt").write_text(text, encoding="utf-8")
    monkeypatch.setenv("GXQ_INDEX_DIR", str(tmp_path / "index"))
    assert main(["index", "--quiet", "--corpus", str(corpus)]) == 0
    shape = ["--json", "--limit", "1"] if json_out else []  # a JSON line shorter than the stream's buffer
    search = [sys.executable, "-c", BARE_ENTRY, "--corpus", str(corpus), "search", "具身智能", *shape]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # buffered, as piped output is
    done = subprocess.run(search, capture_output=True, text=True, env=env)
    assert done.returncode == 0 and "torn down" not in done.stderr
    if json_out:
        found = json.loads(done.stdout)
        assert found["total"] == 40 and len(found["hits"]) == 1
    else:
        assert "40 articles match" in done.stdout and done.stdout.count("具身智能") >= 10
    bad_query = [arg if arg != "具身智能" else '"具身' for arg in search]
    bad = subprocess.run(bad_query, capture_output=True, text=True, env=env)
    assert bad.returncode == 2 and "bad query" in bad.stderr and "torn down" not in bad.stderr


def test_python_m_tui_cli_main_ends_a_command_as_the_entry_point_does(tmp_path, monkeypatch):
    """``python -m tui.cli.main`` (what the benchmarks run) leaves a finished command at once
    too, its output whole: an exit handler (registered by a ``sitecustomize``) never runs."""
    corpus = _indexed_corpus(tmp_path, monkeypatch)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(
        "import atexit, sys\natexit.register(lambda: print('torn down', file=sys.stderr))\n", encoding="utf-8"
    )
    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["PYTHONPATH"] = os.pathsep.join((str(hooks), str(root)))
    args = [sys.executable, "-m", "tui.cli.main", "search", "具身智能", "--json", "--corpus", str(corpus)]
    done = subprocess.run(args, capture_output=True, text=True, env=env, cwd=root)
    assert done.returncode == 0 and json.loads(done.stdout)["total"] == 1
    assert "torn down" not in done.stderr
    bare = subprocess.run([sys.executable, "-c", "pass"], capture_output=True, text=True, env=env, cwd=root)
    assert bare.stderr == "torn down\n"  # the handler is installed: an interpreter that ends normally runs it


@pytest.mark.parametrize("procs", ["1", "2"])
def test_a_reader_that_stopped_early_gives_status_one_without_a_traceback(tmp_path, procs):
    """``gxq-tui search --json | head`` when ``head`` is gone before the answer is written:
    exit status 1, as the text output gives, and nothing on standard error; so too when the
    search first built the index in worker processes (then the interpreter exits the usual way,
    and its own flush must not fail again)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(6):
        (corpus / f"{i}.txt").write_text(f"高新区动态{i}\n\n中关村企业布局具身智能。\n", encoding="utf-8")
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # buffered: written as it leaves
    env |= {"GXQ_INDEX_PROCS": procs, "GXQ_INDEX_DIR": str(tmp_path / "index")}
    try:
        args = [sys.executable, "-c", BARE_ENTRY, "--corpus", str(corpus), "-q", "search", "具身智能", "--json"]
        done = subprocess.run(args, stdout=write_end, stderr=subprocess.PIPE, text=True, env=env)
    finally:
        os.close(write_end)
    assert done.returncode == 1
    assert done.stderr.replace("torn down\n", "") == ""


def test_a_build_in_worker_processes_leaves_nothing_behind(tmp_path):
    """A command whose build ran in worker processes is torn down as usual, so that their
    queues' semaphores are released: leaving at once would make multiprocessing's resource
    tracker warn of leaked semaphores on the user's terminal."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(12):
        (corpus / f"{i:02}.txt").write_text(f"高新区动态{i}\n\n光谷第{i}家企业布局低空经济。\n", encoding="utf-8")
    env = {**os.environ, "GXQ_INDEX_PROCS": "2", "GXQ_INDEX_DIR": str(tmp_path / "index")}
    for command in (["index"], ["search", "低空经济", "--json"]):
        (corpus / "new.txt").write_text(f"{command[0]}：东湖高新区发布低空经济政策。\n", encoding="utf-8")
        args = [sys.executable, "-c", BARE_ENTRY, "--corpus", str(corpus), *command]
        done = subprocess.run(args, capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        assert "semaphore" not in done.stderr and "resource_tracker" not in done.stderr
    assert json.loads(done.stdout)["total"] == 13


def test_a_search_from_a_stale_index_is_never_printed(tmp_path, monkeypatch):
    """The change check runs beside the search; finding a change, the search answered from the
    old index is dropped unprinted and the command runs again after a sync."""
    corpus = _indexed_corpus(tmp_path, monkeypatch)
    (corpus / "a.txt").write_text("高新区动态\n\n光谷企业研发脑机接口和具身智能。\n", encoding="utf-8")
    out, status = _fresh_process(["search", "脑机接口", "--json", "--corpus", str(corpus)], tmp_path / "index")
    assert json.loads(out)["total"] == 1 and status.startswith("0 ")  # one JSON document: printed once


@pytest.mark.parametrize("where", ["key", "facet id"])
@pytest.mark.parametrize("no_check", [False, True])
def test_a_damaged_row_cache_is_never_searched(tmp_path, monkeypatch, no_check, where):
    """The row cache's checksums are checked beside the search: a flipped byte drops the answer
    unprinted, and the command runs again, which finds the damage, says so and rebuilds. A
    facet id flipped far outside its table (counted before the verdict) is caught the same way."""
    corpus = _indexed_corpus(tmp_path, monkeypatch)
    (memo,) = (tmp_path / "index").glob("*/whoosh/gxq-memo.bin")
    data = bytearray(memo.read_bytes())
    if where == "key":
        data[data.rfind("具身智能".encode("utf-16-le"))] ^= 0x01  # now the key reads 其身智能
    else:
        data[mapped_section_start(memo, "facets") + 2] ^= 0x10  # the first facet id: 1,048,576 more
    memo.write_bytes(bytes(data))
    env = {**os.environ, "GXQ_INDEX_DIR": str(tmp_path / "index")}
    args = [sys.executable, "-m", "tui.cli", "search", "具身智能", "--json", "--corpus", str(corpus)]
    args += ["--no-check"] if no_check else []
    done = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    assert json.loads(done.stdout)["total"] == 1
    assert "row cache gxq-memo.bin is damaged" in done.stderr
