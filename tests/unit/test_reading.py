import os

import pytest

from search_index.ingest.reading import CorpusError, Skipped, SourceText, decode_bytes, discover, read_source

TEXT = "国家高新区新赛道“燃”起来了\n\n具身智能产业加速发展。\r\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8 (BOM)"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_encodings_are_detected(data, encoding):
    src = decode_bytes("a.txt", data)
    assert isinstance(src, SourceText)
    assert src.encoding == encoding
    assert "具身智能产业加速发展" in src.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (bytes(range(256)) * 20, "binary"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "binary"),
        (b"\xff\xfe\xff" * 3 + b"\xd8\x00", "not valid"),
    ],
)
def test_unusable_files_are_skipped_with_a_reason(data, reason):
    result = decode_bytes("bad.txt", data)
    assert isinstance(result, Skipped)
    assert reason in result.reason
    assert result.message().startswith("warning: skipped bad.txt: ")


def test_discover_recurses_filters_suffixes_and_survives_symlink_loops(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("一", encoding="utf-8")
    (tmp_path / "a" / "two.md").write_text("二", encoding="utf-8")
    (tmp_path / "a" / "skip.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("x", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "a" / "loop")
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    found, skipped = discover(tmp_path)
    assert [f.rel for f in found] == ["a/one.txt", "a/two.md"]
    assert [(s.rel, s.reason) for s in skipped] == [("dangling.txt", "broken link")]


def test_missing_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        discover(tmp_path / "nope")
    (tmp_path / "f.txt").write_text("x")
    with pytest.raises(CorpusError, match="not a folder"):
        discover(tmp_path / "f.txt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_is_skipped(tmp_path):
    p = tmp_path / "locked.txt"
    p.write_text("国家高新区", encoding="utf-8")
    p.chmod(0)
    (info,), _ = discover(tmp_path)
    assert "unreadable" in read_source(info).reason
