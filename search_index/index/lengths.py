"""BM25's length normalisation of every row, and the rows in order of it, kept in the row cache.

A row's length is its body's characters plus twice its title's (an occurrence in the title
counts twice). Ranking needs each scored row's norm and, to count only the rows that can
enter the page, every row in order of its norm: sorting 74,000 rows by a key costs about
70 ms, so the order is computed when the rows are built and saved with them, and a norm is
computed when a row is scored (a query scores a few hundred rows).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

K1, B = 1.2, 0.75  # BM25 constants (Whoosh's and Lucene's defaults)
TITLE_WEIGHT = 2  # an occurrence in the title counts as two in the body


def average_length(title_lengths: Sequence[int], body_lengths: Sequence[int]) -> float:
    """The mean weighted length of the rows (0.0 for none)."""
    return (sum(body_lengths) + TITLE_WEIGHT * sum(title_lengths)) / max(1, len(title_lengths))


def all_norms(title_lengths: Sequence[int], body_lengths: Sequence[int]) -> array:
    """Every row's norm as a flat array (8 bytes a row)."""
    avg = average_length(title_lengths, body_lengths) or 1.0
    pairs = zip(title_lengths, body_lengths, strict=True)
    return array("d", (K1 * (1 - B + B * (b + TITLE_WEIGHT * t) / avg) for t, b in pairs))


def norm_order(title_lengths: Sequence[int], body_lengths: Sequence[int]) -> array:
    """The rows in order of their norm, equal norms in row order."""
    norms = all_norms(title_lengths, body_lengths)
    return array("I", sorted(range(len(norms)), key=norms.__getitem__))


class Norms(Sequence[float]):
    """Row → norm, each computed when read (the same value :func:`all_norms` holds)."""

    __slots__ = ("avg", "bodies", "titles")

    def __init__(self, title_lengths: Sequence[int], body_lengths: Sequence[int]) -> None:
        self.titles, self.bodies = title_lengths, body_lengths
        self.avg = average_length(title_lengths, body_lengths) or 1.0

    def __len__(self) -> int:
        return len(self.titles)

    def __getitem__(self, row):
        if isinstance(row, slice):
            return [self[r] for r in range(*row.indices(len(self)))]
        return K1 * (1 - B + B * (self.bodies[row] + TITLE_WEIGHT * self.titles[row]) / self.avg)


class Ordered(Sequence[float]):
    """The norms in ascending order, read through the saved order (for bisection)."""

    __slots__ = ("norms", "order")

    def __init__(self, norms: Sequence[float], order: Sequence[int]) -> None:
        self.norms, self.order = norms, order

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return self.norms[self.order[i]]
