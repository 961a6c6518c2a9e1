"""Nothing from a corpus reaches the terminal or a spreadsheet raw, and settings files that
cannot be used give one line: the command line's side of trust."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from tests.hostile import RAW, hostile_text_corpus
from tui.cli.main import main


def _cli(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    out, err = capsys.readouterr()
    return out + err


def test_no_escape_sequence_reaches_any_cli_output(tmp_path, capsys):
    corpus = hostile_text_corpus(tmp_path / "corpus")
    common = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "idx")]
    outputs = [_cli(capsys, "index", *common), _cli(capsys, "articles", *common)]
    for fmt in ([], ["--json"], ["--format", "md"], ["--format", "csv"], ["--format", "json"]):
        outputs.append(_cli(capsys, "search", "具身智能", *common, *fmt))
        outputs.append(_cli(capsys, "kwic", "具身智能", *common, *fmt))
    ids = [h["id"] for h in json.loads(_cli(capsys, "search", "具身智能", "--json", *common))["hits"]]
    for ident in ids:
        for extra in ([], ["--original"], ["--json"]):
            outputs.append(_cli(capsys, "show", ident, "--query", "具身智能", *common, *extra))
    everything = "".join(outputs)
    assert "具身智能" in everything and "␛]2;pwned␇" in everything  # shown, made visible
    assert not [c for c in RAW if c in everything]


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path, capsys):
    corpus = hostile_text_corpus(tmp_path / "corpus")
    argv = ["search", "具身智能", "--format", "csv", "-q", "--corpus", str(corpus), "--index-dir", str(tmp_path)]
    assert main(argv) == 0
    rows = list(csv.reader(line for line in capsys.readouterr().out.splitlines() if not line.startswith("#")))
    assert next(row[1] for row in rows[1:] if "HYPERLINK" in row[1]).startswith("'=HYPERLINK(")
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "@", "-", "\t", "\r")]


BAD_DICTIONARIES = {
    "bad TOML": b'[[park]\nname = "x"\n',
    "name is a number": b"[[park]]\nname = 5\n",
    "a 1M-character alias": ('[[track]]\nname = "具身智能"\naliases = ["' + "长" * 1_000_000 + '"]\n').encode(),
    "binary": bytes(range(256)) * 8,
    "aliases not a list": b'[[company]]\nname = "x"\naliases = "y"\n',
    "a table where a list goes": b'[park]\nname = "x"\n',
}


@pytest.mark.parametrize("what", BAD_DICTIONARIES)
def test_a_bad_dictionary_gives_one_line_naming_it(what, private_user_dirs, tmp_path, capsys):
    from search_index.reference.gazetteer import load_gazetteer

    config = Path(os.environ["GXQ_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "dictionary.toml").write_bytes(BAD_DICTIONARIES[what])
    load_gazetteer.cache_clear() if hasattr(load_gazetteer, "cache_clear") else None
    code = main(
        ["search", "具身智能", "--corpus", str(hostile_text_corpus(tmp_path / "c")), "--index-dir", str(tmp_path)]
    )
    err = capsys.readouterr().err.strip()
    assert code == 2 and "dictionary.toml" in err and err.startswith("gxq-tui: error:") and "\n" not in err, err
    assert len(err) < 400


@pytest.mark.parametrize("action", [["list"], ["add", "x", "具身智能"], ["run", "x"], ["delete", "x"]])
def test_a_corrupt_saved_search_file_is_reported_by_every_command_and_kept(action, private_user_dirs, tmp_path, capsys):
    from search_index.research.saved import FILE_NAME

    path = Path(os.environ["GXQ_CONFIG_DIR"]) / FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"searches": [1, 2', encoding="utf-8")
    corpus = hostile_text_corpus(tmp_path / "c")
    code = main(["saved", *action, "-q", "--corpus", str(corpus), "--index-dir", str(tmp_path / "idx")])
    err = capsys.readouterr().err.strip()
    assert code == 1 and FILE_NAME in err and "\n" not in err, err
    assert path.read_text(encoding="utf-8") == '{"searches": [1, 2'
