"""A full build makes the row cache from the documents as they are written, not by reading
the stored documents back: the rows must be those reading back gives, column for column
(the files' bytes may differ where ``marshal`` writes a shared string as a reference)."""

import pytest

from bench.gen_news import generate
from search_index import Engine
from search_index.index import memo as row_cache
from search_index.index import memo_rows


def _columns(memo: row_cache.Memo, path) -> dict:
    """Every column of ``memo`` as saved and loaded again, as plain lists."""
    row_cache.save(memo, path, "tag")
    loaded = row_cache.load(path, "tag")
    assert loaded is not None
    return {name: list(v) if hasattr(v, "__len__") else v for name, v in loaded.__dict__.items()}


def _read_back(engine: Engine) -> row_cache.Memo:
    with engine.store.open().reader() as reader:
        return memo_rows.build(reader, engine.store.build_id())


@pytest.mark.parametrize("procs", [1, 2])
def test_rows_made_while_writing_equal_rows_read_back(tmp_path, seeds_dir, monkeypatch, procs):
    monkeypatch.setenv("GXQ_INDEX_PROCS", str(procs))
    generate(tmp_path / "news", 60, seed=4)
    real_fresh = memo_rows._fresh
    read_back: list[int] = []
    for corpus in (tmp_path / "news", seeds_dir):
        engine = Engine(corpus, tmp_path / "idx")
        monkeypatch.setattr(memo_rows, "_fresh", lambda s, d, n: read_back.append(d) or real_fresh(s, d, n))
        engine.sync(rebuild=True)
        assert not read_back  # every row came from the written documents
        monkeypatch.setattr(memo_rows, "_fresh", real_fresh)
        built = row_cache.load(engine.store.whoosh_dir / row_cache.FILE_NAME)
        assert built is not None and len(built) > 10
        assert _columns(built, tmp_path / "a.bin") == _columns(_read_back(engine), tmp_path / "b.bin")


def test_an_id_written_twice_is_read_back(tmp_path, corpus_copy):
    engine = Engine(corpus_copy, tmp_path / "idx")
    engine.sync()
    with engine.store.open().reader() as reader:
        ids = reader.column_reader("id")
        first = ids[0]
        fake = memo_rows.prepared_row({"id": first, "source": "x", "order": 0, "title": "假", "kind": "article"}, "假")
        made = memo_rows.build(reader, "b", None, {first: None, "other": fake})
        assert made.titles == _read_back(engine).titles


@pytest.mark.parametrize("procs", [1, 2])
def test_a_build_holds_each_facet_value_once_however_many_articles_name_it(tmp_path, monkeypatch, procs):
    """The rows a build keeps until the row cache is assembled share their (facet, value) and
    alias entries, also when they come from preparing processes; an id written twice is None."""
    monkeypatch.setenv("GXQ_INDEX_PROCS", str(procs))
    generate(tmp_path / "news", 80, seed=5)
    kept: dict = {}
    engine = Engine(tmp_path / "news", tmp_path / "idx")
    real_keep = engine.store.keep_rows
    monkeypatch.setattr(engine.store, "keep_rows", lambda tag, rows: kept.update(rows) or real_keep(tag, rows))
    engine.sync(rebuild=True)
    rows = [r for r in kept.values() if r is not None]
    assert len(rows) == 80
    entries = [v for r in rows for v in (*r.facets, *r.aliases)]
    distinct = {v: v for v in entries}
    assert len(distinct) < len(entries) / 3  # the corpus names its parks, tracks and outlets many times
    assert all(v is distinct[v] for v in entries)  # … and each is held once


def test_written_rows_note_an_id_written_twice_as_none():
    held = memo_rows.WrittenRows()
    row = memo_rows.prepared_row({"id": "a", "source": "x", "order": 0, "title": "题", "kind": "article"}, "文")
    held.keep(row)
    assert held["a"] == row
    held.keep(row)
    assert held["a"] is None
