"""Part-of-speech tagging with jieba's dictionary: jieba-rs (``rjieba``) when it is the
segmenter, else ``jieba.posseg``. Words carry their offsets and whether the dictionary holds
them (a word the dictionary lacks was put together by the HMM: an unseen name, usually)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..segment import RustJieba, tokenizer


@dataclass(frozen=True)
class Word:
    """One tagged word: text, tag, [start, end) in the tagged text, dictionary word or not."""

    text: str
    tag: str
    start: int
    end: int
    known: bool


@cache
def _python_tagger():
    import jieba.posseg

    seg = tokenizer()
    return jieba.posseg.POSTokenizer(getattr(seg, "_tk", None))


def tag(text: str) -> list[Word]:
    """The tagged words of a text, in order, with offsets."""
    seg = tokenizer()
    if isinstance(seg, RustJieba):
        pairs = seg._jieba.tag(text, True)
    else:
        pairs = [(p.word, p.flag) for p in _python_tagger().cut(text, HMM=True)]
    words, pos = [], 0
    for word, flag in pairs:
        end = pos + len(word)
        words.append(Word(word, flag, pos, end, seg.has_word(word)))
        pos = end
    return words


def freq(word: str) -> int:
    """How often the dictionary has seen a word (0 for words it lacks)."""
    seg = tokenizer()
    if not seg.has_word(word):
        return 0
    if isinstance(seg, RustJieba):
        return seg._jieba.suggest_freq(word)
    return int(seg._freq.get(word, 0))
