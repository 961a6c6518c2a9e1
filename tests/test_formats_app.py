"""The app builds an index of a mixed-format folder and sums it up in its status line."""

from __future__ import annotations

import json

from tests.test_app import results, settle, status
from tui.app import GxqApp


async def test_app_status_sums_up_formats_and_skips(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    rows = [{"title": f"高新区新闻{n}", "content": f"国家高新区新赛道第{n}条。"} for n in range(2)]
    (corpus / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    (corpus / "b.txt").write_text("合肥高新区量子信息产业集聚。\n", encoding="utf-8")
    (corpus / "c.pdf").write_bytes(b"%PDF-1.4 not really")
    app = GxqApp(corpus, tmp_path / "ix", show_timing=False)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(app, pilot, rounds=6)
        line = status(app)
        assert "index built (new index): 3 articles from 3 files (1 jsonl: 2 records, 1 pdf, 1 txt)" in line, line
        assert "1 skipped: 1 " in line
        assert results(app).option_count == 3
