"""The Whoosh schema and how an article becomes a document."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from whoosh.fields import ID, STORED, Schema
from whoosh.formats import Existence

from search_index.analysis.segment import index_terms
from search_index.analysis.textnorm import is_han, key_of
from search_index.facets import MULTI_VALUED
from search_index.index.tokenizer import ANALYZER_VERSION, JiebaText

if TYPE_CHECKING:  # opening an index unpickles its schema, which imports this module: keep it light
    from search_index.ingest.articles import Article

SCHEMA_VERSION = "13"  # 11: header blocks and dates; 12: both together; 13: one light "words" field
FORMAT = f"s{SCHEMA_VERSION}-a{ANALYZER_VERSION}"


class Vocabulary(JiebaText):
    """What the pinyin lexicon reads of an article's jieba words, and no more: the Chinese
    words of two or more characters (the only ones with a pinyin reading), each once per
    document, without frequencies or field lengths. A full-text field of every word would
    cost Whoosh a posting per distinct word and document that no query reads."""

    def __init__(self) -> None:
        super().__init__()
        self.format = Existence()
        self.scorable = False

    def index(self, value, **kwargs):
        """(term bytes, 1, 1.0, b"") for each distinct Han word of two or more characters."""
        for term in dict.fromkeys(index_terms(key_of(value))):
            if len(term) > 1 and all(map(is_han, term)):
                yield term.encode("utf-8"), 1, 1.0, b""


def build_schema() -> Schema:
    """The stored article (display text and metadata) and its vocabulary.

    Matching and ranking run over search keys held in memory (``memo``); ``words`` gives
    the vocabulary the pinyin lexicon is built from. ``id`` is a column so that the memo can
    map documents to articles without reading stored fields. Whoosh still keeps its own
    bookkeeping (unique ids, deletions by ``source``, segments) for incremental updates."""
    return Schema(
        id=ID(stored=True, unique=True, sortable=True),
        source=ID(stored=True),
        words=Vocabulary(),
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


def to_document(art: Article, meta: dict) -> dict:
    """Fields for ``writer.add_document``."""
    return {
        "id": art.id,
        "source": art.source,
        "words": title_line(art.kicker, art.title, art.subtitle) + "\n" + art.text,
        "text": art.text,
        "meta": json.dumps(meta, ensure_ascii=False),
    }
