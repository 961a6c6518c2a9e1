"""A file's path without its suffix, as path dates read it: the string way equals pathlib's."""

from pathlib import PurePosixPath

from hypothesis import given, settings
from hypothesis import strategies as st

from search_index.ingest.dating import path_date, without_suffix

_PIECES = st.sampled_from(["a", "2024", "03", ".", "..", "/", "//", ".txt", "_", "-", "新闻", "x.tar"])


def _pathlib(source: str) -> str | None:
    try:
        return str(PurePosixPath(source).with_suffix(""))
    except ValueError:  # an empty name
        return None


def _ours(source: str) -> str | None:
    try:
        return without_suffix(source)
    except ValueError:
        return None


@given(st.lists(_PIECES, max_size=8).map("".join))
@settings(max_examples=500)
def test_a_path_without_its_suffix_is_what_pathlib_makes_of_it(source):
    assert _ours(source) == _pathlib(source)


def test_dates_in_folders_and_names_survive_the_suffix():
    assert path_date("2024/03/05/a.html") == "2024-03-05"
    assert path_date("news/20240301_01.txt") == "2024-03-01"
    assert path_date("./2024//03/x.2025") == "2024-03"


def test_paths_that_normalising_changes_are_left_to_pathlib():
    for source in ("a/.", "x/./y.txt", "a//b.txt", ".", "", "/a.txt", "a/", "./a.txt", "a/.."):
        assert _ours(source) == _pathlib(source)
