"""Character-level normalisation: the width/space-blind search key and the character classes.

Two forms of every text exist:

* the *display* form shown to users (``clean_line`` in :mod:`search_index.analysis.display`,
  which only reading the corpus needs): full-width letters and digits folded to ASCII,
  half-width punctuation after Chinese made full-width, OCR letter-spacing removed;
* the *search key* (``search_key``): the display form case-folded, every full-width form
  folded, traditional characters folded to simplified (中關村 = 中关村), whitespace dropped
  except between two ASCII word characters. Queries, entity
  matching and highlighting all work on keys and map back to display offsets.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Zero-width characters → None, a table for str.translate (which then drops them).
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def is_han(ch: str) -> bool:
    """True for a CJK ideograph (BMP and supplementary planes)."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def is_wide(ch: str) -> bool:
    """True for a Han character or full-width/CJK punctuation."""
    o = ord(ch)
    return is_han(ch) or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or ch in "“”‘’—…·"


def is_ascii_word(ch: str) -> bool:
    """True for an ASCII letter or digit."""
    return ch.isascii() and ch.isalnum()


def fold_width(ch: str) -> str:
    """Fold one full-width ASCII form (U+FF01–FF5E) to ASCII; ideographic space to space."""
    o = ord(ch)
    if 0xFF01 <= o <= 0xFF5E:
        return chr(o - 0xFEE0)
    if o == 0x3000:
        return " "
    return ch


@dataclass(frozen=True)
class Key:
    """A search key and, for every key character, its offset in the display text."""

    text: str
    offsets: tuple[int, ...]  # len(text) + 1 entries; the last is len(display)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a key span [start, end) to the display span that covers it."""
        return self.offsets[start], self.offsets[end - 1] + 1 if end > start else self.offsets[start]


def _load_t2s() -> dict[str, str]:
    """The one-character pairs of ``t2s.tsv``: every line after its comment lines (which
    are all at the top) split at once, on its tabs and newlines (every search loads it)."""
    path = Path(__file__).resolve().parent.parent / "reference" / "data" / "t2s.tsv"
    text = path.read_text(encoding="utf-8")
    while text.startswith("#"):
        text = text[text.index("\n") + 1 :]
    pairs = text.split()
    return dict(zip(pairs[::2], pairs[1::2], strict=True))


T2S = _load_t2s()


def _key_table() -> dict[int, str]:
    """One-to-one key forms of display characters, for str.translate before lower-casing:
    width folded, traditional folded to simplified, İ to i (the one character whose lower
    case is two), Σ to σ (str.lower would make a word-final one ς), every space-like
    character to ' ' and zero-width characters to NUL (``search_key`` drops or collapses
    both; a NUL, never present in cleaned text, counts as zero-width too)."""
    table = {code: fold_width(chr(code)) for code in range(0xFF01, 0xFF5F)}
    table[0x130] = "i"
    table[0x3A3] = "σ"
    table.update(zip(map(ord, T2S), T2S.values(), strict=True))
    table.update((code, " ") for code in range(0x3001) if chr(code).isspace())
    table.update((code, "\x00") for code in ZERO_WIDTH)
    return table


_KEY_TABLE = _key_table()
_GAPS = re.compile(r"[ \x00]+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
LONG_TEXT = 64  # from this length a text is keyed by the scans below, and its key remembered


@cache
def _bmp_key_table() -> str:
    """:data:`_KEY_TABLE` for the Basic Multilingual Plane as a string indexed by code point
    (built on first use, a few milliseconds). ``str.translate`` raises and drops a KeyError
    for every character a dict does not map — most of a Chinese text; a string answers each
    look-up, so a long text is translated about a third faster."""
    codes = array("I", range(0x10000))
    for code, form in _KEY_TABLE.items():
        if code < 0x10000:
            codes[code] = ord(form)
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


# The characters of Chinese news that change in a key (most of those that change at all):
# replaced one by one with str.replace when the text has no other (``_rare_forms``).
COMMON_FORMS = tuple((ch, _KEY_TABLE[ord(ch)]) for ch in "\n，；：（）！？")


@cache
def _rare_forms() -> re.Pattern:
    """Any character the key table changes other than ``COMMON_FORMS``', or any beyond the
    BMP (compiled on first use, in a few milliseconds: several thousand characters, most of
    them traditional, as runs; a class of BMP characters is one look-up table for ``re``)."""
    common = {ch for ch, _form in COMMON_FORMS}
    runs: list[list[int]] = []
    for code in sorted(c for c, form in _KEY_TABLE.items() if form != chr(c) and chr(c) not in common):
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        elif code < 0x10000:
            runs.append([code, code])
    ranges = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in runs)
    return re.compile(f"[{ranges}\U00010000-\U0010ffff]")


def _key_forms(text: str) -> str:
    """``text.translate(_KEY_TABLE)``: a short text through the dict; a long one with no
    character to change but the common ones is replaced in C, a character at a time (a fast
    scan each); else a long text of BMP characters goes through the string table (its
    look-ups end at U+FFFF), others the dict."""
    if len(text) < LONG_TEXT:
        return text.translate(_KEY_TABLE)
    if not _rare_forms().search(text):
        for ch, form in COMMON_FORMS:
            text = text.replace(ch, form)
        return text
    if _ASTRAL.search(text):
        return text.translate(_KEY_TABLE)
    return text.translate(_bmp_key_table())


_last_key: tuple[str, Key] = ("", Key("", (0,)))  # the long text last keyed: a build keys an article twice


def search_key(display: str) -> Key:
    """Build the width-, case- and space-blind search key of a display text."""
    global _last_key
    last = _last_key
    if display == last[0]:
        return last[1]
    key = _search_key(display)
    if len(display) >= LONG_TEXT:
        _last_key = (display, key)
    return key


def _gaps(mapped: str) -> Iterator[re.Match]:
    """``_GAPS.finditer(mapped)``: each run of spaces and NULs matched from its first
    character, found by ``str.find`` (a fast scan; ``re`` tries the class at every position,
    which cost a key of a news article more than all its other steps). The next space and
    the next NUL are each looked for again only once passed, so a text with many of one and
    few of the other is still scanned about once."""
    space, zero = mapped.find(" "), mapped.find("\x00")
    at = 0
    while True:
        if 0 <= space < at:
            space = mapped.find(" ", at)
        if 0 <= zero < at:
            zero = mapped.find("\x00", at)
        if space < 0 and zero < 0:
            return
        start = zero if space < 0 or 0 <= zero < space else space
        gap = _GAPS.match(mapped, start)
        assert gap is not None  # mapped[start] is a space or NUL
        yield gap
        at = gap.end()


def _search_key(display: str) -> Key:
    mapped = _key_forms(display).lower()
    if " " not in mapped and "\x00" not in mapped:
        return Key(mapped, (*range(len(display)), len(display)))
    chars: list[str] = []
    offsets: list[int] = []
    last = 0
    for gap in _gaps(mapped):
        start, end = gap.span()
        if start > last:
            chars.append(mapped[last:start])
            offsets.extend(range(last, start))
        before = chars[-1][-1] if chars else ""
        after = mapped[end] if end < len(mapped) else ""
        if " " in gap.group() and is_ascii_word(before) and after and is_ascii_word(after):
            chars.append(" ")
            offsets.append(start + gap.group().rindex(" "))
        last = end
    if last < len(mapped):
        chars.append(mapped[last:])
        offsets.extend(range(last, len(mapped)))
    offsets.append(len(display))
    return Key("".join(chars), tuple(offsets))


_GAP_CHARS = re.compile(
    "["
    + "".join(re.escape(chr(c)) for c in sorted({0, 0x20, *(c for c, k in _KEY_TABLE.items() if k.lower() in " \x00")}))
    + "]+"
)  # display characters whose key form is a space or NUL: the runs search_key drops or collapses
_SPACE_FORMS = frozenset(chr(c) for c, k in _KEY_TABLE.items() if k == " ") | {" "}


def key_from(display: str, key: str) -> Key:
    """``search_key(display)`` when ``key`` is already known to be its text (``key_of(display)``,
    as the row cache keeps it): only the offsets are computed, from the runs of space-like
    and zero-width characters in ``display`` (no character is translated). Falls back to
    :func:`search_key` if ``key`` does not line up with ``display``."""
    if len(key) == len(display):  # nothing dropped: every character is where it was
        return Key(key, (*range(len(display)), len(display)))
    offsets: list[int] = []
    last = 0
    for gap in _GAP_CHARS.finditer(display):
        start, end = gap.span()
        offsets.extend(range(last, start))
        at = len(offsets)
        if at < len(key) and key[at] == " ":  # a space kept between two ASCII words
            kept = [i for i, ch in enumerate(gap.group()) if ch in _SPACE_FORMS]
            if not kept:
                return search_key(display)
            offsets.append(start + kept[-1])
        last = end
    offsets.extend(range(last, len(display)))
    if len(offsets) != len(key):
        return search_key(display)
    offsets.append(len(display))
    return Key(key, tuple(offsets))


def key_of(text: str) -> str:
    """Only the key string of a text: ``search_key(text).text`` without the offsets."""
    last = _last_key
    if text == last[0]:
        return last[1].text
    mapped = _key_forms(text).lower()
    if " " not in mapped and "\x00" not in mapped:
        return mapped
    end = len(mapped)

    def gap(m: re.Match) -> str:
        start, stop = m.span()
        keep = start > 0 and stop < end and " " in m.group()
        return " " if keep and is_ascii_word(mapped[start - 1]) and is_ascii_word(mapped[stop]) else ""

    return _GAPS.sub(gap, mapped)


def key_of_tail(head: str, text: str) -> str:
    """``key_of(text)``, cut from ``key_of(f"{head}\\n{text}")``: the entity tagger keys an
    article as its title and text joined so, and the last long key is remembered. Every
    character keys alone, and a gap keys as nothing or one space by its neighbours, so the
    joined key is the head's key, a space where the line break joins two ASCII words, then
    the text's key (which never starts with a space)."""
    joined = key_of(f"{head}\n{text}")
    cut = len(key_of(head))
    return joined[cut + 1 :] if joined[cut : cut + 1] == " " else joined[cut:]
