"""Saved web pages: the main text by trafilatura; title, date and site from the page's metadata."""

from __future__ import annotations

import re
from functools import lru_cache

from search_index.dates.printed import normalize_date
from search_index.ingest.formats.base import Unreadable, authors_of, plain
from search_index.ingest.records import LAYOUT_CLEAN, Record

# <meta> names and properties that give a publication date, most telling first
DATE_METAS = (
    "article:published_time",
    "publishdate",
    "pubdate",
    "publish_date",
    "publishtime",
    "og:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
)
_META = re.compile(r"<meta\b[^>]{0,2000}>", re.I)
_SITE_TAIL = re.compile(r"\s*[_|｜—–]\s*([^_|｜—–]{2,16})$|\s+-\s+([^-]{2,16})$")
_OUTLET_WORD = re.compile(r"网|报|社|台|频道|新闻|[Nn]ews|[Cc]om")
_ATTR = re.compile(r"""([\w:.\-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


@lru_cache(maxsize=1)
def _config():
    """trafilatura's settings: no signal-based timeout (indexing runs in threads) and short
    Chinese articles kept (its defaults drop texts under 250 characters)."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "40")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "20")
    config.set("DEFAULT", "MIN_EXTRACTED_COMM_SIZE", "10000")
    return config


def _missing_cleaner() -> str:
    """Why trafilatura cannot clean a page, or "" when it can: its fallback extractor
    imports ``lxml.html.clean``, a separate package since lxml 5.2, without which every page
    would read as having no main text."""
    try:
        import lxml.html.clean  # noqa: F401
    except ImportError:
        return "reading saved web pages needs the lxml_html_clean package: pip install lxml_html_clean"
    return ""


def html_records(rel: str, page: str) -> list[Record]:
    """The article of one saved page."""
    missing = _missing_cleaner()
    if missing:
        raise Unreadable(missing)
    import trafilatura

    doc = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        config=_config(),
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise Unreadable("no main text in the page (navigation only, or an empty article)")
    metas = meta_tags(page)
    date = next((d for d in (normalize_date(metas.get(k, "")) for k in DATE_METAS) if d), "")
    date = date or normalize_date(getattr(doc, "date", None) or "")
    site = plain(metas.get("og:site_name") or getattr(doc, "sitename", None) or "")
    title = without_site(plain(metas.get("og:title") or getattr(doc, "title", None) or ""), site)
    first, _, rest = text.partition("\n")
    if title and plain(first) == title and rest.strip():
        text = rest.strip()  # the page's <h1> repeats the title
    author = metas.get("author") or getattr(doc, "author", None) or ""
    return [
        Record(
            text=text,
            title=title,
            date=date,
            date_from="meta" if date else "",
            publication=site,
            url=plain(metas.get("og:url") or getattr(doc, "url", None) or ""),
            authors=authors_of(author),
            column=plain(metas.get("article:section", "")),
            first_line=1,
            last_line=page.count("\n") + 1,
            layout=LAYOUT_CLEAN,
            fmt="html",
        )
    ]


def without_site(title: str, site: str) -> str:
    """``新闻标题_新华网`` / ``新闻标题 - 央视网`` → ``新闻标题``: a page title's site suffix dropped."""
    m = _SITE_TAIL.search(title)
    tail = (m[1] or m[2]) if m else ""
    if m and m.start() > 0 and ((site and site in tail) or _OUTLET_WORD.search(tail)):
        return title[: m.start()].strip()
    return title


def meta_tags(page: str) -> dict[str, str]:
    """``<meta name|property|itemprop=… content=…>`` of the page's head, names lower-cased."""
    head = page[: max(page.lower().find("</head>"), 0) or 200_000]
    out: dict[str, str] = {}
    for tag in _META.findall(head):
        attrs = {m[0].lower(): m[1] or m[2] or m[3] for m in _ATTR.findall(tag)}
        name = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if name and attrs.get("content") and name not in out:
            out[name] = attrs["content"]
    return out
