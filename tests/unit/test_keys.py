"""Search keys packed in one UTF-16 buffer: matching and counting are exactly ``in`` and
``str.count`` per row, whatever the characters, in memory and mapped from the row cache."""

import io
import mmap

from hypothesis import given, settings
from hypothesis import strategies as st

from search_index.index import mapped
from search_index.index.columns import Lists, Utf8Strings
from search_index.index.keys import Keys, Pairs, as_keys

# Keys never hold U+0000 (key_of removes it); everything else may occur, astral characters and
# lone high surrogates included (a high and a low one side by side come back as the astral
# character they encode, as they did from the previous cache format). A small alphabet makes
# matches frequent.
CHARS = st.sampled_from([*"ab高新区🚀 Z", "\ud83d", "\ud800"])
KEY = st.text(CHARS, max_size=12)
TERM = st.text(CHARS, min_size=1, max_size=3)


def _mapped_keys(texts: list[str], tmp_path) -> Keys:
    path = tmp_path / "keys.bin"
    with open(path, "wb") as fh:
        fh.write(b"pad")  # an odd offset: alignment is counted from the buffer, not the file
        mapped.write(fh, texts)
    with open(path, "rb") as fh:
        fh.read(3)
        head = mapped.skip(fh, "keys")
        return mapped.load(fh, {"keys": head}, {"keys": Keys})["keys"]


@settings(max_examples=300, deadline=None)
@given(st.lists(KEY, max_size=8), TERM)
def test_rows_and_counts_are_those_of_str(texts, term):
    keys = Keys.of(texts)
    assert list(keys) == texts and len(keys) == len(texts)
    assert keys.rows_with(term) == {r for r, t in enumerate(texts) if term in t}
    some = list(range(0, len(texts), 2))
    assert keys.rows_with(term, some) == {r for r in some if term in texts[r]}
    assert keys.counts(term, range(len(texts))) == [t.count(term) for t in texts]
    assert list(keys.lengths) == [len(t) for t in texts]


@settings(max_examples=60, deadline=None)
@given(st.lists(KEY, min_size=1, max_size=6), TERM)
def test_mapped_keys_match_as_in_memory_ones(tmp_path_factory, texts, term):
    keys = _mapped_keys(texts, tmp_path_factory.mktemp("k"))
    assert isinstance(keys.buffer, mmap.mmap)
    assert list(keys) == texts
    assert keys.rows_with(term) == {r for r, t in enumerate(texts) if term in t}
    assert keys.counts(term, range(len(texts))) == [t.count(term) for t in texts]


def test_a_match_never_runs_over_a_row_end():
    keys = Keys.of(["高新", "区域", "a", "b"])
    assert keys.rows_with("新区") == set() and keys.rows_with("ab") == set()
    assert keys.rows_with("区") == {1}


def test_a_hit_inside_a_character_is_not_a_match():
    # 'ā' is U+0101 (bytes 01 01) and 'ĀĀ' is 00 01 00 01: a byte search for 'ā' would hit
    # inside 'ĀĀ' at an odd offset.
    keys = Keys.of(["ĀĀ", "xā"])
    assert keys.rows_with("ā") == {1}
    assert keys.counts("ā", [0, 1]) == [0, 1]


def test_lists_are_packed_and_keys_kept():
    keys = Keys.of(["a"])
    assert as_keys(keys) is keys
    assert list(as_keys(["x", "高"])) == ["x", "高"]
    assert Keys.of([]).rows_with("a") == set() and len(Keys.of([])) == 0


def test_mapped_metadata_decodes_rows_on_demand(tmp_path):
    strings = Utf8Strings.of(["{}", '["高新区"]', ""])
    path = tmp_path / "metas.bin"
    with open(path, "wb") as fh:
        mapped.write(fh, strings)
    with open(path, "rb") as fh:
        loaded = mapped.load(fh, {"m": mapped.skip(fh, "m")}, {"m": Utf8Strings})["m"]
    assert list(loaded) == list(strings)


def test_a_flipped_byte_in_a_mapped_section_fails_its_checksum(tmp_path):
    path = tmp_path / "keys.bin"
    with open(path, "wb") as fh:
        mapped.write(fh, ["高新区", "具身智能"])
    raw = bytearray(path.read_bytes())
    raw[-3] ^= 0x20
    path.write_bytes(bytes(raw))
    with open(path, "rb") as fh:
        head = mapped.skip(fh, "keys")
        try:
            mapped.load(fh, {"keys": head}, {"keys": Keys})
        except mapped.Damaged as exc:
            assert "checksum" in str(exc)
        else:
            raise AssertionError("a damaged section was read")


def test_a_cut_section_is_damaged(tmp_path):
    buf = io.BytesIO()
    mapped.write(buf, ["高新区" * 100])
    path = tmp_path / "keys.bin"
    path.write_bytes(buf.getvalue()[:-10])
    with open(path, "rb") as fh:
        head = mapped.skip(fh, "keys")
        try:
            mapped.load(fh, {"keys": head}, {"keys": Keys})
        except mapped.Damaged as exc:
            assert "cut short" in str(exc)
        else:
            raise AssertionError("a cut section was read")


def test_facet_pairs_round_trip_mapped(tmp_path):
    pairs = [("zones", "中关村"), ("source", "a\x1fb.txt"), ("tracks", "")]
    packed = Pairs.of(pairs)
    assert list(packed) == pairs and packed[1] == ("source", "a\x1fb.txt") and len(packed) == 3
    path = tmp_path / "pairs.bin"
    with open(path, "wb") as fh:
        mapped.write(fh, pairs)
    with open(path, "rb") as fh:
        loaded = mapped.load(fh, {"p": mapped.skip(fh, "p")}, {"p": Pairs})["p"]
    assert isinstance(loaded, Pairs) and list(loaded) == pairs
    assert Pairs.of(pairs).many([2, 0, 2]) == [pairs[2], pairs[0], pairs[2]]  # decoded in one loop


def test_facet_lists_round_trip_mapped(tmp_path):
    """The row cache's two big integer lists are read in place: values a view of the file."""
    lists = Lists.of([[3, 1], [], [7], [0, 0, 2]])
    path = tmp_path / "lists.bin"
    with open(path, "wb") as fh:
        mapped.write(fh, lists)
        mapped.write(fh, Lists())
    with open(path, "rb") as fh:
        heads = {"a": mapped.skip(fh, "a"), "b": mapped.skip(fh, "b")}
        loaded = mapped.load(fh, heads, {"a": Lists, "b": Lists})
    assert isinstance(loaded["a"].values, memoryview) and loaded["a"] == lists
    assert [list(items) for items in loaded["a"]] == [[3, 1], [], [7], [0, 0, 2]] and loaded["a"].size(3) == 3
    assert loaded["b"] == Lists() and len(loaded["b"]) == 0


def _first_index(texts: list[str], text: str) -> int | None:
    return texts.index(text) if text in texts else None


@settings(max_examples=300, deadline=None)
@given(st.lists(KEY, max_size=8), KEY)
def test_the_row_of_a_key_is_its_first_exact_row(tmp_path_factory, texts, text):
    assert Keys.of(texts).row_of(text) == _first_index(texts, text)
    if texts:
        assert _mapped_keys(texts, tmp_path_factory.mktemp("k")).row_of(text) == _first_index(texts, text)
    for t in texts:
        assert Keys.of(texts).row_of(t) == texts.index(t)


def test_a_pair_is_found_by_its_facet_and_value():
    pairs = [("parks", "中关村"), ("tracks", "具身智能"), ("parks", "中关村科学城"), ("source", "a.txt")]
    packed = Pairs.of(pairs)
    assert [packed.index_of(f, v) for f, v in pairs] == [0, 1, 2, 3]
    assert packed.index_of("parks", "中关") is None and packed.index_of("tracks", "中关村") is None


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["source", "parks"]), KEY), min_size=1, max_size=200),
    st.data(),
)
def test_names_of_many_ids_are_the_pairs_values(pairs, data):
    """Decoded over their span (many ids close together) or one by one (few, or far apart):
    the values of the pairs, in the ids' order, repeats included."""
    packed = Pairs.of(pairs)
    everything = st.integers(0, len(pairs) - 1)
    ids = data.draw(st.one_of(st.lists(everything, max_size=300), st.permutations(range(len(pairs)))))
    assert packed.names_of(ids) == [pairs[i][1] for i in ids]
    assert packed.keys.span(0, len(pairs)) == [f"{f}\x1f{v}" for f, v in pairs]


def test_names_of_a_dense_run_decode_its_span_once(monkeypatch):
    from search_index.index import keys

    pairs = [("source", f"{n:03}/page.txt") for n in range(200)]
    packed = Pairs.of(pairs)
    decoded: list[int] = []
    real = keys._decode
    monkeypatch.setattr(keys, "_decode", lambda b, *a: (decoded.append(len(b)), real(b, *a))[1])
    ids = list(range(150, 20, -1))
    assert packed.names_of(ids) == [pairs[i][1] for i in ids]
    assert len(decoded) == 1  # one call over rows 21-150
    decoded.clear()
    assert packed.names_of([0, 199]) == [pairs[0][1], pairs[199][1]]
    assert len(decoded) == 2  # two far apart: one by one
