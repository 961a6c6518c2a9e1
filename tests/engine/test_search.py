"""The query language, facets, filters and highlights on the real seed index."""

from collections import Counter

import pytest

from search_index import QueryError
from search_index.analysis.textnorm import key_of
from search_index.errors import UnknownArticle


def ids(result):
    return {h.meta.id for h in result.hits}


def search(engine, q, **kw):
    return engine.search(q, limit=100, **kw)


def test_terms_and_by_default_or_and_not(engine):
    a, b = search(engine, "具身智能"), search(engine, "低空经济")
    both = search(engine, "具身智能 低空经济")
    either = search(engine, "具身智能 OR 低空经济")
    assert ids(both) == ids(a) & ids(b)
    assert ids(either) == ids(a) | ids(b)
    assert ids(search(engine, "具身智能 NOT 低空经济")) == ids(a) - ids(b)
    assert ids(search(engine, "具身智能 -低空经济")) == ids(a) - ids(b)


def test_quoted_phrase_ignores_spacing(engine):
    assert ids(search(engine, '"国家 高新区"')) == ids(search(engine, "国家高新区"))


def test_width_and_letter_spacing_artefacts_are_ignored(engine):
    assert ids(search(engine, "６１％")) == ids(search(engine, "61%")) != set()
    assert ids(search(engine, "DFM－2")) == ids(search(engine, "dfm-2")) != set()
    assert search(engine, "报告同时揭示").total == 1


def test_field_queries_use_canonical_names_and_aliases(engine):
    zgc = search(engine, "park:中关村")
    assert zgc.total == search(engine, "", filters={"parks": ["中关村"]}).total > 0
    assert ids(search(engine, "park:光谷")) == ids(search(engine, "park:武汉东湖高新区")) != set()
    assert ids(search(engine, "track:6G")) == ids(search(engine, "track:第六代移动通信")) != set()
    heads = [h.meta.kicker + h.meta.title for h in search(engine, "title:赛道").hits]
    assert len(heads) == 5 and all("赛道" in t for t in heads)  # the kicker counts as headline
    assert {h.meta.kind for h in search(engine, "kind:photo").hits} == {"photo"}
    assert search(engine, "author:李争粉").total == 3


def test_generic_zone_phrases_are_not_parks(engine):
    parks = engine.facets().of("parks")
    for generic in ("国家高新区", "该高新区", "京津冀国家高新区", "高新区"):
        assert generic not in parks
    assert {"中关村", "武汉东湖高新区", "长沙高新区", "杭州高新区", "苏州工业园区"} <= set(parks)


def test_facet_counts_are_exact_over_the_whole_result_set(engine):
    res = engine.search("高新区", limit=1)
    everything = engine.search("高新区", limit=1000)
    assert res.total == everything.total and len(res.hits) == 1
    expected = Counter(p for h in everything.hits for p in h.meta.values("parks"))
    assert res.facets.of("parks") == dict(expected)
    assert sum(res.facets.of("kind").values()) == res.total


def test_filters_or_within_a_facet_and_across_facets(engine):
    zgc = ids(search(engine, "", filters={"parks": ["中关村"]}))
    sz = ids(search(engine, "", filters={"parks": ["深圳高新区"]}))
    bci = ids(search(engine, "", filters={"tracks": ["脑机接口"]}))
    assert ids(search(engine, "", filters={"parks": ["中关村", "深圳高新区"]})) == zgc | sz
    assert ids(search(engine, "", filters={"parks": ["中关村"], "tracks": ["脑机接口"]})) == zgc & bci
    assert ids(search(engine, "", filters={"parks": ["中关村"]}, exclude={"tracks": ["脑机接口"]})) == zgc - bci


def test_every_query_term_is_highlighted_at_the_right_offsets(engine):
    res = engine.search("张江 大模型", limit=10)
    assert res.hits
    for hit in res.hits:
        for snip in hit.snippets:
            for s, e in snip.highlights:
                assert key_of(snip.text[s:e]) in ("张江", "大模型")
    art = engine.show(res.hits[0].meta.id, query="张江 大模型")
    assert art.hits and all(key_of(art.text[s:e]) in ("张江", "大模型") for s, e in art.hits)
    assert len(art.hits) == art.text.count("张江") + art.text.count("大模型")


def test_empty_query_browses_all_articles_in_corpus_order(engine):
    res = engine.search("", limit=100)
    assert res.total == engine.article_count == 11
    order = [(h.meta.source, h.meta.order) for h in res.hits]
    assert order == sorted(order)


def test_ranking_puts_title_matches_first(engine):
    res = engine.search("因地制宜", limit=3)
    assert res.hits[0].meta.title == "国家高新区培育新赛道要因地制宜"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"具身智能', "unbalanced quote"),
        ("(具身 OR 低空", "unbalanced brackets"),
        ("具身)", "unbalanced brackets"),
        ("foo:bar", "unknown field"),
        ("park:", "needs a value"),
        ("AND", "operator"),
        ("kind:video", "not a kind"),
        ("x" * 3000, "too long"),
    ],
)
def test_malformed_queries_raise_one_line_errors(engine, query, message):
    with pytest.raises(QueryError, match=message) as info:
        engine.search(query)
    assert "\n" not in str(info.value)


def test_show_gives_text_hits_mentions_and_source_lines(engine):
    hit = engine.search("产业智能体走向千行百业", limit=1).hits[0]
    art = engine.show(hit.meta.id[:6], query="智能体")
    assert art.title == "产业智能体走向千行百业"
    assert art.lines == (29, 49)
    assert [ln.line for ln in art.source_lines] == list(range(29, 50))
    assert art.source_lines[-1].text == "产业智能体走向千行百业"
    assert art.title_hits == [(2, 5)]
    assert all(art.text[m.start : m.end] == m.text for m in art.mentions)
    with pytest.raises(UnknownArticle):
        engine.show("zzzzzz")


def test_province_facet_groups_zones_by_region(engine):
    facets = engine.facets()
    assert facets.of("provinces")["北京市"] == facets.of("parks")["中关村"]
    jiangsu = search(engine, "province:江苏省")
    assert jiangsu.total == search(engine, "", filters={"provinces": ["江苏省"]}).total > 0
    for hit in jiangsu.hits:
        assert {"南京高新区", "苏州工业园区", "无锡高新区"} & set(hit.meta.values("parks"))


def test_the_alias_table_is_built_only_for_a_facet_term(index_base, seeds_dir):
    """Written forms of a zone or track (中关村生命园 for 中关村) are looked up in a table built
    from every row: a query that names no facet value never builds it, and one that does
    finds what a session with the table already built finds."""
    from search_index import Engine

    lazy, built = Engine(seeds_dir, index_base), Engine(seeds_dir, index_base)
    lazy.open()
    built.open()
    assert built.aliases["parks"]["中关村生命园"] == ["中关村"]
    assert lazy.search("具身智能").total > 0 and lazy.search("量子 OR 具身智能").total > 0
    assert lazy._aliases is None
    for query, filters in (("park:中关村生命园", None), ("", {"parks": ["中关村生命园"]}), ("track:无人机", None)):
        assert ids(search(lazy, query, filters=filters)) == ids(search(built, query, filters=filters)) != set()
    assert lazy._aliases == built.aliases
