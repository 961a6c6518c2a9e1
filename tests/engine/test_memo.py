"""The in-memory article rows and their cache file beside the index."""

import pytest

from search_index import Engine
from search_index.index import folder, mapped, memo_rows
from search_index.index import memo as memo_file
from tests.harness import mapped_section_start


def _rows(engine: Engine) -> list[tuple]:
    return _rows_of(engine.rows)


def _rows_of(m: memo_file.Memo) -> list[tuple]:
    return list(
        zip(m.ids, m.metas, m.titles, m.bodies, [[m.facet_values[i] for i in f] for f in m.facets], strict=True)
    )


def test_a_second_open_reads_the_cache_not_the_stored_fields(tmp_path, corpus_copy, monkeypatch):
    first = Engine(corpus_copy, tmp_path / "idx")
    first.sync()
    assert (first.store.whoosh_dir / memo_file.FILE_NAME).is_file()
    monkeypatch.setattr(memo_rows, "build", lambda *a, **k: pytest.fail("memo rebuilt although cached"))
    second = Engine(corpus_copy, tmp_path / "idx")
    second.open()
    assert _rows(second) == _rows(first)
    assert second.search("具身智能").total == first.search("具身智能").total > 0


def test_an_update_reuses_unchanged_rows_and_equals_a_fresh_build(tmp_path, corpus_copy, monkeypatch):
    eng = Engine(corpus_copy, tmp_path / "idx")
    eng.sync()
    pages = sorted(corpus_copy.glob("*.txt"))
    pages[0].write_text(pages[0].read_text(encoding="utf-8") + "\n\n补记：合肥高新区发布量子科技新政。\n", "utf-8")
    pages[1].unlink()
    fresh_rows = []
    real_fresh = memo_rows._fresh
    monkeypatch.setattr(memo_rows, "_fresh", lambda stored, d, ids: fresh_rows.append(d) or real_fresh(stored, d, ids))
    eng.sync()
    changed = sum(article.source == pages[0].name for article in eng.articles())
    assert len(fresh_rows) == changed < eng.article_count
    monkeypatch.setattr(memo_rows, "_fresh", real_fresh)
    other = Engine(corpus_copy, tmp_path / "other")
    other.sync()
    assert _rows(eng) == _rows(other)
    assert eng.search("量子科技新政").total == 1
    assert eng.search("", filters={"source": [pages[1].name]}).total == 0


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", None])
def test_a_damaged_or_foreign_cache_is_rebuilt(tmp_path, corpus_copy, damage):
    eng = Engine(corpus_copy, tmp_path / "idx")
    eng.sync()
    before = _rows(eng)
    path = eng.store.whoosh_dir / memo_file.FILE_NAME
    if damage is None:  # a cache written for another index generation
        memo_file.save(eng.rows, path, "g999-elsewhere")
    else:
        path.write_bytes(damage)
    again = Engine(corpus_copy, tmp_path / "idx")
    again.open()
    assert _rows(again) == before
    assert memo_file.load(path, again.describe().tag) is not None  # rewritten


def test_an_unwritable_index_folder_still_opens(tmp_path, corpus_copy, monkeypatch):
    eng = Engine(corpus_copy, tmp_path / "idx")
    eng.sync()
    path = eng.store.whoosh_dir / memo_file.FILE_NAME
    path.unlink()

    def refuse(*_args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(folder.os, "replace", refuse)  # every cache file is written through folder.write_private
    again = Engine(corpus_copy, tmp_path / "idx")
    again.open()
    assert again.article_count == eng.article_count and again.search("具身智能").total > 0
    assert not path.exists() and not list(path.parent.glob("*.tmp"))


def test_save_leaves_no_temporary_file_when_the_folder_is_gone(tmp_path):
    memo_file.save(memo_file.Memo(), tmp_path / "missing" / memo_file.FILE_NAME, "t")
    assert not (tmp_path / "missing").exists()


def test_rows_give_back_the_stored_metadata_and_aliases(engine):
    """A row keeps its metadata as a bare JSON array and its aliases as numbers; both must
    come back exactly as stored (every key but the details, every alias in corpus order)."""
    import json

    memo, reader = engine.rows, engine.reader()
    expected_aliases: dict = {}
    for row, docnum in enumerate(memo.docnums):
        stored = json.loads(reader.stored_fields(docnum)["meta"])
        assert memo.meta(row) == {k: v for k, v in stored.items() if k not in memo_file.DETAIL_FIELDS}
        for facet, by_value in (stored.get("entity_aliases") or {}).items():
            for value, forms in by_value.items():
                for form in forms:
                    seen = expected_aliases.setdefault(facet, {}).setdefault(form, [])
                    if value not in seen:
                        seen.append(value)
    assert expected_aliases and memo.alias_table() == expected_aliases


def test_a_sync_that_changes_nothing_keeps_the_rows_in_memory(tmp_path, corpus_copy, monkeypatch):
    """The app opens the index, then syncs it: an unchanged index is not read a second time
    (at 100,000 articles that would hold two copies of the rows at once)."""
    eng = Engine(corpus_copy, tmp_path / "idx")
    eng.sync()
    rows = eng.rows
    with monkeypatch.context() as m:
        m.setattr(memo_file, "load", lambda *a, **k: pytest.fail("rows read again"))
        m.setattr(memo_rows, "build", lambda *a, **k: pytest.fail("rows built again"))
        eng.sync()
        eng.open()
    assert eng.rows is rows and eng.search("具身智能").total > 0
    page = sorted(corpus_copy.glob("*.txt"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\n\n补记：合肥高新区发布量子科技新政。\n", "utf-8")
    eng.sync()
    assert eng.rows is not rows and eng.search("量子科技新政").total == 1


def test_checksums_left_to_a_thread_still_find_a_flipped_byte(tmp_path, corpus_copy):
    """A cold command has the mapped sections' checksums computed by a thread beside its
    search (``mapped.Later``): the damage is then in the verdict instead of an exception."""
    eng = Engine(corpus_copy, tmp_path / "idx")
    eng.sync()
    path, tag = eng.store.whoosh_dir / memo_file.FILE_NAME, eng.describe().tag
    later = mapped.Later()
    assert memo_file.load(path, tag, later=later) is not None and later.ok()
    data = bytearray(path.read_bytes())
    at = data.rfind("具身智能".encode("utf-16-le"))  # in a search key: a mapped section
    data[at] ^= 0x01
    path.write_bytes(bytes(data))
    later = mapped.Later()
    assert memo_file.load(path, tag, later=later) is not None and not later.ok()
    assert memo_file.load(path, tag) is None  # checked at once: damaged (and removed)


def test_a_memo_whose_ids_point_outside_their_tables_is_not_written(tmp_path, corpus_copy):
    """Every id is checked against its table once, when the file is written: a file whose
    sections then match their checksums needs no pass over its ids when it is opened."""
    from array import array
    from dataclasses import replace

    from pyroaring import BitMap

    from search_index.index import facetsplit
    from search_index.index.columns import Lists

    eng = Engine(corpus_copy, tmp_path / "idx")
    eng.sync()
    memo = eng.rows
    values = array("i", memo.facets.values)
    for bad in (len(memo.facet_values), -1):
        values[len(values) // 2] = bad
        broken = replace(memo, facets=Lists(array("i", memo.facets.starts), values))
        path = tmp_path / f"bad{bad}" / memo_file.FILE_NAME
        path.parent.mkdir()
        with pytest.raises(mapped.Damaged, match="outside its table"):
            memo_file.save(broken, path, "t")
        assert not path.exists()
    split = facetsplit.from_record(memo.facet_split, memo.sources, memo.facet_values)
    assert split is not None and split.common
    first = next(iter(split.common))
    split.common[first] = BitMap([len(memo)])  # a row past the last
    broken = replace(memo, facet_split=facetsplit.to_record(split, memo.sources))
    with pytest.raises(mapped.Damaged, match="facet split"):
        memo_file.save(broken, tmp_path / "bad" / memo_file.FILE_NAME, "t")
    memo_file.save(memo, tmp_path / memo_file.FILE_NAME, "t")
    again = memo_file.load(tmp_path / memo_file.FILE_NAME, "t")
    assert again is not None and _rows_of(again) == _rows(eng)


def test_a_facet_id_flipped_out_of_its_table_fails_the_checksums(tmp_path, corpus_copy):
    """Opening checks the columns' lengths only; an id damaged in the file is caught by the
    checksums, left to the thread (a verdict) or checked at once (None, the file removed)."""
    eng = Engine(corpus_copy, tmp_path / "idx")
    eng.sync()
    path, tag = eng.store.whoosh_dir / memo_file.FILE_NAME, eng.describe().tag
    offset = mapped_section_start(path, "facets")
    data = bytearray(path.read_bytes())
    data[offset + 3] ^= 0x40  # the high byte of the first row's first facet id: far outside the table
    path.write_bytes(bytes(data))
    later = mapped.Later()
    memo = memo_file.load(path, tag, later=later)
    assert memo is not None and memo.facets.values[0] >= len(memo.facet_values) and not later.ok()
    assert memo_file.load(path, tag) is None and not path.exists()
