"""Places from the tagged words: forms of divisions and world places on word boundaries,
a place glued to a common word, one-character abbreviations (中美, 访华), unseen …县/…镇."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Sequence
from functools import lru_cache

from search_index.analysis.pos import Word
from search_index.analysis.segment import forgotten_with_segmenter, segmenter
from search_index.entities.lexicon import (
    ABBREVIATED_START,
    ABBREVIATIONS,
    PAIR_TAILS,
    VISIT_HEADS,
    division_names,
    org_heads,
    place_forms,
    place_heads,
)
from search_index.entities.tagged import GLUED_PLACE_TAGS, PLACE, Found, Tagged


def places(t: Tagged) -> list[Found]:
    """Places on word boundaries (one to three words), pairs of abbreviations (中美, 访华),
    unseen …县/…镇."""
    forms, heads = place_forms(), place_heads()
    texts, tags = t.words.texts, t.words.tags
    out: list[Found] = []
    after = -1
    for i in t.having(PLACE):  # the words _may_place lets by (the flag is narrowed to them)
        if i <= after:
            continue
        text = texts[i]
        n = _longest_form(texts, i, forms, heads) if text in heads else 0
        if n and _not_a_place(t, i, n):
            after = i + n - 1
        elif n and (k := _extended(t, i + n)):
            form = "".join(texts[i : i + n])
            site = forms[form] not in division_names() or t.at(i + n) in TOWN_WORDS
            out.append(
                Found(t.words.starts[i], t.words.starts[k], "place", "".join(texts[i:k]) if site else forms[form])
            )
            after = k - 1
        elif n:
            out.append(Found(t.words.starts[i], t.words.starts[i + n], "place", forms["".join(texts[i : i + n])]))
            after = i + n - 1
        elif tags[i] in GLUED_PLACE_TAGS and (cut := _place_then_word(text)):
            if text[cut:] in SITE_WORDS:  # 奥克兰港, 圣保罗州: one word, the site's name (舟山港: 舟山市's)
                site = forms[text[:cut]] not in division_names() or text[cut:] in TOWN_WORDS
                out.append(
                    Found(t.words.starts[i], t.words.starts[i + 1], "place", text if site else forms[text[:cut]])
                )
            else:
                out.append(Found(t.words.starts[i], t.words.starts[i] + cut, "place", forms[text[:cut]]))
        elif text[:1] in ABBREVIATED_START:
            out += _abbreviated(t, i)
        elif tags[i] == "ns" and len(text) >= 2:
            out += _suffixed(t.words[i])
    taken = {f.start for f in out}
    return out + [f for f in _villages(t) if f.start not in taken]


@lru_cache(maxsize=100_000)
def _may_place(text: str, tg: str) -> bool:
    """Whether a word with this tag may give ``places`` a place: it starts a place's form
    (the words after it decide), holds a place glued to a word, may hold an abbreviation, or
    is an unseen …县 (``_suffixed``), in the order ``places`` asks; a word with none of them
    gives nothing wherever it stands."""
    if text in place_heads() or (tg in GLUED_PLACE_TAGS and _place_then_word(text)):
        return True
    if text[:1] in ABBREVIATED_START:
        return _may_abbreviate(text)
    return tg == "ns" and len(text) >= 2 and bool(_suffixed(Word(text, tg, 0, len(text))))


# Words that make a place's name the name of a smaller place or a site in it (圣保罗 + 州,
# 奥克兰 + 港, 伊斯兰堡 + 机场, 杭州 + 植物园): the whole is the place named.
SITE_WORDS = frozenset(
    [
        "州",
        "镇",
        "寨",
        "港",
        "机场",
        "火车站",
        "车站",
        "体育馆",
        "体育场",
        "植物园",
        "动物园",
        "公园",
        "广场",
        "大桥",
        "码头",
    ]
)


TOWN_WORDS = frozenset(("镇", "寨"))  # a town named like a city is another place (南平镇 is not 南平市)


def _extended(t: Tagged, k: int) -> int:
    """The end of a place's name with the site word at word k, or 0."""
    return k + 1 if t.at(k) in SITE_WORDS and t.words.tags[k] != "x" else 0


def _villages(t: Tagged) -> list[Found]:
    """Villages, townships and towns the tables lack: a proper word ending in 村, 乡 or 镇
    (白湖乡, 薛埠镇), or a proper word and the single word 村, 乡 or 镇 after it (龙泉 + 乡)."""
    texts, tags, starts = t.words.texts, t.words.tags, t.words.starts
    out: list[Found] = []
    for i in _ending_in_village(t):
        text = texts[i]
        if tags[i] == "x":
            continue
        if len(text) >= 3 and tags[i] in VILLAGE_TAGS and _han(text) and text[:-1] not in place_forms():
            out.append(Found(starts[i], starts[i + 1], "place", text))
        elif len(text) == 1 and i > 0 and tags[i - 1] in VILLAGE_TAGS and _proper_stem(texts[i - 1]):
            out.append(Found(starts[i - 1], starts[i + 1], "place", texts[i - 1] + text))
    return out


VILLAGE = frozenset("村乡镇")
VILLAGE_CHAR = re.compile(f"[{''.join(sorted(VILLAGE))}]")


def _ending_in_village(t: Tagged) -> list[int]:
    """Indexes of the words whose last character is 村, 乡 or 镇, in order: found from where
    those characters stand in the text (the words' texts make up the text) instead of
    looking at every word."""
    starts = t.words.starts
    out = []
    for m in VILLAGE_CHAR.finditer(t.text):
        i = bisect_right(starts, m.start()) - 1
        if starts[i + 1] == m.end():
            out.append(i)
    return out


VILLAGE_TAGS = frozenset(("ns", "nz", "nr"))


def _proper_stem(text: str) -> bool:
    """Two or three Chinese characters that are not a known place's own form."""
    return 2 <= len(text) <= 3 and _han(text) and text not in place_forms()


def _han(text: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in text)


@lru_cache(maxsize=100_000)
def _place_then_word(text: str) -> int:
    """印度政府, 法国总理: a place the dictionary glued to a common word; the place's length
    (none in 代县长, an acting county head: the place's last character starts a title)."""
    forms, has = place_forms(), segmenter().has_word
    for cut in range(min(len(text) - 1, 6), 1, -1):
        if text[:cut] in forms and has(text[cut:]) and text[cut:] not in org_heads() and text[cut] != "长":
            return cut
    return 0


def _longest_form(texts: Sequence[str], i: int, forms: Container[str], starts: Container[str]) -> int:
    """How many words from i (up to three) make the longest form (0 for none); ``starts``
    holds every start of a form (so two words that start none begin no form of three)."""
    one = texts[i]
    if i + 1 < len(texts):
        two = one + texts[i + 1]
        if two in starts:
            if i + 2 < len(texts) and two + texts[i + 2] in forms:
                return 3
            if two in forms:
                return 2
    return 1 if one in forms else 0


def _canonical(place: str) -> str:
    return place_forms().get(place, place)


def _not_a_place(t: Tagged, i: int, n: int) -> bool:
    """A place's name inside a time zone's (北京时间) is no mention of the place."""
    return t.at(i + n) == "时间"


def _abbreviated(t: Tagged, i: int) -> list[Found]:
    """中美关系, 美俄, 访华: one-character names of countries and cities. A character that is
    also a preposition (以, 朝) counts alone only beside another abbreviation or a word of two
    countries' dealings; none ends a word cut apart (法 of 保护法)."""
    return _abbreviated_any(t, i) if _may_abbreviate(t.words.texts[i]) else []


def _may_abbreviate(text: str) -> bool:
    """Whether a word may hold an abbreviation ``_abbreviated_any`` finds: one character
    that abbreviates a place, or a second character that starts a pair, a visit or a state
    word (the common case, none: 对于, 来自, and 在 alone)."""
    if len(text) >= 2:
        return text[1] in ABBREVIATIONS or text[1:] in STATE_WORDS
    return text in ABBREVIATIONS


def _abbreviated_any(t: Tagged, i: int) -> list[Found]:
    """``_abbreviated`` for any word (the general path)."""
    text = t.words.texts[i]
    w = t.words[i]
    if len(text) == 1 and w.tag not in ("ns", "j") and text in ABBREVIATIONS:
        tagged = [k for k in (i - 1, i + 1) if len(t.at(k)) == 1 and t.words.tags[k] in ("ns", "j")]
        if tagged and _paired(t, i):  # 中 (tagged f) + 美: a pair the tagger split
            return [Found(w.start, w.end, "place", _canonical(ABBREVIATIONS[text]))]
        return []
    if len(text) >= 2 and text[0] in ABBREVIATIONS and text[1:] in STATE_WORDS:  # 俄政府, 美军
        return [Found(w.start, w.start + 1, "place", _canonical(ABBREVIATIONS[text[0]]))]
    if len(text) == 1 and w.tag in ("ns", "j") and text in ABBREVIATIONS:
        glued = segmenter().has_word(t.at(i - 1)[-1:] + text)
        if (text in NOT_ALONE or glued) and not _paired(t, i):
            return []
        return [Found(w.start, w.end, "place", _canonical(ABBREVIATIONS[text]))]
    visit = len(text) >= 2 and text[0] in VISIT_HEADS and text[1] in "华美日俄英法德韩京"
    if visit and (len(text) == 2 or segmenter().has_word(text[2:])):  # 访华, 驻华大使
        return [Found(w.start + 1, w.start + 2, "place", _canonical(ABBREVIATIONS[text[1]]))]
    head = next((text[: -len(t)] for t in PAIR_TAILS if text.endswith(t)), text)
    pair = 2 <= len(head) <= 3 and all(c in ABBREVIATIONS for c in head) and len(set(head)) == len(head)
    if pair and len(head) == 3 and head[0] in NOT_PAIR_START:
        head = head[1:]  # 以美中: a preposition before a pair
    if pair and (head != text or w.tag in ("ns", "j", "t", "nt") or not w.known):
        return [Found(w.start + k, w.start + k + 1, "place", _canonical(ABBREVIATIONS[c])) for k, c in enumerate(head)]
    return []


STATE_WORDS = frozenset(("政府", "方", "军", "总统", "总理", "首相", "外长", "央行", "外交部", "国防部", "大使馆"))
NOT_PAIR_START = frozenset("以加非朝")  # also prepositions
NOT_ALONE = NOT_PAIR_START | {"法"}  # and 法, a law (保护法, 改革法)


def _paired(t: Tagged, i: int) -> bool:
    """Word i stands beside another abbreviation (中 日, 中、美) or before a word of two
    countries' dealings (关系, 两国, 会谈)."""
    joins = ("、", "-", "—")
    prev = t.at(i - 2) if t.at(i - 1) in joins else t.at(i - 1)
    nxt = t.at(i + 2) if t.at(i + 1) in joins else t.at(i + 1)
    beside = any(len(x) == 1 and x in ABBREVIATIONS for x in (prev, nxt))
    return beside or nxt.startswith(PAIR_TAILS)


def _suffixed(w: Word) -> list[Found]:
    """A place word the tables lack: tagged ns and ending like a place (…县, …镇, …岛); or a
    mountain, river, lake, strait or plateau the dictionary holds as a place (太行山, 乌江,
    台湾海峡, 青藏高原); a river's mouth is the river's (鸭绿江口 → 鸭绿江)."""
    text = w.text
    if w.tag != "ns" or not _han(text):
        return []
    if text.endswith(("江口", "河口")) and len(text) >= 4:
        return [Found(w.start, w.end - 1, "place", text[:-1])]
    if len(text) >= 3 and text[-1] in "省市县区州镇乡村旗盟岛湾峡江河湖山峰" and not w.known:
        return [Found(w.start, w.end, "place", text)]
    if len(text) >= 3 and (
        text.endswith(LANDFORMS) or (text.endswith(NATURAL) and not segmenter().has_word(text[-2:]))
    ):
        return [Found(w.start, w.end, "place", text)]  # not 半壁江山, 冰山, 长河: common words
    return []


NATURAL = ("山", "江", "河", "湖", "岛", "峡", "湾", "峰", "岭")
LANDFORMS = ("高原", "海峡", "平原", "盆地", "沙漠", "草原", "半岛", "群岛", "运河")

forgotten_with_segmenter(_may_place.cache_clear, _place_then_word.cache_clear)  # they ask the segmenter's dictionary
