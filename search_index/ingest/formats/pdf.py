"""PDF text layers via pdfminer.six (MIT). A scanned PDF (no text layer) and one that needs a
password are skipped with that reason."""

from __future__ import annotations

import io

from search_index.dates.printed import normalize_date
from search_index.ingest.formats.base import Unreadable, authors_of, plain
from search_index.ingest.records import LAYOUT_AUTO, Record

MIN_CHARS = 20  # fewer characters of text than this over the whole file: a scan


def pdf_records(rel: str, data: bytes) -> list[Record]:
    """The text of a PDF as one record (its layout decided like plain text's)."""
    info = _info(data)
    text = pdf_text(data)
    if len("".join(text.split())) < MIN_CHARS:
        raise Unreadable("scanned PDF without a text layer")
    date = normalize_date(info.get("CreationDate", "").removeprefix("D:")[:8])
    title = info.get("Title", "")
    return [
        Record(
            text=text,
            title="" if title.lower().endswith((".doc", ".docx", ".pdf")) or title.lower() == "untitled" else title,
            date=date,
            date_from="pdf" if date else "",
            authors=authors_of(info.get("Author", "")) if info.get("Author", "").lower() != "anonymous" else [],
            layout=LAYOUT_AUTO,
            fmt="pdf",
        )
    ]


def pdf_text(data: bytes) -> str:
    """The text layer, pages separated by a blank line."""
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    try:
        text = extract_text(io.BytesIO(data), laparams=LAParams())
    except Exception as exc:  # pdfminer raises many kinds on a damaged file
        raise Unreadable(f"unreadable PDF ({type(exc).__name__})") from None
    return text.replace("\x0c", "\n\n").strip()


def _info(data: bytes) -> dict[str, str]:
    """The document-information dictionary, decoded; raises Unreadable for encryption."""
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise Unreadable("encrypted PDF (needs a password)") from None
    except PDFSyntaxError as exc:
        raise Unreadable(f"not a PDF ({exc})") from None
    except Exception as exc:
        raise Unreadable(f"unreadable PDF ({type(exc).__name__})") from None
    out: dict[str, str] = {}
    for entry in doc.info[:1]:
        for key, value in entry.items():
            value = resolve1(value)
            if isinstance(value, bytes):
                value = decode_text(value)
            if isinstance(value, str):
                out[key] = plain(value)
    return out
