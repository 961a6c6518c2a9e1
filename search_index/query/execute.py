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
from search_index.index.keys import Pairs, as_keys
from search_index.index.memo import Memo
from search_index.query.ranking import Ranking
from search_index.query.tree import And, Every, Facet, Node, Not, Or, Text

CACHED_TERMS = 64  # the matches of this many text terms are kept (a facet toggle does not match again)


class Space:
    """The rows a query runs over: a memo's keys and facet values, with caches. Matching
    works on compressed bitmaps of row numbers (``pyroaring``): AND, OR and NOT are bitmap
    algebra, and a text term's matches over every row are kept for the next query that
    has it (the same query with another filter, a page further)."""

    def __init__(self, memo: Memo, grams: Grams | None = None) -> None:
        self.memo = memo
        self.grams = grams
        self.size = len(memo)
        self.titles, self.bodies = as_keys(memo.titles), as_keys(memo.bodies)  # searched without decoding
        bounds = grams.count_bounds if grams is not None else None
        self.ranking = Ranking(self.titles, self.bodies, self.document_frequency, bounds, memo.by_length)
        self._terms: dict[Text, BitMap] = {}  # text term → its rows, most recent last
        self._values: dict[int, BitMap] = {}  # facet value id → its rows

    def rows(self, node: Node, within: Iterable[int] | None = None) -> set[int]:
        """The rows matching ``node`` (only among ``within`` when given)."""
        return set(self.matching(node, None if within is None else _bitmap(within)))

    def matching(self, node: Node, within: BitMap | None = None) -> BitMap:
        """The rows matching ``node`` as a bitmap (only among ``within`` when given; the
        bitmap returned may be a cached one: do not change it)."""
        if isinstance(node, Text):
            return self._text_rows(node, within)
        if isinstance(node, Facet):
            found = BitMap.union(BitMap(), *map(self._value_rows, self._facet_ids(node)))
            return found if within is None else found & within
        if isinstance(node, Every):
            return self.every if within is None else within
        if isinstance(node, DateRange):
            return BitMap(self.dates.within(node, within))
        if isinstance(node, Or):
            return BitMap.union(BitMap(), *(self.matching(p, within) for p in node.parts))
        if isinstance(node, Not):
            base = self.every if within is None else within
            return base - self.matching(node.part, base)
        return self._and_rows(node, within)

    @cached_property
    def every(self) -> BitMap:
        """Every row (do not change it)."""
        return BitMap(range(self.size))

    def _and_rows(self, node: And, within: BitMap | None) -> BitMap:
        positive = sorted((p for p in node.parts if not isinstance(p, Not)), key=self._cost)
        negative = [p.part for p in node.parts if isinstance(p, Not)]
        found = within
        for part in positive:
            found = self.matching(part, found)
            if not found:
                return BitMap()
        found = self.every if found is None else found
        for excluded in negative:
            found = found - self.matching(excluded, found)
        return found

    def _cost(self, node: Node) -> int:
        """Evaluate cheap parts first so that costly ones scan fewer rows (a text term whose
        rows are kept is as cheap as a facet)."""
        if isinstance(node, Text) and node in self._terms:
            return 0
        return _cost(node)

    def _text_rows(self, term: Text, within: BitMap | None) -> BitMap:
        kept = self._terms.get(term)
        if kept is not None:
            self._terms[term] = self._terms.pop(term)  # most recently used last
            return kept if within is None else kept & within
        titles, bodies, key = self.titles, self.bodies, term.key
        candidates = self._candidates(key, within)
        rows: Iterable[int] | None
        if candidates is None:
            rows = within  # None: every row
        elif not term.title_only and term.pattern is None and self.grams is not None and self.grams.exact(key):
            return self._kept(term, candidates, within)  # a 2-gram's or a common 3- or 4-gram's rows are exact
        else:
            rows = candidates
        if rows is not None and not isinstance(rows, (set, BitMap, list, range)):
            rows = list(rows)  # read twice below
        held = titles.rows_with(key, rows)
        if not term.title_only:
            held |= bodies.rows_with(key, rows if rows is None else [r for r in rows if r not in held])
        found: Iterable[int] = held
        if term.pattern is not None:
            found = [r for r in found if term.found_in(titles[r]) or (not term.title_only and term.found_in(bodies[r]))]
        return self._kept(term, BitMap(found), within)

    def _candidates(self, key: str, within: BitMap | None) -> BitMap | None:
        """Rows that may hold ``key`` (among ``within``); None when every row must be scanned."""
        found = self.grams.candidates(key) if self.grams is not None else None
        if found is None or within is None:
            return found
        return found & within

    def _kept(self, term: Text, found: BitMap, within: BitMap | None) -> BitMap:
        """Keep a term's rows over every row (ranking needs its document frequency)."""
        if within is None:
            if len(self._terms) >= CACHED_TERMS:
                del self._terms[next(iter(self._terms))]  # the least recently used
            self._terms[term] = found
        return found

    def _value_rows(self, value: int) -> BitMap:
        found = self._values.get(value)
        if found is None:
            found = self._values[value] = BitMap(self.memo.value_rows[value].tolist())
        return found

    def _facet_ids(self, node: Facet) -> list[int]:
        if not node.prefix:
            return [i for v in node.values if (i := self._value_id(node.facet, v)) is not None]
        return [
            i
            for i, (facet, value) in enumerate(self.memo.facet_values)
            if facet == node.facet and value.startswith(node.values)
        ]

    def _value_id(self, facet: str, value: str) -> int | None:
        """A facet value's id: looked up in the packed pairs of a loaded memo (building
        :attr:`value_ids` costs more than a hundred searches at 74,000 articles)."""
        pairs = self.memo.facet_values
        if isinstance(pairs, Pairs) and "value_ids" not in self.__dict__:
            return pairs.index_of(facet, value)
        return self.value_ids.get((facet, value))

    @cached_property
    def value_ids(self) -> dict[tuple[str, str], int]:
        """(facet, value) → its id (built on the first facet filter: a text search needs none)."""
        return {v: i for i, v in enumerate(self.memo.facet_values)}

    @cached_property
    def dates(self) -> DateColumn:
        """Every row's date as integer columns (built on first use)."""
        return DateColumn(self.memo.dates)

    def forget(self) -> None:
        """Drop the kept matches and count bounds (the benchmarks time queries run afresh)."""
        self._terms.clear()
        self.ranking.forget()

    def document_frequency(self, term: Text) -> int:
        """How many articles contain the term."""
        return len(self._text_rows(term, None))

    def rank(self, order: Iterable[int], terms: list[Text], want: int) -> list[tuple[int, float]]:
        """The ``want`` best of ``order`` (rows in corpus order: a list or a bitmap) by BM25
        (see :class:`Ranking`)."""
        return self.ranking.rank(order, terms, want)

    def prepare(self) -> None:
        """Compute the ranking norms and the date columns now rather than in the first query."""
        self.ranking.prepare()
        self.dates.prepare()


def _bitmap(rows: Iterable[int]) -> BitMap:
    return rows if isinstance(rows, BitMap) else BitMap(rows)


def _cost(node: Node) -> int:
    """Evaluate cheap parts first so that costly ones scan fewer rows."""
    return {Facet: 0, DateRange: 1, Every: 1, Text: 2}.get(type(node), 3)
