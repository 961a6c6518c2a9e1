"""How Whoosh keeps an article's stored fields (its text, metadata, id and source): the
pickled dict of each document in a zlib stream of its own, as always, but at level 0
(stored blocks, not deflated).

Deflating Chinese UTF-8 saved about a third of those bytes and cost a build 3.6 % of its
instructions, one ``zlib.compress`` per document. Nothing reads the column compressed, and
a level-0 stream is read back by the same ``zlib.decompress`` (faster): indexes written
before read as they did, and every output is the same."""

from __future__ import annotations

from whoosh import columns
from whoosh.codec import whoosh3

LEVEL = 0  # zlib level of the stored-fields column (Whoosh's default: 3)


def plain_stored_fields() -> None:
    """Make the writers this process starts from now on keep stored fields undeflated
    (Whoosh reads its module's column when a segment's writer starts and per document)."""
    child = getattr(whoosh3.STORED_COLUMN, "_child", None)
    if getattr(child, "_level", None) != LEVEL:
        whoosh3.STORED_COLUMN = columns.PickleColumn(columns.CompressedBytesColumn(level=LEVEL))
