"""An article's vocabulary: its distinct jieba words, counted by file; the lexicon's terms
are each counted word's Han sub-words of 2+ characters, whatever the state of the per-word
cache, and stay exactly those of the words some file still uses through updates."""

import random

from search_index.analysis.segment import cut, word_terms
from search_index.analysis.textnorm import is_han, key_of
from search_index.index import vocabulary

TEXT = "中关村科技园区的人工智能企业与北京大学合作，人工智能大模型在中关村落地。AI 芯片 2025年"
OTHER = "光谷企业研发脑机接口与人工智能芯片，东湖高新区增长3%。"


def _word_by_word(words) -> set[str]:
    return {t for word in words for t in word_terms(word) if len(t) > 1 and all(map(is_han, t))}


def test_article_words_are_the_distinct_words_of_its_key():
    words = cut(key_of(f"标题\n{TEXT}"))
    assert vocabulary.article_words("标题", TEXT) == set(words) == vocabulary.article_words("标题", TEXT, words)


def test_terms_are_the_han_sub_words_of_the_counted_words():
    counts = vocabulary.Vocabulary()
    first, second = set(cut(key_of(TEXT))), set(cut(key_of(OTHER)))
    counts.add(first)
    counts.add(second)
    assert set(counts.terms()) == _word_by_word(first | second)
    assert counts.files["芯片"] == 2 and all(vocabulary._HAN_TERMS[w] for w in counts.files)  # no word yielding none


def test_a_full_cache_is_forgotten_without_changing_the_terms(monkeypatch):
    monkeypatch.setattr(vocabulary, "_HAN_TERMS_MAX", 3)
    monkeypatch.setattr(vocabulary, "_HAN_TERMS", vocabulary._HanTerms())
    words = set(cut(key_of(TEXT)))
    counts = vocabulary.Vocabulary()
    counts.add(words)
    assert set(counts.terms()) == _word_by_word(words)
    assert len(vocabulary._HAN_TERMS) <= 3


def test_counts_kept_through_adds_and_removals_equal_counts_made_afresh(tmp_path):
    """Words and terms kept up file by file (as an update does, from saved counts) equal
    those counted from the files left (as a build does)."""
    rng = random.Random(4)
    pieces = cut(key_of(TEXT + OTHER + "苏州工业园区发展纳米技术，园区企业研发生物医药与新药。"))
    files = {n: set(rng.sample(pieces, 12)) for n in range(8)}
    counts = vocabulary.Vocabulary()
    for words in files.values():
        counts.add(words)
    vocabulary.save(counts, tmp_path, "t1")
    kept = vocabulary.load(tmp_path, "t1")
    assert kept == counts and vocabulary.load(tmp_path, "t2") is None
    for n in (1, 4, 6):
        kept.subtract(files.pop(n))
    files[9] = set(rng.sample(pieces, 12))
    kept.add(files[9])
    afresh = vocabulary.Vocabulary()
    for words in files.values():
        afresh.add(words)
    assert kept == afresh and kept.files == afresh.files and kept.terms() == afresh.terms()
