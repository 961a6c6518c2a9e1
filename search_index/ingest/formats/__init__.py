"""File formats → records. One module per format; :func:`iter_records` picks by suffix.

Plain text (``.txt``, ``.md``) is one record whose layout is decided later (an OCR'd page or
one article with a header block); exports give one record per article, web pages and Word
files one clean article, PDFs their text layer. A file that cannot be read as its format
says raises :class:`Unreadable` with the reason; problems with single records are warned
about once per file in ``src.warnings`` and the rest is read.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

from search_index.ingest.formats.base import Unreadable
from search_index.ingest.formats.fields import FieldError, FieldMap
from search_index.ingest.reading import SourceText
from search_index.ingest.records import Record

__all__ = ["Unreadable", "iter_records", "records_of"]


def records_of(src: SourceText) -> list[Record]:
    """The records of one read file, in file order."""
    return list(iter_records(src))


def iter_records(src: SourceText, fields: FieldMap | None = None) -> Iterator[Record]:
    """The records of one read file, lazily (a streamed export is read record by record)."""
    fmt = src.fmt
    if fmt in LIBRARY_READERS:
        yield from _library_records(src)
        return
    if fmt not in ("jsonl", "csv", "tsv", "json", "md"):
        yield Record(text=src.text, fmt=fmt)
        return
    try:
        fmap = fields or FieldMap()
    except FieldError as exc:
        raise Unreadable(str(exc)) from None
    if fmt == "jsonl":
        from search_index.ingest.formats.structured import jsonl_records

        with _lines(src) as lines:
            yield from jsonl_records(src.rel, lines, src.warnings, fmap)
    elif fmt in ("csv", "tsv"):
        from search_index.ingest.formats.structured import table_records

        with _lines(src) as lines:
            yield from table_records(src.rel, lines, fmt, src.warnings, fmap)
    elif fmt == "json":
        from search_index.ingest.formats.structured import json_records

        yield from json_records(src.rel, src.text, src.warnings, fmap)
    else:
        from search_index.ingest.formats.markdown import markdown_records

        yield from markdown_records(src.rel, src.text, fmap)


LIBRARY_READERS = ("html", "docx", "pdf")  # read by third-party libraries


def _library_records(src: SourceText) -> list[Record]:
    """Web pages, Word files, PDFs: whatever their library raises on a damaged file is a skip."""
    from search_index.ingest.formats.office import docx_records
    from search_index.ingest.formats.pdf import pdf_records
    from search_index.ingest.formats.web import html_records

    readers: dict[str, Callable[[str, Any], list[Record]]] = {
        "html": html_records,
        "docx": docx_records,
        "pdf": pdf_records,
    }
    reader = readers[src.fmt]
    try:
        return reader(src.rel, src.text if src.fmt == "html" else src.data)
    except Unreadable:
        raise
    except Exception as exc:  # lxml, zipfile, pdfminer: many kinds of error on bad input
        raise Unreadable(f"unreadable {src.fmt} ({type(exc).__name__}: {str(exc)[:80]})") from None


def _lines(src: SourceText):
    """The file's lines (any line ending): from memory, or streamed from disk for a big export."""
    if src.text or not src.path:
        return io.StringIO(src.text, newline=None)
    return open(src.path, encoding=_stream_encoding(src.encoding), errors="replace", newline=None)


def _stream_encoding(name: str) -> str:
    return {"utf-8 (BOM)": "utf-8-sig", "utf-16-le (no BOM)": "utf-16-le", "utf-16-be (no BOM)": "utf-16-be"}.get(
        name, name
    )
