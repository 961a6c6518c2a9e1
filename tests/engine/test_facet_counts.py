"""Facet counting over the seeds' real row cache: the bitset path counts what the row-by-row
path counts."""

from collections import Counter


def test_bitset_facet_counts_equal_row_by_row_counts(engine, monkeypatch):
    from search_index.index import facetsplit
    from search_index.research import facet_counts
    from search_index.research.facet_counts import FacetCounter

    memo = engine.rows
    plain = FacetCounter(memo.facets, memo.facet_values, memo.value_rows)
    fast = FacetCounter(memo.facets, memo.facet_values, memo.value_rows)
    monkeypatch.setattr(facet_counts, "BITSET_MIN_ROWS", 1)
    monkeypatch.setattr(facetsplit, "COMMON_SHARE", 0.3)
    fast.prepare()
    common, rare, with_rare = fast._split
    assert common and any(rare) and set(with_rare) == {r for r, values in enumerate(rare) if values}  # both paths
    for rows in (range(len(memo)), [0, 3, 5], engine.rows_matching("高新区")):
        assert fast.count(rows) == plain.count(rows)
    every = Counter(v for ids in memo.facets for v in ids)  # all rows: from the row lists' lengths
    by_facet = plain.count(range(len(memo)))
    assert all(by_facet[memo.facet_values[i][0]][memo.facet_values[i][1]] == n for i, n in every.items())
    assert sum(len(c) for c in by_facet.values()) == len(every)


def test_the_province_tree_is_built_once_and_only_when_asked(engine, monkeypatch):
    from search_index.research import facet_counts

    built: list[tuple] = []
    real = facet_counts.by_region
    monkeypatch.setattr(facet_counts, "by_region", lambda parks: built.append(tuple(parks)) or real(parks))
    facets = engine.search("高新区", limit=0).facets
    assert not built  # a search does not group its parks
    tree = facets.parks_by_region
    assert facets.parks_by_region is tree and len(built) == 1
    assert facets.to_json()["parks_by_region"] == tree and len(built) == 1
    grouped = facets.parks_by_province()
    assert len(built) == 1
    assert {park for zones in grouped.values() for park in zones} == set(facets.of("parks"))
    assert all(sum(zones.values()) >= tree[prov]["count"] > 0 for prov, zones in grouped.items() if prov != "?")


def test_zones_chosen_as_filters_are_placed_even_without_articles(engine):
    from search_index.reference.gazetteer import load_gazetteer

    facets = engine.search("city:苏州市", limit=0).facets
    before = facets.parks_by_province()
    gaz = load_gazetteer()
    absent = next(p.name for p in gaz.parks.values() if gaz.park_region(p.name)[0] not in ("", *before))
    grouped = facets.parks_by_province(also=[absent])
    assert grouped[gaz.park_region(absent)[0]] == {absent: 0}
    assert {p: z for p, z in grouped.items() if p != gaz.park_region(absent)[0]} == before


def test_one_value_per_row_facets_count_as_row_by_row(monkeypatch):
    """A corpus of one-article files: every row has a source of its own, counted apart from
    the bitmaps; every path gives what one Counter pass over the rows gives."""
    import random

    from search_index.index.columns import Lists
    from search_index.research import facet_counts
    from search_index.research.facet_counts import FacetCounter

    rng = random.Random(8)
    values = [("source", f"d/{n:04d}.txt") for n in range(300)] + [("parks", p) for p in ("中关村", "张江", "光谷")]
    values += [("tracks", t) for t in ("具身智能", "6G")] + [("kind", "article")]
    rows = [[n, *rng.sample(range(300, len(values)), rng.randrange(0, 4))] for n in range(300)]
    ids = Lists.of(rows)
    value_rows = ids.inverse(len(values))
    monkeypatch.setattr(facet_counts, "BITSET_MIN_ROWS", 20)
    fast, plain = FacetCounter(ids, values, value_rows), FacetCounter(ids, values, value_rows)
    fast.prepare()
    assert list(fast._single) == ["source"]
    for size in (0, 5, 40, 120, 160, 260, 299, 300):
        picked = sorted(rng.sample(range(300), size))
        expected = Counter(v for r in picked for v in rows[r])
        by_facet = fast.count(picked)
        assert by_facet == plain.count(picked)
        assert {(f, v): c for f, d in by_facet.items() if f != "parks_by_region" for v, c in d.items()} == {
            values[i]: c for i, c in expected.items()
        }
        assert list(by_facet["source"]) == [values[r][1] for r in picked]  # ties in value order


def test_an_unprepared_counter_orders_values_as_a_prepared_one(monkeypatch):
    """A one-off search (the command line) counts before anything is prepared and sorts only
    the values it found by name; the order, ties included, is the prepared counter's."""
    import random

    from search_index.index.columns import Lists
    from search_index.research import facet_counts
    from search_index.research.facet_counts import FacetCounter

    rng = random.Random(11)
    names = ["中关村", "张江", "光谷", "东湖", "AI", "ai", "6G", "具身智能", "Z", "a"]
    values = [(facet, name) for facet in ("parks", "tracks", "people", "kind") for name in rng.sample(names, 6)]
    rows = [rng.sample(range(len(values)), rng.randrange(0, 6)) for _ in range(200)]
    ids = Lists.of(rows)
    value_rows = ids.inverse(len(values))
    monkeypatch.setattr(facet_counts, "BITSET_MIN_ROWS", 10)
    for size in (0, 3, 30, 90, 150, 200):
        picked = sorted(rng.sample(range(200), size))
        cold, warm = FacetCounter(ids, values, value_rows), FacetCounter(ids, values, value_rows)
        warm.prepare()
        got, want = cold.count(picked), warm.count(picked)
        assert {f: list(d.items()) for f, d in got.items()} == {f: list(d.items()) for f, d in want.items()}
        assert any(len(set(d.values())) < len(d) for d in want.values() if d) or size < 30  # ties occur


def test_a_one_value_per_row_facet_reads_as_the_dict_it_stands_for():
    """The ``source`` counts of a corpus of one-article files are written out only when read,
    and read as the dict of every row's value → 1, in row order (JSON included)."""
    import json

    from pyroaring import BitMap

    from search_index.research.deferred_counts import OnePerRow
    from search_index.results import FacetCounts

    names = ["c.txt", "a.txt", "b.txt", "d.txt"]
    lazy = OnePerRow(names, BitMap([0, 2, 3]))
    expected = {"c.txt": 1, "b.txt": 1, "d.txt": 1}
    assert len(lazy) == 3 and list(lazy) == list(expected) and dict(lazy.items()) == expected
    assert lazy == expected and expected == lazy and lazy == OnePerRow(names, [0, 2, 3])
    assert "b.txt" in lazy and "a.txt" not in lazy and lazy.get("a.txt", 0) == 0 and lazy["d.txt"] == 1
    assert list(lazy) == list(expected)  # built once, the order stays
    counts = FacetCounts.from_counts({"source": OnePerRow(names, range(4)), "undated": 0})
    assert json.loads(json.dumps(counts.to_json()))["source"] == dict.fromkeys(names, 1)


class _NoRowReads(list):
    """``size`` rows whose value ids fail when a row is read: counting must go through the split."""

    def __init__(self, size: int) -> None:
        super().__init__([()] * size)

    def __getitem__(self, row):
        raise AssertionError(f"row {row} read one by one")


def test_a_cold_count_of_a_large_result_reads_the_split_saved_with_the_rows(tmp_path, corpus_copy, monkeypatch):
    """The row cache carries the facet split (common values' bitmaps, rare values by row): a
    cold search counts a large result from it, never row by row, and counts what the row-by-row
    counter counts."""
    from search_index import Engine
    from search_index.research import facet_counts
    from search_index.research.facet_counts import FacetCounter

    Engine(corpus_copy, tmp_path / "idx").sync()
    cold = Engine(corpus_copy, tmp_path / "idx")
    cold.open()
    memo = cold.rows
    plain = FacetCounter(memo.facets, memo.facet_values, memo.value_rows)
    monkeypatch.setattr(facet_counts, "BITSET_MIN_ROWS", 1)
    rows = cold.rows_matching("具身智能")
    assert 1 < len(rows) <= len(memo) // 2  # neither every row nor most rows: the bitmaps' path
    cold._facets._ids = _NoRowReads(len(memo))
    assert cold.count_facets(rows) == {**plain.count(list(rows)), **cold._space.dates.counts(rows)}


def test_a_saved_split_counts_one_article_files_as_row_by_row(monkeypatch):
    """A corpus of one-article files: the split, written and read back as the row cache holds
    it, keeps ``source`` as the rows' own files and counts what one Counter pass counts."""
    import marshal
    import random

    from search_index.index import facetsplit
    from search_index.index.columns import Lists, Utf8Strings
    from search_index.research import facet_counts
    from search_index.research.deferred_counts import OnePerRow
    from search_index.research.facet_counts import FacetCounter

    rng = random.Random(12)
    files = [f"d/{n:04d}.txt" for n in range(400)]
    values = [("parks", p) for p in ("中关村", "张江", "光谷")] + [("source", f) for f in files]
    values += [("tracks", t) for t in ("具身智能", "6G")] + [("people", f"p{n}") for n in range(60)]
    rows = [[3 + n, *rng.sample([0, 1, 2, 403, 404, *range(405, 465)], rng.randrange(0, 5))] for n in range(400)]
    ids = Lists.of(rows)
    value_rows = ids.inverse(len(values))
    sources = Utf8Strings.of(files)
    record = marshal.loads(marshal.dumps(facetsplit.to_record(facetsplit.build(ids, values, value_rows), sources)))
    assert record["single"] == {"source": None}  # the rows' own files: not written twice
    split = facetsplit.from_record(record, sources, values)
    assert split is not None and facetsplit.fits(split, len(rows), len(values)) and split.single["source"] is sources
    monkeypatch.setattr(facet_counts, "BITSET_MIN_ROWS", 20)
    for size in (0, 5, 40, 120, 199, 260, 399, 400):
        picked = sorted(rng.sample(range(400), size))
        saved = FacetCounter(_NoRowReads(400) if 20 <= size <= 200 else ids, values, value_rows, lambda: split)
        got = saved.count(picked)
        expected = Counter(v for r in picked for v in rows[r])
        assert got == FacetCounter(ids, values, value_rows).count(picked)
        assert {(f, v): c for f, d in got.items() for v, c in d.items()} == {values[i]: c for i, c in expected.items()}
        assert isinstance(got["source"], OnePerRow) or size < 20


class _Decoded(list):
    """Values (or (facet, value) pairs) that remember which were read."""

    def __init__(self, pairs) -> None:
        super().__init__(pairs)
        self.read: set[int] = set()

    def __getitem__(self, i):
        self.read.add(i)
        return super().__getitem__(i)


def test_counting_most_rows_with_a_saved_split_reads_no_file_name(monkeypatch):
    """The split saves the values' (facet, value) order: every row's counts, or every row's
    less a few, are ranked without reading the names of all values (74,000 file names in a
    corpus of one-article files); only the values counted by name, and those of the rows
    left out, are read."""
    import marshal
    import random

    from search_index.index import facetsplit
    from search_index.index.columns import Lists, Utf8Strings
    from search_index.research import facet_counts
    from search_index.research.facet_counts import FacetCounter

    rng = random.Random(13)
    files = [f"d/{n:04d}.txt" for n in range(400)]
    pairs = [("source", f) for f in files] + [("parks", p) for p in ("中关村", "张江", "光谷")]
    pairs += [("people", f"p{n}") for n in range(40)]
    rows = [[n, *rng.sample(range(400, len(pairs)), rng.randrange(0, 4))] for n in range(400)]
    ids = Lists.of(rows)
    value_rows = ids.inverse(len(pairs))
    sources = Utf8Strings.of(files)
    record = marshal.loads(marshal.dumps(facetsplit.to_record(facetsplit.build(ids, pairs, value_rows), sources)))
    monkeypatch.setattr(facet_counts, "BITSET_MIN_ROWS", 20)
    for size in (400, 399, 360, 250):
        picked = sorted(rng.sample(range(400), size))
        values = _Decoded(pairs)
        counter = FacetCounter(ids, values, value_rows, lambda v=values: facetsplit.from_record(record, sources, v))
        got = counter.count(picked)
        assert got == FacetCounter(ids, pairs, value_rows).count(picked)
        left_out = set(range(400)) - set(picked)  # at most the names of the rows left out are read
        assert values.read & set(range(400)) <= left_out and len(values.read) < 100, size


def _pages(rng, files: int, people: int) -> tuple[list[tuple[str, str]], list[list[int]]]:
    """(facet, value) pairs and each row's value ids for a corpus of pages: every file a run of
    one to nine articles (its ``source``), each naming a few zones, tracks and people."""
    names = [f"{n:03d}/page.txt" for n in rng.sample(range(1000), files)]  # value order is not row order
    pairs = [("source", name) for name in names] + [("parks", p) for p in ("中关村", "张江", "光谷")]
    pairs += [("tracks", t) for t in ("具身智能", "6G")] + [("people", f"人{n}") for n in range(people)]
    rows = []
    for file in range(files):
        for _ in range(rng.randrange(1, 10)):
            rows.append([file, *rng.sample(range(files, len(pairs)), rng.randrange(0, 4))])
    return pairs, rows


def test_a_corpus_of_pages_counts_its_files_from_one_column(monkeypatch):
    """Pages of several articles: every row has one ``source`` and most files are rare, so the
    split keeps the rows' places in the files' order instead of a bitmap or a row list per
    file; saved and read back, it counts on every path what one Counter pass counts, files
    most first and ties in value order."""
    import marshal
    import random

    from search_index.index import facetsplit
    from search_index.index.columns import Lists, Utf8Strings
    from search_index.research import facet_counts
    from search_index.research.deferred_counts import ByPlace
    from search_index.research.facet_counts import FacetCounter

    rng = random.Random(21)
    pairs, rows = _pages(rng, 120, 50)
    ids = Lists.of(rows)
    value_rows = ids.inverse(len(pairs))
    monkeypatch.setattr(facetsplit, "COMMON_SHARE", 0.03)  # files of 1-9 rows rare, zones common, people both
    split = facetsplit.build(ids, pairs, value_rows)
    assert list(split.each) == ["source"] and split.common and any(split.rare)
    assert not set(split.rare.values) & set(range(120)) and not set(split.common) & set(range(120))
    sources = Utf8Strings.of(sorted({name for facet, name in pairs if facet == "source"}))
    record = marshal.loads(marshal.dumps(facetsplit.to_record(split, sources)))
    saved = facetsplit.from_record(record, sources, pairs)
    assert saved is not None and facetsplit.fits(saved, len(rows), len(pairs)) and saved.each == split.each
    monkeypatch.setattr(facet_counts, "BITSET_MIN_ROWS", 20)
    size = len(rows)
    for share in (0, 0.01, 0.1, 0.3, 0.49, 0.6, 0.9, 0.99, 1):
        picked = sorted(rng.sample(range(size), round(share * size)))
        for prepared in (False, True):
            counter = FacetCounter(ids, pairs, value_rows, lambda: saved)
            if prepared:
                counter.prepare()
            got = counter.count(picked)
            expected = Counter(v for r in picked for v in rows[r])
            flat = {(f, v): c for f, d in got.items() for v, c in d.items()}
            assert flat == {pairs[i]: c for i, c in expected.items()}
            files = [(pairs[v][1], n) for v, n in expected.items() if pairs[v][0] == "source"]
            files.sort()
            files.sort(key=lambda item: item[1], reverse=True)
            assert list(got["source"].items()) == files
            assert isinstance(got["source"], ByPlace) or len(picked) < 20


def test_a_column_of_places_outside_its_facet_does_not_fit(monkeypatch):
    import random

    from search_index.index import facetsplit
    from search_index.index.columns import Lists

    pairs, rows = _pages(random.Random(22), 60, 10)
    ids = Lists.of(rows)
    split = facetsplit.build(ids, pairs, ids.inverse(len(pairs)))
    assert not split.each  # every file in at least 0.1 % of 300 rows: a bitmap each
    monkeypatch.setattr(facetsplit, "COMMON_SHARE", 0.05)
    split = facetsplit.build(ids, pairs, ids.inverse(len(pairs)))
    assert list(split.each) == ["source"] and facetsplit.fits(split, len(rows), len(pairs))
    split.each["source"][3] = 60  # one past the last file
    assert not facetsplit.fits(split, len(rows), len(pairs))


def test_counts_by_place_are_ordered_and_named_only_when_read():
    """A result's files are counted at once, but ordered (most first, ties in value order)
    and named when read; the first few are read without naming the rest; it reads as the
    dict it stands for, JSON included."""
    import json

    from search_index.research.deferred_counts import ByPlace
    from search_index.results import FacetCounts

    names = _Decoded(["a", "b", "c", "d", "e", "f"])
    counts = [2, 0, 5, 2, 1, 5]
    lazy = ByPlace(names, counts, [0, 2, 3, 4, 5])
    assert len(lazy) == 5 and not names.read
    assert lazy.first(2) == [("c", 5), ("f", 5)] and names.read == {2, 5}
    expected = {"c": 5, "f": 5, "a": 2, "d": 2, "e": 1}
    assert list(lazy) == list(expected) and lazy == expected and expected == lazy
    assert "b" not in lazy and lazy["d"] == 2 and lazy.get("b", 0) == 0
    facets = FacetCounts.from_counts({"source": lazy, "undated": 0})
    assert list(json.loads(json.dumps(facets.to_json()))["source"].items()) == list(expected.items())


def test_the_first_values_of_one_value_per_row_counts_decode_only_theirs():
    """A pane asks for the first 80 files of a search over 70,000: only those are decoded
    from the packed file names, whether the rows come as a bitmap, a range or a list, and
    they are the dict's first."""
    from pyroaring import BitMap

    from search_index.index.columns import Utf8Strings
    from search_index.research.deferred_counts import OnePerRow

    class Files(Utf8Strings):
        def many(self, rows):
            rows = list(rows)
            decoded.extend(rows)
            return super().many(rows)

    packed = Utf8Strings.of(f"{n}.txt" for n in range(10))
    files = Files(packed.buffer, packed.ends)
    for rows in (BitMap([1, 4, 5, 8, 9]), range(1, 6), [0, 2, 3, 7]):
        decoded: list[int] = []
        lazy = OnePerRow(files, rows)
        assert lazy.first(3) == [(f"{r}.txt", 1) for r in list(rows)[:3]]
        assert decoded == list(rows)[:3]
        assert lazy.first(3) == list(lazy.as_dict().items())[:3]
