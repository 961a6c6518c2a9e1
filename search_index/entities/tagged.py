"""One text's tagged words with what each rule may care about, looked up once per (word, tag)
pair and remembered across texts."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from itertools import compress, repeat
from typing import NamedTuple

from search_index.analysis.pos import Sentence, Words, tag
from search_index.analysis.segment import forgotten_with_segmenter, segmenter
from search_index.entities.lexicon import (
    ABBREVIATED_START,
    HEAD_TITLES,
    fixed_starts,
    head_ends,
    japanese_surnames,
    person_context,
    place_forms,
    place_heads,
)

NAME_TAGS = ("nr", "nrfg", "nrt")
TRANSLIT = set(
    "阿埃艾爱安昂奥巴拜班邦包保鲍贝本比彼毕波伯勃博布查达戴丹道德登迪蒂丁东杜多厄恩法菲费芬丰弗福"
    "伏盖甘冈高戈格根古哈海汉豪赫亨胡华霍基吉加贾杰金卡凯坎康柯科克肯库夸奎拉莱兰朗劳勒雷蕾里理利"
    "莉丽连列林琳卢鲁路伦罗洛马玛迈麦曼梅门蒙米密明莫默姆穆纳娜奈南内尼涅宁纽努诺欧帕派潘佩珀皮"
    "平普齐奇乔切钦琼丘萨塞桑瑟森沙莎尚舍什史斯松苏索塔泰坦汤唐特梯提图托瓦万维温沃乌武西希夏辛"
    "休雅亚扬耶伊因英尤于约泽扎詹赞珍兹佐舒蒲倍季茨芙黛娃妮茜璐尔夫顿逊森默瑞德莱蒂琪姆斯热坚贾霍瑙牟迦沃弗罗翰施赖韦宾圭昆隆敏恰屈绍滕威伍锡思"
    "申捷得肖贡甫琴谢延库"
)
SPEECH_ADVERBS = frozenset(("还", "也", "又", "则", "再次", "曾", "曾经", "当即", "随即", "进一步", "同时", "特别"))
GLUED_PLACE_TAGS = frozenset(("nt", "n", "ns", "nz", "j"))
PROPER_TAGS = {"ns", "nz", "nt", "nr", "nrfg", "nrt", "eng"}


class Found(NamedTuple):
    """One entity: [start, end) in the tagged text, type (person, org, company, place), value
    (a named tuple: made for every candidate a rule finds, it costs a third of a frozen
    dataclass to make; no rule compares one with a plain tuple)."""

    start: int
    end: int
    type: str
    value: str


# PLACE: the word may give ``places`` a place; HEAD: it may end a body's name ``organisations``
# looks at (both narrowed by those modules' own tests of a word, ``_narrowed``).
PERSON, BEFORE, AFTER, PLACE, FIXED, HEAD = 1, 2, 4, 8, 16, 32
_FLAGS: dict[tuple[str, str], int] = {}
FLAGS_MAX = 300_000  # distinct (word, tag) pairs remembered before the memory starts over


def _word_flags(pair: tuple[str, str]) -> int:
    """What rules may care about a word with this tag (looked up once per pair)."""
    flags = _narrowed(pair[0], pair[1], _broad_flags(pair[0], pair[1]))
    if len(_FLAGS) > FLAGS_MAX:
        _FLAGS.clear()
    _FLAGS[pair] = flags
    return flags


def _narrowed(w: str, tg: str, flags: int) -> int:
    """``flags`` without PLACE where ``places`` would pass the word by wherever it stands
    (``_may_place``), and without HEAD where ``organisations`` would (no body's head and not
    tagged nt): their loops then visit only the words that may give something."""
    # Imported here: both modules import this one (and are loaded before any flag is asked for).
    from search_index.entities.tagged_orgs import _head_of
    from search_index.entities.tagged_places import _may_place

    if flags & PLACE and not _may_place(w, tg):
        flags &= ~PLACE
    if flags & HEAD and not (tg == "nt" or _head_of(w, tg)[0]):
        flags &= ~HEAD
    return flags


def _broad_flags(w: str, tg: str) -> int:
    """The flags of a word with this tag before ``_narrowed``."""
    has_word = segmenter().has_word
    before, after = person_context()
    heads = place_heads()
    translit = w[:1] in TRANSLIT and w[-1:] in TRANSLIT and (tg in ("ns", "nz") or not has_word(w))
    japanese = w[:2] in japanese_surnames() or w[:3] in japanese_surnames()
    flags = PERSON if tg in NAME_TAGS or translit or japanese else 0
    if w in before or w[-2:] in before:
        flags |= BEFORE
    if w in after or w[:2] in after or w[:3] in after:
        flags |= AFTER
    glued = tg in GLUED_PLACE_TAGS and w[:2] in heads
    if w in heads or w[:1] in ABBREVIATED_START or tg == "ns" or glued:
        flags |= PLACE
    if w in fixed_starts():
        flags |= FIXED
    if w[-1:] in head_ends() or tg == "nt" or w[-2:] in HEAD_TITLES or w[1:2] == "委":
        flags |= HEAD
    return flags


def _sentence_flags(sentence: Sentence) -> bytes:
    """The flags of a sentence's words (each below 256), kept with the sentence."""
    flags: bytes | None = sentence.derived.get("flags")  # type: ignore[assignment]
    if flags is None:
        pairs = sentence.pairs
        known = list(map(_FLAGS.get, pairs, repeat(-1)))
        if -1 in known:  # a (word, tag) pair not seen before
            known = [_word_flags(p) if f < 0 else f for p, f in zip(pairs, known, strict=True)]
        flags = sentence.derived["flags"] = bytes(known)
    return flags


FEW_MARKED = 16  # fewer marked words than one in this many: found one by one (a find each beats a pass over all)


@cache
def _holding(flag: int) -> bytes:
    """A ``bytes.translate`` table: 1 for the flag sets that share a bit with ``flag``, else 0."""
    return bytes(1 if f & flag else 0 for f in range(256))


class Tagged:
    """The tagged words of one text with lookups the rules share."""

    def __init__(self, text: str, words: Words | None = None) -> None:
        self.text = text
        self.words = tag(text) if words is None else words
        self.n = len(self.words.texts)
        self._flags: bytes | None = None
        self._having: dict[int, Sequence[int]] = {}
        self.memo: dict[str, object] = {}  # what rules work out from the whole text, for the others
        self.dotted = any(d in text for d in ("·", "•", "・", "—"))  # a dotted foreign name may be here

    @property
    def flags(self) -> bytes:
        """What rules may care about each word (``_word_flags``), one byte a word, looked up
        when first asked."""
        if self._flags is None:
            self._flags = b"".join(map(_sentence_flags, self.words.sentences))
        return self._flags

    def repeated(self, word: str) -> bool:
        """Whether the text holds ``word`` more than once."""
        return self.text.count(word) > 1

    def having(self, flag: int) -> Sequence[int]:
        """Indexes of the words that carry one flag, in order: the flags made 1 where they
        hold it (``_holding``), then those 1s found by ``bytes.find`` when they are few (most
        flags mark a word or two of 240), else the indexes picked in C."""
        got = self._having.get(flag)
        if got is None:
            marked = self.flags.translate(_holding(flag))
            if marked.count(1) * FEW_MARKED < self.n:
                got = []
                at = marked.find(1)
                while at >= 0:
                    got.append(at)
                    at = marked.find(1, at + 1)
            else:
                got = list(compress(range(self.n), marked))
            self._having[flag] = got
        return got

    def at(self, i: int) -> str:
        return self.words.texts[i] if 0 <= i < self.n else ""

    def tag_at(self, i: int) -> str:
        return self.words.tags[i] if 0 <= i < self.n else ""

    def has_proper(self, start: int, end: int) -> bool:
        """Whether a proper word (place, name, organisation) lies in [start, end)."""
        k = max(0, bisect_right(self.words.starts, start) - 1)
        while k < self.n and self.words.starts[k] < end:
            if self.words.tags[k] in PROPER_TAGS or self.words.texts[k] in place_forms():
                return True
            k += 1
        return False

    def near_titles(self) -> set[int]:
        """Indexes of words right after a title or right before a title or verb of speech."""
        near = {i + 1 for i in self.having(BEFORE)}
        near.update(i - 1 for i in self.having(AFTER))
        return near


def _context(t: Tagged, i: int, j: int) -> bool:
    """A title or verb of speech right before or after words i..j-1."""
    before, after = person_context()
    nxt = t.at(j)
    if nxt == "副" or (nxt in SPEECH_ADVERBS and t.at(j + 1) in after):  # 姆贝基 + 副 + 总统, 米尔斯 + 还 + 介绍
        nxt = t.at(j + 1)
    return t.at(i - 1) in before or nxt in after or nxt[:2] in after or nxt[:3] in after


forgotten_with_segmenter(_FLAGS.clear)  # what it holds came from the segmenter's dictionary
