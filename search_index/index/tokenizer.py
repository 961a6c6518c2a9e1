"""The Whoosh tokenizer: jieba words with token-index positions and character offsets.

Matching does not use it (text terms match as substrings of in-memory search keys, see
``query.execute``); it gives the index its word vocabulary, which the pinyin lexicon is built from."""

from __future__ import annotations

from collections import Counter

from whoosh.analysis import Token, Tokenizer
from whoosh.fields import TEXT
from whoosh.system import pack_uint

from search_index.analysis.segment import index_terms, words_with_subwords
from search_index.analysis.textnorm import key_of, search_key
from search_index.index import runs

runs.install()  # here because Whoosh's sub-writers import this module before they make a pool

# Bump when cleaning, splitting or tokenising changes: indexes rebuild themselves.
ANALYZER_VERSION = "5"


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


class JiebaTokenizer(_BaseTokenizer):
    """jieba words with search-mode sub-words; positions count words, not characters."""

    def _tokens(self, value: str):
        key = search_key(value)
        for word, pos, start, end in words_with_subwords(key.text):
            s, e = key.span(start, end)
            yield word, pos, s, e


class JiebaText(TEXT):
    """A frequency-only TEXT field of jieba terms that counts them straight from the
    segmenter: the same postings as running :class:`JiebaTokenizer` through Whoosh's format,
    without a Token object per word (which cost more than jieba itself)."""

    def __init__(self) -> None:
        super().__init__(analyzer=JiebaTokenizer(), phrase=False)  # type: ignore[arg-type]  # a Tokenizer analyses

    def index(self, value, **kwargs):
        """(term bytes, frequency, weight, encoded frequency) for each distinct term."""
        boost = self.format.field_boost
        for term, freq in Counter(index_terms(key_of(value))).items():
            yield term.encode("utf-8"), freq, freq * boost, pack_uint(freq)
