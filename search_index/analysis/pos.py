"""Part-of-speech tagging with jieba's dictionary: jieba-rs (``rjieba``) when it is the
segmenter, else ``jieba.posseg``. Words carry their offsets and whether the dictionary holds
them (a word the dictionary lacks was put together by the HMM: an unseen name, usually)."""

from __future__ import annotations

import re
from collections.abc import Hashable
from functools import cache
from itertools import accumulate, chain, islice

from search_index.analysis.segment import PythonJieba, RustJieba, forgotten_with_segmenter, segmenter


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
            self._known = self.tag != "x" and has_word(self.text)
        return self._known

    def __repr__(self) -> str:
        return f"Word({self.text!r}, {self.tag!r}, {self.start}, {self.end})"


class Sentence:
    """One sentence's tagged words as jieba-rs gave them, remembered with the sentence:
    ``derived`` keeps what callers work out from these words alone (the entity rules' word
    flags), so a sentence seen again costs nothing more."""

    __slots__ = ("derived", "pairs", "seen", "tags", "text", "texts")

    def __init__(self, text: str, pairs: list[tuple[str, str]]) -> None:
        self.text, self.pairs = text, pairs
        self.seen = 1  # texts it was tagged for while remembered
        texts, tags = zip(*pairs, strict=True) if pairs else ((), ())
        self.texts: tuple[str, ...] = texts
        self.tags: tuple[str, ...] = tags
        self.derived: dict[Hashable, object] = {}


class Words:
    """The tagged words of a text (its sentences' words one after another), made into
    ``Word`` objects only when asked for."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        if len(sentences) == 1:
            self.texts, self.tags = sentences[0].texts, sentences[0].tags
        elif len(sentences) == 2:
            self.texts = sentences[0].texts + sentences[1].texts
            self.tags = sentences[0].tags + sentences[1].tags
        else:  # extended a sentence at a time in C, then copied once (faster than chaining them)
            texts: list[str] = []
            tags: list[str] = []
            for s in sentences:
                texts += s.texts
                tags += s.tags
            self.texts, self.tags = tuple(texts), tuple(tags)
        self.starts = list(accumulate(map(len, self.texts), initial=0))
        self._made: dict[int, Word] = {}

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """(word, tag) of every word, in order."""
        return list(chain.from_iterable(s.pairs for s in self.sentences))

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
SENTENCE_MARKS = "。!?;"  # (in search keys, where ！？； are folded to !?;)
_SENTENCE = re.compile(f"[^{SENTENCE_MARKS}]*[{SENTENCE_MARKS}]+|[^{SENTENCE_MARKS}]+")
_TAGGED: dict[str, Sentence] = {}  # sentence → its tagged words, most recent last
TAGGED_MAX = 4096  # sentences remembered (about 25 MB with what entity rules keep); least recent quarter goes when full
_TAGGED_BY: list[RustJieba | None] = [None]  # the segmenter whose tags _TAGGED holds


def _rust_sentences(seg: RustJieba, text: str) -> list[Sentence]:
    """jieba-rs's tagged words of a text, sentence by sentence: a sentence tagged recently
    is not tagged again (news repeats its boilerplate: outlets' credits, standard
    paragraphs)."""
    if _TAGGED_BY[0] is not seg:  # remembered tags belong to one segmenter
        _TAGGED.clear()
        _TAGGED_BY[0] = seg
    out: list[Sentence] = []
    for sentence in _SENTENCE.findall(text):
        got = _TAGGED.pop(sentence, None)
        if got is not None:
            got.seen += 1
        else:
            got = Sentence(sentence, seg._jieba.tag(sentence, True))
            if len(_TAGGED) >= TAGGED_MAX:
                for old in list(islice(_TAGGED, TAGGED_MAX // 4)):
                    _TAGGED.pop(old, None)
        _TAGGED[sentence] = got
        out.append(got)
    return out


@cache
def _python_tagger():
    import jieba.posseg

    seg = segmenter()
    return jieba.posseg.POSTokenizer(getattr(seg, "_tk", None))


def tag(text: str) -> Words:
    """The tagged words of a text, in order, with offsets."""
    seg = segmenter()
    if isinstance(seg, RustJieba):
        return Words(_rust_sentences(seg, text))
    return Words([Sentence(text, [(p.word, p.flag) for p in _python_tagger().cut(text, HMM=True)])])


def tags_cut_words() -> bool:
    """True when the tagged words are the segmenter's default-mode cut of the same text:
    jieba-rs tags its own cut's words (a dictionary look-up per word), so a caller that has
    tagged a text need not cut it again; ``jieba.posseg`` cuts with a model of its own."""
    return isinstance(segmenter(), RustJieba)


_KNOWN: dict[str, bool] = {}  # word → whether the dictionary holds it
_FREQ: dict[str, int] = {}  # word → freq(word)
_ASKED: list[object] = [None]  # the segmenter those answers come from (its words never change)
WORDS_MAX = 200_000  # words remembered in each before that memory starts over


def _answers_of(seg: object) -> None:
    """Forget the answers of another segmenter, or all when there are too many."""
    if _ASKED[0] is not seg or len(_KNOWN) >= WORDS_MAX or len(_FREQ) >= WORDS_MAX:
        _KNOWN.clear()
        _FREQ.clear()
        _ASKED[0] = seg


def has_word(word: str) -> bool:
    """Whether the dictionary holds a word (remembered: words come back in every text)."""
    seg = segmenter()
    known = _KNOWN.get(word) if _ASKED[0] is seg else None
    if known is None:
        _answers_of(seg)
        known = _KNOWN[word] = seg.has_word(word)
    return known


def freq(word: str) -> int:
    """How often the dictionary has seen a word (0 for words it lacks; remembered)."""
    seg = segmenter()
    got = _FREQ.get(word) if _ASKED[0] is seg else None
    if got is None:
        _answers_of(seg)
        got = _FREQ[word] = _freq(seg, word)
    return got


def _freq(seg: object, word: str) -> int:
    if not has_word(word):
        return 0
    if isinstance(seg, RustJieba):
        return seg._jieba.suggest_freq(word)
    return int(seg._freq.get(word, 0)) if isinstance(seg, PythonJieba) else 0


forgotten_with_segmenter(_python_tagger.cache_clear)  # what it holds came from the segmenter's dictionary
