"""A file is read up to one byte past the limit, whatever size it states (it may grow, shrink
or state 0): asking for the stated size first reads the same bytes."""

import io
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search_index.ingest.reading import _read_bounded, read_fd


@given(st.binary(max_size=64), st.integers(0, 80), st.integers(0, 70))
@settings(max_examples=400)
def test_reading_the_stated_size_first_reads_what_one_bounded_read_does(data, stated, limit):
    assert _read_bounded(io.BytesIO(data).read, stated, limit) == io.BytesIO(data).read(limit + 1)


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 70_000])
def test_reading_by_descriptor_gives_what_a_buffered_read_gives(tmp_path, size):
    path = tmp_path / "a.txt"
    path.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
    for n in (0, 1, size - 1, size, size + 1, 3 * size + 7):
        fd = os.open(path, os.O_RDONLY)
        try:
            by_fd = read_fd(fd, max(n, 0))
        finally:
            os.close(fd)
        with open(path, "rb") as fh:
            assert by_fd == fh.read(max(n, 0))


def test_short_reads_from_a_descriptor_are_joined(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes(b"0123456789")
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: real_read(fd, min(n, 3)))  # a slow device's short reads
    fd = os.open(path, os.O_RDONLY)
    try:
        assert [read_fd(fd, 4), read_fd(fd, 100), read_fd(fd, 5)] == [b"0123", b"456789", b""]
    finally:
        os.close(fd)
