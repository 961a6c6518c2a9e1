"""Track mentions: names and aliases are strong, related terms weak."""

from __future__ import annotations

from search_index.entities.table import PhraseTable
from search_index.reference.gazetteer import Gazetteer

# Phrases that contain a track term but do not mean the track (organ-on-chip is no IC).
BLOCKERS = ("器官芯片", "芯片级实验室")


def build_track_table(gaz: Gazetteer) -> PhraseTable:
    """Payloads: (track, strong: bool); blockers carry ('', False)."""
    table = PhraseTable()
    for phrase in BLOCKERS:
        table.add(phrase, ("", False))
    for track in gaz.tracks.values():
        for form in (track.name, *track.aliases):
            table.add(form, (track.name, True))
    for track in gaz.tracks.values():
        for form in track.related:
            table.add(form, (track.name, False))
    return table
