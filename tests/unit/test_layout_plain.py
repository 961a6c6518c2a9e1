"""Deciding a file's layout reuses its clean-text lines: the OCR cleaning is run only on
letter-spaced lines, and what the decision reads must be what a full OCR cleaning reads."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from search_index.analysis.display import clean_line
from search_index.ingest.layout import read_lines, source_lines, strip_markup

CHARS = "中关村高新区园企业，。、：；！？（）“”,;:?!() \t\u3000\u00a0ＡＢ１２ａ\u200bab12<>&\n"
PIECES = [*CHARS, "&amp;", "<b>"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join))
def test_lines_cleaned_as_clean_text_read_the_same_as_ocr_cleaned_ones(text):
    plain = [clean_line(strip_markup(line), ocr=False) for line in source_lines(text)]
    assert read_lines(text, plain) == read_lines(text)


def test_a_letter_spaced_line_is_still_joined():
    text = "本 报 记 者 张 伟\n高新区企业发展迅速，创新成果丰硕。"
    plain = [clean_line(line, ocr=False) for line in source_lines(text)]
    assert plain[0] == "本 报 记 者 张 伟"  # clean text keeps the spaces as written
    assert read_lines(text, plain)[0].text == "本报记者张伟"
