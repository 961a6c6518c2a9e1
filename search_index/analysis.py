"""Whoosh tokenizers: jieba words (token-index positions, character offsets) and the
character-bigram field that makes recall equal to substring search."""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.analysis import Token, Tokenizer

from .segment import words_with_subwords
from .textnorm import is_ascii_word, search_key

# Bump when cleaning, splitting or tokenising changes: indexes rebuild themselves.
ANALYZER_VERSION = "5"


def gram_tokens(key: str) -> Iterator[tuple[str, int, int, int]]:
    """(token, position, start, end) over a search key: ASCII words whole, every other run of
    characters as overlapping bigrams (a lone character as itself)."""
    pos = 0
    i = 0
    n = len(key)
    while i < n:
        ch = key[i]
        if ch == " ":
            i += 1
            continue
        j = i + 1
        if is_ascii_word(ch):
            while j < n and is_ascii_word(key[j]):
                j += 1
            yield key[i:j], pos, i, j
            pos += 1
        else:
            while j < n and key[j] != " " and not is_ascii_word(key[j]):
                j += 1
            if j - i == 1:
                yield ch, pos, i, j
                pos += 1
            else:
                for k in range(i, j - 1):
                    yield key[k : k + 2], pos, k, k + 2
                    pos += 1
        i = j


class _BaseTokenizer(Tokenizer):
    """Shared Whoosh plumbing: fill one reusable Token from (text, pos, start, end)."""

    def _tokens(self, value: str):  # pragma: no cover - abstract
        raise NotImplementedError

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for text, pos, start, end in self._tokens(value):
            t.text = text
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = text
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t

    def __eq__(self, other):
        return type(self) is type(other)

    def __hash__(self):
        return hash(type(self).__name__)


class GramTokenizer(_BaseTokenizer):
    """Character bigrams (and ASCII words) of the search key; offsets are display offsets."""

    def _tokens(self, value: str):
        key = search_key(value)
        for text, pos, start, end in gram_tokens(key.text):
            s, e = key.span(start, end)
            yield text, pos, s, e


class JiebaTokenizer(_BaseTokenizer):
    """jieba words with search-mode sub-words; positions count words, not characters."""

    def _tokens(self, value: str):
        key = search_key(value)
        for word, pos, start, end in words_with_subwords(key.text):
            s, e = key.span(start, end)
            yield word, pos, s, e


def query_grams(text: str) -> tuple[list[str], bool]:
    """Tokens of a query string for the bigram field, and whether candidates must be checked
    against the text (a lone character next to a Latin word cannot be matched by tokens)."""
    key = search_key(text).text
    toks = list(gram_tokens(key))
    if len(toks) <= 1:
        return [t[0] for t in toks], False
    keep: list[str] = []
    verify = False
    for idx, (tok, *_rest) in enumerate(toks):
        lone = len(tok) == 1 and not is_ascii_word(tok)
        edge = idx in (0, len(toks) - 1)
        if lone and edge:
            verify = True
            continue
        keep.append(tok)
    return keep, verify
