"""A file is read up to one byte past the limit, whatever size it states (it may grow, shrink
or state 0): asking for the stated size first reads the same bytes."""

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from search_index.ingest.reading import _read_bounded


@given(st.binary(max_size=64), st.integers(0, 80), st.integers(0, 70))
@settings(max_examples=400)
def test_reading_the_stated_size_first_reads_what_one_bounded_read_does(data, stated, limit):
    assert _read_bounded(io.BytesIO(data), stated, limit) == io.BytesIO(data).read(limit + 1)
