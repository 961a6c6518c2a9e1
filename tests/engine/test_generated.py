"""A generated corpus of a few thousand articles (with GB18030 files): index, recall, facets."""

from collections import Counter

import pytest

from bench.gen_corpus import generate
from search_index import Engine
from search_index.analysis.textnorm import key_of


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    root = tmp_path_factory.mktemp("gen")
    generate(root / "corpus", articles=2000, seed=3, gb18030_share=0.25)
    eng = Engine(root / "corpus", root / "idx")
    report = eng.sync()
    return eng, report


@pytest.mark.slow
def test_generated_corpus_indexes_every_story(big):
    eng, report = big
    assert not report.skipped
    assert eng.article_count >= 2000
    assert eng.article_count == report.articles


@pytest.mark.slow
def test_generated_corpus_recall_and_facets(big):
    eng, _ = big
    metas = eng.articles()
    sample = metas[:: max(1, len(metas) // 40)]
    texts = {m.id: key_of(eng.show(m.id).text) for m in metas}
    titles = {m.id: key_of(m.title) for m in metas}
    for needle in ("量子科技领域", "持续发力", "新赛道培育", "具身智能"):
        expected = {i for i in texts if key_of(needle) in texts[i] or key_of(needle) in titles[i]}
        res = eng.search(needle, limit=5000, snippet_count=0)
        assert {h.meta.id for h in res.hits} == expected, needle
    res = eng.search("", limit=0)
    assert res.facets.of("parks") == dict(Counter(p for m in metas for p in m.values("parks")))
    assert sample
