"""Trust under faults and hostile input (issue 19): damaged caches are caught, dense articles
answer in bounded work, nothing from a corpus reaches a terminal raw, private files stay private,
special files are skipped, bad config and state files give one line, leftovers are removed."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from search_index import Engine
from search_index import memo as memo_file


def _sections(path: Path) -> list[tuple[int, int]]:
    """(start, end) byte offsets of every checksummed section of a row cache file."""
    out = []
    with open(path, "rb") as fh:
        size = path.stat().st_size
        while fh.tell() < size:
            start = fh.tell()
            marshal.load(fh)
            out.append((start, fh.tell()))
    return out


def _answers(eng: Engine) -> list:
    """What a user would see: search pages, a shown article, facet counts."""
    res = eng.search("高新区", limit=50)
    shown = eng.show(res.hits[0].meta["id"], "高新区")
    pairs = [(h.meta["id"], h.meta["title"], [s["text"] for s in h.snippets]) for h in res.hits]
    return [res.total, pairs, shown["title"], shown["text"][:200], res.facets]


def test_a_bit_flip_in_any_section_of_the_row_cache_is_caught_and_rebuilt(tmp_path, corpus_copy):
    eng = Engine(corpus_copy, tmp_path / "idx")
    eng.sync()
    clean = _answers(eng)
    path = eng.store.whoosh_dir / memo_file.FILE_NAME
    good = path.read_bytes()
    sections = _sections(path)
    assert len(sections) == 1 + len(memo_file.Memo().__dict__)
    for start, end in sections:
        for where in (start + 6, (start + end) // 2, end - 1):  # the checksum, the middle, the last byte
            damaged = bytearray(good)
            damaged[where] ^= 0x10
            path.write_bytes(bytes(damaged))
            said: list[str] = []
            again = Engine(corpus_copy, tmp_path / "idx")
            again.sync(warn=said.append)
            assert _answers(again) == clean, (start, where)
            assert len(said) == 1 and "row cache" in said[0] and "\n" not in said[0], said
            assert path.read_bytes() != bytes(damaged)  # rewritten, not kept


def test_rows_that_name_other_documents_are_caught(tmp_path, corpus_copy):
    eng = Engine(corpus_copy, tmp_path / "idx")
    eng.sync()
    clean = _answers(eng)
    memo = eng._memo
    memo.docnums[0], memo.docnums[1] = memo.docnums[1], memo.docnums[0]  # a well-formed file that lies
    path = eng.store.whoosh_dir / memo_file.FILE_NAME
    memo_file.save(memo, path, memo_file.index_tag(eng._ix))
    said: list[str] = []
    again = Engine(corpus_copy, tmp_path / "idx")
    again.sync(warn=said.append)
    assert _answers(again) == clean
    assert said == [f"warning: row cache {memo_file.FILE_NAME} does not match the index; rebuilding it"]


# -- bounded work per request ------------------------------------------------------------
@pytest.fixture(scope="module")
def dense(tmp_path_factory) -> Engine:
    """A corpus whose one article is a 2 MB run of the query (as a crawled dump can be)."""
    root = tmp_path_factory.mktemp("dense")
    body = "具身智能产业，" * (2 * 1024 * 1024 // 21)
    (root / "dense.txt").write_text("具身智能密集报道\n\n" + body + "\n", encoding="utf-8")
    (root / "plain.txt").write_text("低空经济\n\n园区推进低空经济应用，具身智能企业参与。\n", encoding="utf-8")
    eng = Engine(root, tmp_path_factory.mktemp("dense-idx"))
    eng.sync()
    return eng


def test_a_dense_article_places_snippets_around_a_bounded_number_of_hits(dense, monkeypatch):
    from search_index import highlight

    calls = []
    real = highlight._snap_start
    monkeypatch.setattr(highlight, "_snap_start", lambda *a: calls.append(a) or real(*a))
    res = dense.search("具身智能", limit=5)
    top = max(res.hits, key=lambda h: h.hit_count)
    assert top.hit_count > 90_000  # every hit is counted…
    assert len(calls) <= highlight.WINDOW_HITS + 1  # …but windows are placed around the first few only
    assert 1 <= len(top.snippets) <= 3 and all(len(s["text"]) <= highlight.SNIPPET_CHARS for s in top.snippets)


def test_show_marks_the_first_hits_of_a_dense_article_and_says_how_many(dense, capsys):
    from search_index.highlight import MAX_HITS

    ident = max(dense.search("具身智能", limit=5).hits, key=lambda h: h.hit_count).meta["id"]
    art = dense.show(ident, "具身智能")
    assert len(art["hits"]) == MAX_HITS and art["hit_count"] > 90_000


def test_kwic_width_and_line_count_are_clamped(dense):
    from search_index.concordance import MAX_LINES, MAX_WIDTH, cells

    conc = dense.kwic("具身智能", width=99_999_999)
    assert conc.width == MAX_WIDTH and len(conc.lines) == MAX_LINES
    assert all(cells(ln.left) <= MAX_WIDTH and cells(ln.right) <= MAX_WIDTH for ln in conc.lines)


def test_deeply_nested_brackets_give_one_line(engine):
    from search_index import QueryError

    with pytest.raises(QueryError, match="nested too deep"):
        engine.search("(" * 400 + "具身智能" + ")" * 400)
