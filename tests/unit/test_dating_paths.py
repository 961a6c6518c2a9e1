"""A file's path without its suffix, as path dates read it: the string way equals pathlib's."""

from pathlib import PurePosixPath

from hypothesis import example, given, settings
from hypothesis import strategies as st

from search_index.ingest import dating
from search_index.ingest.dating import dateline_date, masthead_date, path_date, without_suffix

_PIECES = st.sampled_from(["a", "2024", "03", ".", "..", "/", "//", ".txt", "_", "-", "新闻", "x.tar"])


def _pathlib(source: str) -> str | None:
    try:
        return str(PurePosixPath(source).with_suffix(""))
    except ValueError:  # an empty name
        return None


def _ours(source: str) -> str | None:
    try:
        return without_suffix(source)
    except ValueError:
        return None


@given(st.lists(_PIECES, max_size=8).map("".join))
@settings(max_examples=500)
def test_a_path_without_its_suffix_is_what_pathlib_makes_of_it(source):
    assert _ours(source) == _pathlib(source)


def test_dates_in_folders_and_names_survive_the_suffix():
    assert path_date("2024/03/05/a.html") == "2024-03-05"
    assert path_date("news/20240301_01.txt") == "2024-03-01"
    assert path_date("./2024//03/x.2025") == "2024-03"


def test_paths_that_normalising_changes_are_left_to_pathlib():
    for source in ("a/.", "x/./y.txt", "a//b.txt", ".", "", "/a.txt", "a/", "./a.txt", "a/.."):
        assert _ours(source) == _pathlib(source)


_DATE_PIECES = st.sampled_from(
    [
        "新华社北京",
        "本报讯",
        "人民日报",
        "2025年",
        "二〇二五年",
        "十二月",
        "6月",
        "月",
        "5日",
        "八日",
        "日",
        "电",
        "星期二",
        "周",
        "礼拜",
        "天",
        "（",
        "）",
        "\n",
        " ",
        "，",
        "记者 张三",
        "出版",
    ]
)


def _dateline_everywhere(lead: str) -> str:
    m = dating._DATELINE.search(dating.arabic(lead))
    if not m:
        return ""
    y, mo, d = dating._groups(m)
    return dating.normalize_date(f"{y}年{mo}月{d}日" if y else f"{mo}月{d}日")


def _masthead_everywhere(page_text: str) -> str:
    m = dating._MASTHEAD.search(dating.arabic(page_text[: dating.MASTHEAD_CHARS]))
    return dating.normalize_date(f"{m.group(1)}年{m.group(2)}月{m.group(3)}日") if m and m.group(1) else ""


@given(st.lists(_DATE_PIECES, max_size=12).map("".join))
@example("人民日报 2025年6月5日 周二")
@example("2025年6月5日 礼拜天\n要闻")
@example("二〇二五年十二月八日 星期二")
@example("新华社北京6月5日电")
@settings(max_examples=800)
def test_datelines_and_mastheads_skipped_by_their_marks_are_those_the_patterns_miss(text):
    """The date patterns run only on text holding 月 (and a weekday's word for a masthead):
    they find what they would find tried on every text."""
    assert dateline_date(text) == _dateline_everywhere(text)
    assert masthead_date(text) == _masthead_everywhere(text)
    assert masthead_date(f"人民日报 {text}") == _masthead_everywhere(f"人民日报 {text}")
