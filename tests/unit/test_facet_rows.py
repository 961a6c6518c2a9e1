"""A plain facet pane's first rows and row count, made without a row for every value, are those
of the full list."""

from __future__ import annotations

import pytest

from tui.widgets.facet_rows import flat_head, flat_rows

COUNTS = {f"v{n}": 100 - n for n in range(60)}


@pytest.mark.parametrize(
    ("included", "excluded"),
    [((), ()), (("v3",), ()), (("v3", "gone"), ("v7",)), ((), ("v59", "absent")), (("v0", "v1"), ("v2",))],
)
@pytest.mark.parametrize("limit", [0, 1, 5, 59, 60, 61, 200])
def test_the_head_of_a_plain_pane_is_the_start_of_its_rows(included, excluded, limit):
    rows = flat_rows("source", COUNTS, included, excluded)
    head, count = flat_head("source", COUNTS, included, excluded, limit)
    assert head == rows[:limit]
    assert count == len(rows)


def _by_place():
    from search_index.research.deferred_counts import ByPlace

    names = list(COUNTS)
    return ByPlace(names, [COUNTS[n] for n in names], list(range(len(names))))


@pytest.mark.parametrize(("included", "excluded"), [((), ()), (("v3", "gone"), ("v7",))])
@pytest.mark.parametrize("limit", [0, 5, 60, 200])
def test_counts_written_out_when_read_give_the_same_head(included, excluded, limit):
    """A facet of a file per value (``source``) comes as counts named when read: the head is
    the same, and with nothing chosen it is made from the first values alone."""
    lazy = _by_place()
    head, count = flat_head("source", lazy, included, excluded, limit)
    assert (head, count) == flat_head("source", COUNTS, included, excluded, limit)
    assert lazy._built is None or included or excluded  # the dict of every value was not built
