"""BM25 ranking of matching rows over the in-memory search keys: a term's occurrences in the
title count twice, documents are normalised by their length (title ×2 plus body)."""

from __future__ import annotations

import heapq
import math
from array import array
from collections.abc import Callable
from functools import cached_property

from search_index.index.keys import as_keys, lengths
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
        self.titles, self.bodies = as_keys(memo.titles), as_keys(memo.bodies)  # counted without decoding
        self.title_lengths, self.body_lengths = lengths(memo.titles), lengths(memo.bodies)
        self.avg_len = (sum(self.body_lengths) + TITLE_WEIGHT * sum(self.title_lengths)) / max(1, self.size)

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
    def norms(self) -> array:
        """BM25's length normalisation of every row (a flat array: 8 bytes a row)."""
        titles, bodies, avg = self.title_lengths, self.body_lengths, self.avg_len or 1.0
        return array(
            "d", (K1 * (1 - B + B * (b + TITLE_WEIGHT * t) / avg) for t, b in zip(titles, bodies, strict=True))
        )

    def _term_frequencies(self, term: Text, rows: list[int]) -> list[int]:
        titles, bodies, key = self.titles, self.bodies, term.key
        in_titles = titles.counts(key, rows)
        in_bodies = [0] * len(rows) if term.title_only else bodies.counts(key, rows)
        if term.pattern is not None:  # only a row that holds the key is decoded and matched
            count = term.count_in
            in_titles = [count(titles[r]) if n else 0 for r, n in zip(rows, in_titles, strict=True)]
            in_bodies = [count(bodies[r]) if n else 0 for r, n in zip(rows, in_bodies, strict=True)]
        return [TITLE_WEIGHT * t + b for t, b in zip(in_titles, in_bodies, strict=True)]


def _idf(total: int, df: int) -> float:
    return math.log(1 + (total - df + 0.5) / (df + 0.5))
