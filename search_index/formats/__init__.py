"""File formats → records. One module per format; :func:`records_of` picks by suffix.

Plain text (``.txt``, ``.md``) is one record whose layout is decided later (an OCR'd page or
one article with a header block); structured formats give one record per article.
"""

from __future__ import annotations

from ..reading import SourceText
from ..records import Record


def records_of(src: SourceText) -> list[Record]:
    """The records of one decoded file, in file order."""
    fmt = src.rel.rsplit(".", 1)[-1].lower() if "." in src.rel else "txt"
    return [Record(text=src.text, fmt=fmt)]
