"""People from the tagged words: the tag proposes, the word's shape and context decide.

jieba's tags for dictionary words are often wrong (明白, 卫星 and 莫斯科 carry ``nr``), so a
dictionary word needs a title or a verb of speech beside it to count as a name; a word the
dictionary lacks (an unseen name the HMM put together) needs a surname or a transliteration's
letters."""

from __future__ import annotations

from collections.abc import Container
from functools import lru_cache

from search_index.analysis.pos import Word, freq
from search_index.analysis.segment import forgotten_with_segmenter, segmenter
from search_index.entities.foreign_names import (
    FIRST_DOTS,
    all_letters,
    dotted,
    foreign_run,
    foreign_shape,
    letter_before,
    letters_end,
    town_next,
)
from search_index.entities.japanese import japanese_name
from search_index.entities.lexicon import NOT_GIVEN, japanese_surnames, person_context
from search_index.entities.name_shapes import (
    all_han,
    chinese_shape,
    clause_tail,
    in_set_phrase,
    plain_name,
    surname_title,
    unglued,
    word_pair,
)
from search_index.entities.people import common_surnames
from search_index.entities.people_words import (
    ASPECT,
    BODY_AFTER,
    BODY_END,
    COUNTING,
    FUNCTION_SURNAMES,
    GIVEN_TAGS,
    GLUED_TAIL,
    JOINS,
    LONG_FOREIGN,
    MAX_NAME_FREQ,
    MEASURES,
    PLACE_AFTER,
    PLACE_NEXT,
    PLACE_WORDS,
    SPEECH,
    THING_MEASURES,
    VERBS,
)
from search_index.entities.tagged import NAME_TAGS, PERSON, TRANSLIT, Found, Tagged, _context


def people(t: Tagged, places: Container[str]) -> list[Found]:
    """Names of people: the tag proposes, shape and context decide."""
    return [f for f in _people(t, places) if not in_set_phrase(t.text, f.start, f.end)]


def _people(t: Tagged, places: Container[str]) -> list[Found]:
    out: list[Found] = []
    words = t.words
    candidates = set(t.having(PERSON))
    candidates.update(t.near_titles())
    if any(d in t.text for d in FIRST_DOTS):  # 拉·甘地: a one-letter first part is no candidate of its own
        candidates.update(k - 1 for k, text in enumerate(t.words.texts) if text in FIRST_DOTS)
    after = -1
    spans: list[tuple[int, int]] = []
    for i in sorted(candidates):
        if i <= after or i >= t.n:
            continue
        if letter_before(t, i) and i - 1 > after:
            j, name = _person_at(t, i - 1, places)
            if name and len(name) > len(t.at(i)) + 1 and _plausible(t, i - 1, j, name):
                out.append(Found(words[i - 1].start, words[i - 1].start + len(name), "person", name))
                spans.append((i - 1, j))
                after = j - 1
                continue
        j, name = _person_at(t, i, places)
        if name and _plausible(t, i, j, name):
            out.append(Found(words[i].start, words[i].start + len(name), "person", name))
            spans.append((i, j))
            after = j - 1
    return out + _list_mates(t, spans, places) + _doctrines(t)


LIST_JOINS = frozenset(("、", "和", "与", "及", "对", "／", "/", "同"))


def _list_mates(t: Tagged, spans: list[tuple[int, int]], places: Container[str]) -> list[Found]:
    """Names listed beside a name found (王运熙和李宝均, 徐天红对胡荣华、赵汝权对陶汉明): a word
    of a name's shape across 、, 和, 对 or ／ from a name is one when the tagger marked it a name
    or did not know it, and it ends where the list goes on or the clause does."""
    out: list[Found] = []
    taken = {k for i, j in spans for k in range(i, j)}
    queue = list(spans)
    while queue:
        i, j = queue.pop()
        if j not in taken and (glued := _glued_mate(t, j)):
            out.append(Found(t.words.starts[j] + 1, t.words.starts[j] + 1 + len(glued), "person", glued))
            taken.update((j, j + 1))
            queue.append((j, j + 2))
            continue
        for k, join in ((j + 1, t.at(j)), (i - 2, t.at(i - 1))):
            if join not in LIST_JOINS or k in taken or not 0 <= k < t.n:
                continue
            if name := _mate(t, k, places):
                out.append(Found(t.words.starts[k], t.words.starts[k] + len(name), "person", name))
                end = k + 1 if len(name) == len(t.at(k)) else k + 2
                taken.update(range(k, end))
                queue.append((k, end))
    return out


def _glued_mate(t: Tagged, j: int) -> str:
    """徐天红对胡荣华、赵汝权 + 对陶 + 汉明: the join glued to the next name's surname."""
    head, rest = t.at(j), t.at(j + 1)
    if len(head) != 2 or head[0] not in LIST_JOINS or len(rest) != 2 or t.tag_at(j + 1) not in GIVEN_TAGS:
        return ""
    name = head[1] + rest
    ends = t.tag_at(j + 2)[:1] in ("x", "v", "p", "u", "") or t.at(j + 2) in LIST_JOINS
    return name if ends and chinese_shape(name) and not segmenter().has_word(name) else ""


def _mate(t: Tagged, k: int, places: Container[str]) -> str:
    w = t.words[k]
    word, nxt = w.text, t.at(k + 1)
    if len(word) == 2 and not w.known and len(nxt) == 1 and nxt not in NOT_GIVEN and t.at(k + 2) in LIST_JOINS:
        word, nxt = word + nxt, t.at(k + 2)  # 徐起 + 超 + 、: the list's next name ends at the join
    if word in places or surname_title(word) or _thing_around(t, k, k + 1):
        return ""
    if not ((chinese_shape(word) and len(word) <= 4) or foreign_shape(word)):
        return ""
    if w.known and (w.tag not in NAME_TAGS or (len(word) == 2 and freq(word) > MAX_NAME_FREQ)):
        return ""
    ends = nxt in LIST_JOINS or t.words.tags[k + 1][:1] in ("x", "v", "p", "u") if k + 1 < t.n else True
    return word if ends or nxt in person_context()[1] else ""


def _plausible(t: Tagged, i: int, j: int, name: str) -> bool:
    """Words i..j-1 read as ``name`` are no verb phrase (管起 + 了) and, when they start with a
    surname that is first a function word (连, 向), stand by a title, a verb of speech or in a list."""
    if t.at(j) in ASPECT and not (j == i + 1 and t.words[i].known):
        return False
    if _thing_around(t, i, j):
        return False
    if name[0] not in FUNCTION_SURNAMES or "·" in name or foreign_shape(name):
        return True
    return titled(t, i) or _context(t, i, j) or "、" in (t.at(i - 1), t.at(j))


def _thing_around(t: Tagged, i: int, j: int) -> bool:
    """Words i..j-1 name a thing, not a person: a body's or place's word follows (劳拉 + 公司总裁,
    森隆 + 药业, 丘布特 + 省) or a count of things comes before (一部 + 桑塔纳, 10万亩 + 红富士)."""
    nxt = t.at(j)
    if nxt in PLACE_AFTER or nxt.startswith(BODY_AFTER):
        return True
    prev = t.at(i - 1)
    return t.words.tags[i - 1] == "m" and prev[-1:] in THING_MEASURES if i > 0 else False


def _doctrines(t: Tagged) -> list[Found]:
    """马克思主义, 达尔文主义: a doctrine named after a person spelled in transliteration letters."""
    out: list[Found] = []
    if "主义" not in t.text:
        return out
    for i, text in enumerate(t.words.texts):
        stem = text[:-2]
        if text.endswith("主义") and 3 <= len(stem) <= 5 and foreign_shape(stem):
            out.append(Found(t.words.starts[i], t.words.starts[i] + len(stem), "person", stem))
    return out


def _person_at(t: Tagged, i: int, places: Container[str]) -> tuple[int, str]:
    """(end word, name) of a person's name starting at word i, or (0, "")."""
    if not _may_start_at(t, i):
        return 0, ""  # the common case: a word that starts no name here
    return _person_at_any(t, i, places)


# Why a word may start a name (``_may_start``): its shape alone, or a three-character pair
# with the next word, or a title beside it
SHAPE, SPLIT, TITLED = 1, 2, 4


def _may_start_at(t: Tagged, i: int) -> bool:
    """Whether word i may start a name: ``_may_start`` of the word, and when only a split or
    a title may make it one, the next word's length or a title beside it."""
    text = t.words.texts[i]
    may = _may_start(text, t.words.tags[i])
    if may & SHAPE:
        return True
    split = may & SPLIT and len(text) + len(t.at(i + 1)) == 3
    return bool(split or (may & TITLED and titled(t, i)))


@lru_cache(maxsize=200_000)
def _may_start(text: str, tg: str) -> int:
    """Why a word with this tag may start a name in some text (0: it starts none wherever it
    stands). Every way ``_person_at_any`` finds a name needs one of these: SHAPE, a Japanese
    family name, transliteration letters or a Chinese name's shape (not in a common word of
    two characters, which is turned down before any rule that asks for the shape); SPLIT, a
    name tag and one or two characters (the next word makes three, ``_split_name``); TITLED,
    a plain name's shape (``titled`` beside it)."""
    w = Word(text, tg, 0, len(text))
    word = unglued(w)
    if not word or not "\u4e00" <= word[0] <= "\u9fff" or surname_title(word):
        return 0  # the general path's first test
    named = tg in NAME_TAGS
    common = w.known and len(word) == 2 and freq(text) > MAX_NAME_FREQ
    shape = (
        text[:2] in japanese_surnames()  # japanese_name
        or text[:3] in japanese_surnames()
        or all_letters(text)  # dotted, foreign_run
        or (named and foreign_shape(word))  # a transliteration tagged a name
        or (chinese_shape(word) and not common)
    )
    split = named and len(text) <= 2
    titled_name = plain_name(word, w) and word[-1] not in BODY_END
    return (SHAPE if shape else 0) | (SPLIT if split else 0) | (TITLED if titled_name else 0)


def _person_at_any(t: Tagged, i: int, places: Container[str]) -> tuple[int, str]:
    """``_person_at`` for any word (the general path)."""
    w = t.words[i]
    word = unglued(w)
    if word in places or not word or not "\u4e00" <= word[0] <= "\u9fff" or surname_title(word):
        return 0, ""
    if word[0] in MEASURES and t.at(i - 1)[-1:] in COUNTING:
        return 0, ""  # 那张小巧的门票: a measure word after a number or demonstrative, not a surname
    if japanese := japanese_name(t, i):
        return japanese
    if split := _split_name(t, i):
        run = foreign_run(t, i) if all_letters(t.at(i + 2)) else None
        return run if run and len(run[1]) > len(split[1]) else split  # 贾 + 亚拉 + 莉达, not 贾亚拉
    if joined := (t.dotted and dotted(t, i)) or foreign_run(t, i):
        return joined
    named, context = w.tag in NAME_TAGS, _context(t, i, i + 1) or _numbered(t, i)
    tail = named and foreign_shape(word) and _ends_name(t, i + 1)
    if tail and (titled(t, i) or _context(t, i, i + 2) or not w.known or _clause_next(t, i, i + 2)):
        return i + 2, word + t.at(i + 1)
    if titled(t, i) and plain_name(word, w) and word not in places and word[-1] not in BODY_END:
        return _completed(t, i, word) if chinese_shape(word) else (i + 1, word)
    if t.at(i + 1)[:1] in PLACE_NEXT or t.at(i + 1) in PLACE_WORDS:
        return 0, ""
    common = _in_phrase(t, i)
    listed = not w.known and "、" in (t.at(i - 1), t.at(i + 1))
    if w.known and len(word) == 2 and freq(w.text) > MAX_NAME_FREQ:
        return 0, ""
    if not w.known and named and chinese_shape(word) and not common and not clause_tail(word):
        if len(word) == 2 and not (context or listed or _common_surname(t, word)):
            return 0, ""  # 储洪, 麻田: an unseen pair with a rare surname needs a title, a list or a second mention
        return _completed(t, i, word)
    if chinese_shape(word) and not named and not w.known and titled(t, i):
        return i + 1, word
    if chinese_shape(word) and w.tag in ("ns", "nz") and t.at(i + 1) in SPEECH and not common:
        return i + 1, word  # 罗干/ns + 说: a name the dictionary tags as a place, saying something
    alone = len(word) == 3 and not common and _common_surname(t, word) and not word_pair(word)  # 冷不丁, 安全带
    if chinese_shape(word) and named and (context or listed or alone):
        return _completed(t, i, word)
    if not (foreign_shape(word) and named) or town_next(t, letters_end(t, i)):
        return 0, ""
    j = i + 2 if _ends_name(t, i + 1) else i + 1  # 安德雷 + 斯, 亚罗 + 约 when a verb or 和 follows
    word = "".join(t.words.texts[i:j])
    context = context or _context(t, i, j)
    long_name = len(word) >= LONG_FOREIGN and not common  # 罗纳尔多, 费尔南德斯: the dictionary holds few such words
    if context or not w.known or long_name or (len(word) >= 3 and not common and _clause_next(t, i, j)):
        return j, word
    return 0, ""


def _numbered(t: Tagged, i: int) -> bool:
    """9号 + 弗洛尔: a player's shirt number right before the word."""
    return t.at(i - 1) == "号" and t.at(i - 2).isdigit()


def _clause_next(t: Tagged, i: int, j: int) -> bool:
    """A verb after words i..j-1, or a conjunction on either side (内塔尼亚胡和穆巴拉克)."""
    verb_next = t.words.tags[j][:1] == "v" if j < t.n else False
    return verb_next or t.at(j) in JOINS or t.at(i - 1) in JOINS


def _ends_name(t: Tagged, k: int) -> bool:
    """Word k is one transliteration letter that ends the name before it: a verb, a
    conjunction or punctuation follows (安德雷 + 斯 + 和, 亚罗 + 约 + 当选)."""
    if k + 1 >= t.n or len(t.at(k)) != 1 or t.at(k) not in TRANSLIT or t.at(k) in JOINS:
        return False
    return t.words.tags[k + 1][:1] in ("v", "x") or t.at(k + 1) in JOINS


def _common_surname(t: Tagged, word: str) -> bool:
    """The surname is one of the most borne, or the text names the person twice."""
    return word[0] in common_surnames() or t.repeated(word)


def _completed(t: Tagged, i: int, word: str) -> tuple[int, str]:
    """高云 + 江说, 张少 + 农等: the HMM glued a two-character name's last character to the
    word after it; the name takes it back when the rest is a word (说, 等) and the whole
    has a name's shape."""
    nxt = t.words[i + 1] if i + 1 < t.n else None
    if len(word) != 2 or nxt is None or nxt.known or len(nxt.text) != 2 or nxt.text[0] in NOT_GIVEN:
        return i + 1, word
    whole = word + nxt.text[0]
    rest_is_word = nxt.text[1] in GLUED_TAIL or segmenter().has_word(nxt.text[1])
    if all_han(whole) and rest_is_word:  # the name's own shape was checked; 江 may end one
        return (i + 2, whole) if nxt.text[1] not in PLACE_NEXT else (0, "")  # 麦禾 + 营镇 is a town
    return i + 1, word


def _in_phrase(t: Tagged, i: int) -> bool:
    """The word ends or starts a longer dictionary word cut apart (真|金白银 of 真金白银)."""
    has = segmenter().has_word
    word, prev, nxt = t.words[i].text, t.at(i - 1), t.at(i + 1)
    return bool((prev and has(prev[-1] + word)) or (nxt and has(word + nxt[0])))


def _split_name(t: Tagged, i: int) -> tuple[int, str] | None:
    """高允 + 连, 张 + 友香: an unseen name the HMM cut in two."""
    w, nxt = t.words[i], t.words[i + 1] if i + 1 < len(t.words) else None
    if not nxt or len(w.text) + len(nxt.text) != 3:
        return None
    if w.known and len(w.text) > 1:
        return _titled_split(t, i)
    whole = w.text + nxt.text
    if surname_title(whole):
        return None
    marked = len(w.text) == 1 and w.tag == "nr" and nxt.tag in GIVEN_TAGS and not segmenter().has_word(whole)
    if marked and chinese_shape(whole) and nxt.text not in NOT_GIVEN and nxt.text[0] not in NOT_GIVEN:
        return i + 2, whole  # 曹 + 火星, 吴 + 方军: a surname the tagger marked, and a word for the given name
    if nxt.text in NOT_GIVEN or not chinese_shape(whole) or (nxt.known and len(nxt.text) == 2):
        return None
    if w.tag in NAME_TAGS and (nxt.tag in NAME_TAGS or (len(nxt.text) == 1 and not w.known)):
        return i + 2, whole
    return None


def _titled_split(t: Tagged, i: int) -> tuple[int, str] | None:
    """赵国 + 钧 + 少将, 李铁 + 辰 + 校长: a dictionary word tagged a name and one character,
    a title right after them (or before): the three are one name."""
    w, nxt = t.words[i], t.words[i + 1]
    whole = w.text + nxt.text
    if (
        w.tag not in NAME_TAGS
        or len(nxt.text) != 1
        or nxt.text in NOT_GIVEN
        or nxt.tag[:1] in ("v", "p", "u", "c", "d")
    ):
        return None
    if not chinese_shape(whole) or segmenter().has_word(whole) or surname_title(whole):
        return None
    before, after = person_context()
    return (i + 2, whole) if (t.at(i + 2) in after and t.at(i + 2) not in VERBS) or t.at(i - 1) in before else None


def titled(t: Tagged, i: int) -> bool:
    """A title right before or after word i (总统普京, 桥本首相)."""
    before, after = person_context()
    prev, nxt = t.at(i - 1), t.at(i + 1) if t.at(i + 1) != "副" else t.at(i + 2)
    return ((prev in before or prev[-2:] in before) and prev not in VERBS) or (nxt in after and nxt not in VERBS)


forgotten_with_segmenter(_may_start.cache_clear)  # they ask the segmenter's dictionary
