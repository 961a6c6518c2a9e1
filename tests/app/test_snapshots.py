"""SVG snapshots of every screen at 80×24 and 120×40 (pytest-textual-snapshot): the main
screen, the reader, the reader zoomed, KWIC, the matrix and help.

Update after an intended layout change with ``pytest tests/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import pytest

from tests.harness import settle_for_snapshot
from tui.app import GxqApp

SIZES = [(80, 24), (120, 40)]


def _typed(text: str, *then: str):
    """Type ``text`` in the search box, then press ``then`` one key at a time, settling after each."""

    async def run(pilot) -> None:
        await settle_for_snapshot(pilot)
        await pilot.press(*text)
        await settle_for_snapshot(pilot)
        for key in then:
            await pilot.press(key)
            await settle_for_snapshot(pilot)

    return run


SCREENS = {
    "main": settle_for_snapshot,
    "reader": _typed("脑机接口", "enter", "enter", "n"),
    "reader_zoomed": _typed("脑机接口", "enter", "enter", "z"),
    "kwic": _typed("低空经济", "enter", "K"),
    "matrix": _typed("", "enter", "M"),
    "help": _typed("", "enter", "f1"),
}


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, seeds_dir, index_base, screen, size):
    app = GxqApp(seeds_dir, index_base, show_timing=False)
    assert snap_compare(app, terminal_size=size, run_before=SCREENS[screen])
