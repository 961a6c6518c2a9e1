"""Entity mentions and facet values of an article (parks and tracks from the gazetteer)."""

from __future__ import annotations

from .gazetteer import Gazetteer, Mention, load_gazetteer
from .textnorm import search_key

FACETS = ("parks", "provinces", "tracks", "source", "kind", "authors")


def mentions(text: str, gaz: Gazetteer | None = None) -> list[Mention]:
    """Park and track mentions in a display text, with display offsets, in text order."""
    gaz = gaz or load_gazetteer()
    key = search_key(text)
    found: list[Mention] = []
    for kind, hits in (("park", gaz.find_parks(key.text)), ("track", gaz.find_tracks(key.text))):
        for start, end, value in hits:
            s, e = key.span(start, end)
            found.append(Mention(s, e, kind, value, text[s:e]))
    found.sort(key=lambda m: (m.start, -m.end))
    return found


def facet_values(title: str, text: str, gaz: Gazetteer | None = None) -> dict[str, list[str]]:
    """Distinct canonical parks and tracks named in an article, most mentioned first."""
    counts: dict[str, dict[str, int]] = {"parks": {}, "tracks": {}}
    for m in mentions(f"{title}\n{text}", gaz):
        bucket = counts["parks" if m.type == "park" else "tracks"]
        bucket[m.value] = bucket.get(m.value, 0) + 1
    out = {k: sorted(v, key=lambda name: (-v[name], name)) for k, v in counts.items()}
    gaz = gaz or load_gazetteer()
    out["provinces"] = list(dict.fromkeys(p for p in (gaz.park_region(z)[0] for z in out["parks"]) if p))
    return out
