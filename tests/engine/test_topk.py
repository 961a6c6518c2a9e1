"""Ranking only the rows that can enter the top: the 2-gram tiers bound every term's count,
and the pruned ranking equals scoring every matching row, ties and all."""

import random
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from search_index.index import grams as G
from search_index.index.keys import as_keys
from search_index.index.lengths import Norms, all_norms, norm_order
from search_index.index.memo import Memo
from search_index.query import ranking
from search_index.query.execute import Space
from search_index.query.ranking import TITLE_WEIGHT
from search_index.query.tree import And, Or, Text
from tests.harness import memo_of

ALPHABET = "高新区高新区具身智能aa6g 𠀀"  # repeats make counts climb the tiers; ASCII edges; beyond the BMP


def _spaces(memo: Memo) -> tuple[Space, Space]:
    """(scoring every row, pruning with the 2-gram tiers)."""
    return Space(memo), Space(memo, G.build(memo.ids, memo.titles, memo.bodies).attach(memo.ids))


def _count(term: Text, title: str, body: str) -> int:
    return TITLE_WEIGHT * term.count_in(title) + (0 if term.title_only else term.count_in(body))


rows_st = st.lists(
    st.tuples(st.text(alphabet=ALPHABET, max_size=8), st.text(alphabet=ALPHABET, max_size=200)), min_size=1, max_size=40
)
key_st = st.text(alphabet=ALPHABET.replace(" ", ""), min_size=1, max_size=4)
terms_st = st.lists(st.builds(Text, key_st, st.booleans()), min_size=1, max_size=3)


@settings(max_examples=200, deadline=None)
@given(rows_st, terms_st, st.booleans(), st.integers(1, 12))
def test_pruned_ranking_equals_scoring_every_row(rows, terms, either, want):
    exact, pruned = _spaces(memo_of(rows))
    node = Or(tuple(terms)) if either else And(tuple(terms))
    found = pruned.matching(node)
    with patch.object(ranking, "EXACT_BELOW", 0), patch.object(ranking, "EXACT_BELOW_PATTERN", 0):
        assert pruned.rank(found, terms, want) == exact.rank(sorted(found), terms, want)


@settings(max_examples=150, deadline=None)
@given(rows_st, key_st, st.booleans())
def test_count_bounds_hold_for_every_row_that_may_hold_the_key(rows, key, title_only):
    memo = memo_of(rows)
    grams = G.build(memo.ids, memo.titles, memo.bodies).attach(memo.ids)
    split = grams.count_bounds(key)
    if len(key) < 2:
        assert split is None
        return
    assert split is not None
    covered = [r for _bound, found in split for r in found]
    assert sorted(covered) == list(grams.candidates(key))  # disjoint, and every candidate once
    bounds = [bound for bound, _found in split]
    assert bounds == sorted(bounds, reverse=True)
    term = Text(key, title_only)
    for bound, found in split:
        assert all(_count(term, memo.titles[r], memo.bodies[r]) <= bound for r in found)


def test_pruned_ranking_equals_scoring_every_row_over_many_rows():
    rng = random.Random(7)
    words = ("高新区", "高新", "具身智能", "企业", "区", "6g", "ai芯片", "文", "新区")
    rows = []
    for _ in range(400):
        body = "".join(rng.choice(words) + "文" * rng.randrange(0, 30) for _ in range(rng.randrange(1, 60)))
        rows.append(("".join(rng.choices(words, k=rng.randrange(0, 3))), body))
    exact, pruned = _spaces(memo_of(rows))
    queries = [Text("高新区"), Text("企业"), Or((Text("具身智能"), Text("6g"))), And((Text("新区"), Text("ai芯片")))]
    queries += [Or((Text("高新"), Text("区"))), Text("高新", title_only=True)]
    for node in queries:
        terms = list(node.parts) if isinstance(node, (And, Or)) else [node]
        found = pruned.matching(node)
        with patch.object(ranking, "EXACT_BELOW", 0), patch.object(ranking, "EXACT_BELOW_PATTERN", 0):
            for want in (1, 5, 20, 100):
                assert pruned.rank(found, terms, want) == exact.rank(sorted(found), terms, want), (node, want)


def test_counts_reach_the_top_tier_and_long_rows_are_left_uncounted():
    body = "高新" * 300
    rows = [("", body), ("高新", "高新区"), *(("", "高新区" + "文" * (40 + i)) for i in range(60))]
    memo = memo_of(rows)
    exact, pruned = _spaces(memo)
    split = pruned.grams.count_bounds("高新")
    assert split[0][0] == float("inf") and list(split[0][1]) == [0]
    term = Text("高新")
    counted: list[int] = []
    original = pruned.ranking._term_frequencies

    def spy(t, rows):
        counted.extend(rows)
        return original(t, rows)

    found = pruned.matching(term)
    with (
        patch.object(ranking, "EXACT_BELOW", 0),
        patch.object(ranking, "EXACT_BELOW_PATTERN", 0),
        patch.object(pruned.ranking, "_term_frequencies", spy),
    ):
        assert pruned.rank(found, [term], 2) == exact.rank(sorted(found), [term], 2)
    assert len(set(counted)) < len(found) // 2  # the long rows with one occurrence were never counted


def test_tiers_after_an_update_equal_a_fresh_build():
    rng = random.Random(4)
    rows = [("".join(rng.choices(ALPHABET, k=6)), "".join(rng.choices(ALPHABET, k=120))) for _ in range(50)]
    old = memo_of(rows)
    grams = G.build(old.ids, old.titles, old.bodies).attach(old.ids)
    new = memo_of([("新", "高新高新高新区"), *rows[3:], ("高新区", "高新" * 20)])
    new.ids = ["n0", *old.ids[3:], "n1"]
    updated = G.update(grams, new.ids, new.titles, new.bodies)
    fresh = G.build(new.ids, new.titles, new.bodies).attach(new.ids)
    for key in ("高新", "高新区", "具身智能", "a6", "aa"):
        assert updated.count_bounds(key) == fresh.count_bounds(key), key


@settings(max_examples=150, deadline=None)
@given(rows_st, terms_st, st.integers(1, 12))
def test_the_saved_length_order_ranks_as_sorting_the_norms(rows, terms, want):
    """The row cache keeps the rows in order of their length norm (sorting them cost 70 ms at
    74,000 articles); with it each norm is computed when read: the same ranking, ties and all."""
    memo = memo_of(rows)
    titles, bodies = as_keys(memo.titles).lengths, as_keys(memo.bodies).lengths
    memo.by_length = norm_order(titles, bodies)
    norms = all_norms(titles, bodies)
    assert list(memo.by_length) == sorted(range(len(rows)), key=norms.__getitem__)
    assert list(Norms(titles, bodies)) == list(norms)
    exact, saved = _spaces(memo)
    assert saved.ranking.order is not None
    found = saved.matching(Or(tuple(terms)))
    with patch.object(ranking, "EXACT_BELOW", 0), patch.object(ranking, "EXACT_BELOW_PATTERN", 0):
        assert saved.rank(found, terms, want) == exact.rank(sorted(found), terms, want)


def test_the_saved_length_order_prunes_as_the_sorted_one():
    """Enough rows of varied lengths that pruning skips most of them: with the saved order
    the rows counted are still the ones that can enter the page."""
    rng = random.Random(20)
    rows = [
        (
            rng.choice(["", "高新区", "新区"]),
            "具身" * rng.randint(0, 40) + "高新区" * rng.randint(1, 6) + "区" * rng.randint(0, 300),
        )
        for _ in range(600)
    ]
    memo = memo_of(rows)
    memo.by_length = norm_order(as_keys(memo.titles).lengths, as_keys(memo.bodies).lengths)
    exact, saved = _spaces(memo)
    terms = [Text("高新区"), Text("具身")]
    found = saved.matching(Or(tuple(terms)))
    for want in (1, 5, 20):
        assert saved.rank(found, terms, want) == exact.rank(sorted(found), terms, want)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.1, 5.0), min_size=1, max_size=300), st.lists(st.floats(0.0, 6.0), max_size=20))
def test_length_quantiles_built_ahead_equal_those_built_on_demand(norms, limits):
    """``Lengths.prepare`` builds every quantile's rows from the one before; each equals the
    rows a first ``at_most`` would build (the rows whose norm is at most the limit, rounded
    up to a quantile)."""
    ahead, on_demand = ranking.Lengths(norms), ranking.Lengths(norms)
    ahead.prepare()
    for limit in [*limits, *norms]:
        got = ahead.at_most(limit)
        assert got == on_demand.at_most(limit)
        assert {r for r, n in enumerate(norms) if n <= limit} <= set(got)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(0.0, 3.0), min_size=1, max_size=300), st.lists(st.floats(0.0, 3.5), min_size=1, max_size=12))
def test_rows_up_to_a_length_are_the_same_whichever_order_they_are_asked_in(norms, limits):
    """Each quantile's bitmap is built from the longest one built before it: asked in any
    order, every answer is the rows of the first quantiles, whole."""
    from pyroaring import BitMap

    lengths = ranking.Lengths(norms)
    for limit in limits:
        found = lengths.at_most(limit)
        shorter = {r for r in range(len(norms)) if norms[r] <= limit}
        assert shorter <= set(found)  # every row at most that long, perhaps a few more
        cut = len(found)
        assert found == BitMap(lengths.order[:cut])  # a prefix of the rows by length
