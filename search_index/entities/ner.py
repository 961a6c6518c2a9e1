"""People, organisations and places in any news, from jieba's tagged words (the rules
live in tagged_people, tagged_places and tagged_orgs; this module puts them together)."""

from __future__ import annotations

from operator import itemgetter

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
    kept_places, teams = _teams(text, kept_places, orgs)
    return sorted((*orgs, *teams, *kept_names, *kept_places), key=itemgetter(0))  # by start


LIST_JOINS = ("、", "和", "与", "及", "同")
TEAM_AFTER = ("等强队", "等队", "等球队", "等国家队", "等强手", "队")


def _teams(text: str, where: list[Found], orgs: list[Found]) -> tuple[list[Found], list[Found]]:
    """(places, teams): countries listed as sports teams are teams (organisations named by the
    country), not places: a list of places that ends in 等强队 or a team's name (美国和俄罗斯队),
    or follows a tournament's group (e组的美国、俄罗斯)."""
    team_starts = {f.start for f in orgs if f.value.endswith("队")}
    runs: list[list[Found]] = []
    for f in sorted(where, key=itemgetter(0)):  # by start
        if runs and text[runs[-1][-1].end : f.start] in LIST_JOINS:
            runs[-1].append(f)
        else:
            runs.append([f])
    dropped: set[int] = set()
    for run in runs:
        first, last = run[0], run[-1]
        tail = text[last.end : last.end + 4]
        joined_team = tail[:1] in LIST_JOINS and last.end + 1 in team_starts
        grouped = _group_before(text, first.start)
        if tail.startswith(TEAM_AFTER) or joined_team or (grouped and len(run) > 1):
            dropped.update(id(f) for f in run)
    teams = [Found(f.start, f.end, "org", text[f.start : f.end]) for f in where if id(f) in dropped]
    return [f for f in where if id(f) not in dropped], teams


def _group_before(text: str, start: int) -> bool:
    """e组的, A组: a tournament's group named right before."""
    before = text[max(0, start - 3) : start]
    label = before[: -2 if before.endswith("组的") else -1][-1:]
    return before.endswith(("组的", "组")) and label.isascii() and label.isalnum()


def _mark(taken: bytearray, found: list[Found]) -> None:
    for f in found:
        taken[f.start : f.end] = b"\1" * (f.end - f.start)
