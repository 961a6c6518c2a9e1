"""How a compiled query (:mod:`search_index.query.tree`) runs: the tree evaluated over the
in-memory search keys and facet values of a :class:`~search_index.index.memo.Memo`; the matches
are ranked by :mod:`search_index.query.ranking`.

A text term matches wherever its key occurs in an article's title or body key (substring
semantics: recall equals ``in``); an ASCII word at either edge of the term must be a whole
word there (``6g`` does not match ``56g``). Scanning the keys (about 5 million characters at
10,000 articles) takes milliseconds, far less than Whoosh's phrase matching of the same
substrings, and needs no positions in the index. With a :class:`~search_index.index.grams.Grams`
candidate index a term of two or more characters checks only the rows holding all its
2-grams (a two-character term none at all), so recall stays exactly that of the scan.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from pyroaring import BitMap

from search_index.dates.ranges import DateRange
from search_index.index.datecolumn import DateColumn
from search_index.index.grams import Grams
from search_index.index.keys import as_keys
from search_index.index.memo import Memo
from search_index.query.ranking import Ranking
from search_index.query.tree import And, Every, Facet, Node, Not, Or, Text


class Space:
    """The rows a query runs over: a memo's keys and facet values, with caches."""

    def __init__(self, memo: Memo, grams: Grams | None = None) -> None:
        self.memo = memo
        self.grams = grams
        self.size = len(memo)
        self.titles, self.bodies = as_keys(memo.titles), as_keys(memo.bodies)  # searched without decoding
        self._df: dict[Text, int] = {}
        self.ranking = Ranking(memo, self.document_frequency)

    def rows(self, node: Node, within: set[int] | None = None) -> set[int]:
        """The rows matching ``node`` (only among ``within`` when given)."""
        if isinstance(node, Text):
            return self._text_rows(node, within)
        if isinstance(node, Facet):
            found = set().union(*(self.memo.value_rows[i] for i in self._facet_ids(node)))
            return found if within is None else found & within
        if isinstance(node, Every):
            return set(range(self.size)) if within is None else set(within)
        if isinstance(node, DateRange):
            return self.dates.within(node, within)
        if isinstance(node, Or):
            return set().union(*(self.rows(p, within) for p in node.parts))
        if isinstance(node, Not):
            base = set(range(self.size)) if within is None else set(within)
            return base - self.rows(node.part, base)
        return self._and_rows(node, within)

    def _and_rows(self, node: And, within: set[int] | None) -> set[int]:
        positive = sorted((p for p in node.parts if not isinstance(p, Not)), key=_cost)
        negative = [p.part for p in node.parts if isinstance(p, Not)]
        found = within
        for part in positive:
            found = self.rows(part, found)
            if not found:
                return set()
        found = set(range(self.size)) if found is None else found
        for excluded in negative:
            found = found - self.rows(excluded, found)
        return found

    def _text_rows(self, term: Text, within: Iterable[int] | None) -> set[int]:
        titles, bodies, key = self.titles, self.bodies, term.key
        candidates = self._candidates(key, within)
        rows: Iterable[int] | None
        if candidates is None:
            rows = within  # None: every row
        elif len(key) == 2 and not term.title_only and term.pattern is None:  # a 2-gram's rows are exact
            return self._counted(term, set(candidates), within)
        else:
            rows = candidates
        if rows is not None and not isinstance(rows, (set, BitMap, list, range)):
            rows = list(rows)  # read twice below
        found = titles.rows_with(key, rows)
        if not term.title_only:
            found |= bodies.rows_with(key, rows if rows is None else [r for r in rows if r not in found])
        if term.pattern is not None:
            found = {r for r in found if term.found_in(titles[r]) or (not term.title_only and term.found_in(bodies[r]))}
        return self._counted(term, found, within)

    def _candidates(self, key: str, within: Iterable[int] | None) -> BitMap | None:
        """Rows that may hold ``key`` (among ``within``); None when every row must be scanned."""
        found = self.grams.candidates(key) if self.grams is not None else None
        if found is None or within is None:
            return found
        return found & (within if isinstance(within, BitMap) else BitMap(within))

    def _counted(self, term: Text, found: set[int], within: Iterable[int] | None) -> set[int]:
        if within is None:
            self._df[term] = len(found)  # ranking needs it: no second scan
        return found

    def _facet_ids(self, node: Facet) -> list[int]:
        if not node.prefix:
            return [i for v in node.values if (i := self.value_ids.get((node.facet, v))) is not None]
        return [
            i
            for i, (facet, value) in enumerate(self.memo.facet_values)
            if facet == node.facet and value.startswith(node.values)
        ]

    @cached_property
    def value_ids(self) -> dict[tuple[str, str], int]:
        """(facet, value) → its id (built on the first facet filter: a text search needs none)."""
        return {v: i for i, v in enumerate(self.memo.facet_values)}

    @cached_property
    def dates(self) -> DateColumn:
        """Every row's date as integer columns (built on first use)."""
        return DateColumn(self.memo.dates)

    def document_frequency(self, term: Text) -> int:
        """How many articles contain the term (cached)."""
        if term not in self._df:
            self._text_rows(term, None)  # records it
        return self._df[term]

    def rank(self, order: list[int], terms: list[Text], want: int) -> list[tuple[int, float]]:
        """The ``want`` best of ``order`` (rows in corpus order) by BM25 (see :class:`Ranking`)."""
        return self.ranking.rank(order, terms, want)

    def prepare(self) -> None:
        """Compute the ranking norms and the date columns now rather than in the first query."""
        self.ranking.prepare()
        _ = self.dates


def _cost(node: Node) -> int:
    """Evaluate cheap parts first so that costly ones scan fewer rows."""
    return {Facet: 0, DateRange: 1, Every: 1, Text: 2}.get(type(node), 3)
