"""People, organisations and places in any news, from jieba's tagged words (the rules
live in tagged_people, tagged_places and tagged_orgs; this module puts them together)."""

from __future__ import annotations

from search_index.entities.lexicon import place_forms
from search_index.entities.tagged import Found, Tagged
from search_index.entities.tagged_orgs import name_start, organisations
from search_index.entities.tagged_people import people
from search_index.entities.tagged_places import places

__all__ = ["Found", "Tagged", "find_entities", "name_start", "place_forms"]


def find_entities(text: str, t: Tagged | None = None) -> list[Found]:
    """People, organisations (with companies) and places of a text; a place or person inside
    an organisation's name is the organisation's."""
    t = t or Tagged(text)
    where = places(t)
    orgs = organisations(t)
    names = people(t, place_forms())
    taken = bytearray(len(text) + 1)
    _mark(taken, orgs)
    kept_names = [f for f in names if not any(taken[f.start : f.end])]
    _mark(taken, kept_names)
    kept_places = [f for f in where if not any(taken[f.start : f.end])]
    return sorted((*orgs, *kept_names, *kept_places), key=lambda f: f.start)


def _mark(taken: bytearray, found: list[Found]) -> None:
    for f in found:
        taken[f.start : f.end] = b"\1" * (f.end - f.start)
