"""Pinyin keys for Chinese words, and a lexicon that turns a pinyin query into the words of
the corpus it spells: ``zhongguancun`` or ``zgc`` → 中关村, ``dkjj`` → 低空经济.

Precision first: only words of two or more Han characters that the index (or the entity
tables) actually holds are candidates, initials need at least three letters, and the reading
of a word comes from pypinyin's phrase table when it has the word (重庆 → chongqing), else from
every reading of each character (bounded), so polyphones still match in full pinyin; initials
use each character's most common reading only.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from search_index.analysis.textnorm import is_han, key_of

MAX_READINGS = 16
MIN_INITIALS = 3
_PINYIN_QUERY = re.compile(r"[a-z]{2,40}")


def _strip_tone(syllable: str) -> str:
    plain = unicodedata.normalize("NFKD", syllable)
    return "".join(c for c in plain if not unicodedata.combining(c)).replace("ü", "v").lower()


@cache
def _tables() -> tuple[dict, dict]:
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict, phrases_dict


def warm_up() -> None:
    """Load pypinyin's tables (about 0.4 s) ahead of the first pinyin query."""
    _tables()


def _char_readings(ch: str) -> list[str]:
    chars, _phrases = _tables()
    raw = chars.get(ord(ch))
    if not raw:
        return []
    return list(dict.fromkeys(_strip_tone(r) for r in raw.split(",")))


def _options(word: str) -> list[list[str]]:
    """Readings per character, from the phrase table when it knows the word."""
    _chars, phrases = _tables()
    from_phrase = [[_strip_tone(s[0])] for s in phrases.get(word, ())]
    return from_phrase or [_char_readings(c) for c in word]


def readings(word: str) -> set[tuple[str, str]]:
    """(full pinyin, initials) pairs of a Han word, e.g. {("zhongguancun", "zgc")}; empty for
    anything that is not two or more Han characters."""
    if len(word) < 2 or not all(is_han(c) for c in word):
        return set()
    options = _options(word)
    if not all(options):
        return set()
    primary = "".join(o[0][0] for o in options)  # initials of the most common reading only
    return {("".join(c), primary) for c in itertools.islice(itertools.product(*options), MAX_READINGS)}


def spell(text: str) -> str:
    """A sort key in pinyin order: each Han character's most common reading, other
    characters as they are (lower-cased)."""
    out = []
    for ch in text:
        reading = _char_readings(ch) if is_han(ch) else []
        out.append(reading[0] + " " if reading else ch.lower())
    return "".join(out)


def is_pinyin_query(term: str) -> bool:
    """True for a term that could be pinyin: 2–40 ASCII letters."""
    return bool(_PINYIN_QUERY.fullmatch(term.lower()))


class PinyinLexicon:
    """Pinyin → words over a fixed vocabulary (non-Han and one-character words are ignored);
    built once, then only read, so any thread may use it."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._full: dict[str, set[str]] = {}
        self._initials: dict[str, set[str]] = {}
        for word in words:
            for full, initials in readings(word):
                self._full.setdefault(full, set()).add(word)
                self._initials.setdefault(initials, set()).add(word)

    def words(self, term: str) -> list[str]:
        """Corpus words spelled by a pinyin term (full pinyin, or initials of ≥ 3 letters);
        longer words first, then by code point."""
        term = term.lower()
        if not is_pinyin_query(term):
            return []
        found = set(self._full.get(term, ()))
        if len(term) >= MIN_INITIALS:
            found |= self._initials.get(term, set())
        return sorted(_drop_contained(found), key=lambda w: (-len(w), w))


def _drop_contained(words: set[str]) -> set[str]:
    """Drop a word that contains another candidate: searching the shorter word as a substring
    already finds the longer one."""
    return {w for w in words if not any(o != w and o in w for o in words)}


def spells(value: str, typed: str) -> bool:
    """Whether a typed filter matches a value: as a substring (width-, case- and
    traditional-blind), or as pinyin from the start of any syllable — full (donghu) or
    initials (dh) — so 武汉东湖高新区 answers to 东湖, donghu and dh."""
    needle = key_of(typed)
    if not needle:
        return True
    if needle in key_of(value):
        return True
    if not is_pinyin_query(needle):
        return False
    han = [c for c in key_of(value) if is_han(c)]
    if not han:
        return False
    syllables = [o[0] if o else "" for o in _options("".join(han))]
    initials = "".join(s[:1] for s in syllables)
    return any(
        "".join(syllables[i:]).startswith(needle) or initials[i:].startswith(needle) for i in range(len(syllables))
    )
