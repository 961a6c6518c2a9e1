"""Japanese names as Chinese news prints them: a family name (``japanese_surnames.txt``) alone
beside a title or a verb of speech (桥本首相, 桥本还表示), or with a given name of one to three
characters (桥本龙太郎, 武村 + 正义, 谷口 + 清 + 太郎) beside a title, a verb or a list."""

from __future__ import annotations

import re

from search_index.entities.lexicon import japanese_surnames, person_context
from search_index.entities.tagged import Tagged

HAN = re.compile("[\u4e00-\u9fff]+")
GIVEN_MAX = 3  # characters of a Japanese given name
GIVEN_TAGS = frozenset(("n", "nr", "nrt", "nrfg", "nz", "ns", "t", "ng", "a", "an", "b", "j", "tg"))
ADVERBS = frozenset("就也还又都才再很更最已曾将便却仍亦只正刚先均不没")
FOLLOWERS = frozenset(("一行", "等", "等人", "、", "和", "与"))


def japanese_name(t: Tagged, i: int) -> tuple[int, str] | None:
    """(end word, name) of a Japanese name starting at word i, or None."""
    word = t.at(i)
    family = next((word[:n] for n in (3, 2) if word[:n] in japanese_surnames()), "")
    if not family or not _han(word):
        return None
    name, j = word, i + 1
    while j < t.n and _given_part(t, j, name == word) and len(name) + len(t.at(j)) <= len(family) + GIVEN_MAX:
        name, j = name + t.at(j), j + 1
    if len(name) > len(family) + GIVEN_MAX:
        return None
    before, after = person_context()
    titled = t.at(i - 1) in before or t.at(i - 1)[-2:] in before or t.at(j) in after
    speaks = t.words.tags[j] == "d" and t.at(j + 1) in after if j + 1 < t.n else False
    if name == family:
        return (j, name) if titled or speaks else None
    acts = t.words.tags[j][:1] == "v" if j < t.n else False
    listed = t.at(j) in FOLLOWERS or t.at(i - 1) in ("、", "和", "与")
    return (j, name) if titled or speaks or acts or listed else None


def _given_part(t: Tagged, j: int, first: bool) -> bool:
    """Word j may be (part of) a given name: Han characters, a noun's or name's tag, no title;
    the given name's first character may be tagged an adverb (田中 + 真 + 纪子) when a name's
    part follows it and it is no common adverb (桥本 + 还 + 表示)."""
    text = t.at(j)
    if first and len(text) == 1 and t.words.tags[j] == "d" and text not in ADVERBS and j + 1 < t.n:
        return t.words.tags[j + 1] in GIVEN_TAGS and t.at(j + 1) not in person_context()[1]
    if text in person_context()[1] or text in FOLLOWERS or t.words.tags[j] not in GIVEN_TAGS or text[-1] in "地的得":
        return False
    return _han(text)


def _han(text: str) -> bool:
    return HAN.fullmatch(text) is not None
