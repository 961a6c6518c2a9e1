"""Text made safe for a terminal and a spreadsheet."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from search_index.analysis.safe_text import csv_cell, one_line, visible


@given(st.text())
def test_visible_keeps_the_length_and_leaves_nothing_a_terminal_acts_on(text):
    shown = visible(text)
    assert len(shown) == len(text)
    assert not [c for c in shown if (ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F]
    assert not [c for c in one_line(text) if ord(c) < 32]
    shown.encode("utf-8")  # no lone surrogate left


def test_csv_cells_keep_numbers_and_plain_text():
    assert [csv_cell(v) for v in (3, 1.5, "中关村", "=1+1", "-2", "@x", "\tx", "a=b")] == [
        3,
        1.5,
        "中关村",
        "'=1+1",
        "'-2",
        "'@x",
        "'\tx",
        "a=b",
    ]
