"""Command palette: go to a park or a track."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from search_index.analysis.pinyin import spells
from search_index.reference.gazetteer import load_gazetteer


class GotoProvider(Provider):
    """'Go to park: 中关村', 'Go to track: 具身智能' — filters the results to that value."""

    def _targets(self) -> list[tuple[str, str, str]]:
        gaz = load_gazetteer()
        counts = getattr(self.app, "corpus_counts", None)
        out = []
        for facet, label, names in (("tracks", "track", gaz.tracks), ("parks", "park", gaz.parks)):
            present = counts.of(facet) if counts else {}
            ordered = sorted(names, key=lambda n: (-present.get(n, 0), n))
            out += [(facet, n, f"Go to {label}: {n}  ({present.get(n, 0)})") for n in ordered]
        return out

    async def discover(self) -> Hits:
        """Tracks and parks that occur in the corpus."""
        for facet, name, label in self._targets():
            counts = getattr(self.app, "corpus_counts", None)
            if counts and counts.of(facet).get(name):
                yield DiscoveryHit(label, partial(self.app.goto, facet, name), help="Filter the results")

    async def search(self, query: str) -> Hits:
        """Fuzzy match on the command text (Chinese names or 'park'/'track'), or a name's
        pinyin, full or initials."""
        matcher = self.matcher(query)
        typed = query.strip()
        pinyin = typed.isascii() and typed.isalpha() and len(typed) >= 2
        for facet, name, label in self._targets():
            score = matcher.match(label)
            if score <= 0 and pinyin and spells(name, typed):
                score = 0.9  # zgc, zhongguancun → 中关村
            if score > 0:
                yield Hit(
                    score, matcher.highlight(label), partial(self.app.goto, facet, name), help="Filter the results"
                )
