"""Whether a row cache's columns fit together: their lengths (checked on every open, a
constant number of comparisons) and every id against its table (checked once, when the file
is written: a file whose sections then match their checksums holds the same ids)."""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING

from search_index.index import facetsplit
from search_index.index.mapped import Damaged

if TYPE_CHECKING:
    from search_index.index.memo import Memo


def check_lengths(memo: Memo) -> None:
    """Damaged unless every column has a row per article and every table the size its ids
    were written for (a constant number of comparisons: a cold start checks it)."""
    rows = len(memo.ids)
    sizes = (len(memo.docnums), len(memo.metas), len(memo.titles), len(memo.bodies), len(memo.facets))
    if any(n != rows for n in (*sizes, len(memo.source_ids), len(memo.orders), len(memo.aliases))):
        raise Damaged("columns of different lengths")
    if len(memo.value_rows) != len(memo.facet_values):  # (ids are unique in the index they come from)
        raise Damaged("facet rows missing")
    if len(memo.by_length) not in (0, rows):
        raise Damaged("the length order does not fit the rows")


def check_shape(memo: Memo) -> None:
    """Damaged unless the columns fit each other (:func:`check_lengths`) and every id points
    into its table: what ``memo.save`` checks before it writes, so that a file whose sections
    match their checksums holds no id outside its table (the 1.3 million facet ids of 74,000
    articles cost a cold start 40 ms to check on every load)."""
    check_lengths(memo)
    rows = len(memo.ids)
    bounds = (
        (memo.facets.values, len(memo.facet_values)),
        (memo.aliases.values, len(memo.alias_values)),
        (memo.source_ids, len(memo.sources)),
        (memo.value_rows.values, rows),
    )
    if any(_outside(ids, n) for ids, n in bounds):
        raise Damaged("an id outside its table")
    split = facetsplit.from_record(memo.facet_split, memo.sources, memo.facet_values)
    if split is not None and not facetsplit.fits(split, rows, len(memo.facet_values)):
        raise Damaged("the facet split does not fit the rows")


def _outside(ids: array, n: int) -> bool:
    """True when an id is negative or not below ``n`` (read as unsigned into a bitmap, whose
    maximum is then the answer: far faster than ``min`` and ``max`` over the array)."""
    if not len(ids):
        return False
    if ids.itemsize != 4:
        return min(ids) < 0 or max(ids) >= n
    from pyroaring import BitMap

    unsigned = array("I")
    unsigned.frombytes(ids.tobytes())  # a negative id becomes at least 2**31
    return BitMap(unsigned).max() >= n
