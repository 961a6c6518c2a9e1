"""Building the rows of :class:`~search_index.index.memo.Memo`: from the rows made as a build
writes its documents (:class:`Prepared`, held in :class:`WrittenRows`), from a previous memo's
rows of unchanged articles, or from the stored documents; then packed into one memo."""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import NamedTuple

from search_index.analysis.textnorm import key_of
from search_index.dates.ranges import date_code
from search_index.facets import MULTI_VALUED, SINGLE_VALUED
from search_index.index import facetsplit, jsontext
from search_index.index.columns import Lists, Utf8Strings
from search_index.index.heap import give_back_freed
from search_index.index.keys import Keys
from search_index.index.lengths import norm_order
from search_index.index.memo import ROW_KEYS, AliasKey, FacetKey, Memo

TRIM_ROWS = 8192  # while the bodies are packed, freed pages go back to the system after this many rows


@dataclass(slots=True)
class _Row:
    order_key: tuple[str, int]
    docnum: int
    ident: str
    meta: str
    title: str
    body: str
    facets: tuple[int, ...]  # ids into the new memo's facet_values
    aliases: tuple[int, ...]  # ids into the new memo's alias_values
    date: int = 0  # daterange.date_code of the article's date


def build(
    reader,
    build_id: str,
    previous: Memo | None = None,
    prepared: MutableMapping[str, Prepared | None] | None = None,
) -> Memo:
    """Rows for every live document of ``reader``, reusing by article id the rows of a
    ``previous`` memo of the same build (a rebuild may extract other entities), else taking
    ``prepared`` rows (made from the documents as they were written, by id; None for an id
    written twice; each is taken out as its row is made, so that the two are not both held),
    else reading the stored document."""
    if previous is None or previous.build != build_id or not build_id:
        previous = None
    if not reader.doc_count():  # an empty index has no columns to read
        return Memo(build=build_id)
    reuse = {ident: row for row, ident in enumerate(previous.ids)} if previous else {}
    made = prepared or {}
    ids = reader.column_reader("id")
    numbers = _Numbers()  # facet values and aliases become small integers as rows are read
    rows: list[_Row] = []
    for docnum in reader.all_doc_ids():
        ident = ids[docnum]
        old = reuse.get(ident)
        if old is not None and previous is not None:
            rows.append(_reused(previous, old, docnum, numbers))
        elif (ready := made.pop(ident, None)) is not None:  # taken: its tuple goes as its row is made
            rows.append(_numbered(ready, docnum, numbers))
        else:
            rows.append(_fresh(reader.stored_fields(docnum), docnum, numbers))
    rows.sort(key=lambda r: r.order_key)
    memo = _assemble(rows, list(numbers.facets), list(numbers.aliases))
    memo.build = build_id
    return memo


@dataclass(slots=True)
class _Numbers:
    """The integers given to facet values and aliases so far in one build."""

    facets: dict[FacetKey, int] = field(default_factory=dict)
    aliases: dict[AliasKey, int] = field(default_factory=dict)


def _ids(values, numbers: dict) -> tuple[int, ...]:
    return tuple(numbers.setdefault(v, len(numbers)) for v in values)


def _reused(p: Memo, row: int, docnum: int, numbers: _Numbers) -> _Row:
    facets = _ids((p.facet_values[i] for i in p.facets[row]), numbers.facets)
    aliases = _ids((p.alias_values[i] for i in p.aliases[row]), numbers.aliases)
    date = p.dates[row]
    return _Row(p.order_key(row), docnum, p.ids[row], p.metas[row], p.titles[row], p.bodies[row], facets, aliases, date)


class Prepared(NamedTuple):
    """An article's row before its facet values and aliases are numbered: what a stored
    document gives (:func:`prepared_row`), made once as the document is written. Tuples of
    strings and numbers only, which the garbage collector stops tracking: a build holds one
    per article until the rows are assembled."""

    order_key: tuple[str, int]
    ident: str
    meta: str
    title: str
    body: str
    facets: tuple[FacetKey, ...]
    aliases: tuple[AliasKey, ...]
    date: int


def prepared_row(meta: dict, text: str, body: str | None = None) -> Prepared:
    """The row of an article from its stored ``meta`` (as JSON would give it back) and text
    (``body``: the text's key when known)."""
    from search_index.index.schema import title_line  # the indexing code: not needed to load a cached memo

    values = [(f, v) for f in MULTI_VALUED for v in meta.get(f, ())]
    values += [(f, meta[f]) for f in SINGLE_VALUED if meta.get(f)]  # source and kind always have one
    aliases = [
        (facet, form, value)
        for facet, by_value in (meta.get("entity_aliases") or {}).items()
        for value, forms in by_value.items()
        for form in forms
    ]
    return Prepared(
        (meta["source"], meta["order"]),
        meta["id"],
        jsontext.dumps([meta.get(k) for k in ROW_KEYS]),
        key_of(title_line(meta.get("kicker"), meta["title"], meta.get("subtitle"))),
        key_of(text) if body is None else body,
        tuple(values),
        tuple(aliases),
        date_code(meta.get("date") or ""),
    )


class WrittenRows(dict[str, Prepared | None]):
    """The rows made as a build writes its documents, by article id (None for an id written
    twice), held until the row cache is assembled. Their facet values and aliases are shared
    between articles (a few thousand distinct ones among millions): a row holds 1.6 KB less."""

    def __init__(self) -> None:
        super().__init__()
        self._shared: dict = {}

    def keep(self, row: Prepared) -> None:
        """Hold ``row`` (or note its id as written twice)."""
        if row.ident in self:
            self[row.ident] = None
            return
        share = self._shared.setdefault
        facets, aliases = tuple([share(v, v) for v in row.facets]), tuple([share(a, a) for a in row.aliases])
        self[row.ident] = row._replace(facets=facets, aliases=aliases)


def _fresh(stored: dict, docnum: int, numbers: _Numbers) -> _Row:
    return _numbered(prepared_row(json.loads(stored["meta"]), stored["text"]), docnum, numbers)


def _numbered(p: Prepared, docnum: int, numbers: _Numbers) -> _Row:
    facets, aliases = _ids(p.facets, numbers.facets), _ids(p.aliases, numbers.aliases)
    return _Row(p.order_key, docnum, p.ident, p.meta, p.title, p.body, facets, aliases, p.date)


def _bodies_taken(rows: list[_Row], every: int = TRIM_ROWS) -> Iterator[str]:
    """Each row's body key, taken out of its row as it is packed, the heap's freed pages
    handed back every ``every`` rows: the bodies are not held twice, as strings and packed."""
    for n, row in enumerate(rows, 1):
        body, row.body = row.body, ""
        yield body
        if n % every == 0:
            give_back_freed()
    give_back_freed()


def _assemble(rows: list[_Row], facet_values: list[FacetKey], alias_values: list[AliasKey]) -> Memo:
    sources: dict[str, int] = {}
    memo = Memo(
        docnums=array("i", (r.docnum for r in rows)),
        ids=Keys.of([r.ident for r in rows]),
        metas=Utf8Strings.of(r.meta for r in rows),
        titles=Keys.of([r.title for r in rows]),
        bodies=Keys.of(_bodies_taken(rows)),
        facets=Lists.of(r.facets for r in rows),
        facet_values=facet_values,
        source_ids=array("i", (sources.setdefault(r.order_key[0], len(sources)) for r in rows)),
        orders=array("i", (r.order_key[1] for r in rows)),
        aliases=Lists.of(r.aliases for r in rows),
        alias_values=alias_values,
        dates=array("i", (r.date for r in rows)),
    )
    memo.sources = Utf8Strings.of(sources)
    memo.value_rows = memo.facets.inverse(len(facet_values))
    memo.by_length = norm_order(memo.titles.lengths, memo.bodies.lengths)  # type: ignore[attr-defined]
    split = facetsplit.build(memo.facets, facet_values, memo.value_rows)
    memo.facet_split = facetsplit.to_record(split, memo.sources)
    return memo
