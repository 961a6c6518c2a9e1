"""The in-memory matcher: boolean algebra, ASCII word edges, BM25 ranking, search keys."""

import random

import pytest

from search_index.analysis.textnorm import key_of, search_key
from search_index.index.columns import Lists
from search_index.index.memo import Memo
from search_index.query.execute import Space
from search_index.query.tree import And, Every, Facet, Not, Or, Text


def _space(rows: list[tuple[str, str, list[tuple[str, str]]]]) -> Space:
    """A Space over (title key, body key, facet values) rows, without an index."""
    memo = Memo()
    ids: dict[tuple[str, str], int] = {}
    facets = []
    for n, (title, body, values) in enumerate(rows):
        memo.ids.append(f"a{n}")
        memo.titles.append(title)
        memo.bodies.append(body)
        facets.append([ids.setdefault(v, len(ids)) for v in values])
    memo.facets = Lists.of(facets)
    memo.facet_values = list(ids)
    memo.value_rows = memo.facets.inverse(len(ids))
    return Space(memo)


SPACE = _space(
    [
        ("国家高新区", "具身智能产业", [("parks", "中关村"), ("kind", "article")]),
        ("低空经济", "无人机 6g 通信", [("parks", "张江"), ("kind", "brief")]),
        ("", "56g 和 ai芯片 email", [("parks", "中关村"), ("kind", "article")]),
        ("具身智能", "具身智能 具身智能 机器人", [("kind", "photo")]),
    ]
)


def test_text_terms_match_substrings_of_title_or_body():
    assert SPACE.rows(Text("高新")) == {0}
    assert SPACE.rows(Text("具身智能")) == {0, 3}
    assert SPACE.rows(Text("具身智能", title_only=True)) == {3}


def test_ascii_words_at_a_terms_edges_must_be_whole_words():
    assert SPACE.rows(Text("6g")) == {1}  # not the 6g inside 56g
    assert SPACE.rows(Text("ai")) == {2}  # ai芯片, not email
    assert SPACE.rows(Text("ai", word_prefix=True)) == {2}
    assert SPACE.rows(Text("em", word_prefix=True)) == {2}
    assert SPACE.rows(Text("mail")) == set()


def test_boolean_nodes_are_set_algebra():
    every = set(range(4))
    a, b = Text("具身智能"), Facet("parks", ("中关村",))
    assert SPACE.rows(And((a, b))) == SPACE.rows(a) & SPACE.rows(b) == {0}
    assert SPACE.rows(Or((a, b))) == {0, 2, 3}
    assert SPACE.rows(Not(a)) == every - {0, 3}
    assert SPACE.rows(And((b, Not(a)))) == {2}
    assert SPACE.rows(And((Not(a), Not(b)))) == {1}
    assert SPACE.rows(Every()) == every
    assert SPACE.rows(Facet("parks", ("中",), prefix=True)) == {0, 2}
    assert SPACE.rows(Facet("parks", ("不存在",))) == set()


def test_within_limits_every_node_to_the_candidates():
    assert SPACE.rows(Text("具身智能"), within={3}) == {3}
    assert SPACE.rows(Not(Text("具身智能")), within={1, 3}) == {1}
    assert SPACE.rows(Every(), within={2}) == {2}


def test_bm25_prefers_titles_and_more_occurrences_and_breaks_ties_in_corpus_order():
    ranked = SPACE.rank(sorted(SPACE.rows(Text("具身智能"))), [Text("具身智能")], 10)
    assert [row for row, _ in ranked] == [3, 0]
    assert ranked[0][1] > ranked[1][1] > 0
    same = _space([("", "量子", []), ("", "量子", []), ("", "量子", [])])
    assert [row for row, _ in same.rank([0, 1, 2], [Text("量子")], 2)] == [0, 1]
    assert SPACE.rank([1, 3], [], 5) == [(1, 0.0), (3, 0.0)]


def test_rarer_terms_weigh_more():
    space = _space([("", "甲 乙", []), ("", "甲", []), ("", "甲", []), ("", "乙乙", [])])
    scores = dict(space.rank([0, 1, 2, 3], [Text("甲"), Text("乙")], 4))
    assert scores[0] > scores[1]  # 乙 (in 2 of 4) adds more than nothing
    assert space.document_frequency(Text("甲")) == 3


@pytest.mark.parametrize(
    "text",
    [
        "国家 高新区",
        "AI  芯片",
        "machine   learning",
        "Ｅ－Ｃａｂｉｎ 产品",
        "\u200b具身\u200b智能",
        " 6G ",
        "İstanbul ΣΑΣ",
        "",
    ],
)
def test_key_of_is_the_text_of_search_key(text):
    assert key_of(text) == search_key(text).text


def test_key_of_agrees_with_search_key_on_the_seeds(seeds_dir):
    rng = random.Random(5)
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert key_of(text) == search_key(text).text
        for _ in range(50):
            i = rng.randrange(len(text))
            piece = text[i : i + rng.randint(1, 40)]
            assert key_of(piece) == search_key(piece).text


def test_facet_filters_find_exactly_the_rows_that_have_the_value():
    parks = [f"园区{i}" for i in range(8)]
    space = _space([("标题", "正文", [("parks", parks[r % 8]), ("parks", parks[(r + 1) % 8])]) for r in range(40)])
    for p in parks:
        expected = {r for r in range(40) if p in (parks[r % 8], parks[(r + 1) % 8])}
        assert space.rows(Facet("parks", (p,))) == expected and len(expected) == 10
    assert space.rows(Facet("parks", ("园区",), prefix=True)) == set(range(40))
    assert space.rows(Facet("parks", ("没有",))) == set()
