"""Part-of-speech tagging with jieba's dictionary: jieba-rs (``rjieba``) when it is the
segmenter, else ``jieba.posseg``. Words carry their offsets and whether the dictionary holds
them (a word the dictionary lacks was put together by the HMM: an unseen name, usually)."""

from __future__ import annotations

import re
from functools import cache
from itertools import accumulate, islice

from search_index.analysis.segment import PythonJieba, RustJieba, segmenter


class Word:
    """One tagged word: text, tag, [start, end) in the tagged text; ``known`` (whether the
    dictionary holds it) is looked up on first use."""

    __slots__ = ("_known", "end", "start", "tag", "text")

    def __init__(self, text: str, tag: str, start: int, end: int) -> None:
        self.text, self.tag, self.start, self.end = text, tag, start, end
        self._known: bool | None = None

    @property
    def known(self) -> bool:
        if self._known is None:
            self._known = self.tag != "x" and segmenter().has_word(self.text)
        return self._known

    def __repr__(self) -> str:
        return f"Word({self.text!r}, {self.tag!r}, {self.start}, {self.end})"


class Words:
    """The tagged words of a text, made into ``Word`` objects only when asked for."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs
        texts, tags = zip(*pairs, strict=True) if pairs else ((), ())
        self.texts: tuple[str, ...] = texts
        self.tags: tuple[str, ...] = tags
        self.starts = list(accumulate(map(len, self.texts), initial=0))
        self._made: dict[int, Word] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, i: int) -> Word:
        w = self._made.get(i)
        if w is None:
            w = self._made[i] = Word(self.texts[i], self.tags[i], self.starts[i], self.starts[i + 1])
        return w

    def span(self, i: int, j: int) -> list[Word]:
        """Words i..j-1 (clipped to the text)."""
        return [self[k] for k in range(max(0, i), min(j, len(self.texts)))]


# A sentence with the marks that end it, or a last part that no mark ends. jieba cuts only
# within runs of Chinese characters, letters and digits, which no such mark is part of, so the
# words of a text are those of its sentences one after another (a test checks this).
_SENTENCE = re.compile(r"[^。!?;]*[。!?;]+|[^。!?;]+")
_TAGGED: dict[str, list[tuple[str, str]]] = {}  # sentence → its tagged words, most recent last
TAGGED_MAX = 4096  # sentences remembered (about 15 MB); the least recent quarter goes when full
_TAGGED_BY: list[RustJieba | None] = [None]  # the segmenter whose tags _TAGGED holds


def _rust_pairs(seg: RustJieba, text: str) -> list[tuple[str, str]]:
    """jieba-rs's (word, tag) pairs of a text, sentence by sentence: a sentence tagged
    recently is not tagged again (news repeats its boilerplate: outlets' credits, standard
    paragraphs)."""
    if _TAGGED_BY[0] is not seg:  # remembered tags belong to one segmenter
        _TAGGED.clear()
        _TAGGED_BY[0] = seg
    pairs: list[tuple[str, str]] = []
    for sentence in _SENTENCE.findall(text):
        got = _TAGGED.pop(sentence, None)
        if got is None:
            got = seg._jieba.tag(sentence, True)
            if len(_TAGGED) >= TAGGED_MAX:
                for old in list(islice(_TAGGED, TAGGED_MAX // 4)):
                    _TAGGED.pop(old, None)
        _TAGGED[sentence] = got
        pairs += got
    return pairs


@cache
def _python_tagger():
    import jieba.posseg

    seg = segmenter()
    return jieba.posseg.POSTokenizer(getattr(seg, "_tk", None))


def tag(text: str) -> Words:
    """The tagged words of a text, in order, with offsets."""
    seg = segmenter()
    if isinstance(seg, RustJieba):
        return Words(_rust_pairs(seg, text))
    return Words([(p.word, p.flag) for p in _python_tagger().cut(text, HMM=True)])


def tags_cut_words() -> bool:
    """True when the tagged words are the segmenter's default-mode cut of the same text:
    jieba-rs tags its own cut's words (a dictionary look-up per word), so a caller that has
    tagged a text need not cut it again; ``jieba.posseg`` cuts with a model of its own."""
    return isinstance(segmenter(), RustJieba)


def freq(word: str) -> int:
    """How often the dictionary has seen a word (0 for words it lacks)."""
    seg = segmenter()
    if not seg.has_word(word):
        return 0
    if isinstance(seg, RustJieba):
        return seg._jieba.suggest_freq(word)
    return int(seg._freq.get(word, 0)) if isinstance(seg, PythonJieba) else 0
