"""Zones (national high-tech zones), national new areas, sub-parks and generic uses."""

from __future__ import annotations

import csv
import re
from functools import cache

from search_index.entities.table import PhraseTable
from search_index.reference.gazetteer import DATA, Gazetteer

CITY_SUFFIX = re.compile(r"(市|地区|自治州|盟)$")


def _short_city(city: str) -> str:
    return CITY_SUFFIX.sub("", city)


@cache
def new_areas() -> list[dict[str, str]]:
    """The national new areas (国家级新区)."""
    with (DATA / "new_areas.tsv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def build_zone_table(gaz: Gazetteer) -> PhraseTable:
    """Payloads: ('park', zone), ('new_area', name), ('subpark', name), ('generic', '')."""
    table = PhraseTable()
    for g in gaz.generic:
        table.add(g, ("generic", ""))
    area_names = set()
    for area in new_areas():
        for form in (area["name"], *filter(None, (area.get("aliases") or "").split(";"))):
            table.add(form, ("new_area", area["name"]))
            area_names.add(form)
    for park in gaz.parks.values():
        for form in (park.official, *park.aliases, park.name):
            table.add(form, ("park", park.name))
        for form in _context_forms(park, area_names):
            table.add(form, ("park", park.name))
    for name, row in gaz.subparks.items():
        table.add(name, ("subpark", name))
        zone = (row.get("within") or "").strip()
        if zone in gaz.parks and _names_zone(name, gaz.parks[zone]):
            table.add(name, ("park", zone))
    return table


def _context_forms(park, area_names: set[str]) -> list[str]:
    """Ambiguous aliases (张江, 东湖, 滨江, 麓谷) count only with their city in front:
    上海张江, 武汉东湖, 杭州滨江, 长沙麓谷."""
    city = _short_city(park.city)
    forms = []
    for alias in park.ambiguous:
        if not alias or alias in area_names or alias == park.name or alias in park.aliases:
            continue
        if "高新区" in alias or alias == "园区":
            continue
        if city and not alias.startswith(city):
            forms.append(city + alias)
    return forms


def _names_zone(subpark: str, park) -> bool:
    """The sub-park's name contains the zone's own name (张江高新区徐汇园), not a nickname (光谷)."""
    return park.name in subpark or park.official in subpark
