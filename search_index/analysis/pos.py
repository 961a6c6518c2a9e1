"""Part-of-speech tagging with jieba's dictionary: jieba-rs (``rjieba``) when it is the
segmenter, else ``jieba.posseg``. Words carry their offsets and whether the dictionary holds
them (a word the dictionary lacks was put together by the HMM: an unseen name, usually)."""

from __future__ import annotations

from functools import cache
from itertools import accumulate

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
        self.texts = [w for w, _t in pairs]
        self.tags = [t for _w, t in pairs]
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


@cache
def _python_tagger():
    import jieba.posseg

    seg = segmenter()
    return jieba.posseg.POSTokenizer(getattr(seg, "_tk", None))


def tag(text: str) -> Words:
    """The tagged words of a text, in order, with offsets."""
    seg = segmenter()
    if isinstance(seg, RustJieba):
        return Words(seg._jieba.tag(text, True))
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
