"""Where each national zone is (province and city), for the region tree of a search's facet
counts. Read from the gazetteer's own data, ``parks.tsv`` and the user dictionary's parks,
without building the gazetteer: a search needs the regions only, and the gazetteer's module,
its CSV reading and its track and sub-park tables cost a cold search 10–15 ms."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from search_index.reference.userdict import dictionary_signature, read_entries

PARKS = Path(__file__).resolve().parent / "data" / "parks.tsv"  # the gazetteer's (gazetteer.DATA)


def park_regions() -> dict[str, tuple[str, str]]:
    """Zone (its canonical name) → (province, city), as ``Gazetteer.park_region`` gives them:
    a park the user dictionary adds is placed where it says, a known one stays where it was
    (cached until the dictionary changes)."""
    return _park_regions(dictionary_signature())


@cache
def _park_regions(signature: tuple) -> dict[str, tuple[str, str]]:
    lines = PARKS.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    name, province, city = header.index("canonical_name"), header.index("province"), header.index("city")
    regions = {}
    for line in lines[1:]:
        if line:
            cells = line.split("\t")
            regions[cells[name].strip()] = (cells[province].strip(), cells[city].strip())
    if signature:
        for e in read_entries(Path(signature[0])):
            if e["type"] == "park":
                regions.setdefault(e["name"].strip(), (e.get("province", ""), e.get("city", "")))
    return regions
