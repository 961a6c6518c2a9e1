"""A plain facet pane's first rows and row count, made without a row for every value, are those
of the full list."""

from __future__ import annotations

import pytest

from tui.widgets.facet_pane import flat_head, flat_rows

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
