"""Saved searches: a named query with its facet filters, kept in the per-user config
directory (``saved_searches.json``) and written atomically so a crash never loses the list."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from search_index.errors import ConfigError, UnknownSaved, UserError
from search_index.reference.userdict import config_dir

FILE_NAME = "saved_searches.json"


@dataclass(frozen=True)
class SavedSearch:
    """A query and its filters under a name."""

    name: str
    query: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    exclude: dict[str, list[str]] = field(default_factory=dict)
    saved: str = ""
    corpus: str = ""  # the corpus folder it was saved on ("" before corpora were recorded)

    def describe(self) -> str:
        """One line: the query and the filters."""
        parts = [self.query] if self.query else []
        parts += [f"{k}:{v}" for k, vs in self.filters.items() for v in vs]
        parts += [f"-{k}:{v}" for k, vs in self.exclude.items() for v in vs]
        return " ".join(parts) or "(all articles)"


class SavedSearches:
    """The saved searches of one user; every change is written at once."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / FILE_NAME
        self.problem = ""  # why the file could not be read, if it could not

    def all(self) -> list[SavedSearch]:
        """Every saved search, in the order saved. An unreadable file gives [] and a problem."""
        self.problem = ""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return [_entry(item) for item in raw.get("searches", [])]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, TypeError, AttributeError, KeyError) as exc:
            why = exc.strerror if isinstance(exc, OSError) else f"not a saved-searches file ({type(exc).__name__})"
            self.problem = f"cannot read saved searches in {self.path}: {why}"
            return []

    def get(self, name: str) -> SavedSearch:
        """One saved search by name; UnknownSaved names what exists."""
        items = self.all()
        if self.problem:
            raise ConfigError(self.problem)
        for item in items:
            if item.name == name:
                return item
        names = ", ".join(s.name for s in self.all()) or "none saved yet"
        raise UnknownSaved(f"no saved search '{name}' ({names})")

    def save(
        self, name: str, query: str, filters: dict | None = None, exclude: dict | None = None, corpus: str = ""
    ) -> SavedSearch:
        """Save (or replace) a search under ``name``, noting the corpus folder it belongs to."""
        name = name.strip()
        if not name:
            raise UserError("a saved search needs a name")
        items = self.all()
        if self.problem:
            raise ConfigError(self.problem + " (not overwriting it: fix or move the file)")
        stamp = datetime.now().astimezone().isoformat(timespec="seconds")
        entry = SavedSearch(name, query, _clean(filters), _clean(exclude), stamp, corpus)
        items = [s for s in items if s.name != name] + [entry]
        self._write(items)
        return entry

    def delete(self, name: str) -> None:
        """Forget a saved search."""
        items = self.all()
        if self.problem:
            raise ConfigError(self.problem + " (not overwriting it: fix or move the file)")
        kept = [s for s in items if s.name != name]
        if len(kept) == len(items):
            raise UnknownSaved(f"no saved search '{name}'")
        self._write(kept)

    def _write(self, items: list[SavedSearch]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"version": 1, "searches": [asdict(s) for s in items]}, ensure_ascii=False, indent=2)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".saved-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(data + "\n")
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def current_counts(engine, searches: list[SavedSearch]) -> list[tuple[SavedSearch, int | str]]:
    """Each saved search with how many results it has now, or why it can no longer run."""
    rows: list[tuple[SavedSearch, int | str]] = []
    for saved in searches:
        try:
            count: int | str = engine.search(saved.query, saved.filters, saved.exclude, limit=0).total
        except ValueError as exc:  # a query or filter that no longer parses (QueryError)
            count = f"error: {exc}"
        rows.append((saved, count))
    return rows


def _clean(filters: dict | None) -> dict[str, list[str]]:
    return {k: list(v) for k, v in (filters or {}).items() if v}


def _entry(item: dict) -> SavedSearch:
    return SavedSearch(
        str(item["name"]),
        str(item.get("query", "")),
        _clean(item.get("filters")),
        _clean(item.get("exclude")),
        str(item.get("saved", "")),
        str(item.get("corpus", "")),
    )
