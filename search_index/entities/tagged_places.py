"""Places from the tagged words: forms of divisions and world places on word boundaries,
a place glued to a common word, one-character abbreviations (中美, 访华), unseen …县/…镇."""

from __future__ import annotations

from search_index.analysis.pos import Word
from search_index.analysis.segment import tokenizer
from search_index.entities.lexicon import (
    ABBREVIATED_START,
    ABBREVIATIONS,
    PAIR_TAILS,
    VISIT_HEADS,
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
    for i in t.having(PLACE):
        if i <= after:
            continue
        text = texts[i]
        n = _longest_form(texts, i, forms) if text in heads else 0
        if n:
            out.append(Found(t.words.starts[i], t.words.starts[i + n], "place", forms["".join(texts[i : i + n])]))
            after = i + n - 1
        elif (cut := _place_then_word(text)) and tags[i] in GLUED_PLACE_TAGS:
            out.append(Found(t.words.starts[i], t.words.starts[i] + cut, "place", forms[text[:cut]]))
        elif text[:1] in ABBREVIATED_START:
            out += _abbreviated(t.words[i])
        elif tags[i] == "ns" and len(text) >= 3:
            out += _suffixed(t.words[i])
    return out


def _place_then_word(text: str) -> int:
    """印度政府, 法国总理: a place the dictionary glued to a common word; the place's length."""
    forms, has = place_forms(), tokenizer().has_word
    for cut in range(min(len(text) - 1, 6), 1, -1):
        if text[:cut] in forms and has(text[cut:]) and text[cut:] not in org_heads():
            return cut
    return 0


def _longest_form(texts: list[str], i: int, forms: dict) -> int:
    """How many words from i make the longest form (0 for none)."""
    for n in (3, 2, 1):
        if i + n <= len(texts) and "".join(texts[i : i + n]) in forms:
            return n
    return 0


def _canonical(place: str) -> str:
    return place_forms().get(place, place)


def _abbreviated(w: Word) -> list[Found]:
    """中美关系, 美俄, 访华: one-character names of countries and cities."""
    text = w.text
    if len(text) == 1 and w.tag in ("ns", "j") and text in ABBREVIATIONS:
        return [Found(w.start, w.end, "place", _canonical(ABBREVIATIONS[text]))]
    visit = len(text) >= 2 and text[0] in VISIT_HEADS and text[1] in "华美日俄英法德韩京"
    if visit and (len(text) == 2 or tokenizer().has_word(text[2:])):  # 访华, 驻华大使
        return [Found(w.start + 1, w.start + 2, "place", _canonical(ABBREVIATIONS[text[1]]))]
    head = next((text[: -len(t)] for t in PAIR_TAILS if text.endswith(t)), text)
    pair = 2 <= len(head) <= 3 and all(c in ABBREVIATIONS for c in head) and len(set(head)) == len(head)
    if pair and (head != text or w.tag in ("ns", "j", "t", "nt") or not w.known):
        return [Found(w.start + k, w.start + k + 1, "place", _canonical(ABBREVIATIONS[c])) for k, c in enumerate(head)]
    return []


def _suffixed(w: Word) -> list[Found]:
    """A place word the tables lack: tagged ns and ending like a place (…县, …镇, …岛)."""
    if w.tag == "ns" and len(w.text) >= 3 and w.text[-1] in "省市县区州镇乡村旗盟岛湾峡江河湖山峰" and not w.known:
        return [Found(w.start, w.end, "place", w.text)]
    return []
