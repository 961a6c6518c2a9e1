"""Facet counting over the seeds' real row cache: the bitset path counts what the row-by-row
path counts."""

from collections import Counter


def test_bitset_facet_counts_equal_row_by_row_counts(engine, monkeypatch):
    from search_index.research import facet_counts
    from search_index.research.facet_counts import FacetCounter

    memo = engine.rows
    plain = FacetCounter(memo.facets, memo.facet_values, memo.value_rows)
    fast = FacetCounter(memo.facets, memo.facet_values, memo.value_rows)
    monkeypatch.setattr(facet_counts, "BITSET_MIN_ROWS", 1)
    monkeypatch.setattr(facet_counts, "COMMON_SHARE", 0.3)
    fast.prepare()
    common, rare = fast._split
    assert common and any(rare)  # both paths are exercised
    for rows in (range(len(memo)), [0, 3, 5], engine.rows_matching("高新区")):
        assert fast.count(rows) == plain.count(rows)
    every = Counter(v for ids in memo.facets for v in ids)  # all rows: from the row lists' lengths
    by_facet = plain.count(range(len(memo)))
    assert all(by_facet[memo.facet_values[i][0]][memo.facet_values[i][1]] == n for i, n in every.items())
    assert sum(len(c) for f, c in by_facet.items() if f != "parks_by_region") == len(every)
