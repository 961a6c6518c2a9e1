"""BM25 ranking of matching rows over the in-memory search keys: a term's occurrences in the
title count twice, documents are normalised by their length (title ×2 plus body)."""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from functools import cached_property

from search_index.index.memo import Memo
from search_index.query.tree import Text

K1, B = 1.2, 0.75  # BM25 constants (Whoosh's and Lucene's defaults)
TITLE_WEIGHT = 2  # an occurrence in the title counts as two in the body


class Ranking:
    """BM25 over one memo's rows; ``document_frequency`` counts the articles holding a term
    (the executor knows it, often from the match it just ran)."""

    def __init__(self, memo: Memo, document_frequency: Callable[[Text], int]) -> None:
        self.memo = memo
        self.size = len(memo)
        self.document_frequency = document_frequency
        self.avg_len = (sum(map(len, memo.bodies)) + TITLE_WEIGHT * sum(map(len, memo.titles))) / max(1, self.size)

    def rank(self, order: list[int], terms: list[Text], want: int) -> list[tuple[int, float]]:
        """The ``want`` best of ``order`` (rows in corpus order) by BM25 over the terms'
        occurrences (title ×2), ties in corpus order; every row scores 0 when there are no
        terms."""
        if want <= 0:
            return []
        if not terms:
            return [(r, 0.0) for r in order[:want]]
        norms = self.norms
        scores = [0.0] * len(order)
        for term in dict.fromkeys(terms):
            weight = _idf(self.size, self.document_frequency(term)) * (K1 + 1)
            tfs = self._term_frequencies(term, order)
            triples = zip(scores, tfs, order, strict=True)
            scores = [s + weight * tf / (tf + norms[r]) if tf else s for s, tf, r in triples]
        best = heapq.nlargest(want, range(len(order)), key=scores.__getitem__)  # stable: ties keep corpus order
        return [(order[i], round(scores[i], 6)) for i in best]

    def prepare(self) -> None:
        """Compute the length norms now rather than in the first ranked query."""
        _ = self.norms

    @cached_property
    def norms(self) -> list[float]:
        """BM25's length normalisation of every row."""
        titles, bodies, avg = self.memo.titles, self.memo.bodies, self.avg_len or 1.0
        return [K1 * (1 - B + B * (len(b) + TITLE_WEIGHT * len(t)) / avg) for t, b in zip(titles, bodies, strict=True)]

    def _term_frequencies(self, term: Text, rows: list[int]) -> list[int]:
        titles, bodies, key = self.memo.titles, self.memo.bodies, term.key
        if term.pattern is not None:
            count = term.count_in
            if term.title_only:
                return [TITLE_WEIGHT * count(titles[r]) for r in rows]
            return [TITLE_WEIGHT * count(titles[r]) + count(bodies[r]) for r in rows]
        if term.title_only:
            return [TITLE_WEIGHT * titles[r].count(key) for r in rows]
        return [TITLE_WEIGHT * titles[r].count(key) + bodies[r].count(key) for r in rows]


def _idf(total: int, df: int) -> float:
    return math.log(1 + (total - df + 0.5) / (df + 0.5))
