"""The gazetteer: the bundled reference data (zones with their province and city, tracks with
aliases and related terms, sub-parks, generic zone phrases) merged with the user dictionary
(:mod:`search_index.reference.userdict` reads that file). The matchers that find these names in
a text are built from it in :mod:`search_index.entities` (``table.py`` and the tables beside it)."""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from search_index.reference.userdict import dictionary_signature, read_entries

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Park:
    """A national high-tech zone."""

    name: str
    official: str
    aliases: tuple[str, ...]
    province: str
    city: str
    ambiguous: tuple[str, ...] = ()


@dataclass(frozen=True)
class Track:
    """An emerging-industry track; ``aliases`` mean it, ``related`` only point at it."""

    name: str
    aliases: tuple[str, ...]
    related: tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    """One entity mention: display offsets [start, end), type, canonical value, strength."""

    start: int
    end: int
    type: str
    value: str
    surface: str
    strong: bool = True


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in (cell or "").split(";") if p.strip())


def _strip_note(term: str) -> str:
    return re.sub(r"[(（].*$", "", term).strip()


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass
class Gazetteer:
    """Parks, tracks, sub-parks, generic phrases and the user's extra names."""

    parks: dict[str, Park]
    tracks: dict[str, Track]
    subparks: dict[str, dict[str, str]]
    generic: tuple[str, ...]
    extra_names: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    user_source: str = ""
    _fingerprint: str = field(default="", init=False, repr=False, compare=False)

    def words(self) -> set[str]:
        """Every name worth keeping whole in segmentation."""
        out: set[str] = set()
        for p in self.parks.values():
            out.update((p.name, p.official, *p.aliases, *p.ambiguous))
        for t in self.tracks.values():
            out.update((t.name, *t.aliases, *t.related))
        out.update(self.subparks)
        return {w for w in out if len(w) >= 2 and not w.isascii()}

    def park_region(self, name: str) -> tuple[str, str]:
        """(province, city) of a zone, or ('', '')."""
        p = self.parks.get(name)
        return (p.province, p.city) if p else ("", "")

    def fingerprint(self) -> str:
        """A hash of the reference data, so indexes notice when it changes (computed once:
        extraction asks for it per article)."""
        if not self._fingerprint:
            h = hashlib.sha1()
            for name in DATA_FILES:
                h.update((DATA / name).read_bytes())
            h.update(self.user_source.encode())
            self._fingerprint = h.hexdigest()[:16]
        return self._fingerprint


def _load_tracks() -> dict[str, Track]:
    merged: dict[str, dict[str, list[str]]] = {}
    for row in _rows("tracks.tsv"):
        name = row["track"].strip()
        same = re.match(r"\s*(\S+)\s*\(same\)", row.get("maps_to_miit_track") or "")
        if same:
            name = same.group(1)
        entry = merged.setdefault(name, {"aliases": [], "related": []})
        if name != row["track"].strip():
            entry["aliases"].append(row["track"].strip())
        entry["aliases"].extend(_split(row["aliases"]))
        entry["related"].extend(_split(row["related"]))
    tracks = {}
    for name, e in merged.items():
        aliases = tuple(dict.fromkeys(a for a in e["aliases"] if a != name))
        related = tuple(dict.fromkeys(r for r in e["related"] if r not in aliases and r != name))
        tracks[name] = Track(name, aliases, related)
    return tracks


def _load_parks() -> dict[str, Park]:
    parks = {}
    for row in _rows("parks.tsv"):
        name = row["canonical_name"].strip()
        parks[name] = Park(
            name=name,
            official=row["official_name"].strip(),
            aliases=_split(row["aliases"]),
            province=row["province"].strip(),
            city=row["city"].strip(),
            ambiguous=tuple(_strip_note(a) for a in _split(row["ambiguous_aliases"])),
        )
    return parks


DATA_FILES = (
    "parks.tsv",
    "tracks.tsv",
    "subparks.tsv",
    "generic_parks.txt",
    "new_areas.tsv",
    "companies.tsv",
    "orgs.tsv",
    "roles.txt",
    "name_stopwords.txt",
    "after_name.txt",
    "surnames.txt",
    "divisions.tsv",
    "world.tsv",
    "org_heads.txt",
    "org_names.tsv",
    "person_context.txt",
    "not_names.txt",
    "japanese_surnames.txt",
)


def load_gazetteer() -> Gazetteer:
    """The bundled gazetteer merged with the user dictionary (cached until that file changes)."""
    return _load_gazetteer(dictionary_signature())


@cache
def _load_gazetteer(signature: tuple) -> Gazetteer:
    subparks = {r["name"].strip(): r for r in _rows("subparks.tsv") if r.get("name")}
    generic_text = (DATA / "generic_parks.txt").read_text(encoding="utf-8")
    generic = tuple(ln.strip() for ln in generic_text.splitlines() if ln.strip() and not ln.startswith("#"))
    gaz = Gazetteer(_load_parks(), _load_tracks(), subparks, generic)
    return apply_user_dictionary(gaz, signature)


def apply_user_dictionary(gaz: Gazetteer, signature: tuple) -> Gazetteer:
    """The gazetteer with the user's entries merged in."""
    if not signature:
        return gaz
    path = Path(signature[0])
    entries = read_entries(path)
    parks, tracks = dict(gaz.parks), dict(gaz.tracks)
    extra: list[tuple[str, str, tuple[str, ...]]] = []
    for e in entries:
        name, aliases = e["name"].strip(), tuple(e.get("aliases") or ())
        if e["type"] == "park":
            park = parks.get(name) or Park(name, name, (), e.get("province", ""), e.get("city", ""))
            parks[name] = replace(park, aliases=tuple(dict.fromkeys((*park.aliases, *aliases))))
        elif e["type"] == "track":
            track = tracks.get(name) or Track(name, (), ())
            related = tuple(e.get("related") or ())
            tracks[name] = Track(name, (*track.aliases, *aliases), (*track.related, *related))
        else:
            extra.append((e["type"], name, aliases))
    return replace(gaz, parks=parks, tracks=tracks, extra_names=tuple(extra), user_source=path.read_text("utf-8"))
