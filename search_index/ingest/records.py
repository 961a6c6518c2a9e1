"""A record: one article as a file format hands it over, before cleaning and splitting.

Every reader (plain text, JSON Lines, CSV, HTML, DOCX, PDF, Markdown) turns a file into
records; :mod:`search_index.ingest.plaintext` turns records into articles. Metadata a format
states (a JSON field, an HTML ``<meta>``, DOCX core properties, a header line) is carried
here, never pasted into the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# How a record's text is laid out, which decides how it is split into articles:
LAYOUT_AUTO = "auto"  # plain text: an OCR'd page of many stories, or one article with a header block
LAYOUT_CLEAN = "clean"  # one article's text as written (structured exports, HTML, DOCX): never OCR-repaired
LAYOUT_PAGE = "page"  # an OCR'd page (PDF text layers of newspaper pages may say so)


@dataclass
class Record:
    """One article (or one page of articles) read from a file."""

    text: str
    title: str = ""
    date: str = ""  # normalised by ``dates.normalize_date``: 2024-03-01, 2024-03, 2024, --06-05 or ""
    date_from: str = ""  # where the date came from: field, header, meta, docx, pdf, front-matter, dateline, path
    publication: str = ""  # the outlet (央视网, 新华社)
    url: str = ""
    authors: list[str] = field(default_factory=list)
    column: str = ""  # a bracketed column kicker or section
    locator: str = ""  # where in the file: "" for the whole file, "record 12", "row 5", "page 2"
    first_line: int = 1  # 1-based line of the file where the record starts (for show --original)
    last_line: int = 0  # where it ends, when the format knows (a JSONL line, a CSV row); 0: from the text
    layout: str = LAYOUT_AUTO
    fmt: str = "txt"  # the format that produced it: txt, md, jsonl, json, csv, tsv, html, docx, pdf
