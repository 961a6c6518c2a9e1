"""Stored fields (an article's text and metadata) are written undeflated, by the writer in
the main process and by writer processes alike, and read back as written; an index whose
stored fields were deflated (Whoosh's default, every index written before) reads the same."""

import pytest
from whoosh.codec import whoosh3

from bench.gen_news import generate
from search_index import Engine
from search_index.index import stored


def _stored_and_bytes(engine: Engine) -> tuple[list[dict], bytes]:
    with engine.store.open().reader() as reader:
        rows = sorted((reader.stored_fields(d) for d in range(reader.doc_count_all())), key=lambda s: s["id"])
    files = b"".join(p.read_bytes() for p in sorted(engine.store.whoosh_dir.iterdir()) if p.is_file())
    return rows, files


@pytest.mark.parametrize("procs", [1, 2])
def test_stored_texts_are_written_plain_and_read_back(tmp_path, monkeypatch, procs):
    monkeypatch.setenv("GXQ_INDEX_PROCS", str(procs))
    generate(tmp_path / "news", 60, seed=7)
    engine = Engine(tmp_path / "news", tmp_path / "idx")
    engine.sync(rebuild=True)
    rows, files = _stored_and_bytes(engine)
    assert len(rows) >= 60
    assert all(row["text"].encode() in files for row in rows)  # pickled as UTF-8, not deflated


def test_an_index_with_deflated_stored_fields_reads_the_same(tmp_path, monkeypatch):
    monkeypatch.setenv("GXQ_INDEX_PROCS", "1")
    generate(tmp_path / "news", 30, seed=8)
    plain = Engine(tmp_path / "news", tmp_path / "plain")
    plain.sync(rebuild=True)
    monkeypatch.setattr(whoosh3, "STORED_COLUMN", whoosh3.STORED_COLUMN)  # put back when the test ends
    monkeypatch.setattr(stored, "LEVEL", 3)  # as Whoosh writes them by default
    deflated = Engine(tmp_path / "news", tmp_path / "deflated")
    deflated.sync(rebuild=True)
    plain_rows, _ = _stored_and_bytes(plain)
    deflated_rows, deflated_files = _stored_and_bytes(deflated)
    assert deflated_rows == plain_rows
    assert not any(row["text"].encode() in deflated_files for row in deflated_rows)
    first = plain_rows[0]["id"]
    assert deflated.show(first).text == plain.show(first).text
