"""A plain facet pane's rows, made from a facet's counts and the values chosen as filters:
chosen and excluded values first (kept at 0), then the rest by count. Pure functions, apart
from the widget."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice

Row = tuple[str, str, int, str, int]  # (facet, value, count, mark, depth)


def flat_rows(facet, counts: Mapping[str, int], included, excluded) -> list[Row]:
    """Selected and excluded values first (kept at 0), then the rest by count."""
    rows = _chosen_rows(facet, counts, included, excluded)
    chosen = set(included) | set(excluded)
    rows += [(facet, v, c, " ", 0) for v, c in counts.items() if v not in chosen]
    return rows


def flat_head(facet, counts: Mapping[str, int], included, excluded, limit: int) -> tuple[list, int]:
    """``flat_rows``' first ``limit`` rows and how many it has, without making the others."""
    head = _chosen_rows(facet, counts, included, excluded)
    chosen = set(included) | set(excluded)
    count = len(head) + len(counts) - sum(1 for v in chosen if v in counts)
    first = getattr(counts, "first", None)  # counts written out when read (a file per value): only the first
    pairs = first(limit + len(chosen)) if first is not None else counts.items()
    head += islice(((facet, v, c, " ", 0) for v, c in pairs if v not in chosen), max(0, limit - len(head)))
    return head[:limit], count


def _chosen_rows(facet, counts: Mapping[str, int], included, excluded) -> list[Row]:
    return [(facet, v, counts.get(v, 0), "-" if v in excluded else "+", 0) for v in (*included, *excluded)]
