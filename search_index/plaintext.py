"""Records → articles: OCR'd pages are split into stories, clean text stays as written."""

from __future__ import annotations

import hashlib

from .articles import Article, derive_title, split_page
from .dating import complete_dates
from .records import LAYOUT_CLEAN, Record


def record_articles(source: str, rec: Record, file_sha1: str = "", version: str = "") -> list[Article]:
    """The articles of one record, with the record's metadata applied."""
    if rec.layout == LAYOUT_CLEAN:
        arts = [clean_article(source, rec)]
    else:
        arts = split_page(source, rec.text, file_sha1, version)
    for art in arts:
        _apply(art, rec)
    complete_dates(source, arts, rec.text, whole_page=rec.layout != LAYOUT_CLEAN)
    if rec.locator or rec.layout == LAYOUT_CLEAN:
        for order, art in enumerate(arts):
            seed = f"{source}\0{file_sha1}\0{rec.locator}\0{order}\0{version}"
            art.id = hashlib.sha1(seed.encode()).hexdigest()[:12]
    return arts


def clean_article(source: str, rec: Record) -> Article:
    """One article from clean text: every non-empty line is a paragraph, spaces kept."""
    paras = [line.strip() for line in rec.text.splitlines() if line.strip()]
    text = "\n\n".join(paras)
    blocks, pos = [], 0
    for p in paras:
        blocks.append(("p", pos, pos + len(p)))
        pos += len(p) + 2
    first = rec.first_line
    last = first + max(0, rec.text.count("\n"))
    title = rec.title.strip()
    return Article(source, 0, "article", title or derive_title(text), not title, text, blocks, [(first, last)])


def _apply(art: Article, rec: Record) -> None:
    """Metadata the format stated wins over what the text suggests."""
    if rec.title and art.title_derived and art.kind != "photo":
        art.title, art.title_derived = rec.title, False
    if rec.date:
        art.date, art.date_from = rec.date, rec.date_from
    elif art.date and not art.date_from:
        art.date_from = "dateline"
    art.publication = rec.publication or art.publication
    art.url = rec.url
    art.authors = list(dict.fromkeys([*rec.authors, *art.authors]))
    art.column = rec.column or art.column
    art.locator = rec.locator
    art.fmt = rec.fmt
