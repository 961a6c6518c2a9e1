"""Written forms of places: China's divisions (with short forms) and world places."""

from __future__ import annotations

import re

# Short forms of cities that are common words first (白银 silver, 来宾 guests)
AMBIGUOUS_SHORT = {
    "白银",
    "安康",
    "大同",
    "吉安",
    "新余",
    "白山",
    "长治",
    "兴安",
    "通化",
    "永州",
    "开封",
    "黄山",
    "宜春",
    "来宾",
}


COMMON_SHORT_FREQ = 300  # a county's short form seen more often in jieba's dictionary is a word first
DIVISION_SUFFIX = re.compile(
    r"((?:[\u4e00-\u9fff]{1,3}族)*(?:自治区|自治州|自治县|自治旗)|特别行政区|省|市|县|区|地区|盟|旗|林区)$"
)


def _rows_of(name: str) -> list[dict[str, str]]:
    import csv

    from search_index.reference.gazetteer import DATA

    with (DATA / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))


def division_forms() -> list[tuple[str, str]]:
    """(form, canonical name) of China's divisions: provinces and prefecture cities with
    their short forms (北京 = 北京市, 广西 = 广西壮族自治区), counties and districts by full
    name, and by short form when it is a county or county-level city (岳阳县 → 岳阳 stays
    the prefecture city's, which comes first)."""
    out: list[tuple[str, str]] = []
    rows = _rows_of("divisions.tsv")
    for level in ("province", "city", "county"):
        for row in (r for r in rows if r["level"] == level):
            full = row["name"]
            out.append((full, full))
            short = DIVISION_SUFFIX.sub("", full)
            if len(short) < 2 or short == full or short in AMBIGUOUS_SHORT:
                continue
            if level != "county" or (full.endswith(("县", "市", "旗")) and _place_word(short)):
                out.append((short, full))
    return out


def world_forms() -> list[tuple[str, str]]:
    """(form, canonical name) of countries, world regions, rivers and foreign cities."""
    out = []
    for row in _rows_of("world.tsv"):
        for form in (row["name"], *filter(None, (row.get("aliases") or "").split(";"))):
            out.append((form, row["name"]))
    return out


def _place_word(short: str) -> bool:
    """A county's short form counts alone only when jieba knows it as a place, and not as a
    common one, or not at all (和平县 → 和平 and 资源县 → 资源 are words first, 平原县 → 平原
    and 大城县 → 大城 too common to mean the county)."""
    from search_index.analysis.pos import freq, tag

    words = tag(short)
    if len(words) != 1 or not words[0].known:
        return True
    return words[0].tag == "ns" and freq(short) <= COMMON_SHORT_FREQ
