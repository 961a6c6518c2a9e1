"""Trust under faults and hostile input (issue 19): damaged caches are caught, dense articles
answer in bounded work, nothing from a corpus reaches a terminal raw, private files stay private,
special files are skipped, bad config and state files give one line, leftovers are removed."""

from __future__ import annotations

import marshal
from pathlib import Path

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
