"""The front ends' one style module: fitting text to cells, shading, bars and the hit strip."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from search_index.research.concordance import KwicLine
from tui.style import HIT, align, bar, cells, fit, highlighted, hit_strip, shade, shade_level, short_label, slot_of

TEXTS = st.text(alphabet=st.sampled_from("中关村高新区AI 6G·，。abc"), max_size=40)


@given(TEXTS, st.integers(min_value=1, max_value=50))
def test_fit_never_exceeds_the_cells_and_keeps_what_fits(text, width):
    out = fit(text, width)
    assert cells(out) <= width
    assert out == text if cells(text) <= width else (out.endswith("…") and text.startswith(out[:-1]))


@given(TEXTS)
def test_cells_agree_with_rich_on_news_text(text):
    assert cells(text) == cell_len(text)


def test_fit_cuts_a_wide_character_whole():
    assert fit("中关村高新区", 6) == "中关…"
    assert fit("中关村高新区", 5) == "中关…"
    assert fit("", 0) == ""


def test_align_pads_the_left_context_to_the_keyword_column():
    line = KwicLine("国家高新区", "具身智能", "产业发展迅速", "id", "a.txt", 0, 0, "t")
    left, keyword, right = align(line, 7)
    assert cells(left) == 7 and left.endswith("高新区") and keyword == "具身智能" and right == "产业发"


def test_shades_rise_with_the_count():
    assert [shade_level(n, 8) for n in (0, 1, 2, 3, 4, 5, 8)] == [0, 1, 1, 2, 2, 3, 4]
    assert shade(0, 8).plain == "·" and shade(8, 8).plain == " 8 "
    assert short_label("集成电路产业") == "集成电…" and short_label("6G") == "6G"


def test_bars_in_eighths_of_a_cell():
    assert bar(8, 8, 4) == "████" and bar(0, 8, 4) == "" and bar(1, 1000, 4) == "▏"
    assert bar(4, 8, 3) == "█▌"


def test_hit_strip_places_hits_along_the_text():
    assert hit_strip(100, [(0, 2), (9, 12), (55, 57), (99, 100)], 10) == [2, 0, 0, 0, 0, 1, 0, 0, 0, 1]
    assert sum(hit_strip(7, [(i, i + 1) for i in range(7)], 3)) == 7
    assert hit_strip(10, [], 0) == [] and slot_of(100, 99, 10) == 9


def test_highlighted_marks_the_spans_in_the_hit_style():
    text = highlighted("在中关村发展", [(1, 4)])
    assert [(s.start, s.end, s.style) for s in text.spans] == [(1, 4, HIT)]


def test_the_engine_draws_nothing():
    """Presentation lives in the front ends: the engine and its results import neither Rich nor Textual."""
    code = (
        "import sys, search_index.engine, search_index.results, search_index.research.export; "
        "assert not [m for m in sys.modules if m.split('.')[0] in ('rich', 'textual', 'tui')]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
