"""Awkward input shared by engine and command-line tests: a corpus of every kind of bad file,
and query strings built from the characters and words queries trip on."""

from __future__ import annotations

import codecs
from pathlib import Path

from hypothesis import strategies as st

ARTICLE = "{marker}高新区加快发展具身智能产业。\n\n{marker}园区企业推进低空经济应用，中关村企业参与。\n"
QUERY_PARTS = [
    *'具身智能中关村"()-+*?:~^[]{}\\/ ',
    "park:",
    "track:",
    "title:",
    "foo:",
    "AND",
    "OR",
    "NOT",
    "😀",
    "\x00",
    "\t",
    "\n",
    "ａ",
    "“",
    "”",
    "zgc",
]
QUERIES = st.one_of(st.text(max_size=80), st.lists(st.sampled_from(QUERY_PARTS), max_size=24).map("".join))


def article_text(marker: str) -> str:
    return ARTICLE.format(marker=marker)


def hostile_corpus(root: Path) -> dict[str, str]:
    """Write every kind of awkward file; return {file: expected skip reason} for the bad ones."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "gbk_crlf.txt").write_bytes(article_text("甲标记").replace("\n", "\r\n").encode("gb18030"))
    (root / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + article_text("乙标记").encode("utf-16-le"))
    (root / "utf8bom.txt").write_bytes(codecs.BOM_UTF8 + article_text("丙标记").encode("utf-8"))
    (root / "private_use.txt").write_text(article_text("丁标\ue000记"), encoding="utf-8")
    (root / "zero_width.txt").write_text(article_text("戊\u200b标\u200d记"), encoding="utf-8")
    (root / "nul_inside.txt").write_bytes(
        article_text("己标记").encode("utf-8").replace("。".encode(), "。\x00".encode(), 1)
    )
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text(" \n\n  \n", encoding="utf-8")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (root / "latin1.txt").write_bytes("café société déjà vu".encode("latin-1") * 3 + b"\xff\xfe\xfd" * 50)
    with open(root / "huge.txt", "wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1024 * 1024)
    (root / "sub").mkdir()
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    return {
        "empty.txt": "empty file",
        "blank.txt": "empty file",
        "binary.txt": "binary file",
        "latin1.txt": "undecodable",
        "huge.txt": "too large (50 MB > 16 MB limit; set GXQ_MAX_FILE_MB=51 to index it)",
        "dangling.txt": "broken link",
    }


# -- a corpus whose text and file names carry terminal escapes and spreadsheet formulas
OSC_TITLE, OSC_CLIP, CLEAR = "\x1b]2;pwned\x07", "\x1b]52;c;ZWNobyBoaQ==\x07", "\x1b[2J"
C1_CSI, C1_OSC = "\x9b31m", "\x9d0;t\x9c"
RAW = ("\x1b", "\x07", "\x9b", "\x9c", "\x9d")


def hostile_text_corpus(root: Path) -> Path:
    """Articles whose titles, text and file names carry escape sequences and C1 controls."""
    root.mkdir(parents=True, exist_ok=True)
    (root / f"evil{OSC_TITLE}name.txt").write_text(
        f"具身智能{OSC_TITLE}新闻\n\n园区发展具身智能{CLEAR}产业。{OSC_CLIP}企业参与具身智能。\n", encoding="utf-8"
    )
    (root / "c1.txt").write_text(
        f"低空经济{C1_CSI}报道\n\n园区推进具身智能{C1_OSC}应用，{C1_CSI}低空经济企业参与。\n", encoding="utf-8"
    )
    (root / "formula.txt").write_text(
        '=HYPERLINK("http://x.example","具身智能")\n\n具身智能企业参与园区建设。\n', encoding="utf-8"
    )
    return root
