"""The extractor's fast paths (flag look-ups in C, the common key forms, remembered
dictionary answers) give what the general paths give."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search_index.analysis import pos, textnorm
from search_index.analysis.segment import RustJieba, segmenter
from search_index.entities.tagged import (
    AFTER,
    BEFORE,
    FEW_MARKED,
    FIXED,
    HEAD,
    PERSON,
    PLACE,
    Tagged,
    _word_flags,
)

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


@pytest.mark.parametrize("names", [0, 1, 2, 5, 40])
def test_few_or_many_words_having_a_flag_are_found_alike(names):
    """A long text with a flag on no word, on a few (found one by one) or on many (picked in C)."""
    text = "天气很好，我们去公园散步吧。" * 6
    text = "张伟部长在北京说，" * names + text + "龙泉乡"
    t = Tagged(text)
    flags = [_word_flags(pair) for pair in t.words.pairs]
    for flag in (*FLAGS, BEFORE | AFTER):
        assert list(t.having(flag)) == [i for i, f in enumerate(flags) if f & flag]
    marked = [sum(1 for f in flags if f & flag) for flag in FLAGS]
    if names == 1:  # some flag is on a few words (found one by one)
        assert any(m > 0 and m * FEW_MARKED < t.n for m in marked)
    if names == 40:  # and some on many (picked in C)
        assert any(m * FEW_MARKED >= t.n for m in marked)


def test_every_character_the_key_changes_is_common_or_sends_the_text_the_general_way():
    common = {ch for ch, _form in textnorm.COMMON_FORMS}
    changed = [chr(c) for c, form in textnorm._KEY_TABLE.items() if form != chr(c)]
    assert [ch for ch in changed if ch not in common and not textnorm._rare_forms().match(ch)] == []
    assert all(textnorm._rare_forms().match(ch) for ch in ("\U00020000", "\U0001f600"))  # beyond the BMP


KEY_ALPHABET = "高新区中关村中關村臺灣abcABC 09\n\t，；：（）！？。、“”Ａ０\u3000\u200b\u00adİΣ\U00020000\U0002f800"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=KEY_ALPHABET, min_size=1, max_size=40))
def test_key_forms_are_the_key_tables_whatever_the_length(text):
    long = text * (textnorm.LONG_TEXT // len(text) + 1)  # long texts take other ways
    for one in (text, long):
        assert textnorm._key_forms(one) == one.translate(textnorm._KEY_TABLE)


WORDS = ["中国", "中关村", "高新区", "张伟", "储洪", "的", "ai", "龙泉乡", "人形机器人", "xq", "中国"]


def _dictionary_freq(seg, word: str) -> int:
    if not seg.has_word(word):
        return 0
    return seg._jieba.suggest_freq(word) if isinstance(seg, RustJieba) else int(seg._freq.get(word, 0))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12), st.integers(min_value=1, max_value=4))
def test_remembered_word_answers_are_the_dictionarys(words, most):
    seg = segmenter()
    before = pos.WORDS_MAX
    pos.WORDS_MAX = most  # the memory starts over often
    try:
        for word in words:
            assert pos.has_word(word) == seg.has_word(word)
            assert pos.freq(word) == _dictionary_freq(seg, word)
    finally:
        pos.WORDS_MAX = before


class _Lexicon:
    """A segmenter that holds every word."""

    def has_word(self, word: str) -> bool:
        return True


def test_another_segmenters_words_are_not_answered_from_memory(monkeypatch):
    seg = segmenter()
    assert not pos.has_word("xq") and pos.freq("xq") == 0
    lexicon = _Lexicon()
    monkeypatch.setattr(pos, "segmenter", lambda: lexicon)
    assert pos.has_word("xq")
    monkeypatch.setattr(pos, "segmenter", lambda: seg)
    assert not pos.has_word("xq") and pos.freq("xq") == 0
