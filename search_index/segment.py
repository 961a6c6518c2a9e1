"""jieba, loaded once per process with the gazetteer's names as words."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

import jieba

from .gazetteer import load_gazetteer
from .textnorm import is_han

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None
_extra_words: tuple[str, ...] = ()

jieba.setLogLevel(logging.WARNING)


def set_extra_words(words: tuple[str, ...]) -> None:
    """Words (e.g. from a user dictionary) to add when jieba loads."""
    global _extra_words, _tokenizer
    with _lock:
        _extra_words = tuple(words)
        if _tokenizer is not None:
            for w in _extra_words:
                _tokenizer.add_word(w, freq=_word_freq(_tokenizer, w))


def _word_freq(tk: jieba.Tokenizer, word: str) -> int:
    # High enough that the whole name beats any split of it (jieba's suggest_freq, cheaply).
    return max(tk.suggest_freq(word, tune=False), 100_000)


def tokenizer() -> jieba.Tokenizer:
    """The shared jieba tokenizer, initialised with gazetteer words (thread-safe)."""
    global _tokenizer
    if _tokenizer is not None:
        return _tokenizer
    with _lock:
        if _tokenizer is None:
            tk = jieba.Tokenizer()
            tk.initialize()
            for w in sorted(load_gazetteer().words() | set(_extra_words)):
                tk.add_word(w, freq=_word_freq(tk, w))
            _tokenizer = tk
    return _tokenizer


def cut(text: str) -> list[str]:
    """Default-mode jieba words of a text."""
    return tokenizer().lcut(text, HMM=True)


def words_with_subwords(text: str) -> Iterator[tuple[str, int, int, int]]:
    """(word, position, start, end): default-mode words, each followed by its dictionary
    sub-words (search mode) at the same position, so phrases over words still work."""
    tk = tokenizer()
    freq = tk.FREQ
    pos = 0
    for word, start, end in tk.tokenize(text, mode="default", HMM=True):
        if not word.strip() or not any(ch.isalnum() for ch in word):
            continue
        n = len(word)
        if n > 2 and any(is_han(c) for c in word):
            for size in range(2, n):
                for i in range(n - size + 1):
                    gram = word[i : i + size]
                    if freq.get(gram):
                        yield gram, pos, start + i, start + i + size
        yield word, pos, start, end
        pos += 1


def spans_boundary(left: str, right: str) -> bool:
    """True when jieba joins the end of ``left`` and the start of ``right`` into one word."""
    a, b = left[-4:], right[:4]
    if not a or not b:
        return False
    offset = 0
    for w in cut(a + b):
        if offset < len(a) < offset + len(w) and len(w) >= 2:
            return True
        offset += len(w)
    return False
