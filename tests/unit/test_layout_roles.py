"""A line's role: the quick test for plain text must give what every pattern gives."""

from hypothesis import example, given, settings
from hypothesis import strategies as st

from search_index.analysis import display
from search_index.ingest.layout import Line, _role, classify

_PIECES = st.sampled_from(
    [
        "►",
        "■",
        "本报记者",
        "本报特约记者",
        "记者",
        "本报讯",
        "本报北京",
        "新华社",
        "经济日报",
        "北京",
        "3月1日电",
        "张伟",
        "李四",
        "…",
        "。",
        ".",
        "·",
        "摄",
        "/",
        "（",
        "）",
        "(",
        "新华社发",
        " ",
        "中",
        "12",
        "文",
        "，",
    ]
)


@given(st.lists(_PIECES, min_size=1, max_size=8).map("".join))
@settings(max_examples=500)
def test_the_quick_role_of_a_line_is_the_role_its_patterns_give(text):
    line = Line(1, text.strip() or "中", 0, False)
    assert classify(line) == _role(line)


def test_lines_of_every_role_are_told_apart():
    roles = {
        t: classify(Line(1, t, 0, False))
        for t in ("► 本报记者 张伟", "新华社北京3月1日电", "……", "张伟/摄", "本报讯 近日", "正文")
    }
    assert list(roles.values()) == ["byline", "dateline", "ellipsis", "credit", "lead", "text"]


@given(st.lists(st.sampled_from(["中", "国", " ", "\t", "，", "a", "  "]), max_size=12).map("".join))
@settings(max_examples=300)
@example("中\t国\t中")
@example("中 国 中")
def test_letter_spacing_is_found_as_by_its_pattern(text):
    assert display.letter_spaced(text) == (display._LETTER_SPACED.search(text) is not None)
