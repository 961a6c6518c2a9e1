"""Files in the encodings Chinese news comes in, decoded and indexed."""

from __future__ import annotations

import pytest

from search_index.engine import Engine
from search_index.ingest.encodings import decode
from search_index.ingest.reading import Skipped, SourceText, decode_bytes

TRAD = "臺灣半導體產業持續擴張，新竹科學園區廠商營收創新高。\n\n經濟部表示，將協助業者布局先進製程。\n"
SIMP = "国家高新区新赛道加快布局，具身智能产业集聚发展。\n\n合肥高新区量子信息企业数量持续增长。\n"


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        (TRAD.encode("big5"), "big5hkscs", "新竹科學園區"),
        ("香港數碼港初創企業數量增長，特區政府表示支持創科發展。".encode("big5hkscs"), "big5hkscs", "數碼港"),
        (SIMP.encode("utf-16-le"), "utf-16-le (no BOM)", "合肥高新区"),
        (SIMP.encode("utf-16-be"), "utf-16-be (no BOM)", "合肥高新区"),
        (SIMP.encode("gbk"), "gb18030", "具身智能"),
        ("".join(SIMP.split()).encode("utf-16-le"), "utf-16-le (no BOM)", "合肥高新区"),  # no ASCII: no zero bytes
    ],
)
def test_legacy_and_wide_encodings_are_read(data, encoding, expected):
    src = decode_bytes("a.txt", data)
    assert isinstance(src, SourceText), src
    assert (src.encoding, expected in src.text, src.warnings) == (encoding, True, [])


def test_portal_paragraph_marks_are_line_breaks():
    mark = "\ue40c".encode("gb18030")
    data = "第一段：高新区营收增长。".encode("gbk") + mark + "第二段：新赛道加快布局。".encode("gbk") + mark
    src = decode_bytes("portal.txt", data)
    assert isinstance(src, SourceText)
    assert src.text.split("\n")[:2] == ["第一段：高新区营收增长。", "第二段：新赛道加快布局。"]


def test_a_handful_of_bad_bytes_is_replaced_and_warned_about():
    one = SIMP.encode("utf-8")
    data = one * 2 + b"\xff\xfe\x80" + one * 3
    src = decode_bytes("bad.txt", data)
    assert isinstance(src, SourceText)
    assert src.text.count("\ufffd") >= 1 and "合肥高新区" in src.text
    assert src.warnings == ["warning: bad.txt: 3 bad bytes replaced (read as utf-8)"]


def test_many_bad_bytes_are_not_text():
    data = bytes(range(128, 256)) * 50
    result = decode_bytes("noise.txt", data)
    assert isinstance(result, Skipped) and "undecodable" in result.reason


def test_encodings_through_a_real_index(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "tw.txt").write_bytes(TRAD.encode("big5"))
    (corpus / "wide.txt").write_bytes(SIMP.encode("utf-16-le"))
    mark = "\ue40c".encode("gb18030")
    portal = "苏州工业园区生物医药产业规模突破千亿元。".encode("gbk") + mark + "创新药企加快集聚。".encode("gbk")
    (corpus / "portal.txt").write_bytes(portal)
    (corpus / "bad.txt").write_bytes(
        "武汉东湖高新区光电子产业增长。".encode() + b"\xff" + "光谷企业加快布局。".encode()
    )
    warnings: list[str] = []
    eng = Engine(corpus, tmp_path / "ix")
    report = eng.sync(warn=warnings.append)
    assert not report.skipped
    assert warnings == ["warning: bad.txt: 1 bad bytes replaced (read as utf-8)"]
    for word in ("新竹科學園區", "合肥高新区", "创新药企", "光谷企业"):
        assert eng.search(word).total == 1, word
    (art,) = [a for a in eng.articles() if a.source == "portal.txt"]
    assert "\n" in eng.show(art.id).text  # the mark broke the paragraph


@pytest.mark.parametrize(
    "text", ["具身智能\n\n园区发展具身智能产业，企业参与。\n", "中关村\n", "AI芯片 2024\n", "hello world\n"]
)
@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_short_utf16_without_a_bom_is_text_not_binary(text, enc):
    got = decode(text.encode(enc))  # under 20 CJK characters: too few to judge by their frequency
    assert got.text == text and got.encoding == f"{enc} (no BOM)"


@pytest.mark.parametrize("data", [b"\x01\x00" * 50, bytes(range(256)), bytes(range(100)) * 3])
def test_binary_with_zero_bytes_on_one_side_stays_binary(data):
    assert decode(data).text is None
