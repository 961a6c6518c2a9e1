"""An article's vocabulary: each distinct jieba word's Han sub-words of 2+ characters, once,
in first-seen order, whatever the state of the per-word cache."""

from search_index.analysis.segment import cut, word_terms
from search_index.analysis.textnorm import is_han, key_of
from search_index.index import vocabulary

TEXT = "中关村科技园区的人工智能企业与北京大学合作，人工智能大模型在中关村落地。AI 芯片 2025年"


def _word_by_word(words: list[str]) -> list[str]:
    terms: list[str] = []
    for word in words:
        terms += [t for t in word_terms(word) if len(t) > 1 and all(map(is_han, t))]
    return list(dict.fromkeys(terms))


def test_article_words_are_each_words_han_terms_in_first_seen_order():
    words = cut(key_of(f"标题\n{TEXT}"))
    expected = _word_by_word(words)
    assert expected and vocabulary.article_words("标题", TEXT) == expected
    assert vocabulary.article_words("标题", TEXT, words) == expected  # cached now


def test_a_full_cache_is_forgotten_without_changing_the_words(monkeypatch):
    monkeypatch.setattr(vocabulary, "_HAN_TERMS_MAX", 3)
    monkeypatch.setattr(vocabulary, "_HAN_TERMS", vocabulary._HanTerms())
    words = cut(key_of(TEXT))
    assert vocabulary.article_words("", TEXT, words) == _word_by_word(words)
    assert len(vocabulary._HAN_TERMS) <= 3
