"""Indexing with worker processes works wherever it is started: inside the app (whose print
capture has no file descriptor), from a script without a main guard, and, when processes
cannot start at all, in one process with a one-line note."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from multiprocessing import resource_tracker
from pathlib import Path

import pytest
from textual.worker import WorkerCancelled

from bench.gen_news import generate
from search_index import Engine
from search_index.index import workers as workers_module
from search_index.index.pipeline import PARALLEL_MIN_BYTES
from tui.app import GxqApp

ROOT = Path(__file__).resolve().parents[2]
FILES = 600  # about 0.7 MB of one-article files: enough to start worker processes


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("news")
    generate(corpus, FILES, seed=9)
    assert sum(p.stat().st_size for p in corpus.rglob("*.txt")) > PARALLEL_MIN_BYTES
    return corpus


def fresh_tracker() -> None:
    """Stop multiprocessing's resource tracker, so the next worker start must launch it
    again from where the test stands (an earlier test may have started it)."""
    stop = getattr(resource_tracker._resource_tracker, "_stop", None)
    if stop is not None:
        stop()


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


def test_workers_start_when_stderr_has_no_descriptor(big_corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("GXQ_INDEX_PROCS", "2")
    fresh_tracker()
    monkeypatch.setattr(sys, "stderr", NoFileCapture())
    notes: list[str] = []
    eng = Engine(big_corpus, tmp_path / "ix")
    report = eng.sync(warn=notes.append)
    assert report.articles == eng.article_count == FILES
    assert not [n for n in notes if "one process" in n]
    assert not leftovers(tmp_path / "ix")


def test_a_script_without_main_guard_finishes(big_corpus, tmp_path):
    script = tmp_path / "plain_script.py"
    script.write_text(
        textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from search_index import Engine
        engine = Engine({str(big_corpus)!r}, {str(tmp_path / "ix")!r})
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


def test_workers_that_cannot_start_leave_indexing_to_one_process(big_corpus, tmp_path, monkeypatch):
    def refuse() -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setenv("GXQ_INDEX_PROCS", "2")
    monkeypatch.setattr(workers_module.resource_tracker, "ensure_running", refuse)
    notes: list[str] = []
    eng = Engine(big_corpus, tmp_path / "ix")
    report = eng.sync(warn=notes.append)
    assert report.articles == eng.article_count == FILES
    said = [n for n in notes if "worker processes cannot start" in n]
    assert len(said) == 1 and "one process" in said[0] and "\n" not in said[0]
    assert not leftovers(tmp_path / "ix")


async def test_the_app_builds_a_big_index_and_lists_it(big_corpus, tmp_path, monkeypatch):
    monkeypatch.delenv("GXQ_INDEX_PROCS", raising=False)
    fresh_tracker()
    app = GxqApp(big_corpus, tmp_path / "ix", show_timing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.pause(0.2)
            try:
                await app.workers.wait_for_complete()
            except WorkerCancelled:
                pass
        await pilot.pause(0.1)
        status = str(app.query_one("#status").render())
        assert status.startswith(f"{FILES} of {FILES} articles"), status
        assert "index built" in status and "worker processes" not in status  # built by them, not in-process
        assert app.query_one("ResultList").option_count > 0
    assert not leftovers(tmp_path / "ix")
