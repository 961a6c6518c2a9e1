"""Foreign names in transliteration letters: a dictionary or HMM word made of them, pieces the
tagger cut apart (尤尔 + 科夫, 哈 + 比比), and names joined by a middle dot (科菲·安南, 拉·甘地)."""

from __future__ import annotations

from search_index.entities.lexicon import NOT_GIVEN
from search_index.entities.tagged import NAME_TAGS, TRANSLIT, Tagged

DOTS = ("·", "•", "・", "—")
FIRST_DOTS = frozenset(DOTS[:3])
TOWN_ENDS = frozenset("村乡镇县市州省区城堡港湾岛河山")
GLUED_AFTER = frozenset("说是在和等对向把被也都就还又将以及与均已曾的")
LAST_PART_TAGS = frozenset(("n", "nr", "nrt", "nrfg", "nz"))
PLACE_END = set("堡港城州岛湾宫谟")
MAX_PART = 8  # characters in one part of a dotted foreign name


def foreign_shape(word: str) -> bool:
    """Every character a transliteration letter (普里马科夫, 克林顿), not ending like a place (罗滕堡)."""
    return len(word) >= 2 and TRANSLIT.issuperset(word) and word[-1] not in PLACE_END


def letter_before(t: Tagged, i: int) -> bool:
    """哈 + 比比, 奥 + 兰迪斯: a transliteration's first letter the tagger left alone as a name."""
    prev = t.at(i - 1)
    return len(prev) == 1 and prev in TRANSLIT and t.words.tags[i - 1] in NAME_TAGS and foreign_shape(t.at(i))


def foreign_run(t: Tagged, i: int) -> tuple[int, str] | None:
    """尤尔 + 科夫: transliterated pieces the HMM did not join."""
    j = i + 1 if letter_before(t, i + 1) else i
    while j < t.n and foreign_shape(t.at(j)) and (t.words.tags[j] in NAME_TAGS or not t.words[j].known or j > i):
        if j > i and len(t.at(j)) > 2 and t.words[j].known and t.words.tags[j] not in NAME_TAGS:
            break
        j += 1
    if j - i >= 2 and any(t.words[k].tag in NAME_TAGS for k in range(i, j)) and not town_next(t, j):
        return j, "".join(t.words.texts[i:j])
    return None


def letters_end(t: Tagged, i: int) -> int:
    """The first word from i on that is not all transliteration letters."""
    while i < t.n and all_letters(t.at(i)):
        i += 1
    return i


def town_next(t: Tagged, j: int) -> bool:
    """Word j is a transliteration's last letters glued to a place word (伯尔切斯 + 库镇)."""
    nxt = t.at(j)
    return len(nxt) >= 2 and all_letters(nxt[:-1]) and nxt[-1] in TOWN_ENDS


def dotted(t: Tagged, i: int) -> tuple[int, str] | None:
    """科菲·安南, 玛丽 + 特·恩 + 斯塔德, 约翰—格伦: transliterations joined by a middle dot; a
    part may be cut into single letters, and the last may carry a glued word (雷斯 + 及)."""
    j, parts = i, [""]
    while j < t.n:
        piece = t.at(j)
        if all_letters(piece) and len(parts[-1]) + len(piece) <= MAX_PART:
            parts[-1] += piece
            j += 1
        elif piece in DOTS and parts[-1] and (all_letters(t.at(j + 1)[:2]) or _last_part(t.at(j + 1), t.tag_at(j + 1))):
            parts += ["·" if piece != "—" else "—", ""]
            j += 1
        elif not parts[-1] and len(parts) >= 3 and _last_part(piece, t.words.tags[j]):
            parts[-1] = piece  # 拉·甘地: the last part a dictionary word holds (甘地/n)
            j += 1
            break
        else:
            break
    nxt = t.at(j)
    if len(parts) >= 3 and town_next(t, j):
        return None  # 尼·伯尔切斯 + 库镇: a town named after someone
    glued = len(parts) >= 3 and len(nxt) >= 2 and all_letters(nxt[:-1]) and nxt[-1] in GLUED_AFTER
    if glued:
        parts[-1] += nxt[:-1]  # 罗朗·雷斯及, 阿·德米特里 + 延科均: the HMM glued a word to the last part
    names = parts[::2]
    if len(parts) < 3 or len(names[-1]) < 2 or not all(names) or len(names[0]) + len(names[1]) < 3:
        return None
    return j + glued, "".join(parts)


def _last_part(piece: str, tag: str) -> bool:
    return len(piece) >= 2 and piece[0] in TRANSLIT and piece[-1] not in NOT_GIVEN and tag in LAST_PART_TAGS


def all_letters(text: str) -> bool:
    return bool(text) and TRANSLIT.issuperset(text)
