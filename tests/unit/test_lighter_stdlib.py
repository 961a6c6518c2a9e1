"""What a search computes without the standard library modules it no longer imports gives
what they gave: month lengths (``calendar``), the index folder's and the inputs stamp's SHA-1
(``hashlib``)."""

from __future__ import annotations

import calendar
import hashlib
from pathlib import Path

import pytest

from search_index.dates.ranges import month_days
from search_index.index.folder import index_folder
from search_index.index.quickstate import HEADER_KEYS, stamp


def test_month_lengths_are_calendars():
    for year in (*range(1, 40), *range(1890, 2110), 2400, 9999):
        for month in range(1, 13):
            assert month_days(year, month) == calendar.monthrange(year, month)[1], (year, month)
    for month in (0, 13, -1):
        with pytest.raises(ValueError):
            month_days(2024, month)


def test_the_digests_are_hashlibs(tmp_path):
    corpus = tmp_path / "新闻 corpus"
    real = str(corpus.resolve())
    assert index_folder(corpus, tmp_path).name.endswith("-" + hashlib.sha1(real.encode()).hexdigest()[:12])
    parts = [real, ["", "x"], (str(Path("a")), 3, 4)]
    header = {"format": "s15", "corpus": real}
    values = [str(header.get(k, "")) for k in HEADER_KEYS]
    assert stamp(parts, header) == hashlib.sha1(repr((parts, values)).encode()).hexdigest()[:16]
