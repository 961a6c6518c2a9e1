"""What the engine keeps in memory for every article, and the cache file that holds it.

Matching, ranking, facet counts and corpus order never touch Whoosh's stored fields: each
article's search keys (title and body), a short metadata record and its facet values live
in one :class:`Memo`, rows in corpus order. Building it reads every stored document, so it
is cached in the Whoosh folder (``gxq-memo.bin``, Python's ``marshal`` format; a rebuilt
index starts without one) under a tag naming the index generation and segments. A newer
generation is built incrementally, reusing the rows of articles whose id is unchanged.
"""

from __future__ import annotations

import contextlib
import io
import json
import marshal
import sys
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from search_index.facets import MULTI_VALUED
from search_index.index import columns as col
from search_index.index import mapped
from search_index.index.columns import Lists, Utf8Strings
from search_index.index.folder import write_private
from search_index.index.keys import Keys, Pairs
from search_index.index.mapped import Damaged
from search_index.index.memo_shape import check_lengths, check_shape

MEMO_VERSION = 18  # 10: keys mapped as UTF-16; 11: ids too; 12: aligned; 13: facet values too; 14: by_length;
# 15: the facet lists mapped too; 16: facet_split, sources and aliases mapped; 17: the values' order saved;
# 18: the split keeps a column of value ids for a facet of one value each (source in a corpus of pages)
FILE_NAME = "gxq-memo.bin"
DETAIL_FIELDS = ("blocks", "spans", "entity_aliases", "people_roles", "file_sha1", "subheads")  # read on demand
# The short metadata record, in this order; a row keeps the values of all but the first
# three (which it has as ``ids``, ``sources`` and ``orders``) as a JSON array: key names
# repeated in every row cost more than the values.
SHORT_KEYS = (
    "id",
    "source",
    "order",
    "kind",
    "title",
    "title_derived",
    "kicker",
    "subtitle",
    "byline",
    "dateline",
    "publication",
    "date",
    "date_from",
    "url",
    "locator",
    "format",
    "column",
    "continued",
    "lines",
    "chars",
    "encoding",
)
ROW_KEYS = SHORT_KEYS[3:]

FacetKey = tuple[str, str]  # (facet, value)
AliasKey = tuple[str, str, str]  # (facet, surface form seen in a text, canonical value)


def _ints() -> array:
    return array("i")


@dataclass
class Memo:
    """Per-article rows in corpus order (row numbers are what queries return). Numbers are
    flat arrays and metadata one UTF-8 buffer, so that a cached memo loads in a fraction of
    a second even at 100,000 articles; the search keys are :class:`Keys` (a loaded memo's
    are the cache file, mapped), or plain lists of strings in a memo put together by hand."""

    build: str = ""  # IndexStore.build_id() of the index the rows were read from
    docnums: array = field(default_factory=_ints)  # row → Whoosh document number
    ids: Sequence[str] = field(default_factory=list)  # row → article id
    metas: Utf8Strings = field(default_factory=Utf8Strings)  # row → JSON array of its ROW_KEYS values
    titles: Sequence[str] = field(default_factory=list)  # row → search key of kicker, title, subtitle
    bodies: Sequence[str] = field(default_factory=list)  # row → search key of the body
    facets: Lists = field(default_factory=Lists)  # row → ids into facet_values
    facet_values: Sequence[FacetKey] = field(default_factory=list)  # Pairs when loaded
    value_rows: Lists = field(default_factory=Lists)  # facet value id → its rows, ascending
    sources: Utf8Strings = field(default_factory=Utf8Strings)  # the corpus files, each once (decoded when shown)
    source_ids: array = field(default_factory=_ints)  # row → index into sources
    orders: array = field(default_factory=_ints)  # row → order on its page
    aliases: Lists = field(default_factory=Lists)  # row → ids into alias_values
    alias_values: list[AliasKey] = field(default_factory=list)
    dates: array = field(default_factory=_ints)  # row → date code (daterange.date_code)
    by_length: array = field(default_factory=_ints)  # rows in order of BM25's length norm (empty: not known)
    facet_split: dict = field(default_factory=dict)  # how facets are counted (facetsplit.to_record; empty: not known)

    def __len__(self) -> int:
        return len(self.ids)

    def order_key(self, row: int) -> tuple[str, int]:
        """(source file, order on the page): what corpus order sorts by."""
        return self.sources[self.source_ids[row]], self.orders[row]

    def meta(self, row: int) -> dict:
        """The short metadata record of a row (its facet lists rebuilt from ``facets``)."""
        source, order = self.order_key(row)
        meta: dict[str, Any] = {"id": self.ids[row], "source": source, "order": order}
        meta.update(zip(ROW_KEYS, json.loads(self.metas[row]), strict=True))
        meta.update((f, []) for f in MULTI_VALUED)
        for i in self.facets[row]:
            facet, value = self.facet_values[i]
            if facet in MULTI_VALUED:
                meta[facet].append(value)
        return meta

    def alias_table(self) -> dict[str, dict[str, list[str]]]:
        """facet → surface form → the canonical values it was seen for (in corpus order)."""
        table: dict[str, dict[str, list[str]]] = {}
        for i in dict.fromkeys(self.aliases.values):
            facet, form, value = self.alias_values[i]
            table.setdefault(facet, {}).setdefault(form, []).append(value)
        return table


def index_tag(ix) -> str:
    """Names one committed state of a Whoosh index (generation and segment ids)."""
    segments = ",".join(sorted(seg.segment_id() for seg in ix._segments()))
    return f"g{ix.latest_generation()}-{segments}"


def _version() -> str:
    return f"{MEMO_VERSION}-py{sys.version_info[0]}.{sys.version_info[1]}"


# How each field is written: ids, search keys and metadata as mapped sections (MAPPED),
# arrays and lists as machine bytes, facet values as two text columns, the rest with marshal.
_CODECS = {
    array: (col.dump_array, col.load_array),
    Lists: (col.dump_lists, col.load_lists),
    Utf8Strings: (col.dump_utf8, col.load_utf8),
}
# sections read by mapping the file (decoded a row at a time)
MAPPED = {
    "ids": Keys,
    "titles": Keys,
    "bodies": Keys,
    "metas": Utf8Strings,
    "facet_values": Pairs,
    "facets": Lists,  # row → facet value ids, and value id → rows: 1.3 million ints each at 74,000 articles,
    "value_rows": Lists,  # read in place rather than copied (four copies of 5 MB cost a cold search 60 ms)
    "sources": Utf8Strings,  # as many as the rows in a corpus of one-article files (2 MB, 6 ms to copy at 74,000)
    "aliases": Lists,  # 300,000 ids at 74,000 articles
}


def _codec(name: str, value) -> tuple:
    return _CODECS.get(type(value), (marshal.dump, marshal.load))


def _write_section(fh, dump, value) -> None:
    """One section: its bytes and their CRC-32, so that a reader can verify before trusting."""
    buf = io.BytesIO()
    dump(value, buf)
    raw = buf.getbuffer()
    marshal.dump((zlib.crc32(raw), raw), fh)


def _read_section(fh, load, name: str):
    """Read a section written by :func:`_write_section`; Damaged when its checksum fails."""
    crc, raw = marshal.load(fh)
    if not isinstance(raw, bytes) or zlib.crc32(raw) != crc:
        raise Damaged(f"section '{name}' fails its checksum")
    inner = io.BytesIO(raw)
    value = load(inner)
    if inner.tell() != len(raw):
        raise Damaged(f"section '{name}' has trailing bytes")
    return value


def _head(fh) -> dict | None:
    """A cache file's header when this version of the code wrote it (same fields), else None."""
    head = _read_section(fh, marshal.load, "header")
    ours = isinstance(head, dict) and head.get("version") == _version()
    return head if ours and head.get("fields") == list(Memo().__dict__) else None


def stored_tag(path: Path) -> str | None:
    """The tag a cached memo was written for; None when absent or of another version."""
    try:
        with open(path, "rb") as fh:
            head = _head(fh)
    except Exception:  # missing, truncated, another Python's marshal format
        return None
    return head.get("tag") if head else None


def load(path: Path, tag: str | None = None, problem=None, later: mapped.Later | None = None) -> Memo | None:
    """The cached memo if it was made for ``tag`` (any tag when None); None when absent,
    stale or unreadable. Every section is verified against its checksum and the columns'
    lengths against each other (the ids in them were checked when the file was written:
    bytes that match their checksum are those ids); a damaged file is reported to
    ``problem`` (one line), then removed. With ``later`` the checksums of the mapped
    sections are its thread's to check."""
    try:
        with open(path, "rb") as fh:
            head = _head(fh)
            if head is None or (tag is not None and head.get("tag") != tag):
                return None
            values, heads = {}, {}
            for name, v in Memo().__dict__.items():
                if name in MAPPED:
                    heads[name] = mapped.skip(fh, name)
                else:
                    values[name] = _read_section(fh, _codec(name, v)[1], name)
            values.update(mapped.load(fh, heads, MAPPED, later))
            memo = Memo(**values)
            check_lengths(memo)
            return memo
    except FileNotFoundError:
        return None
    except Exception as exc:  # damaged, truncated, another Python's marshal format: rebuild
        if problem is not None:
            problem(f"warning: row cache {path.name} is damaged ({_why(exc)}); rebuilding it")
        with contextlib.suppress(OSError):
            path.unlink()
        return None


def _why(exc: Exception) -> str:
    return str(exc) if isinstance(exc, Damaged) else type(exc).__name__


def save(memo: Memo, path: Path, tag: str) -> None:
    """Write the memo atomically (owner-only), one checksummed section after another (so
    that no second copy of the whole memo is held in memory); a cache folder that cannot be
    written is not an error. Damaged (nothing written) when the memo does not fit together
    (``memo_shape.check_shape``): a file is checked whole once, here, and against its
    checksums when read."""
    check_shape(memo)
    fields = list(memo.__dict__)

    def write(fh) -> None:
        _write_section(fh, marshal.dump, {"version": _version(), "tag": tag, "fields": fields})
        for name in fields:
            value = getattr(memo, name)
            if name in MAPPED:
                mapped.write(fh, value)
            else:
                _write_section(fh, _codec(name, value)[0], value)

    write_private(path, write)
