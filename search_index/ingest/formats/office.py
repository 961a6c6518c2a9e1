"""Word files (``.docx``) via python-docx: headings, paragraphs and tables as text; core
properties for title, date and author."""

from __future__ import annotations

import io

from search_index.dates.printed import normalize_date
from search_index.ingest.formats.base import Unreadable, authors_of, plain
from search_index.ingest.records import LAYOUT_CLEAN, Record

TEMPLATE_CREATED = "2013-12-23T23:15"  # python-docx's blank template: not when the file was written
# what Word writes as the author of a file nobody named: not a byline
MACHINE_AUTHORS = {"administrator", "admin", "user", "微软用户", "microsoft office user", "python-docx", "windows 用户"}


def docx_records(rel: str, data: bytes) -> list[Record]:
    """The article of one Word file."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise Unreadable(f"not a readable DOCX (encrypted, damaged or an old .doc; {type(exc).__name__})") from None
    except Exception as exc:  # zipfile/lxml errors of a damaged file
        raise Unreadable(f"not a readable DOCX ({type(exc).__name__})") from None
    blocks = list(_blocks(doc))
    props = doc.core_properties
    title = plain(props.title or "")
    if not title and blocks and blocks[0][0]:
        title = blocks.pop(0)[1]  # the first heading names the piece
    elif title and blocks and plain(blocks[0][1]) == title:
        blocks.pop(0)  # the title printed again as the first line
    text = "\n".join(t for _, t in blocks)
    if not text.strip():
        raise Unreadable("no text in the document")
    created = props.created.isoformat() if props.created else ""
    created = "" if created.startswith(TEMPLATE_CREATED) else created
    date = normalize_date(created)
    author = (props.author or "").strip()
    return [
        Record(
            text=text,
            title=title,
            date=date,
            date_from="docx" if date else "",
            authors=[] if author.lower() in MACHINE_AUTHORS else authors_of(author),
            layout=LAYOUT_CLEAN,
            fmt="docx",
        )
    ]


def _blocks(doc):
    """(is_heading, text) of each non-empty paragraph and table row, in document order."""
    from docx.table import Table

    for item in doc.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells = list(dict.fromkeys(c.text.strip() for c in row.cells if c.text.strip()))
                if cells:
                    yield False, " | ".join(cells)
            continue
        text = item.text.strip()
        if text:
            style = (item.style.name if item.style is not None else "") or ""
            yield style.startswith(("Heading", "Title")), text
