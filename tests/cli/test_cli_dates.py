"""Dates on the command line: --since/--until, timelines, --sort, saved searches with a date
range, and dates printed at each precision, over the dated corpus's real index."""

from __future__ import annotations

import json

import pytest

from search_index import Engine
from search_index.dates.ranges import with_date_range
from search_index.errors import QueryError
from tui.cli.main import main, readable_date


@pytest.fixture(scope="module")
def dated(dated_dirs) -> Engine:
    eng = Engine(*dated_dirs)
    eng.open()
    return eng


def total(eng: Engine, query: str) -> int:
    return eng.search(query, limit=0).total


def test_cli_rejects_a_bad_since_in_one_line(dated, capsys):
    args = ["--corpus", str(dated.corpus), "--index-dir", str(dated.store.folder.parent), "-q"]
    assert main(["search", *args, "--since", "yesterday"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "--since yesterday" in err


def test_cli_timeline_json_and_filters(dated, capsys):
    args = ["--corpus", str(dated.corpus), "--index-dir", str(dated.store.folder.parent), "-q"]
    assert main(["timeline", "低空经济", *args, "--by", "year", "--since", "2024", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"query", "filters", "by", "buckets", "undated"}
    assert data["filters"] == {"date": ["2024.."]}
    assert [(b["key"], b["count"]) for b in data["buckets"]] == [("2024", 4), ("2025", 1)]
    assert main(["timeline", *args, "--by", "year", "--split-by", "park", "--top", "1", "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# Timeline") and "| bucket | since | until | count | 中关村 |" in md
    assert main(["search", "低空经济", *args, "--sort", "oldest", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert hits[0]["date"] == "2021-07-15"


def test_show_prints_each_precision_readably():
    assert [readable_date(d) for d in ("--06-05", "2025-06-05", "2025-06", "2025", "")] == [
        "6月5日",
        "2025年6月5日",
        "2025年6月",
        "2025年",
        "",
    ]


def test_saved_run_takes_a_new_date_range_and_the_api_helper_checks_dates(dated, tmp_path, capsys, monkeypatch):
    assert with_date_range({"tracks": ["低空经济"]}, "2024", None) == {"tracks": ["低空经济"], "date": ["2024.."]}
    with pytest.raises(QueryError):
        with_date_range({}, None, "2024-02-30")
    monkeypatch.setenv("GXQ_CONFIG_DIR", str(tmp_path))
    args = ["--corpus", str(dated.corpus), "--index-dir", str(dated.store.folder.parent), "-q", "--json"]
    assert main(["saved", "add", "air", "低空经济", "--since", "2024", *args]) == 0
    capsys.readouterr()
    assert main(["saved", "run", "air", *args]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == total(dated, "低空经济 date:2024..")
    assert main(["saved", "run", "air", "--until", "2024-03", *args]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == total(dated, "低空经济 date:..2024-03")
