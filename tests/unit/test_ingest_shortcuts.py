"""Shortcuts of reading a build's files: each must give what the full steps give, on text
built to reach the edges of the shortcut's test."""

from __future__ import annotations

import dataclasses
import importlib.metadata
import importlib.util
import re
import statistics
from collections import Counter

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from search_index.analysis import display, segment
from search_index.analysis.display import clean_line, ends_terminal
from search_index.ingest import headers, layout, plaintext
from search_index.ingest.headers import FURNITURE, LABEL, Header
from search_index.ingest.layout import classify, read_lines, strip_markup

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


def _page_by_lines(lines: list[str], plain: list[str] | None = None) -> bool:
    """``looks_like_page`` as it was: through read_lines' Line objects and classify."""
    read = read_lines("\n".join(lines), plain)
    if not read:
        return False
    roles = [classify(ln) for ln in read]
    if "byline" in roles or sum(r in ("dateline", "lead") for r in roles) >= 2:
        return True
    if sum(1 for line in lines if " " in line and plaintext.LETTER_SPACED.search(line)) >= 2:
        return True
    long = [ln for ln in read if ln.size >= 8]
    if len(long) < 4:
        return False
    if sum(not ends_terminal(ln.text) for ln in long) / len(long) <= plaintext.WRAPPED_SHARE:
        return False
    sizes = Counter(ln.size for ln in long)
    width = sizes.most_common(1)[0][0]
    one_width = sum(sizes[w] for w in (width - 1, width, width + 1)) / len(long) >= 0.5
    return statistics.median(ln.size for ln in long) < 40 or one_width


_PAGE_LINES = st.lists(
    st.sampled_from(
        [
            "",
            " ",
            "► 本报记者 张伟",
            "本报记者 李四",
            "新华社北京3月1日电",
            "本报讯 近日，高新区发布新政策。",
            "张伟/摄",
            "……",
            "高 新 区 发 布",
            "中关村科技园区今年以来新增企业一千家，",
            "中关村科技园区今年以来新增企业一千家。",
            "园区企业加快推进人工智能与制造业深度融合发展",
            "量子信息产业加速集聚，合肥高新区形成完整产业链条，",
            "　全角空格开头的一行文字，继续写下去",
            "<p>网页残留&amp;标签</p>",
            "English words and 中文 mixed, here",
            "１２３ＡＢＣ全角字符",
            "园区企业加快推进人工智能与制造业深度融合 发展，园区企业加快推进人工智能与 制造业",  # size 39, 41 long
            "园区企业加快推进人工智能与制造业深度融合发展，园区企业加快推进人工智能与制造业深",  # size 41
            "高新区高新区高新区高新区高新区高新区高新区高新区高新区高新区",
            "产业园区产业园区产业园区产业园区产业园区产业园区产业园区产业园区产业园区产业园区产业园区产业园区产业园区产业园区产业园区",
        ]
    ),
    min_size=1,
    max_size=14,
)


@given(_PAGE_LINES)
@settings(max_examples=400)
@example(["中关村科技园区今年以来新增企业一千家，"] * 5)
@example(["► 本报记者 张伟", "正文。"])
@example(["高 新 区 发 布", "高 新 区 发 布"])
@example(
    ["园区企业加快推进人工智能与制造业深度融合 发展，园区企业加快推进人工智能与 制造业"] * 2
    + ["高新区高新区高新区高新区高新区高新区高新区高新区高新区高新区"]
    + [
        "产业园区产业园区产业园区产业园区产业园区产业园区产业园区产业园区产业园区产业园区产业园区产业园区产业园区产业园区产业园区"
    ]
    * 2
)
def test_a_page_is_told_from_clean_text_as_through_read_lines(lines):
    plain = [clean_line(strip_markup(line), ocr=False) for line in lines]
    assert plaintext.looks_like_page(lines) == _page_by_lines(lines)
    assert plaintext.looks_like_page(lines, plain) == _page_by_lines(lines, plain)


@pytest.mark.parametrize(
    "metadata",
    [
        "Metadata-Version: 2.1\nName: gxqfake\nVersion: 1.2.3\n\nVersion: 9.9 in the description\n",
        "Metadata-Version: 2.1\nName: gxqfake\nVersion:   0.4b1  \nSummary: x\n",
        "Metadata-Version: 2.1\nName: gxqfake\n\nVersion: 7 only in the description\n",
        "Metadata-Version: 2.1\r\nName: gxqfake\r\nVersion: 1.0\r\n\r\n",
        "Metadata-Version: 2.1\nversion: 2.0\nVersion: 1.0\n",
        "Metadata-Version: 2.1\nVersion: 1.0\n  .post1\n",
        "Metadata-Version: 2.1\nVersion:1.0\n",
    ],
)
def test_a_segmenter_version_is_what_importlib_metadata_says(tmp_path, monkeypatch, metadata):
    (tmp_path / "gxqfake").mkdir()
    (tmp_path / "gxqfake" / "__init__.py").write_text("")
    (tmp_path / "gxqfake-1.2.3.dist-info").mkdir()
    (tmp_path / "gxqfake-1.2.3.dist-info" / "METADATA").write_text(metadata)
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        expected = importlib.metadata.version("gxqfake")
    except importlib.metadata.PackageNotFoundError:
        expected = "?"
    assert segment._version("gxqfake") == expected
    for installed in ("rjieba", "jieba"):
        if importlib.util.find_spec(installed):
            assert segment._version(installed) == importlib.metadata.version(installed)


_META_PIECES = st.sampled_from(
    [
        "【",
        "】",
        "（",
        "(",
        "[",
        "|",
        "/",
        " ",
        "　",
        "：",
        ":",
        "经济日报",
        "人民网-人民日报",
        "2024年3月1日",
        "2024-03-01 10:00",
        "星期五",
        "第3版",
        "原文链接",
        "https://news.cn/a/b.html",
        "www.gov.cn",
        "文档ID",
        "0123456789abcdef0123",
        "12345678",
        "本报记者",
        "责任编辑",
        "记者",
        "张三",
        "李四",
        "欧阳文华",
        "来源",
        "发布时间",
        "文",
        "高新区在量子领域持续发力",
        "，",
        "。",
    ]
)


@given(st.lists(_META_PIECES, min_size=1, max_size=9).map("".join), st.booleans(), st.booleans(), st.booleans())
@settings(max_examples=600)
@example("高新区在量子领域持续发力，高新区在量子领域持续发力", True, False, False)
@example("经济日报 2024年3月1日 星期五 第3版", True, False, False)
@example("（来源：经济日报）（作者：张三）高新区在量子领域", True, True, False)
@example("（本报记者 欧阳文华 李四 王五 赵六）", True, False, False)
def test_a_long_line_is_read_as_by_every_pattern(line, top, after_date, titled):
    """The quick rejection of long lines that no header pattern can open: the same answer
    and the same metadata as trying every pattern."""
    quick, full = Header(title="题" if titled else ""), Header(title="题" if titled else "")
    got = headers._meta_line(line, quick, top, after_date)
    every = re.compile("")  # lets every line through to the patterns
    original, headers._MAY_BE_META = headers._MAY_BE_META, every
    try:
        expected = headers._meta_line(line, full, top, after_date)
    finally:
        headers._MAY_BE_META = original
    assert got == expected
    assert dataclasses.asdict(quick) == dataclasses.asdict(full)


@given(st.lists(_META_PIECES, min_size=1, max_size=9).map("".join))
@settings(max_examples=400)
@example("经济日报 2024年3月1日 星期五 第3版")
@example("人民网-人民日报2024 2024年3月1日")
@example("一二三四五六七八九十一二三四五六七 2024年3月1日")
@example("一二三四五六七八九十一二三四五六 2024年3月1日")
def test_a_masthead_is_read_as_with_a_name_of_any_length(line):
    date, weekday = headers._DATE, headers._WEEKDAY
    any_length = re.compile(rf"^(?P<name>\S{{2,16}}?)\s+(?P<date>{date})\s*(?:{weekday})?\s*(?:第\s*\d+\s*版.*)?$")
    quick, full = headers.MASTHEAD.match(line), any_length.match(line)
    assert (quick and quick.groupdict()) == (full and full.groupdict())


def _tightened_char_by_char(text: str) -> str:
    """``tighten_body`` as it was: a walk over the characters."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] != " ":
            out.append(text[i])
            i += 1
            continue
        j = i
        while j < n and text[j] == " ":
            j += 1
        if not display._drop_space(out[-1] if out else "", text[j] if j < n else ""):
            out.append(" ")
        i = j
    return "".join(out)


@given(st.lists(st.sampled_from([" ", "  ", "中", "国", "a", "Z", "1", "，", "。", "（", "-", "\t", "é"]), max_size=14))
@settings(max_examples=500)
@example([" ", "中", " ", " ", "1", " "])
@example(["a", " ", "b", "  ", "中", " ", "国"])
def test_body_text_is_tightened_as_character_by_character(pieces):
    text = "".join(pieces)
    assert display.tighten_body(text) == _tightened_char_by_char(text)


_CREDIT_PIECES = [
    "新华社记者",
    "本报记者",
    "新华社发",
    "张伟",
    "李四",
    "欧阳",
    "摄",
    "/",
    " ",
    "（",
    "）",
    "(",
    ")",
    "。",
    "区",
]


@given(st.lists(st.sampled_from(_CREDIT_PIECES), max_size=10))
@settings(max_examples=500)
@example(["新华社记者", "张伟", " ", "摄"])
@example(["（", "张伟", "摄", "）"])
@example(["新华社发"])
def test_a_credit_is_found_as_by_its_pattern(pieces):
    text = "".join(pieces)
    quick, full = layout.credit_in(text), layout.CREDIT.search(text)
    assert (quick and quick.span()) == (full and full.span())
