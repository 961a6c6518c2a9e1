"""The entity extractor's fast paths must give what the plain, general way gives."""

from hypothesis import given, settings
from hypothesis import strategies as st

from search_index.analysis import pos
from search_index.entities.tagged import AFTER, BEFORE, FIXED, HEAD, PERSON, PLACE, Tagged, _word_flags

FLAGS = (PERSON, BEFORE, AFTER, PLACE, FIXED, HEAD)
# Words of every flag (names, titles, places, fixed names, head words) and of none, with marks
# that end sentences, so texts hold remembered and new sentences side by side.
PIECES = [
    "国家主席习近平",
    "会见了",
    "美国总统克林顿",
    "在北京",
    "访华",
    "中国科学院",
    "上海市人民政府",
    "清华大学",
    "天气很好",
    "ai芯片",
    "。",
    "!",
    ";",
    "，",
    "说",
    "部长",
    "张伟",
    "龙泉乡",
]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.booleans())
def test_words_having_a_flag_are_those_whose_flags_hold_it(pieces, forget):
    text = "".join(pieces)
    if forget:
        pos._TAGGED.clear()
    t = Tagged(text)
    flags = [_word_flags(pair) for pair in t.words.pairs]
    assert list(t.flags) == flags
    for flag in (*FLAGS, BEFORE | AFTER):
        assert list(t.having(flag)) == [i for i, f in enumerate(flags) if f & flag]
