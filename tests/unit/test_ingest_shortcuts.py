"""Shortcuts of reading a build's files: each must give what the full steps give, on text
built to reach the edges of the shortcut's test."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from search_index.analysis import segment
from search_index.ingest import headers
from search_index.ingest.headers import FURNITURE, LABEL, Header

_HEADER_PIECES = st.sampled_from(
    [
        "【",
        "】",
        "纠错",
        "打印",
        "分享",
        "分享到",
        "大",
        "中",
        "小",
        "字号",
        "：",
        ":",
        "|",
        "｜",
        "（",
        "）",
        " ",
        "来源",
        "作者",
        "文",
        "责任编辑",
        "发布时间",
        "张三",
        "新华社",
        "2024-03-01",
        "10:00",
        "高新区",
        "。",
    ]
)
_LINES = st.lists(_HEADER_PIECES, min_size=1, max_size=8).map("".join)


@given(_LINES)
@settings(max_examples=500)
@example("分享到：")
@example("中字号")
@example("正文【打印】")
def test_furniture_is_removed_as_by_its_pattern(line):
    assert headers.without_furniture(line) == FURNITURE.sub("", line).strip()


def _fields_by_scanning(t: str, head: Header) -> bool:
    """``_fields`` as it was: every label of the line found first, then the first one's place checked."""
    inner = t.strip("（()）[]【】|｜/ ")
    matches = list(LABEL.finditer(inner))
    if not matches or matches[0].start() != 0:
        return False
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(inner)
        value = inner[m.end() : end].strip(" |｜/")
        stamp = headers.DATE_ANYWHERE.search(value)
        if stamp and not re.fullmatch(headers.DATE_LABELS, m["label"]):
            headers._date(head, stamp.group(0))
            value = (value[: stamp.start()] + " " + value[stamp.end() :]).strip(" |｜/")
        headers._field(head, m["label"], value)
    return True


@given(_LINES)
@settings(max_examples=500)
@example("高新区来源：新华社")
@example("（来源：新华社 作者：张三 2024-03-01 10:00）")
@example("文｜张三")
def test_labelled_fields_are_read_as_by_scanning_the_line(line):
    quick, full = Header(), Header()
    assert headers._fields(line, quick) == _fields_by_scanning(line, full)
    assert dataclasses.asdict(quick) == dataclasses.asdict(full)


@pytest.mark.parametrize("kind", ["DATE_LABELS", "SOURCE_LABELS", "AUTHOR_LABELS", "EDITOR_LABELS"])
def test_a_label_is_of_a_kind_as_its_pattern_says(kind):
    labels = getattr(headers, kind)
    every = {m["label"] for m in LABEL.finditer("　".join(f"{w}：x" for w in re.split(r"[|]", labels)))}
    tries = every | {w + "x" for w in every} | {w[:-1] for w in every} | {"", "来源于于", "本报"}
    as_set = getattr(headers, "_" + kind)
    assert {w for w in tries if w in as_set} == {w for w in tries if re.fullmatch(labels, w)}


@pytest.mark.skipif(segment.backend_name() != "rjieba", reason="jieba-rs not installed")
def test_each_rust_segmenter_has_a_dictionary_of_its_own():
    first, second = segment.RustJieba(), segment.RustJieba()
    word = "甲乙丙丁戊己庚"
    first.add_name(word)
    assert first._jieba is not second._jieba
    assert first.has_word(word) and not second.has_word(word)
    assert second.cut(word) != [word]
