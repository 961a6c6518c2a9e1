"""What a word alone tells of a person's name: its shape (a surname and given-name characters),
a title or a verb glued to it, and the dictionary's say (a common word, a set phrase): the
word-level tests ``tagged_people`` applies to the tagger's words in context."""

from __future__ import annotations

from functools import lru_cache

from search_index.analysis.pos import Word, freq, tag
from search_index.analysis.segment import forgotten_with_segmenter, segmenter
from search_index.entities.lexicon import person_context, set_phrases
from search_index.entities.people import surnames
from search_index.entities.people_words import GLUED_TAIL, HAN, NAME_SUFFIXES, NEVER_GIVEN, NOT_NAME_END, TITLE_TAILS
from search_index.entities.tagged import NAME_TAGS


def chinese_shape(word: str) -> bool:
    """Surname then one or two given-name characters (or a compound surname)."""
    single, compound = surnames()
    if not all_han(word) or word[-1] in NOT_NAME_END:
        return False
    if not NEVER_GIVEN.isdisjoint(word[1:]):
        return False
    if word[:2] in compound:
        return 3 <= len(word) <= 4
    return word[0] in single and 2 <= len(word) <= 3


def clause_tail(word: str) -> bool:
    """时表示, 商量过: a surname-like character glued to a verb the dictionary knows."""
    has = segmenter().has_word
    return len(word) == 3 and (word[1:] in person_context()[1] or (has(word[1:]) and word[-1] in GLUED_TAIL))


def in_set_phrase(text: str, start: int, end: int) -> bool:
    """text[start:end] overlaps one of the phrases inside which no name is found (``not_names.txt``)."""
    for phrase in set_phrases():
        at = text.find(phrase, max(0, end - len(phrase)), start + len(phrase))
        if at != -1 and at < end and start < at + len(phrase):
            return True
    return False


PROPER_PART_TAGS = frozenset(("nr", "nrt", "nrfg", "ns", "nz", "nt"))
COMMON_PART = 300  # a part seen this often in the dictionary is an ordinary word (纪念, 素质)


def word_pair(word: str) -> bool:
    """纪念 + 章, 高 + 素质: a dictionary word of three characters whose first two or last two
    are a common ordinary word (a noun, verb or adjective), so not a surname and a given name."""
    for part in (word[:2], word[1:]):
        if freq(part) >= COMMON_PART and tag_of(part) not in PROPER_PART_TAGS and tag_of(part)[:1] in "nva":
            return True
    return False


@lru_cache(maxsize=50_000)
def tag_of(word: str) -> str:
    tagged = tag(word)
    return tagged.tags[0] if len(tagged) == 1 else ""


def surname_title(word: str) -> bool:
    """唐外长, 王老师: a surname and a title, not a name."""
    return word[1:] in TITLE_TAILS or word[1:] in person_context()[0]


def all_han(text: str) -> bool:
    return HAN.fullmatch(text) is not None


def unglued(w: Word) -> str:
    """邓小平理论 → 邓小平; 赵华说 → 赵华: a name the dictionary or the HMM glued to a word."""
    word = w.text
    for suffix in NAME_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 1 and w.tag in NAME_TAGS:
            return word[: -len(suffix)]
    if not w.known and len(word) >= 3 and word[-1] in GLUED_TAIL and chinese_shape(word[:-1]):
        return word[:-1]
    return word


def plain_name(word: str, w: Word) -> bool:
    """A name's length and letters, tagged a name or proper noun; or a surname's name of three
    characters tagged a time word (周恩来/t: 周 is also the week)."""
    if not (2 <= len(word) <= 4 and all_han(word)):
        return False
    return w.tag in (*NAME_TAGS, "ns", "nz") or (w.tag == "t" and len(word) == 3 and chinese_shape(word))


forgotten_with_segmenter(tag_of.cache_clear)  # it asks the segmenter's dictionary
