"""Records → articles: OCR'd pages are split into stories, clean text stays as written.

A plain-text record (layout ``auto``) is decided here. Its header block (title, date, outlet,
URL, authors, column: :mod:`search_index.ingest.headers`) becomes metadata and leaves the text. What
remains is an OCR'd page when it shows a page's marks (wrapped lines at a column width,
letter-spaced characters, bylines, several stories): that goes to the page splitter and its
repairs. Otherwise it is clean text: every line a paragraph, spaces as written.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from collections import Counter
from dataclasses import replace

from search_index.analysis.display import clean_line, ends_terminal
from search_index.ingest.articles import Article, derive_title, split_page
from search_index.ingest.dating import complete_dates
from search_index.ingest.headers import Header, read_header
from search_index.ingest.layout import DATELINE, INNER_PUNCT, line_texts, role_of, source_lines, strip_markup, text_size
from search_index.ingest.records import LAYOUT_AUTO, LAYOUT_CLEAN, LAYOUT_PAGE, Record

WRAPPED_SHARE = 0.5  # more lines than this ending mid-sentence: lines wrapped at a column width
LETTER_SPACED = re.compile(r"(?:[\u4e00-\u9fff] ){3,}[\u4e00-\u9fff]")
SUBHEAD_MAX = 30
# A file's own creation date (PDF info, DOCX core properties) says when the file was made,
# which may be the day it was saved or printed: a date printed in the text comes first.
FILE_DATES = ("pdf", "docx")
LOCAL_LEAD = re.compile(r"^本报[\u4e00-\u9fff]{1,8}?(?P<month>\d{1,2})月(?P<day>\d{1,2})日电")
WIRE_REPORTERS = re.compile(r"^\s*[（(]\s*(?:记者|新华社记者)\s*(?P<names>[\u4e00-\u9fff、 ，,]{2,30})[）)]")


def record_articles(source: str, rec: Record, file_sha1: str = "", version: str = "") -> list[Article]:
    """The articles of one record, with the record's metadata applied."""
    original = rec
    whole = rec.layout == LAYOUT_AUTO
    plain = None
    if whole:
        rec, plain = _decided(rec)
    if rec.layout == LAYOUT_CLEAN:
        arts = [clean_article(source, rec)]
        if whole:  # a one-article file: its original is the whole file, header lines too
            arts[0].spans = [_nonblank_span(source_lines(original.text), rec.first_line)]
    else:
        arts = split_page(source, rec.text, file_sha1, version, plain)
        if whole and len(arts) > 1:  # a header's title and people belong to one story, not a page
            rec = replace(rec, title="", authors=[], column="")
    for art in arts:
        _apply(art, rec)
    complete_dates(source, arts, rec.text, whole_page=rec.layout != LAYOUT_CLEAN)
    if rec.last_line:  # an export's record: its own lines, and an id that survives appends
        for art in arts:
            art.spans = [(rec.first_line, rec.last_line)]
            art.id = record_id(source, rec.locator, version)
    elif rec.locator or rec.layout == LAYOUT_CLEAN:
        for order, art in enumerate(arts):
            seed = f"{source}\0{file_sha1}\0{rec.locator}\0{order}\0{version}"
            art.id = hashlib.sha1(seed.encode()).hexdigest()[:12]
    return arts


def record_id(source: str, locator: str, version: str) -> str:
    """An export record's id: its file and place (``record 12``), so that records appended to
    a growing export leave the ids of the earlier ones as they were."""
    return hashlib.sha1(f"{source}\0{locator}\0{version}".encode()).hexdigest()[:12]


def decide_layout(rec: Record) -> Record:
    """A plain-text record as a clean article (header lines made metadata) or an OCR'd page."""
    return _decided(rec)[0]


def _decided(rec: Record) -> tuple[Record, list[str] | None]:
    """:func:`decide_layout`, and for a page the lines of its text as cleaned to decide
    (``clean_line(..., ocr=False)``), which the page's reflow takes instead of cleaning
    every line again (:func:`~search_index.ingest.layout.read_lines`' ``plain``)."""
    lines = source_lines(rec.text)
    head = read_header(lines)
    body = _blank(lines, head.lines)
    if not any(line.strip() for line in body):  # a lone line is the text, not a title
        head, body = Header(), lines
    clean = [clean_line(strip_markup(line), ocr=False) for line in body]  # what clean text shows
    if looks_like_page(body, clean):
        if not head.strong:
            return replace(rec, layout=LAYOUT_PAGE), _plain_lines(lines, body, clean)
        # on a page the headline under the header block belongs to the first story: keep it
        titled = [i for i in head.lines if head.title and head.title in lines[i]]
        page = _blank(lines, [i for i in head.lines if i not in titled])
        return _with_header(rec, replace(head, title=""), page, LAYOUT_PAGE), _plain_lines(page, body, clean)
    opening = next((line for line in clean if line), "")
    head.authors = [*head.authors, *wire_reporters(opening)]  # writers before editors
    return _with_header(rec, head, clean, LAYOUT_CLEAN), None


def _plain_lines(page: list[str], body: list[str], clean: list[str]) -> list[str]:
    """``clean_line(strip_markup(line), ocr=False)`` of every line of ``page``: taken from
    ``clean`` (the cleaned ``body``) where the page's line is the body's, else cleaned here
    (header lines, which the body holds blank)."""
    return [
        c if line is b or line == b else clean_line(strip_markup(line), ocr=False)
        for line, b, c in zip(page, body, clean, strict=True)
    ]


def _blank(lines: list[str], taken: list[int]) -> list[str]:
    """The lines with those of the header emptied (line numbers stay true)."""
    drop = set(taken)
    return ["" if i in drop else line for i, line in enumerate(lines)]


def _with_header(rec: Record, head: Header, lines: list[str], layout: str) -> Record:
    """The record with the header's metadata where the format stated none (a date printed in
    the header beats a file's own creation date)."""
    ours = rec.date and not (head.date and rec.date_from in FILE_DATES)
    date = rec.date if ours else (head.date or rec.date)
    return replace(
        rec,
        text="\n".join(lines),
        title=rec.title or clean_line(head.title, ocr=False),
        date=date,
        date_from=rec.date_from if ours else (head.date_from if head.date else rec.date_from),
        publication=rec.publication or clean_line(head.publication, ocr=False),
        url=rec.url or head.url,
        authors=rec.authors or head.people,
        column=rec.column or head.column,
        layout=layout,
    )


def looks_like_page(lines: list[str], plain: list[str] | None = None) -> bool:
    """True when text shows an OCR'd newspaper page's marks: bylines, several stories,
    letter-spaced characters, or lines wrapped at a column width. ``plain``: the lines
    cleaned as clean text, so that clean text is not cleaned again the OCR way to decide."""
    texts = line_texts("\n".join(lines), plain)
    if not texts:
        return False
    roles = [role_of(t) for t in texts]
    if "byline" in roles:  # ► 本报记者 张伟 (a bullet before ordinary text is no byline)
        return True
    if sum(r in ("dateline", "lead") for r in roles) >= 2:
        return True
    if sum(1 for line in lines if " " in line and LETTER_SPACED.search(line)) >= 2:
        return True
    long = [(t, size) for t in texts if (size := text_size(t)) >= 8]
    if len(long) < 4:
        return False
    open_share = sum(not ends_terminal(t) for t, _ in long) / len(long)
    sizes = [size for _, size in long]
    return open_share > WRAPPED_SHARE and (statistics.median(sizes) < 40 or _one_width(sizes))


def _one_width(line_sizes: list[int]) -> bool:
    """Most lines within a character of one width: text hard-wrapped at a column."""
    sizes = Counter(line_sizes)
    width = sizes.most_common(1)[0][0]
    return sum(sizes[w] for w in (width - 1, width, width + 1)) / len(line_sizes) >= 0.5


def clean_article(source: str, rec: Record) -> Article:
    """One article from clean text: every non-empty line is a paragraph, spaces kept; a
    short line without sentence punctuation between paragraphs is a subhead."""
    numbered = [(no, line.strip()) for no, line in enumerate(rec.text.splitlines()) if line.strip()]
    paras = [p for _, p in numbered]
    text = "\n\n".join(paras)
    blocks, subheads, pos = [], [], 0
    for k, p in enumerate(paras):
        kind = "subhead" if 0 < k < len(paras) - 1 and _subhead_like(p) else "p"
        if kind == "subhead":
            subheads.append(p)
        blocks.append((kind, pos, pos + len(p)))
        pos += len(p) + 2
    first = rec.first_line + (numbered[0][0] if numbered else 0)
    last = rec.first_line + (numbered[-1][0] if numbered else 0)
    title = rec.title.strip()
    art = Article(source, 0, "article", title or derive_title(text), not title, text, blocks, [(first, last)])
    art.subheads = subheads
    _lead_facts(art, paras[0] if paras else "")
    return art


def _lead_facts(art: Article, first: str) -> None:
    """A wire story's opening (新华社北京3月1日电（记者 张三 李四）): its day and reporters."""
    m = DATELINE.match(first) or LOCAL_LEAD.match(first)
    if not m:
        return
    month, day = m.groups()[-2:]
    art.date = f"--{int(month):02d}-{int(day):02d}"
    art.dateline = m.group(0)
    art.authors = wire_reporters(first)


def wire_reporters(first: str) -> list[str]:
    """The reporters named right after a wire story's dateline, or []."""
    m = DATELINE.match(first) or LOCAL_LEAD.match(first)
    who = WIRE_REPORTERS.match(first[m.end() :]) if m else None
    return [n for n in re.split(r"[\s、，,]+", who["names"]) if 2 <= len(n) <= 4] if who else []


def _nonblank_span(lines: list[str], first_line: int) -> tuple[int, int]:
    filled = [no for no, line in enumerate(lines) if line.strip()] or [0]
    return first_line + filled[0], first_line + filled[-1]


def _subhead_like(p: str) -> bool:
    return len(p) <= SUBHEAD_MAX and not ends_terminal(p) and not INNER_PUNCT.search(p.rstrip("：:"))


def _apply(art: Article, rec: Record) -> None:
    """Metadata the format stated wins over what the text suggests."""
    if rec.title and art.title_derived and art.kind != "photo":
        art.title, art.title_derived = rec.title, False
    printed = art.date and not art.date.startswith("--")  # a year-less dateline does not beat a file date
    if rec.date and not (printed and rec.date_from in FILE_DATES):
        art.date, art.date_from = rec.date, rec.date_from
    elif art.date and not art.date_from:
        art.date_from = "dateline"
    art.publication = rec.publication or art.publication
    art.url = rec.url
    art.authors = list(dict.fromkeys([*rec.authors, *art.authors]))
    art.column = rec.column or art.column
    art.locator = rec.locator
    art.fmt = rec.fmt
