"""SVG snapshots of the histogram strip (focused, with a range chosen) and the Timeline view
at 80×24 and 120×40, over a dated corpus.

Update after an intended layout change with
``pytest tests/test_snapshots_dates.py --snapshot-update``.
"""

from __future__ import annotations

import pytest

from tests.harness import settle_for_snapshot
from tui.app import GxqApp


def _keys(*keys: str):
    async def run(pilot) -> None:
        await settle_for_snapshot(pilot)
        for key in keys:
            await pilot.press(key)
            await settle_for_snapshot(pilot)

    return run


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_strip_with_a_range_chosen(snap_compare, dated_dirs, size):
    app = GxqApp(*dated_dirs, show_timing=False)
    assert snap_compare(app, terminal_size=size, run_before=_keys("enter", "t", "left", "shift+left", "shift+left"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_timeline_view(snap_compare, dated_dirs, size):
    app = GxqApp(*dated_dirs, show_timing=False)
    assert snap_compare(app, terminal_size=size, run_before=_keys("enter", "T"))
