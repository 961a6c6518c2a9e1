"""The engine's typed results: every field read from the index, the CLI's JSON made from them."""

from __future__ import annotations

import dataclasses
import json

import pytest

from search_index.articles import Article, ArticleInfo
from search_index.results import ArticleRow, FacetCounts


def test_a_hit_row_agrees_with_the_stored_record(engine):
    infos = {a.id: a for a in engine.articles()}
    for hit in engine.search("高新区", limit=20).hits:
        info = infos[hit.id]
        assert all(getattr(hit.meta, f.name) == getattr(info, f.name) for f in dataclasses.fields(ArticleRow))
        assert hit.meta.where == f"{info.source}:{info.lines[0]}–{info.lines[1]}"


def test_a_record_missing_a_field_is_a_bug_not_a_default(engine):
    record = engine.articles()[0].to_json()
    del record["kicker"]
    with pytest.raises(KeyError):
        ArticleInfo.from_meta(record)


def test_show_is_the_stored_record_and_the_reading(engine):
    hit = engine.search("中关村", limit=1).hits[0]
    art = engine.show(hit.id, "中关村")
    assert isinstance(art, Article) and art.id == hit.id and art.lines == hit.meta.lines
    info = next(a for a in engine.articles() if a.id == hit.id)
    assert {k: v for k, v in art.to_json().items() if k in info.to_json()} == info.to_json()
    assert all(art.text[s:e] == "中关村" for s, e in art.hits) and len(art.hits) == art.hit_count
    assert json.loads(json.dumps(art.to_json()))["source_lines"][0]["line"] == art.lines[0]


def test_results_are_frozen(engine):
    result = engine.search("高新区", limit=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.hits[0].meta.title = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.total = 0  # type: ignore[misc]


def test_facet_counts_keep_the_json_order(engine):
    facets = engine.facets()
    keys = list(facets.to_json())
    assert keys[-4:] == ["parks_by_region", "years", "months", "undated"]
    assert facets.of("parks") and facets.of("no such facet") == {}
    assert FacetCounts.from_counts(facets.to_json()) == facets
