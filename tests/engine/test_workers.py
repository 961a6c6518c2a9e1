"""Indexing with worker processes works wherever it is started: with a print capture that has
no file descriptor (as inside the app; the app itself: tests/app/test_app_workers.py), from a
script without a main guard, and, when processes cannot start at all, in one process with a
one-line note."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from multiprocessing import resource_tracker
from pathlib import Path

from search_index import Engine
from tests.harness import NEWS_FILES as FILES
from tests.harness import fresh_tracker

ROOT = Path(__file__).resolve().parents[2]


class NoFileCapture:
    """Like Textual's print capture: a stream whose fileno() is -1."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return -1


def leftovers(index_base: Path) -> list[Path]:
    return list(index_base.rglob("whoosh.building-*"))


def test_workers_start_when_stderr_has_no_descriptor(news_corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("GXQ_INDEX_PROCS", "2")
    fresh_tracker()
    monkeypatch.setattr(sys, "stderr", NoFileCapture())
    notes: list[str] = []
    eng = Engine(news_corpus, tmp_path / "ix")
    report = eng.sync(warn=notes.append)
    assert report.articles == eng.article_count == FILES
    assert not [n for n in notes if "one process" in n]
    assert not leftovers(tmp_path / "ix")


def test_a_script_without_main_guard_finishes(news_corpus, tmp_path):
    script = tmp_path / "plain_script.py"
    script.write_text(
        textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from search_index import Engine
        engine = Engine({str(news_corpus)!r}, {str(tmp_path / "ix")!r})
        report = engine.sync(warn=print)
        print("articles", report.articles, engine.article_count)
        """),
        encoding="utf-8",
    )
    env = {**os.environ, "GXQ_INDEX_PROCS": "2"}  # a preparing pool and writer processes both start
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"articles {FILES} {FILES}" in done.stdout
    assert "one process" not in done.stdout  # the workers did start
    assert not leftovers(tmp_path / "ix")


def test_workers_that_cannot_start_leave_indexing_to_one_process(news_corpus, tmp_path, monkeypatch):
    def refuse() -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setenv("GXQ_INDEX_PROCS", "2")
    monkeypatch.setattr(resource_tracker, "ensure_running", refuse)
    notes: list[str] = []
    eng = Engine(news_corpus, tmp_path / "ix")
    report = eng.sync(warn=notes.append)
    assert report.articles == eng.article_count == FILES
    said = [n for n in notes if "worker processes cannot start" in n]
    assert len(said) == 1 and "one process" in said[0] and "\n" not in said[0]
    assert not leftovers(tmp_path / "ix")


def test_a_build_in_one_process_never_loads_the_worker_modules(tmp_path):
    """``multiprocessing`` and the pools are imported by a first start of workers, not before."""
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("标题\n\n中关村科技园区发布人工智能产业政策。\n", encoding="utf-8")
    code = textwrap.dedent(f"""
        import sys
        from search_index import Engine
        report = Engine({str(tmp_path / "news")!r}, {str(tmp_path / "ix")!r}).sync(rebuild=True)
        pools = ("multiprocessing", "concurrent", "whoosh.multiproc")
        loaded = [m for m in sys.modules if m.startswith(pools)]
        print("articles", report.articles, "loaded", loaded)
        """)
    env = {**os.environ, "GXQ_INDEX_PROCS": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["articles", "1", "loaded", "[]"]
