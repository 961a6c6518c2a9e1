"""The compact columns behind the in-memory rows, and their file format."""

import io
import marshal
import random
from array import array

import pytest

from search_index.index import columns
from search_index.index.columns import Lists, Utf8Strings

TEXTS = ["", "具身智能", "a\x00b", "", "𠀀𠀁 non-BMP", "\udc80 lone surrogate", "低空经济" * 50, ""]


def _round_trip(dump, load, value):
    buf = io.BytesIO()
    dump(value, buf)
    buf.seek(0)
    return load(buf)


@pytest.mark.parametrize("chunk", [1, 7, 1 << 22])
def test_texts_come_back_exactly_whatever_the_run_size(monkeypatch, chunk):
    monkeypatch.setattr(columns, "TEXT_CHUNK", chunk)
    rng = random.Random(5)
    texts = TEXTS + ["".join(rng.choice("高新区ab 1") for _ in range(rng.randrange(30))) for _ in range(200)]
    assert _round_trip(columns.dump_texts, columns.load_texts, texts) == texts
    assert _round_trip(columns.dump_texts, columns.load_texts, []) == []


def test_a_text_column_whose_lengths_do_not_add_up_is_refused():
    buf = io.BytesIO()
    columns.dump_array(array("q", [2, 3]), buf)  # says 5 characters
    marshal.dump(1, buf)
    marshal.dump((2, "具身智能".encode("utf-16-le")), buf)  # has 4
    with pytest.raises(ValueError):
        columns.load_texts(io.BytesIO(buf.getvalue()))


def test_utf8_strings_decode_each_string_on_demand():
    strings = Utf8Strings.of(TEXTS)
    assert len(strings) == len(TEXTS) and list(strings) == TEXTS and strings[4] == TEXTS[4]
    again = _round_trip(columns.dump_utf8, columns.load_utf8, strings)
    assert again == strings and list(again) == TEXTS


def test_lists_and_their_inverse():
    rows = [[0, 2], [], [2], [1, 2, 0], []]
    lists = Lists.of(rows)
    assert len(lists) == 5 and [list(x) for x in lists] == rows
    assert [lists.size(i) for i in range(5)] == [2, 0, 1, 3, 0]
    inverse = lists.inverse(4)
    assert [list(inverse[v]) for v in range(4)] == [[0, 3], [3], [0, 2, 3], []]
    assert _round_trip(columns.dump_lists, columns.load_lists, lists) == lists
    assert len(Lists()) == 0 and list(Lists().inverse(0)) == []
