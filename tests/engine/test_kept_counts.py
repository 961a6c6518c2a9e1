"""Ranking keeps the counts it read: a repeated or refined query (a filter added, the next
page) counts each row once, and ranks exactly as counting afresh."""

import random
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st
from pyroaring import BitMap

from search_index.index import grams as G
from search_index.index.keys import Keys
from search_index.query import ranking
from search_index.query.execute import Space
from search_index.query.tree import And, Or, Text
from tests.harness import memo_of

ALPHABET = "高新区高新区具身智能aa6g 𠀀"
WORDS = ("高新区", "高新", "具身智能", "企业", "区", "6g", "ai芯片", "文", "新区")


def _rows(n: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        body = "".join(rng.choice(WORDS) + "文" * rng.randrange(0, 30) for _ in range(rng.randrange(1, 60)))
        rows.append(("".join(rng.choices(WORDS, k=rng.randrange(0, 3))), body))
    return rows


def _pruned(rows: list[tuple[str, str]]) -> Space:
    memo = memo_of(rows)
    return Space(memo, G.build(memo.ids, memo.titles, memo.bodies).attach(memo.ids))


class _Counted:
    """Spies on the rows whose keys are counted (titles and bodies alike): patch
    ``Keys.counts`` with :attr:`counts`."""

    def __init__(self) -> None:
        self.rows: list[int] = []
        real = Keys.counts

        def counts(keys: Keys, key: str, rows) -> list[int]:
            rows = list(rows)
            self.rows.extend(rows)
            return real(keys, key, rows)

        self.counts = counts


def test_a_repeated_query_counts_no_row_again_and_a_filtered_one_only_new_rows():
    space = _pruned(_rows(400, 7))
    term = Text("高新区")
    found = space.matching(term)
    spy = _Counted()
    with patch.object(Keys, "counts", spy.counts), patch.object(ranking, "EXACT_BELOW", 0):
        first = space.rank(found, [term], 20)
        counted = set(spy.rows)
        assert counted
        spy.rows.clear()
        assert space.rank(found, [term], 20) == first
        assert spy.rows == []  # nothing counted twice
        narrower = found & BitMap(range(0, 400, 3))
        space.rank(narrower, [term], 20)
        assert not set(spy.rows) & counted  # a filter counts only rows not counted before
        space.forget()
        spy.rows.clear()
        assert space.rank(found, [term], 20) == first
        assert set(spy.rows) >= counted  # forgotten: counted afresh


def test_counts_past_the_limit_are_not_kept_and_rank_the_same():
    rows = _rows(300, 3)
    kept, fresh = _pruned(rows), _pruned(rows)
    terms = [Text("高新区"), Text("企业")]
    found = kept.matching(Or(tuple(terms)))
    spy = _Counted()
    with patch.object(ranking, "KEPT_COUNTS", 10), patch.object(Keys, "counts", spy.counts):
        first = kept.rank(sorted(found), terms, 300)  # every row scored: more counts than may be kept
        held = {term: set(rows) for term, rows in kept.ranking._counted.items()}
        assert sum(map(len, held.values())) <= 10
        spy.rows.clear()
        assert kept.rank(sorted(found), terms, 300) == first
        assert len(spy.rows) == 2 * sum(len(found) - len(held.get(term, ())) for term in terms)  # titles, bodies
        assert first == fresh.rank(sorted(found), terms, 300)


def test_a_title_only_term_keeps_counts_apart_from_the_same_key_anywhere():
    rows = _rows(200, 5)
    space = _pruned(rows)
    anywhere, in_title = Text("高新"), Text("高新", title_only=True)
    with patch.object(ranking, "EXACT_BELOW", 0):
        space.rank(space.matching(anywhere), [anywhere], 200)  # every row holding it counted and kept
        found = space.matching(in_title)
        assert space.rank(found, [in_title], 20) == _pruned(rows).rank(found, [in_title], 20)


queries_st = st.lists(
    st.tuples(
        st.lists(
            st.builds(Text, st.text(alphabet=ALPHABET.replace(" ", ""), min_size=1, max_size=4), st.booleans()),
            min_size=1,
            max_size=3,
        ),
        st.booleans(),
        st.integers(1, 12),
        st.integers(1, 4),
    ),
    min_size=2,
    max_size=6,
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(alphabet=ALPHABET, max_size=8), st.text(alphabet=ALPHABET, max_size=200)),
        min_size=1,
        max_size=40,
    ),
    queries_st,
    st.integers(3, 60),
)
def test_queries_in_a_row_rank_as_each_afresh(rows, queries, limit):
    """Any sequence of queries, filters and page sizes on one space (counts kept, some past
    a small limit) ranks as a new space would for each."""
    space = _pruned(rows)
    with (
        patch.object(ranking, "EXACT_BELOW", 0),
        patch.object(ranking, "EXACT_BELOW_PATTERN", 0),
        patch.object(ranking, "KEPT_COUNTS", limit),
    ):
        for terms, either, want, step in queries:
            node = Or(tuple(terms)) if either else And(tuple(terms))
            found = space.matching(node)
            some = found & BitMap(range(0, len(rows), step))
            assert space.rank(some, terms, want) == _pruned(rows).rank(some, terms, want)


def test_forget_drops_what_queries_kept_and_gives_the_pages_back(engine, monkeypatch):
    from search_index.index import idle_pages

    given: list[int] = []
    monkeypatch.setattr(idle_pages, "give_back", lambda mapped, offset, size: given.append(id(mapped)))
    monkeypatch.setattr(engine._idle, "after", 60)  # no give-back of its own during the test
    try:
        first = engine.search("高新区")
        assert engine._space._terms and engine._space.ranking._counted
        given.clear()
        engine.forget()
        assert not engine._space._terms and not engine._space.ranking._counted
        assert set(given) == {id(m) for m in engine._mapped}  # every mapping, the small columns too
        again = engine.search("高新区")
        assert (again.total, again.hits, again.facets) == (first.total, first.hits, first.facets)
    finally:
        timer = engine._idle._timer
        if timer is not None:
            timer.cancel()
        engine._idle._timer = None
        engine.forget()  # and the engine is idle again for the next test
