"""The Whoosh schema and how an article becomes a document."""

from __future__ import annotations

import json

from whoosh.fields import ID, STORED, Schema

from .analysis import ANALYZER_VERSION, JiebaText
from .articles import Article
from .entities import FACETS

SCHEMA_VERSION = "12"  # 11: header blocks, dates from datelines/paths/mastheads; 12: both together
SINGLE_FACETS = ("source", "kind", "publication")  # one value per article, stored as a string
KEYWORD_FACETS = tuple(f for f in FACETS if f not in SINGLE_FACETS)  # multi-valued facets
FORMAT = f"s{SCHEMA_VERSION}-a{ANALYZER_VERSION}"


def build_schema() -> Schema:
    """The stored article (display text and metadata) and its jieba words.

    Matching and ranking run over search keys held in memory (``memo``); the jieba word
    fields give the vocabulary the pinyin lexicon is built from. ``id`` is a column so that
    the memo can map documents to articles without reading stored fields."""
    return Schema(
        id=ID(stored=True, unique=True, sortable=True),
        source=ID(stored=True),
        title=JiebaText(),
        body=JiebaText(),
        text=STORED(),
        meta=STORED(),
    )


def title_line(kicker: str | None, title: str, subtitle: str | None) -> str:
    """Everything printed above the body: kicker, title, subtitle."""
    return " ".join(p for p in (kicker, title, subtitle) if p)


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
        "date_from": art.date_from,
        "url": art.url,
        "locator": art.locator,
        "format": art.fmt,
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
    return {
        "id": art.id,
        "source": art.source,
        "title": title_line(art.kicker, art.title, art.subtitle),
        "body": art.text,
        "text": art.text,
        "meta": json.dumps(meta, ensure_ascii=False),
    }
