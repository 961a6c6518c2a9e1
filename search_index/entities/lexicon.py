"""The word lists the tagged-word rules share: titles and verbs around names, organisation
head words and fixed names, every written form of a place and one-character abbreviations."""

from __future__ import annotations

import csv
from functools import cache

from search_index.reference.gazetteer import DATA


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@cache
def person_context() -> tuple[frozenset[str], frozenset[str]]:
    """(words right before a name, words right after a name)."""
    pairs = [ln.split(None, 1) for ln in _lines("person_context.txt")]
    return frozenset(w for s, w in pairs if s == "before"), frozenset(w for s, w in pairs if s == "after")


@cache
def japanese_surnames() -> frozenset[str]:
    """Japanese family names of two or three characters (桥本, 长谷川)."""
    return frozenset(w for ln in _lines("japanese_surnames.txt") for w in ln.split())


@cache
def org_heads() -> dict[str, str]:
    """Head word → company, org or team."""
    return {w: kind for kind, w in (ln.split(None, 1) for ln in _lines("org_heads.txt"))}


@cache
def set_phrases() -> tuple[str, ...]:
    """Phrases inside which no name is found."""
    return tuple(_lines("not_names.txt"))


# Characters and words that never start or stand in a given name (说, 和, 的, 年 …)
NOT_GIVEN = frozenset("说是去在和等对向把被也都就还又将的了着过与及或个年月日时以为从由给让请要会能可才曾已却便仍亦")
ABBREVIATIONS = {
    "中": "中国",
    "华": "中国",
    "美": "美国",
    "日": "日本",
    "俄": "俄罗斯",
    "英": "英国",
    "法": "法国",
    "德": "德国",
    "韩": "韩国",
    "朝": "朝鲜",
    "印": "印度",
    "巴": "巴基斯坦",
    "意": "意大利",
    "澳": "澳大利亚",
    "加": "加拿大",
    "以": "以色列",
    "埃": "埃及",
    "欧": "欧洲",
    "非": "非洲",
    "亚": "亚洲",
    "台": "台湾",
    "港": "香港",
    "京": "北京",
    "津": "天津",
    "沪": "上海",
    "渝": "重庆",
    "葡": "葡萄牙",
    "越": "越南",
    "泰": "泰国",
    "菲": "菲律宾",
    "墨": "墨西哥",
    "荷": "荷兰",
    "叙": "叙利亚",
}
PAIR_TAILS = (
    "关系",
    "两国",
    "双方",
    "双边",
    "会谈",
    "合作",
    "贸易",
    "首脑",
    "峰会",
    "边境",
    "友好",
    "之间",
    "联合",
    "建交",
    "对话",
    "外长",
    "元首",
    "会晤",
    "经贸",
)
VISIT_HEADS = ("访", "来", "在", "驻", "抵", "离", "赴", "援", "旅", "对", "进", "返", "回", "旅", "侵", "抗")
ABBREVIATED_START = frozenset((*ABBREVIATIONS, *VISIT_HEADS))


@cache
def place_forms() -> dict[str, str]:
    """Every written form of a place → its canonical name: divisions (provinces, cities,
    counties) with short forms, then countries, regions and foreign cities."""
    from search_index.entities.places import division_forms, world_forms

    forms: dict[str, str] = {}
    for form, name in (*division_forms(), *world_forms()):
        forms.setdefault(form, name)
    return forms


@cache
def division_names() -> frozenset[str]:
    """Canonical names of China's divisions (北京市, 岳阳县), apart from world places."""
    from search_index.entities.places import division_forms

    return frozenset(name for _form, name in division_forms())


@cache
def place_heads() -> frozenset[str]:
    """Every start of a place form (a word that may begin a place of several words)."""
    return frozenset(form[:n] for form in place_forms() for n in range(1, len(form) + 1))


@cache
def org_names() -> dict[str, tuple[str, str]]:
    """Fixed organisation names and aliases → (kind, canonical name)."""
    out: dict[str, tuple[str, str]] = {}
    with (DATA / "org_names.tsv").open(encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        for row in rows:
            for form in (row["name"], *filter(None, (row.get("aliases") or "").split(";"))):
                out[form] = (row["kind"], row["name"])
    return out


@cache
def fixed_starts() -> frozenset[str]:
    """Every start of a fixed organisation name."""
    return frozenset(form[:n] for form in org_names() for n in range(1, len(form) + 1))


# Titles whose first character is the head of the body they lead (农林部长 leads 农林部).
HEAD_TITLES = frozenset(("部长", "局长", "厅长", "署长", "院长", "社长", "厂长", "队长", "会长", "委主任"))


@cache
def head_ends() -> frozenset[str]:
    """Last characters of head words (a cheap first test)."""
    return frozenset(h[-1] for h in org_heads())
