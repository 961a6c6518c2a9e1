"""The command line over corpora it has to be told about: field mapping for exports (--field)
and the quick change check before a search (--no-check skips it)."""

from __future__ import annotations

import json
import os

from tui.cli.main import main


def test_cli_field_option_maps_fields(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GXQ_CONFIG_DIR", str(tmp_path / "cfg"))
    monkeypatch.delenv("GXQ_FIELDS", raising=False)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.jsonl").write_text(
        '{"hl": "光谷光电子", "story": "东湖高新区光电子产业增长。"}\n', encoding="utf-8"
    )
    base = ["--corpus", str(tmp_path / "c"), "--index-dir", str(tmp_path / "ix"), "--quiet"]
    try:
        assert main([*base, "--field", "title=hl", "--field", "text=story", "articles", "--json"]) == 0
        assert [a["title"] for a in json.loads(capsys.readouterr().out)] == ["光谷光电子"]
        assert main([*base, "--field", "nonsense=hl", "articles"]) == 2
        assert "KEY is one of" in capsys.readouterr().err
    finally:
        os.environ.pop("GXQ_FIELDS", None)


def test_cli_search_notices_a_new_file_and_no_check_does_not(tmp_path, capsys, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("高新区动态\n\n中关村加快布局具身智能新赛道。\n", encoding="utf-8")
    monkeypatch.setenv("GXQ_INDEX_DIR", str(tmp_path / "index"))
    args = ["search", "脑机接口", "--json", "--quiet", "--corpus", str(corpus)]
    assert main(["index", "--quiet", "--corpus", str(corpus)]) == 0
    capsys.readouterr()
    (corpus / "c.txt").write_text("脑机接口前沿\n\n光谷企业研发脑机接口。\n", encoding="utf-8")
    assert main([*args, "--no-check"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 0
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 1
