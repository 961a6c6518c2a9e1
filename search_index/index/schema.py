"""The Whoosh schema and how an article becomes a document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from whoosh.fields import ID, STORED, Schema

from search_index.facets import MULTI_VALUED
from search_index.index.jsontext import dumps
from search_index.index.tokenizer import ANALYZER_VERSION
from search_index.index.vocabulary import article_words

if TYPE_CHECKING:  # opening an index unpickles its schema, which imports this module: keep it light
    from collections.abc import Sequence

    from search_index.ingest.articles import Article

SCHEMA_VERSION = "15"  # 13: one light "words" field; 14: words beside the index; 15: entities of issue 16
WORDS = "_words"  # a document's vocabulary (see ``vocabulary``): the writer takes it out, Whoosh never sees it
ROW = "_row"  # the article's row cache entry (``memo_rows.Prepared``): the writer takes it out too
FORMAT = f"s{SCHEMA_VERSION}-a{ANALYZER_VERSION}"


def build_schema() -> Schema:
    """The stored article (display text and metadata).

    Matching and ranking run over search keys held in memory (``memo``); the vocabulary the
    pinyin lexicon is built from is counted beside the index (``vocabulary``). ``id`` is a
    column so that the memo can map documents to articles without reading stored fields.
    Whoosh still keeps its own bookkeeping (unique ids, deletions by ``source``, segments)
    for incremental updates."""
    return Schema(
        id=ID(stored=True, unique=True, sortable=True),
        source=ID(stored=True),
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
        **{f: facets.get(f, []) for f in MULTI_VALUED if f != "authors"},
        "entity_aliases": aliases,
        "people_roles": people,
        "chars": len(art.text),
        "file_sha1": file_sha1,
    }


def to_document(art: Article, meta: dict, words: Sequence[str] | None = None) -> dict:
    """Fields for ``writer.add_document``, and the article's words under :data:`WORDS`.
    ``words``: the default-mode jieba words of the search key of its title and text (as the
    entity tagger cut them), used when the heading is the title alone (then the keys agree)."""
    heading = title_line(art.kicker, art.title, art.subtitle)
    return {
        "id": art.id,
        "source": art.source,
        WORDS: article_words(heading, art.text, words if heading == art.title else None),
        "text": art.text,
        "meta": dumps(meta),
    }
