"""SVG snapshots of the main screens at 80×24 and 120×40 (pytest-textual-snapshot).

Update after an intended layout change with ``pytest tests/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import pytest
from test_app import settle
from textual.widgets import Input

from tui.app import GxqApp


async def _settle(pilot) -> None:
    for box in pilot.app.query(Input):
        box.cursor_blink = False  # a blinking cursor makes snapshots depend on timing
    await settle(pilot.app, pilot)


def _typed(text: str, *then: str):
    async def run(pilot) -> None:
        await _settle(pilot)
        await pilot.press(*text)
        await _settle(pilot)
        await pilot.press(*then)
        await _settle(pilot)

    return run


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_browse_screen(snap_compare, seeds_dir, index_base, size):
    app = GxqApp(seeds_dir, index_base, show_timing=False)
    assert snap_compare(app, terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_reading_an_article(snap_compare, seeds_dir, index_base, size):
    app = GxqApp(seeds_dir, index_base, show_timing=False)
    assert snap_compare(app, terminal_size=size, run_before=_typed("脑机接口", "enter", "enter", "n"))


def test_help_screen(snap_compare, seeds_dir, index_base):
    app = GxqApp(seeds_dir, index_base, show_timing=False)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_typed("", "tab", "f1"))
