"""The Whoosh schema and how an article becomes a document."""

from __future__ import annotations

import json

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from .analysis import ANALYZER_VERSION, GramTokenizer, JiebaTokenizer
from .articles import Article
from .entities import FACETS

SCHEMA_VERSION = "7"
KEYWORD_FACETS = tuple(f for f in FACETS if f not in ("source", "kind"))  # multi-valued facets
FORMAT = f"s{SCHEMA_VERSION}-a{ANALYZER_VERSION}"


def build_schema() -> Schema:
    """Stored display fields, jieba and bigram text fields, keyword facet fields."""
    return Schema(
        id=ID(stored=True, unique=True),
        source=ID(stored=True),
        kind=ID(stored=True),
        seq=ID(sortable=True),
        parks=KEYWORD(stored=True, commas=True, scorable=False),
        **{
            f: KEYWORD(stored=True, commas=True, scorable=False)
            for f in KEYWORD_FACETS
            if f not in ("parks", "authors")
        },
        authors=KEYWORD(stored=True, commas=True, scorable=False),
        # jieba words score and feed the pinyin lexicon; the bigram fields match (with
        # positions, for phrases), so the word fields need no positions.
        title=TEXT(analyzer=JiebaTokenizer(), phrase=False, field_boost=2.0),
        title_g=TEXT(analyzer=GramTokenizer(), phrase=True, field_boost=2.0),
        body=TEXT(analyzer=JiebaTokenizer(), phrase=False),
        body_g=TEXT(analyzer=GramTokenizer(), phrase=True),
        text=STORED(),
        meta=STORED(),
    )


def title_line(art: Article) -> str:
    """Everything printed above the body: kicker, title, subtitle."""
    return " ".join(p for p in (art.kicker, art.title, art.subtitle) if p)


def article_meta(
    art: Article, facets: dict[str, list[str]], file_sha1: str, aliases: dict | None = None, people: list | None = None
) -> dict:
    """The stored metadata of an article (all display fields but the text)."""
    return {
        "id": art.id,
        "source": art.source,
        "order": art.order,
        "kind": art.kind,
        "title": art.title,
        "title_derived": art.title_derived,
        "kicker": art.kicker,
        "subtitle": art.subtitle,
        "byline": art.byline,
        "authors": art.authors,
        "dateline": art.dateline,
        "publication": art.publication,
        "date": art.date,
        "column": art.column,
        "subheads": art.subheads,
        "continued": art.continued,
        "lines": list(art.lines),
        "spans": [list(s) for s in art.spans],
        "blocks": [list(b) for b in art.blocks],
        **{f: facets.get(f, []) for f in KEYWORD_FACETS if f != "authors"},
        "entity_aliases": aliases,
        "people_roles": people,
        "chars": len(art.text),
        "file_sha1": file_sha1,
    }


def to_document(art: Article, meta: dict) -> dict:
    """Fields for ``writer.add_document``."""
    title = title_line(art)
    return {
        "id": art.id,
        "source": art.source,
        "kind": art.kind,
        "seq": f"{art.source}\x00{art.order:05d}",
        **{f: ",".join(v.replace(",", " ") for v in meta[f]) for f in KEYWORD_FACETS if f != "authors"},
        "authors": ",".join(a.replace(",", " ") for a in art.authors),
        "title": title,
        "title_g": title,
        "body": art.text,
        "body_g": art.text,
        "text": art.text,
        "meta": json.dumps(meta, ensure_ascii=False),
    }
