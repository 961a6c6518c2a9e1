"""The common 3- and 4-grams' false candidates, found by searching each gram in its
candidates only: what a count of every row's grams gives, from strings and from packed keys."""

from hypothesis import given, settings
from hypothesis import strategies as st
from pyroaring import BitMap

from search_index.index import grams as G
from search_index.index import longgrams as L
from search_index.index.keys import Keys

FEW = "高新区a𠀀"  # few characters: most rows hold a gram's 2-grams, many of them not the gram
rows_of = st.lists(st.tuples(st.text(alphabet=FEW, max_size=20), st.text(alphabet=FEW, max_size=20)), max_size=14)


def _false_by_counting(code: int, titles: list[str], bodies: list[str]) -> BitMap:
    """Rows holding every 2-gram of the gram, character by character, but not the gram."""
    gram = L.gram_text(code)
    pairs = [gram[i : i + 2] for i in range(len(gram) - 1)]
    return BitMap(
        row
        for row, (title, body) in enumerate(zip(titles, bodies, strict=True))
        if all(p in title or p in body for p in pairs) and gram not in title and gram not in body
    )


@settings(max_examples=150, deadline=None)
@given(rows_of)
def test_false_candidates_from_strings_and_packed_keys_equal_a_count(rows):
    titles, bodies = [t for t, _ in rows], [b for _, b in rows]
    ids = [str(i) for i in range(len(rows))]
    from_strings = G.build(ids, titles, bodies, 1)
    from_keys = G.build(ids, Keys.of(titles), Keys.of(bodies), 1)
    assert list(from_strings.long.codes) == list(from_keys.long.codes)
    assert bytes(from_strings.long.blob) == bytes(from_keys.long.blob)
    for code in from_strings.long.codes:
        assert from_strings.long.false(code) == _false_by_counting(code, titles, bodies), L.gram_text(code)


@settings(max_examples=100, deadline=None)
@given(rows_of, rows_of)
def test_false_candidates_among_new_slots_read_their_own_texts(old_rows, new_rows):
    rows = old_rows + new_rows
    titles, bodies = [t for t, _ in rows], [b for _, b in rows]
    grams = G.build([str(i) for i in range(len(rows))], titles, bodies, 1)
    first = len(old_rows)
    codes = list(grams.long.codes)
    new = BitMap(range(first, len(rows)))
    got = L.false_candidates(codes, grams.bitmap, [(first, titles[first:], bodies[first:])])
    assert got == {code: _false_by_counting(code, titles, bodies) & new for code in codes}


def test_gram_text_reads_three_and_four_characters():
    assert L.gram_text(L.key_code("高新区")) == "高新区"
    assert L.gram_text(L.key_code("新区高a")) == "新区高a"
