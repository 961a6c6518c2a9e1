"""Reading a page does each thing once: the lines ``decide_layout`` cleaned to decide are what
the page's reflow reads (header lines it held blank are cleaned anew), and the articles are
those of a reflow that cleans every line itself; a reporter who wrote a story up (记者…采写)
is looked for only in a story holding 采写; Chinese digits are replaced as translate would."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search_index.analysis.display import clean_line
from search_index.ingest import dating, plaintext
from search_index.ingest.articles import split_page
from search_index.ingest.layout import source_lines, strip_markup
from search_index.ingest.records import LAYOUT_PAGE, Record

_BODY = (
    "\n\n► 本报记者 王静\n\n马鞍山慈湖高新区在量子科技领域持续发力，已集聚相关企业４１家。\n\n"
    "量 子 科 技 企 业 加 快 集 聚\n\n新华社北京3月1日电 第二条<b>消息</b>，园区(二期)开工。\n"
)
PAGES = {
    "weak header (its lines stay in the page)": "园区加快布局新赛道　ＡＩ\n新华社" + _BODY,
    "strong header (its title stays)": "园区加快布局新赛道\n来源：新华网\n发布时间：2025-03-01 10:00\n\n"
    "园区加快布局新赛道" + _BODY,
    "no header": "二〇二五年三月一日 星期六" + _BODY,
}


@pytest.mark.parametrize("text", PAGES.values(), ids=PAGES.keys())
def test_a_pages_plain_lines_are_its_lines_cleaned_as_clean_text(text: str):
    rec, plain = plaintext._decided(Record(text=text))
    assert rec.layout == LAYOUT_PAGE
    assert plain == [clean_line(strip_markup(line), ocr=False) for line in source_lines(rec.text)]


@pytest.mark.parametrize("text", PAGES.values(), ids=PAGES.keys())
def test_a_page_read_with_its_plain_lines_splits_as_without(text: str):
    decided = plaintext.decide_layout(Record(text=text))
    got = plaintext.record_articles("p.txt", Record(text=text), "sha", "v")
    want = split_page("p.txt", decided.text, "sha", "v")
    assert len(got) >= 2
    assert [(a.title, a.text, a.spans, a.kind, a.id) for a in got] == [
        (a.title, a.text, a.spans, a.kind, a.id) for a in want
    ]


def test_clean_text_has_no_plain_lines():
    rec, plain = plaintext._decided(Record(text="园区加快布局新赛道。\n\n企业数量快速增长。\n"))
    assert rec.layout != LAYOUT_PAGE and plain is None


@given(st.text(alphabet=st.sampled_from("〇零一二三四五六七八九十年月日号星期二 2025aé的高新区"), max_size=40))
def test_chinese_digits_are_replaced_as_translate_replaces_them(text: str):
    assert dating._digits(text) == text.translate(dating._CN_DIGITS)


def test_a_story_names_the_reporter_who_wrote_it_up():
    page = "园区加快布局新赛道\n\n► 本报记者 王静\n\n园区在量子科技领域持续发力，记者李明采写。\n\n记者赵四报道。\n"
    arts = split_page("p.txt", page)
    assert [a.authors for a in arts] == [["王静", "李明"]]
