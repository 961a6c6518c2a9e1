"""BM25 ranking of matching rows over the in-memory search keys: a term's occurrences in the
title count twice, documents are normalised by their length (title ×2 plus body).

Only the best rows are scored exactly when a candidate index knows an upper bound of each
term's count per row (:meth:`~search_index.index.grams.Grams.count_bounds`): rows fall into
classes by their bounds, a class's best possible score falls with the row's length norm,
so the rows worth counting are each class's rows shorter than a cut-off, which rises as the
exact scores of the best rows found so far rise. The result is the exact ranking's, ties
included; only the work differs (a term in every article: a few hundred rows counted, not
all of them).
"""

from __future__ import annotations

import heapq
import math
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from itertools import islice

from pyroaring import BitMap

from search_index.index.keys import Keys
from search_index.index.lengths import K1, TITLE_WEIGHT, Norms, Ordered, all_norms, average_length
from search_index.query.tree import Text

EXACT_BELOW = 300  # fewer matching rows are all scored (pruning wins from about 300: 1,774 rows 0.8 vs 3.2 ms)
EXACT_BELOW_PATTERN = 100  # the same for terms with ASCII word edges (a regular expression per row)
MAX_CLASSES = 400  # terms whose bounds split the rows into more classes than this are scored in full
SHORT_STEPS = 64  # rows by length norm are cut at this many quantiles
SLACK = 1e-9  # bounds are compared with this much room for floating-point rounding
KEPT_BOUNDS = 32  # the count bounds of this many search keys are kept (each up to 19 bitmaps)
KEPT_COUNTS = 100_000  # at most this many (term, row) counts are kept, the rows ranking read

Bounds = Callable[[str], "list[tuple[float, BitMap]] | None"]


class Ranking:
    """BM25 over the rows of one memo's packed search keys; ``document_frequency`` counts the articles holding a term
    (the executor knows it, often from the match it just ran); ``bounds`` (optional) splits
    the rows that may hold a search key by an upper bound of its count; ``order`` (optional)
    the rows in order of their length norm, as the row cache keeps it (else sorted when first
    needed)."""

    def __init__(
        self,
        titles: Keys,
        bodies: Keys,
        document_frequency: Callable[[Text], int],
        bounds: Bounds | None = None,
        order: Sequence[int] | None = None,
    ) -> None:
        self.size = len(titles)
        self.document_frequency = document_frequency
        self.bounds = bounds
        self.titles, self.bodies = titles, bodies  # counted without decoding
        self.title_lengths, self.body_lengths = titles.lengths, bodies.lengths
        self.avg_len = average_length(self.title_lengths, self.body_lengths)
        self.order = order if order is not None and len(order) == self.size else None
        self._split: dict[str, list[tuple[float, BitMap]] | None] = {}
        self._counted: dict[Text, dict[int, int]] = {}  # term → row → its count, as ranking read them
        self._kept = 0  # counts in ``_counted``

    def rank(self, order: Iterable[int], terms: list[Text], want: int) -> list[tuple[int, float]]:
        """The ``want`` best of ``order`` (rows in corpus order: a list or a bitmap) by BM25
        over the terms' occurrences (title ×2), ties in corpus order; every row scores 0
        when there are no terms."""
        if want <= 0:
            return []
        if not terms:
            return [(r, 0.0) for r in islice(order, want)]
        unique = list(dict.fromkeys(terms))
        weights = [_idf(self.size, self.document_frequency(term)) * (K1 + 1) for term in unique]
        size = len(order) if isinstance(order, (list, tuple, BitMap)) else 0
        least = EXACT_BELOW_PATTERN if any(t.pattern is not None for t in unique) else EXACT_BELOW
        if self.bounds is not None and size > least and want < size and not all(t.title_only for t in unique):
            found = self._pruned(order if isinstance(order, BitMap) else BitMap(order), unique, weights, want)
            if found is not None:
                return found
        rows = order if isinstance(order, list) else list(order)
        scores = self._scores(rows, unique, weights)
        best = heapq.nlargest(want, range(len(rows)), key=scores.__getitem__)  # stable: ties keep corpus order
        return [(rows[i], round(scores[i], 6)) for i in best]

    def _scores(self, rows: list[int], terms: list[Text], weights: list[float]) -> list[float]:
        norms = self.norms
        scores = [0.0] * len(rows)
        for term, weight in zip(terms, weights, strict=True):
            tfs = self._term_frequencies(term, rows)
            triples = zip(scores, tfs, rows, strict=True)
            scores = [s + weight * tf / (tf + norms[r]) if tf else s for s, tf, r in triples]
        return scores

    def _pruned(
        self, matched: BitMap, terms: list[Text], weights: list[float], want: int
    ) -> list[tuple[int, float]] | None:
        """The exact ranking from the rows that can still enter it; None when a term has no
        bounds (a one-character term) or they split the rows too finely."""
        classes = self._classes(matched, terms)
        if classes is None:
            return None
        least = self.lengths.norms[0]
        best_first = sorted(classes, key=lambda c: -_ceiling(c[0], weights, least))
        scored: dict[int, float] = {}
        top: list[float] = []  # the ``want`` best scores so far (a min-heap)

        def score(rows: list[int]) -> None:
            for row, s in zip(rows, self._scores(rows, terms, weights), strict=True):
                scored[row] = s
                (heapq.heappush if len(top) < want else heapq.heappushpop)(top, s)

        score(list(self._shortest(best_first[0][1], want)))
        norms = self.norms
        for bounds, rows in best_first:
            floor = top[0] * (1 - SLACK) if len(top) == want else -math.inf
            if _ceiling(bounds, weights, least) < floor:
                break  # this class's shortest possible row cannot score enough, nor the later classes'
            limit = self._norm_limit(bounds, weights, floor)
            if limit is None:
                continue
            near = rows & self.lengths.at_most(limit)
            score([r for r in near if r not in scored and norms[r] <= limit])
        ordered = sorted(scored)
        best = heapq.nlargest(want, ordered, key=scored.__getitem__)  # stable: ties keep corpus order
        return [(r, round(scored[r], 6)) for r in best]

    def _classes(self, matched: BitMap, terms: list[Text]) -> list[tuple[tuple[float, ...], BitMap]] | None:
        """The matching rows split by every term's count bound: [(bounds per term, rows)]."""
        classes: list[tuple[tuple[float, ...], BitMap]] = [((), matched)]
        for term in terms:
            split = self._bounds(term.key)
            if split is None:
                return None
            parts = [(bound, found) for bound, rows in split if (found := rows & matched)]
            rest = matched - BitMap.union(BitMap(), *(rows for _bound, rows in parts))
            if rest:
                parts.append((0.0, rest))  # rows without the term (an OR's other branch)
            classes = [((*b, bound), c & rows) for b, c in classes for bound, rows in parts if c.intersect(rows)]
            if len(classes) > MAX_CLASSES:
                return None
        return classes

    def forget(self) -> None:
        """Drop the kept count bounds and counts."""
        self._split.clear()
        self._counted.clear()
        self._kept = 0

    def _bounds(self, key: str) -> list[tuple[float, BitMap]] | None:
        if key not in self._split:
            if len(self._split) >= KEPT_BOUNDS:
                self._split.clear()
            self._split[key] = self.bounds(key) if self.bounds is not None else None
        return self._split[key]

    def _norm_limit(self, bounds: tuple[float, ...], weights: list[float], floor: float) -> float | None:
        """The largest length norm at which a row with these count bounds can still score
        ``floor`` (the rows' norms are searched: the ceiling falls as the norm grows); None
        when no row can."""
        norms = self.lengths.norms
        reach = bisect_right(range(len(norms)), -floor, key=lambda i: -_ceiling(bounds, weights, norms[i]))
        return norms[reach - 1] if reach else None

    def _shortest(self, rows: BitMap, want: int) -> BitMap:
        """About ``want`` of the shortest rows (by whole quantiles), to start the cut-off from."""
        norms = self.lengths.norms
        steps = 1
        while steps < SHORT_STEPS:
            found = rows & self.lengths.at_most(norms[max(0, steps * len(norms) // SHORT_STEPS - 1)])
            if len(found) >= want:
                return found
            steps *= 2
        return rows

    def prepare(self) -> None:
        """Compute the length norms now rather than in the first ranked query."""
        self.__dict__["norms"] = all_norms(self.title_lengths, self.body_lengths)
        if self.bounds is not None:
            self.lengths.prepare()

    @cached_property
    def norms(self) -> Sequence[float]:
        """BM25's length normalisation of every row: a flat array (8 bytes a row), or each
        row's computed when read while the saved order spares sorting them all."""
        if self.order is not None:
            return Norms(self.title_lengths, self.body_lengths)
        return all_norms(self.title_lengths, self.body_lengths)

    @cached_property
    def lengths(self) -> Lengths:
        """The rows by length norm."""
        return Lengths(self.norms, self.order)

    def _term_frequencies(self, term: Text, rows: list[int]) -> list[int]:
        """BM25's count of ``term`` in each row (title ×2 plus body); the counts read are kept,
        so that a refined or repeated query (a filter added, the next page) counts each row
        once (a common term's best rows: about a thousand counted, 10 ms at 82,000 articles)."""
        kept = self._counted.get(term)
        if kept is None:
            if self._kept + len(rows) > KEPT_COUNTS:
                self._counted.clear()
                self._kept = 0
            kept = self._counted[term] = {}
        missing = [r for r in rows if r not in kept] if kept else rows
        if not missing:
            return [kept[r] for r in rows]
        counted = dict(zip(missing, self._counted_in(term, missing), strict=True))
        if self._kept + len(counted) <= KEPT_COUNTS:
            kept.update(counted)
            self._kept += len(counted)
        return [kept[r] if r in kept else counted[r] for r in rows]  # past the limit: counted, not kept

    def _counted_in(self, term: Text, rows: list[int]) -> list[int]:
        titles, bodies, key = self.titles, self.bodies, term.key
        in_titles = titles.counts(key, rows)
        in_bodies = [0] * len(rows) if term.title_only else bodies.counts(key, rows)
        if term.pattern is not None:  # only a row that holds the key is decoded and matched
            count = term.count_in
            in_titles = [count(titles[r]) if n else 0 for r, n in zip(rows, in_titles, strict=True)]
            in_bodies = [count(bodies[r]) if n else 0 for r, n in zip(rows, in_bodies, strict=True)]
        return [TITLE_WEIGHT * t + b for t, b in zip(in_titles, in_bodies, strict=True)]


class Lengths:
    """Rows in order of their length norm: ``norms`` ascending, and the rows whose norm is
    at most a value as a bitmap (cut at quantiles, each kept once built). ``order``: the rows
    in that order when known (else sorted here)."""

    def __init__(self, norms: Sequence[float], order: Sequence[int] | None = None) -> None:
        if order is None:
            self.order: Sequence[int] = array("I", sorted(range(len(norms)), key=norms.__getitem__))
            self.norms: Sequence[float] = sorted(norms)
        else:
            self.order, self.norms = order, Ordered(norms, order)
        self.step = max(1, -(-len(norms) // SHORT_STEPS))
        self._prefixes: dict[int, BitMap] = {}

    def prepare(self) -> None:
        """Build the bitmap of every quantile now (each from the one before: about 64 of them,
        a few KB each), rather than in the first ranked queries."""
        total, last, found = len(self.norms), 0, BitMap()
        for cut in range(self.step, total + self.step, self.step):
            cut = min(cut, total)
            found = found | BitMap(self.order[last:cut])
            self._prefixes.setdefault(cut, found)
            last = cut

    def at_most(self, limit: float) -> BitMap:
        """Rows whose norm is at most ``limit``, and perhaps a few more (to a quantile)."""
        step = self.step
        cut = min(len(self.norms), -(-bisect_right(self.norms, limit) // step) * step)
        found = self._prefixes.get(cut)
        if found is None:  # from the longest prefix built so far below it (a cold search steps up through several)
            below = max((c for c in self._prefixes if c < cut), default=0)
            start = self._prefixes.get(below, BitMap())
            found = self._prefixes[cut] = start | BitMap(self.order[below:cut])
        return found


def _ceiling(bounds: tuple[float, ...], weights: list[float], norm: float) -> float:
    """The best score a row with these count bounds and this length norm can have."""
    total = 0.0
    for bound, weight in zip(bounds, weights, strict=True):
        if bound == math.inf:
            total += weight
        elif bound:
            total += weight * bound / (bound + norm)
    return total


def _idf(total: int, df: int) -> float:
    return math.log(1 + (total - df + 0.5) / (df + 0.5))
