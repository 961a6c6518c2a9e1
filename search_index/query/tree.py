"""A compiled query as a tree of nodes: text terms, facet values, date ranges (from
:mod:`search_index.dates.ranges`), every article, and AND / OR / NOT over them. The parser
(:mod:`search_index.query.parser`) builds it; :mod:`search_index.query.execute` runs it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from search_index.dates.ranges import DateRange

_EDGE = "a-z0-9"


@dataclass(frozen=True)
class Text:
    """A search key that must occur in the title (and, unless ``title_only``, the body)."""

    key: str
    title_only: bool = False
    word_prefix: bool = False  # ``ai*``: an ASCII word that starts with the key

    @cached_property
    def pattern(self) -> re.Pattern | None:
        """A regex for keys with ASCII word edges; None when ``in`` is exact."""
        head = self.key[:1].isascii() and self.key[:1].isalnum()
        tail = self.key[-1:].isascii() and self.key[-1:].isalnum() and not self.word_prefix
        if not (head or tail):
            return None
        return re.compile(
            (f"(?<![{_EDGE}])" if head else "") + re.escape(self.key) + (f"(?![{_EDGE}])" if tail else "")
        )

    def found_in(self, key: str) -> bool:
        """True when the term occurs in one search key."""
        return self.key in key and (self.pattern is None or self.pattern.search(key) is not None)

    def count_in(self, key: str) -> int:
        """Occurrences of the term in one search key."""
        if self.key not in key:
            return 0
        return key.count(self.key) if self.pattern is None else len(self.pattern.findall(key))


@dataclass(frozen=True)
class Facet:
    """Articles with any of ``values`` in a facet (or a value starting with one of them)."""

    facet: str
    values: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Every:
    """Every article."""


@dataclass(frozen=True)
class And:
    """Articles matching every part."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """Articles matching any part."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """Articles not matching the part."""

    part: Node


Node = Text | Facet | Every | And | Or | Not | DateRange
