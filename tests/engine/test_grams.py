"""The 2-gram candidate index: matching with it equals the scan, updates equal a fresh build,
and its cache file is checked (version, tag, CRC per section) and owner-only."""

import itertools
import random
import stat
from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from search_index.engine import Engine
from search_index.index import grams as G
from search_index.index import grams_file as GF
from search_index.index.mapped import Later
from search_index.query.execute import Space
from search_index.query.tree import And, Not, Or, Text
from tests.harness import memo_of

ALPHABET = "高新区具身智能a6g 𠀀"  # CJK, ASCII word characters, a space and a character beyond the BMP


def _pair(rows: list[tuple[str, str]]) -> tuple[Space, Space]:
    memo = memo_of(rows)
    return Space(memo), Space(memo, G.build(memo.ids, memo.titles, memo.bodies).attach(memo.ids))


texts = st.text(alphabet=ALPHABET, max_size=30)
terms = st.builds(Text, st.text(alphabet=ALPHABET.replace(" ", ""), min_size=1, max_size=4), st.booleans())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(texts, texts), min_size=1, max_size=12), st.lists(terms, min_size=2, max_size=3))
def test_candidates_then_verification_equal_the_scan(rows, parts):
    scan, indexed = _pair(rows)
    a, b = parts[0], parts[1]
    for node in (a, b, And((a, b)), Or((a, b)), Not(a), And((a, Not(b)))):
        assert indexed.rows(node) == scan.rows(node), node
    within = set(range(0, len(rows), 2))
    assert indexed.rows(a, within) == scan.rows(a, within)
    assert indexed.document_frequency(a) == scan.document_frequency(a)


def _pair_long(rows: list[tuple[str, str]], least: int) -> tuple[Space, Space]:
    memo = memo_of(rows)
    return Space(memo), Space(memo, G.build(memo.ids, memo.titles, memo.bodies, least).attach(memo.ids))


FEW = "高新区a𠀀"  # few characters: most rows hold a gram's 2-grams, many of them not the gram itself
few_texts = st.text(alphabet=FEW, max_size=24)
few_terms = st.builds(Text, st.text(alphabet=FEW, min_size=3, max_size=6), st.booleans())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(few_texts, few_texts), min_size=1, max_size=12), few_terms, st.integers(1, 3))
def test_common_long_grams_answer_exactly_what_the_scan_finds(rows, term, least):
    scan, indexed = _pair_long(rows, least)
    for key in (term.key, term.key[:3], term.key[:4], term.key[1:4]):
        assert indexed.rows(Text(key, term.title_only)) == scan.rows(Text(key, term.title_only)), key
        assert indexed.document_frequency(Text(key)) == scan.document_frequency(Text(key))


def test_a_common_three_gram_is_answered_without_verifying():
    rows = [("高新区", "国家高新区"), ("", "高新 新区"), ("新区高新", "区"), ("", "高新区高新区")] * 3
    scan, indexed = _pair_long(rows, 2)
    assert indexed.grams.exact("高新区") and indexed.grams.exact("国家高新")
    assert not indexed.grams.exact("家高新区") or indexed.rows(Text("家高新区")) == scan.rows(Text("家高新区"))
    assert set(indexed.grams.candidates("高新区")) == scan.rows(Text("高新区")) == {0, 3, 4, 7, 8, 11}
    assert set(indexed.grams.candidates("高新")) == {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
    assert not indexed.grams.exact("区高新区") or indexed.rows(Text("区高新区")) == {3, 7, 11}
    assert not indexed.grams.exact("高新区𠀀")  # beyond the BMP: never kept


def test_two_character_terms_and_ascii_edges():
    scan, indexed = _pair([("国家高新区", "6g 通信"), ("", "56g 和 ai芯片"), ("高新", "")])
    for key in ("高新", "6g", "ai", "新区", "区"):
        assert indexed.rows(Text(key)) == scan.rows(Text(key)), key
    assert indexed.rows(Text("6g")) == {0}  # not the 6g inside 56g
    assert indexed.grams.candidates("区") is None  # one character: scanned


def _random_rows(rng: random.Random, n: int) -> list[tuple[str, str]]:
    return [("".join(rng.choices(ALPHABET, k=6)), "".join(rng.choices(ALPHABET, k=40))) for _ in range(n)]


def test_update_adds_new_rows_and_forgets_gone_ones():
    rng = random.Random(3)
    rows = _random_rows(rng, 40)
    old = memo_of(rows)
    grams = G.build(old.ids, old.titles, old.bodies).attach(old.ids)
    # two articles gone, three new ones, the rest in another order
    new_rows = [("新标题", "具身智能𠀀新文"), *rows[5:], ("x", "a6g"), ("智能", "高新")]
    new = memo_of(new_rows)
    new.ids = ["n0", *old.ids[5:], "n1", "n2"]
    updated = G.update(grams, new.ids, new.titles, new.bodies)
    assert updated.dead == 5 and not updated.identity
    fresh = G.build(new.ids, new.titles, new.bodies).attach(new.ids)
    for key in ("具身", "具身智能", "高新", "a6", "能𠀀", "区区"):
        assert set(updated.candidates(key)) == set(fresh.candidates(key)), key


def test_update_keeps_the_long_grams_exact():
    rng = random.Random(4)
    rows = [("".join(rng.choices("高新区a", k=5)), "".join(rng.choices("高新区a", k=12))) for _ in range(60)]
    old = memo_of(rows)
    grams = G.build(old.ids, old.titles, old.bodies, 3).attach(old.ids)
    assert len(grams.long) > 20
    new_rows = [("高新区", "新区高新高新"), *rows[4:], ("x", "区高新区高a"), ("新区", "高新新区区")]
    new = memo_of(new_rows)
    new.ids = ["n0", *old.ids[4:], "n1", "n2"]
    updated = G.update(grams, new.ids, new.titles, new.bodies)
    assert updated.dead == 4 and list(updated.long.codes) == list(grams.long.codes)
    scan, indexed = Space(new), Space(new, updated)
    keys = ["".join(p) for n in (3, 4, 5) for p in itertools.product("高新区a", repeat=n)]
    for key in keys:
        assert indexed.rows(Text(key)) == scan.rows(Text(key)), key
    assert sum(updated.exact(k) for k in keys) > 20


def test_update_rebuilds_when_too_many_slots_are_dead():
    rows = _random_rows(random.Random(5), 20)
    old = memo_of(rows)
    grams = G.build(old.ids, old.titles, old.bodies).attach(old.ids)
    new = memo_of(rows[:5])
    updated = G.update(grams, new.ids, new.titles, new.bodies)
    assert updated.identity and updated.dead == 0 and len(updated.slots) == 5


def test_cache_file_round_trip_tag_crc_and_mode(tmp_path):
    memo = memo_of(_random_rows(random.Random(7), 30))
    grams = G.build(memo.ids, memo.titles, memo.bodies)
    path = tmp_path / GF.FILE_NAME
    GF.save(grams, path, "g1-abc")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    tag, loaded = GF.load(path)
    assert tag == "g1-abc" and loaded.codes == grams.codes and loaded.blob == grams.blob
    long = G.build(memo.ids, memo.titles, memo.bodies, 2)
    GF.save(long, path, "g1-abc")
    kept = GF.load(path)[1].long
    assert len(kept) > 10 and kept.codes == long.long.codes and kept.blob == long.long.blob
    assert GF.load(path, "g2-def") is None
    data = bytearray(path.read_bytes())
    data[-3] ^= 0xFF  # one flipped byte in the bitmaps
    path.write_bytes(bytes(data))
    assert GF.load(path) is None
    later = Later()  # the bitmaps' checksum left to a thread: the damage is in its verdict
    assert GF.load(path, later=later) is not None and not later.ok()
    path.write_bytes(b"garbage")
    assert GF.load(path) is None
    # ready() rebuilds a damaged file and saves a good one
    ready = GF.ready(tmp_path, "g3", memo.ids, memo.titles, memo.bodies)
    assert ready.identity and GF.load(path, "g3") is not None


def test_engine_keeps_grams_beside_the_index_and_updates_them(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("高新区动态\n\n中关村加快布局具身智能新赛道。\n", encoding="utf-8")
    (corpus / "b.txt").write_text("低空经济观察\n\n张江高新区发展低空经济，无人机企业增多。\n", encoding="utf-8")
    engine = Engine(corpus, tmp_path / "index")
    engine.sync()
    path = engine.store.whoosh_dir / GF.FILE_NAME
    assert path.exists() and engine.describe().grams
    assert engine.search("具身智能").total == 1
    (corpus / "c.txt").write_text("脑机接口前沿\n\n光谷企业研发脑机接口，具身智能同步推进。\n", encoding="utf-8")
    engine.sync()
    assert engine.search("具身智能").total == 2 and engine.search("脑机接口").total == 1
    assert GF.load(path)[0] == engine.describe().tag  # saved for the new index state
    (corpus / "a.txt").unlink()
    engine.sync()
    assert engine.search("具身智能").total == 1 and engine.search("中关村").total == 0


def test_facet_counts_of_most_rows_equal_row_by_row_counts(engine):
    from collections import Counter
    from itertools import chain

    from search_index.research.facet_counts import FacetCounter

    memo = engine.rows
    counter = FacetCounter(memo.facets, memo.facet_values, memo.value_rows)
    n = len(memo)
    for rows in (list(range(1, n)), [r for r in range(n) if r % 5], sorted(set(range(n)) - {0, n // 2})):
        plain = Counter(chain.from_iterable(memo.facets[r] for r in rows))
        by_facet = counter.count(rows)
        assert {(f, v): c for f, d in by_facet.items() for v, c in d.items()} == {
            memo.facet_values[i]: c for i, c in plain.items()
        }


def test_slots_map_to_rows_by_runs_or_one_by_one():
    rows = _random_rows(random.Random(9), 60)
    old = memo_of(rows)
    grams = G.build(old.ids, old.titles, old.bodies).attach(old.ids)
    new = memo_of([rows[0], ("新", "具身智能a6g"), *rows[1:30], *rows[31:], ("高新", "区具身")])
    new.ids = [old.ids[0], "n0", *old.ids[1:30], *old.ids[31:], "n1"]
    updated = G.update(grams, new.ids, new.titles, new.bodies)
    assert [shift for _slots, shift in updated._runs] == [0, 1, 0, -59, -1]  # 0 | 1-29 | 31-59 | n0 | n1
    fresh = G.build(new.ids, new.titles, new.bodies).attach(new.ids)
    keys = ("具身", "具身智能", "高新", "a6", "g ", "区区")
    by_runs = {k: set(updated.candidates(k)) for k in keys}
    updated._runs = None  # slot by slot
    assert by_runs == {k: set(updated.candidates(k)) for k in keys} == {k: set(fresh.candidates(k)) for k in keys}
    assert G._runs(updated.rows, most=4) is None


def _runs_one_by_one(rows, most):
    """What ``G._runs`` finds, slot by slot (the plain reading of its docstring)."""
    runs: list[list[int]] = []
    for slot, row in enumerate(rows):
        if row < 0:
            continue
        if runs and runs[-1][1] == slot and runs[-1][2] == row - slot:
            runs[-1][1] += 1
        elif len(runs) == most:
            return None
        else:
            runs.append([slot, slot + 1, row - slot])
    return [(list(range(first, stop)), shift) for first, stop, shift in runs]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.tuples(st.integers(0, 90), st.integers(1, 12)).map(lambda p: list(range(p[0], p[0] + p[1]))),
            st.integers(1, 6).map(lambda n: [-1] * n),
            st.lists(st.integers(-1, 90), max_size=4),
        ),
        max_size=12,
    ).map(lambda parts: array("i", itertools.chain.from_iterable(parts))),
    st.sampled_from((1, 3, G.MAX_RUNS)),
)
def test_runs_found_by_comparing_slices_are_the_runs_slot_by_slot(rows, most):
    found = G._runs(rows, most)
    assert (None if found is None else [(list(s), shift) for s, shift in found]) == _runs_one_by_one(rows, most)


def _counted_by_hand(title: str, body: str) -> dict[int, int]:
    counts: dict[int, int] = {}
    for text, weight in ((body, 1), (title, 2)):
        for a, b in itertools.pairwise(text):
            code = ord(a) | ord(b) << 32
            counts[code] = counts.get(code, 0) + weight
    return counts


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet=FEW, max_size=5), st.text(alphabet=FEW, max_size=40)), max_size=8))
def test_the_bitmaps_and_tiers_equal_grams_counted_character_by_character(rows):
    """Titles and bodies of zero, one, two and many grams (one gram: a slot's lists are
    fetched one at a time), titles counting two, counts across tier edges."""
    grams = G.build([f"id{i}" for i in range(len(rows))], [t for t, _ in rows], [b for _, b in rows], 0)
    wanted: dict[int, set[int]] = {}
    for slot, (title, body) in enumerate(rows):
        for code, n in _counted_by_hand(title, body).items():
            wanted.setdefault(code, set()).add(slot)
            if n >= 2:
                tier = sum(1 for least in G.TIERS if n >= least)
                wanted.setdefault(code | tier << G.TIER_SHIFT, set()).add(slot)
    assert list(grams.codes) == sorted(wanted)
    assert {code: set(grams.bitmap(code)) for code in grams.codes} == wanted


def _news(corpus, name: str, body: str) -> None:
    (corpus / name).write_text(f"{name}的标题\n\n{body}\n", encoding="utf-8")


def test_after_an_update_a_fresh_process_maps_slots_to_rows_from_the_file(tmp_path, monkeypatch):
    """An update gives new articles new slots, so slots and rows differ; the mapping is kept
    in the cache file for the ids it was made for, and opening the index again reads it
    instead of decoding every id (``attach``) — with the same answers as the mapping made afresh."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(6):
        _news(corpus, f"b{n}.txt", f"第{n}篇：中关村加快布局具身智能新赛道，低空经济同步推进。")
    engine = Engine(corpus, tmp_path / "index")
    engine.sync()
    _news(corpus, "a0.txt", "张江高新区发展具身智能，脑机接口企业增多。")  # sorts first: every row moves by one
    (corpus / "b3.txt").unlink()
    engine.sync()
    path = engine.store.whoosh_dir / GF.FILE_NAME
    _tag, kept = GF.load(path)
    afresh = GF.load(path)[1].attach(engine.rows.ids)
    assert not afresh.identity and afresh.dead == 1
    assert kept.kept_rows is not None and list(kept.kept_rows[1]) == list(afresh.rows)

    def decoding(self, ids):
        raise AssertionError("every id decoded again")

    monkeypatch.setattr(G.Grams, "attach", decoding)
    reopened = Engine(corpus, tmp_path / "index")
    reopened.open()
    assert reopened.search("具身智能").total == 6 and reopened.search("脑机接口").total == 1
    assert reopened.search("第3篇").total == 0 and reopened.search("第4篇").total == 1


def test_a_kept_mapping_made_for_other_ids_is_not_used(tmp_path):
    rows = [(f"题{n}", f"正文{n}具身智能") for n in range(8)]
    old, new = memo_of(rows[1:]), memo_of(rows)
    old.ids, new.ids = [f"id{n}" for n in range(1, 8)], [f"id{n}" for n in range(8)]  # a new first article
    grams = G.update(G.build(old.ids, old.titles, old.bodies).attach(old.ids), new.ids, new.titles, new.bodies)
    assert not grams.identity
    path = tmp_path / GF.FILE_NAME
    GF.save(grams, path, "t", new.ids)
    loaded = GF.load(path, "t")[1]
    assert GF._attached(loaded, new.ids).rows == grams.rows  # kept: the same mapping
    other = list(reversed(new.ids))  # the same articles in another order
    mapped = GF._attached(GF.load(path, "t")[1], other)
    assert list(mapped.rows) == list(GF.load(path, "t")[1].attach(other).rows) != list(grams.rows)


def test_a_cache_file_of_the_version_before_is_read_without_a_mapping(tmp_path, monkeypatch):
    """Version 4 kept no slot → row mapping: its grams are still used (no rebuild of every
    user's 2-grams), and mapped by decoding the ids as before."""
    memo = memo_of([(f"题{n}", f"正文{n}具身智能") for n in range(5)])
    grams = G.build(memo.ids, memo.titles, memo.bodies)
    path = tmp_path / GF.FILE_NAME
    with monkeypatch.context() as old:
        old.setattr(GF, "VERSION", 4)
        old.setattr(GF, "_SECTIONS", tuple(s for s in GF._SECTIONS if s != "rows"))
        GF.save(grams, path, "t")
    tag, loaded = GF.load(path)
    assert tag == "t" and loaded.codes == grams.codes and loaded.kept_rows is None
    assert GF._attached(loaded, memo.ids).identity
