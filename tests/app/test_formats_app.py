"""The app builds an index of a mixed-format folder and sums it up in its status line."""

from __future__ import annotations

import json

from tests.harness import results, settle, status, type_query
from tui.app import GxqApp
from tui.widgets.reader import Reader


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


async def test_reader_original_shows_the_record_as_stored(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    rows = [
        {"标题": "中关村具身智能", "来源": "新华社", "正文": "中关村具身智能企业集聚。"},
        {"标题": "苏州生物医药", "来源": "苏州日报", "正文": "苏州工业园区生物医药产业规模扩大。"},
    ]
    (corpus / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    app = GxqApp(corpus, tmp_path / "ix", show_timing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot, rounds=6)
        await type_query(app, pilot, "生物医药")
        await pilot.press("enter", "enter")  # to the results, open the first
        await settle(app, pilot)
        assert app.query_one(Reader).article.title == "苏州生物医药"
        body = str(app.query_one("#reader-body").render())
        assert "标题" not in body and "苏州工业园区生物医药产业规模扩大。" in body
        await pilot.press("o")
        original = str(app.query_one("#reader-body").render())
        assert '"来源": "苏州日报"' in original and "中关村" not in original


async def test_the_app_follows_links_out_of_the_corpus_only_when_asked(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "own.txt").write_text("合肥高新区量子信息产业集聚。\n", encoding="utf-8")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("园区外的文件讲低空经济。\n", encoding="utf-8")
    (corpus / "link.txt").symlink_to(outside)
    for follow, expected in ((False, 1), (True, 2)):
        app = GxqApp(corpus, tmp_path / f"ix-{follow}", show_timing=False, follow_links=follow)
        async with app.run_test(size=(160, 40)) as pilot:
            await settle(app, pilot, rounds=6)
            assert results(app).option_count == expected, status(app)
