"""Command palette: go to a park or a track (on the main screen, which counts them)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.main_screen import MainScreen


class GotoProvider(Provider):
    """'Go to park: 中关村', 'Go to track: 具身智能' — filters the results to that value."""

    def _main(self) -> MainScreen | None:
        """The main screen under whatever the palette was opened on."""
        main = self.app.screen_stack[0] if self.app.screen_stack else None
        return main if isinstance(main, MainScreen) else None

    def _targets(self) -> list[tuple[str, str, str]]:
        from search_index.reference.gazetteer import load_gazetteer  # when the palette opens

        main = self._main()
        counts = main.corpus_counts if main is not None else None
        gaz = load_gazetteer()
        out = []
        for facet, label, names in (("tracks", "track", gaz.tracks), ("parks", "park", gaz.parks)):
            present = counts.of(facet) if counts else {}
            ordered = sorted(names, key=lambda n: (-present.get(n, 0), n))
            out += [(facet, n, f"Go to {label}: {n}  ({present.get(n, 0)})") for n in ordered]
        return out

    async def discover(self) -> Hits:
        """Tracks and parks that occur in the corpus."""
        main = self._main()
        if main is None:
            return
        counts = main.corpus_counts
        for facet, name, label in self._targets():
            if counts and counts.of(facet).get(name):
                yield DiscoveryHit(label, partial(main.goto, facet, name), help="Filter the results")

    async def search(self, query: str) -> Hits:
        """Fuzzy match on the command text (Chinese names or 'park'/'track'), or a name's
        pinyin, full or initials."""
        from search_index.analysis.pinyin import spells

        main = self._main()
        if main is None:
            return
        matcher = self.matcher(query)
        typed = query.strip()
        pinyin = typed.isascii() and typed.isalpha() and len(typed) >= 2
        for facet, name, label in self._targets():
            score = matcher.match(label)
            if score <= 0 and pinyin and spells(name, typed):
                score = 0.9  # zgc, zhongguancun → 中关村
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(main.goto, facet, name), help="Filter the results")
