"""The app under stress: a tiny terminal, a very long title, a 100,000-character article,
thousands of facet values, a query that matches everything, quitting while indexing."""

from __future__ import annotations

import shutil

import pytest

from bench.gen_corpus import generate
from search_index import Engine
from tests.harness import results, settle, type_query, wait_for_value
from tui.app import RESULT_LIMIT, GxqApp
from tui.widgets.facet_pane import ROWS_PAGE, FacetList
from tui.widgets.reader import Reader
from tui.widgets.results import PAGE, ResultList

CHARS = "星辰海川云峰林泉石松竹梅兰菊雪霜雷电风雨晨曦光华瑞祥安康宁静远航腾飞锦程鸿运德馨朝阳明月清溪"
LONG_TITLE = "国家高新区" + "新赛道培育行动方案解读" * 30


@pytest.fixture(scope="module")
def stress_corpus(tmp_path_factory, seeds_dir):
    root = tmp_path_factory.mktemp("stress")
    corpus = root / "corpus"
    shutil.copytree(seeds_dir, corpus)
    body = "\n\n".join(f"第{i}段：中关村企业推进具身智能与低空经济，长文测试标记。" * 8 for i in range(420))
    (corpus / "long.txt").write_text(f"{LONG_TITLE}\n\n{body}\n", encoding="utf-8")
    names = [f"北京{a}{b}科技有限公司" for a in CHARS for b in CHARS[:40]]
    listing = "；".join(f"{n}参与低空经济" for n in names) + "。"
    (corpus / "companies.txt").write_text(f"企业名录\n\n本报讯 {listing}\n", encoding="utf-8")
    base = root / "idx"
    Engine(corpus, base).sync()
    return corpus, base


def test_the_stress_corpus_is_what_it_claims(stress_corpus):
    corpus, base = stress_corpus
    engine = Engine(corpus, base)
    engine.open()
    assert len(engine.show(engine.search("长文测试标记").hits[0].meta.id).text) > 100_000
    assert len(engine.facets().of("companies")) > 1800


async def test_long_article_thousands_of_values_and_a_tiny_terminal(stress_corpus):
    corpus, base = stress_corpus
    app = GxqApp(corpus, base, show_timing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        pane = app.query_one("#pane-companies")
        companies = pane.query_one(FacetList)
        title = str(pane.query_one(".facet-title").render())
        assert int(title.split()[-1]) > 1800  # every value is counted…
        assert companies.option_count == ROWS_PAGE  # …a page is drawn…
        companies.focus()
        drawn = [companies.option_count]
        while len(drawn) < 10 and (len(drawn) < 2 or drawn[-1] > drawn[-2]):
            await pilot.press("end")  # the last row drawn: the next page follows
            await settle(app, pilot)
            drawn.append(companies.option_count)
        last = str(companies.get_option_at_index(companies.option_count - 1).prompt)
        assert drawn[:5] == [20, 40, 60, 81, 81] and "more: f to filter" in last  # …and 80 are listed, then the note
        await pilot.press("f", *"德馨")
        await settle(app, pilot)
        found = [str(companies.get_option_at_index(i).prompt) for i in range(companies.option_count)]
        assert found and all("德馨" in f for f in found)
        await pilot.press("escape")
        await type_query(app, pilot, "长文测试标记")
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        reader = app.query_one(Reader)
        assert len(reader.article.text) > 100_000 and len(reader.article.hits) > 3000
        await pilot.press("N")  # wraps to the last hit, far down the article
        await settle(app, pilot)
        assert reader.current == len(reader.article.hits) - 1 and reader.scroll_y > 1000
        for size in ((40, 12), (20, 6), (120, 40)):
            await pilot.resize_terminal(*size)
            await settle(app, pilot)
            await pilot.press("n")
        assert reader.current == 2  # last → wrapped to the first, then two more


async def test_a_query_that_matches_everything_and_a_very_long_title(stress_corpus):
    corpus, base = stress_corpus
    app = GxqApp(corpus, base, show_timing=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        everything = "的 OR 了 OR 高新区 OR 企业"
        await type_query(app, pilot, everything)
        total = results(app).result.total  # all but one seed story, which has none of the four words
        assert total == app.engine.search(everything, limit=0).total == app.engine.article_count - 1
        await type_query(app, pilot, "")
        app.query_one("#query").value = "新赛道培育行动方案解读"
        await settle(app, pilot)
        assert results(app).option_count >= 1
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert app.query_one(Reader).article.title.startswith("国家高新区新赛道")


async def test_quitting_while_indexing_keeps_a_usable_index(tmp_path):
    corpus = tmp_path / "corpus"
    generate(corpus, articles=600, seed=5)
    (corpus / "zz.txt").write_text("长文测试标记\n\n中关村企业推进具身智能。长文测试标记。\n", encoding="utf-8")
    base = tmp_path / "idx"
    app = GxqApp(corpus, base, show_timing=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_value(app, app.query_one("#progress"), "progress", lambda done: done > 0)  # building
        await pilot.press("ctrl+q")  # q would be typed into the search box
    engine = Engine(corpus, base)
    report = engine.sync()  # waits on the index lock until the app's worker has stopped
    assert report.rebuilt and report.reason == "new index"  # the cancelled build left nothing half-made
    assert not list(base.rglob("whoosh.building-*"))
    assert engine.search("长文测试标记").total == 1


HOSTILE_QUERIES = ['"unbalanced', "((具身", "AND", "park:", "foo:bar", "*", "😀😀", "\t\x01", "具" * 3000, "-", "OR OR"]


async def test_hostile_queries_never_crash_the_app(stress_corpus):
    corpus, base = stress_corpus
    app = GxqApp(corpus, base, show_timing=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        box = app.query_one("#query")
        for text in HOSTILE_QUERIES:
            box.value = text
            await settle(app, pilot)
            shown = str(app.query_one("#query-error").render())
            assert app.is_running
            answered = results(app).result.query in (text, text.strip())
            assert answered or shown.startswith("⚠"), (text, shown)
        box.value = "具身智能"
        await settle(app, pilot)
        assert results(app).result.query == "具身智能" and str(app.query_one("#query-error").render()) == ""


async def test_a_corrupt_index_is_rebuilt_inside_the_app(tmp_path, seeds_dir):
    base = tmp_path / "idx"
    engine = Engine(seeds_dir, base)
    engine.sync()
    engine.close()
    toc = next(engine.store.whoosh_dir.glob("*.toc"))
    toc.write_bytes(b"\x00garbage" * 10)
    app = GxqApp(seeds_dir, base, show_timing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        status = str(app.query_one("#status").render())
        assert "index built (index unreadable" in status, status
        assert results(app).result.total == 11


@pytest.fixture(scope="module")
def many_results(tmp_path_factory):
    """About 150 generated articles: more results than one page."""
    root = tmp_path_factory.mktemp("many")
    generate(root / "corpus", articles=150, seed=4, gb18030_share=0.0)
    Engine(root / "corpus", root / "idx").sync()
    return root / "corpus", root / "idx"


async def test_results_are_drawn_a_page_at_a_time_and_more_follow_the_cursor(many_results):
    corpus, base = many_results
    app = GxqApp(corpus, base, show_timing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        listing = app.query_one(ResultList)
        hits = results(app).result.hits
        assert len(hits) == min(RESULT_LIMIT, app.engine.article_count) > 2 * PAGE
        assert listing.option_count == PAGE
        listing.focus()
        drawn = [PAGE]
        while listing.option_count < len(hits) and len(drawn) < 10:
            await pilot.press("end")  # the last drawn result: the next page follows
            await settle(app, pilot)
            drawn.append(listing.option_count)
        assert drawn[-1] == len(hits) and drawn == sorted(set(drawn))
        assert all(n % PAGE == 0 for n in drawn[:-1])  # whole pages until the last
        assert [listing.get_option_at_index(i).id for i in range(len(hits))] == [h.meta.id for h in hits]
        await pilot.press("end", "enter")
        await settle(app, pilot)
        assert app.query_one(Reader).article.id == hits[-1].meta.id
