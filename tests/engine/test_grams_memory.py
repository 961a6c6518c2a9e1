"""What a build holds while it makes the 2-grams: the keys come from the row cache as it is
mapped (not from strings kept since the rows were made), a chunk of rows at a time, with the
pages read given back to the file cache; the rows made while writing are taken, not copied."""

import random
import sys
from collections.abc import Sequence

import pytest

from search_index import Engine
from search_index.index import grams as G
from search_index.index import grams_build as GB
from search_index.index import grams_file as GF
from search_index.index import memo as row_cache
from search_index.index import memo_rows
from search_index.index.keys import Keys
from tests.harness import memo_of


def _resident_kb(path) -> int:
    """Resident KB of this process's mappings of the file ``path``."""
    total, ours = 0, False
    with open("/proc/self/smaps", encoding="utf-8") as fh:
        for line in fh:
            head = line.split()
            if head and "-" in head[0] and len(head) >= 5 and ":" not in head[0]:
                ours = " ".join(head[5:]) == str(path)
            elif ours and head[0] == "Rss:":
                total += int(head[1])
    return total


class _Recording(Sequence[str]):
    """Texts that note every slice asked of them (single rows too, as ``(row, row + 1)``)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts, self.asked = texts, []

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, i):
        if isinstance(i, slice):
            start, stop, _ = i.indices(len(self.texts))
            self.asked.append((start, stop))
            return [self.texts[j] for j in range(start, stop)]
        self.asked.append((i, i + 1))
        return self.texts[i]


def _rows(n: int, seed: int) -> list[tuple[str, str]]:
    pick = random.Random(seed).choice
    return [
        ("".join(pick("高新区具身a") for _ in range(4)), "".join(pick("高新区具身智能a6") for _ in range(60)))
        for _ in range(n)
    ]


def test_a_build_makes_its_grams_from_the_row_cache_as_mapped(tmp_path, seeds_dir, monkeypatch):
    seen: list[tuple] = []
    real = GF.build

    def spying(ids, titles, bodies, *args, **kwargs):
        seen.append((titles, bodies))
        return real(ids, titles, bodies, *args, **kwargs)

    monkeypatch.setattr(GF, "build", spying)
    engine = Engine(seeds_dir, tmp_path)
    engine.sync(rebuild=True)
    assert len(seen) == 1  # not a list of strings kept from the rows as they were made
    for texts in seen[0]:
        assert isinstance(texts, Keys) and type(texts.buffer).__name__ == "mmap"
    assert engine.search("高新区").total


@pytest.mark.parametrize("chunk", [1, 3, 7])
def test_the_keys_are_read_a_chunk_of_rows_at_a_time_with_the_same_grams(chunk):
    memo = memo_of(_rows(23, seed=chunk))
    titles, bodies = _Recording(memo.titles), _Recording(memo.bodies)
    grams = G.build(memo.ids, titles, bodies, 2, chunk)  # 3- and 4-grams in 2 rows or more kept exact
    whole = G.build(memo.ids, memo.titles, memo.bodies, 2, len(memo.ids))
    for texts in (titles, bodies):
        slices = [(a, b) for a, b in texts.asked if b - a > 1 or chunk == 1]
        assert slices and all(b - a <= chunk for a, b in texts.asked)
        assert sorted(set(slices)) == [(a, min(a + chunk, 23)) for a in range(0, 23, chunk)]
    assert len(grams.long) and list(grams.codes) == list(whole.codes)
    assert bytes(grams.blob) == bytes(whole.blob) and bytes(grams.long.blob) == bytes(whole.long.blob)


def test_long_arrays_move_into_bitmaps_and_rare_ones_stay():
    postings = GB.Postings()
    postings.add(0, ["高新"], ["高新区高新区"])
    postings.add(1, [""], ["新区"])
    postings.settle(least=2)
    high_new, new_area = ord("高") | ord("新") << 32, ord("新") | ord("区") << 32
    assert set(postings.bitmaps) == {new_area} and new_area not in postings.arrays  # in both rows
    assert list(postings.arrays[high_new]) == [0]  # in one row: still an array
    assert all(len(slots) == 1 for slots in postings.arrays.values())
    codes, ends, blob = postings.packed()
    assert not postings.bitmaps and not postings.arrays  # emptied as the blob is made
    assert list(codes) == sorted(codes) and ends[-1] == len(blob)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/smaps")
def test_the_build_gives_back_the_pages_of_the_keys_it_read(news_corpus, tmp_path, monkeypatch):
    Engine(news_corpus, tmp_path).sync()
    path = next(tmp_path.rglob(row_cache.FILE_NAME))
    memo = row_cache.load(path)
    assert memo is not None
    before = _resident_kb(path)  # the checksums' pages were given back
    G.build(memo.ids, memo.titles, memo.bodies, None, 100)
    assert _resident_kb(path) == before
    monkeypatch.setattr(GB, "give_back", lambda *args: None)
    G.build(memo.ids, memo.titles, memo.bodies, None, 100)
    assert _resident_kb(path) > before + 64  # what the build read, kept without the give-back


def test_the_rows_made_while_writing_are_taken_as_the_row_cache_is_built(tmp_path, seeds_dir, monkeypatch):
    handed: list[dict] = []
    real = memo_rows.build

    def spying(reader, build_id, previous=None, prepared=None):
        handed.append(prepared)
        return real(reader, build_id, previous, prepared)

    monkeypatch.setattr(memo_rows, "build", spying)
    Engine(seeds_dir, tmp_path).sync(rebuild=True)
    assert len(handed) == 1 and handed[0] is not None
    assert not handed[0]  # each taken out as its row was made: the two are never both held
