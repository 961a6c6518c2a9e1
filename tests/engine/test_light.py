"""An index read without Whoosh (``index/light.py``): the same committed state and the same
stored documents as Whoosh's reader gives, and Whoosh's own reading for what it does not know."""

from __future__ import annotations

import pytest
from whoosh import index as windex
from whoosh.fields import ID, STORED, Schema

from search_index import IndexError_
from search_index.engine import Engine
from search_index.index import light
from search_index.index.memo import index_tag


def _updated(corpus_copy, tmp_path) -> Engine:
    """An index of the seeds, then one file removed and one added: segments with deletions."""
    engine = Engine(corpus_copy, tmp_path / "idx")
    engine.sync()
    removed = sorted(corpus_copy.glob("*.txt"))[0]
    removed.unlink()
    (corpus_copy / "zz-new.txt").write_text("新增动态\n\n光谷企业布局具身智能与低空经济。\n", encoding="utf-8")
    engine.sync()
    return engine


def test_the_table_of_contents_and_stored_documents_are_whooshs(tmp_path, corpus_copy):
    engine = _updated(corpus_copy, tmp_path)
    folder = engine.store.whoosh_dir
    toc = light.read_toc(folder)
    ix = windex.open_dir(str(folder))
    assert toc is not None and len(toc.segments) > 1
    assert toc.tag == index_tag(ix)
    whoosh = ix.reader()
    assert whoosh.has_deletions()
    opened = []
    reader = light.LightReader(folder, toc, lambda: opened.append(1) or ix.reader())
    docs = whoosh.doc_count_all()
    assert [reader.stored_fields(d) for d in range(docs)] == [whoosh.stored_fields(d) for d in range(docs)]
    assert not opened  # stored documents come without Whoosh
    with pytest.raises(IndexError):
        reader.stored_fields(docs)
    assert reader.doc_count() == whoosh.doc_count() and opened == [1]  # anything else: Whoosh's reader, once
    assert list(reader.all_doc_ids()) == list(whoosh.all_doc_ids()) and opened == [1]
    reader.close()
    whoosh.close()


def test_what_it_does_not_read_is_left_to_whoosh(tmp_path, engine):
    compound = tmp_path / "compound"  # Whoosh's own default: one compound file a segment
    compound.mkdir()
    writer = windex.create_in(str(compound), Schema(id=ID(stored=True), text=STORED())).writer()
    writer.add_document(id="a", text="高新区")
    writer.commit()
    assert light.read_toc(compound) is None
    assert light.read_toc(tmp_path / "missing") is None
    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / "_MAIN_3.toc").write_bytes(b"\x00garbage" * 20)
    assert light.read_toc(garbage) is None
    assert light.read_toc(engine.store.whoosh_dir) is not None


def test_a_search_reads_the_index_without_whoosh_and_pins_its_reader_to_that_commit(tmp_path, corpus_copy):
    engine = _updated(corpus_copy, tmp_path)
    reopened = Engine(corpus_copy, tmp_path / "idx")
    reopened.sync(check="quick")
    assert isinstance(reopened.reader(), light.LightReader)
    assert reopened.search("具身智能").total == engine.search("具身智能").total > 0
    (corpus_copy / "zz-newer.txt").write_text("再增动态\n\n中关村企业研发脑机接口。\n", encoding="utf-8")
    engine.sync()  # another commit while ``reopened`` still reads the one before
    with pytest.raises(IndexError_, match="changed while it was open"):
        reopened.describe()  # what only Whoosh's reader answers


def test_the_apps_open_of_an_index_imports_no_whoosh(tmp_path, corpus_copy):
    """What the app does before its first results (is there an index to open? open it)
    reads the state's head and the table of contents, not Whoosh."""
    import subprocess
    import sys

    Engine(corpus_copy, tmp_path / "idx").sync()
    code = (
        "import sys; from search_index.engine import Engine; "
        f"e = Engine({str(corpus_copy)!r}, {str(tmp_path / 'idx')!r}); "
        "assert e.store.usable(); e.open(); assert e.search('具身智能').total > 0; "
        "late = [m for m in sys.modules if m.split('.')[0] == 'whoosh']; assert not late, late"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _break_whooshs_schema(toc_file) -> None:
    """Overwrite the pickled schema inside a table of contents (which only Whoosh reads)."""
    import io

    data = bytearray(toc_file.read_bytes())
    stream = io.BytesIO(bytes(data))
    for _ in range(3):
        light._varint(stream)
    light._int(stream), light._int(stream)
    for _ in range(3):
        light._varint(stream)
    length = light._varint(stream)
    start = stream.tell()
    data[start : start + length] = bytes(length)  # no pickle opcode is 0
    toc_file.write_bytes(bytes(data))


def test_an_index_whoosh_cannot_open_is_usable_for_a_search_and_rebuilt_by_the_sync(tmp_path, corpus_copy):
    engine = Engine(corpus_copy, tmp_path / "idx")
    engine.sync()
    total = engine.search("具身智能").total
    folder = engine.store.whoosh_dir
    _break_whooshs_schema(max(folder.glob("_MAIN_*.toc")))
    assert light.read_toc(folder) is not None
    with pytest.raises(Exception):  # noqa: B017  (whichever error unpickling zeros raises)
        windex.open_dir(str(folder))
    again = Engine(corpus_copy, tmp_path / "idx")
    assert again.store.usable()  # a search reads what light reads: the rows and stored documents
    again.open()
    assert again.search("具身智能").total == total
    report = again.sync()
    assert report.rebuilt and "unreadable" in report.reason
    assert again.search("具身智能").total == total
