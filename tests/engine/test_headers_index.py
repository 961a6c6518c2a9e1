"""Header lines of generated news files through a real index: never searchable, the outlet a
facet, the URL kept."""

from __future__ import annotations

import pytest

from bench.gen_news import generate
from search_index import Engine


@pytest.fixture(scope="module")
def news_engine(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("news")
    items = generate(corpus, 60, seed=3)
    eng = Engine(corpus, tmp_path_factory.mktemp("index"))
    eng.sync()
    return eng, items


def test_header_text_is_not_searchable(news_engine):
    eng, items = news_engine
    assert eng.article_count == len(items)
    hidden = {h for item in items for h in item.hidden}
    for probe in ("news.cctv.com", "gov.cn", "责任编辑", "发布时间", "https"):
        assert probe in hidden or probe == "https"
        assert eng.search(f'"{probe}"').total == 0, probe
    stamp = next(item.hidden[0] for item in items if item.layout == "tv")
    assert eng.search(f'"{stamp}"').total == 0
    assert eng.search(f'"{stamp[:10]}"').total == 0


def test_publication_is_a_facet_and_urls_are_kept(news_engine):
    eng, items = news_engine
    outlets = {i.publication for i in items if i.publication}
    facet = eng.facets().of("publication")
    assert set(facet) == outlets
    one = sorted(o for o in outlets if "-" not in o)[0]
    result = eng.search("", {"publication": [one]}, limit=100)
    assert result.total == sum(i.publication == one for i in items)
    assert all(h.meta.publication == one for h in result.hits)
    assert eng.search(f"publication:{one}").total == result.total
    urls = {h.meta.url for h in eng.search("", limit=100).hits}
    assert {i.url for i in items if i.url} <= urls
