"""The app builds a big index with worker processes (its print capture has no file descriptor)."""

from __future__ import annotations

from tests.harness import NEWS_FILES, fresh_tracker, results, settle, status
from tui.app import GxqApp


async def test_the_app_builds_a_big_index_and_lists_it(news_corpus, tmp_path, monkeypatch):
    monkeypatch.delenv("GXQ_INDEX_PROCS", raising=False)
    fresh_tracker()
    app = GxqApp(news_corpus, tmp_path / "ix", show_timing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        shown = status(app)
        assert shown.startswith(f"{NEWS_FILES} of {NEWS_FILES} articles"), shown
        assert "index built" in shown and "worker processes" not in shown  # built by them, not in-process
        assert results(app).option_count > 0
    assert not list((tmp_path / "ix").rglob("whoosh.building-*"))
