"""Provinces and cities mentioned (from the gazetteer's locations)."""

from __future__ import annotations

import re

from ..gazetteer import Gazetteer
from .table import PhraseTable

SUFFIX = re.compile(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|地区|自治州)$")
BLOCKERS = ("滨江西岸", "江西岸", "真金白银", "白银市场", "金山银山", "长安街")
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
}


def build_place_table(gaz: Gazetteer) -> PhraseTable:
    """Full and short forms of provinces and cities → ('place', full name)."""
    table = PhraseTable()
    for phrase in BLOCKERS:
        table.add(phrase, ("blocked", ""))
    names = set()
    for park in gaz.parks.values():
        names.update(n for n in (park.province, park.city) if n)
    for full in sorted(names):
        table.add(full, ("place", full))
        short = SUFFIX.sub("", full)
        if len(short) >= 2 and short != full and short not in AMBIGUOUS_SHORT:
            table.add(short, ("place", full))
    return table
