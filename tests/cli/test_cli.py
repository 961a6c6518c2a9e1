"""The command line: JSON for machines, readable text for people, exit status 2 for bad input."""

import json
import shutil
import subprocess

import pytest

from tui.cli.main import main


@pytest.fixture
def cli(tmp_path, seeds_dir, capsys):
    base = ["--corpus", str(seeds_dir), "--index-dir", str(tmp_path / "idx"), "--quiet"]

    def run(*args):
        code = main([args[0], *base, *args[1:]])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_search_json_shape(cli):
    code, out, _ = cli("search", "具身智能", "--json", "--limit", "2")
    data = json.loads(out)
    assert code == 0
    assert set(data) >= {"query", "total", "took_ms", "hits", "facets"}
    assert data["total"] == 4 and len(data["hits"]) == 2
    hit = data["hits"][0]
    assert set(hit) >= {"id", "title", "source", "lines", "kind", "score", "snippets", "parks", "tracks"}
    assert hit["snippets"] and hit["snippets"][0]["highlights"]
    assert data["facets"]["tracks"]["具身智能"] == 4


def test_search_filters_from_the_command_line(cli):
    _, out, _ = cli("search", "", "--park", "中关村", "--park", "深圳高新区", "--track", "商业航天", "--json")
    data = json.loads(out)
    assert data["total"] > 0
    for hit in data["hits"]:
        assert {"中关村", "深圳高新区"} & set(hit["parks"]) and "商业航天" in hit["tracks"]


def test_facets_articles_and_show(cli):
    _, out, _ = cli("facets", "--json")
    assert json.loads(out)["parks"]["中关村"] == 4
    _, out, _ = cli("articles", "--json")
    articles = json.loads(out)
    assert len(articles) == 11 and "text" not in articles[0]
    _, out, _ = cli("show", articles[0]["id"], "--query", "脑机接口", "--json")
    shown = json.loads(out)
    assert shown["text"] and shown["hits"]
    assert all(shown["text"][s:e] == "脑机接口" for s, e in shown["hits"])


def test_readable_output_highlights_and_lists(cli):
    code, out, _ = cli("search", "因地制宜")
    assert code == 0 and "国家高新区培育新赛道要因地制宜" in out and "articles match" in out
    _, out, _ = cli("show", json.loads(cli("articles", "--json")[1])[0]["id"], "--original")
    assert "► 本报记者 张伟" in out


@pytest.mark.parametrize("query", ['"unbalanced', "foo:bar", "park:", "(a"])
def test_bad_query_exits_2_with_one_line(cli, query):
    code, out, err = cli("search", query)
    assert code == 2 and out == ""
    assert err.startswith("gxq-tui: bad query:") and err.strip().count("\n") == 0


def test_missing_corpus_and_unknown_id(cli, tmp_path, capsys):
    assert main(["search", "x", "--corpus", str(tmp_path / "none"), "--index-dir", str(tmp_path)]) == 1
    assert "corpus folder not found" in capsys.readouterr().err
    code, _, err = cli("show", "ffffffffffff")
    assert code == 2 and "no article" in err


def test_installed_command_runs(tmp_path, seeds_dir):
    exe = shutil.which("gxq-tui")
    if exe is None:
        pytest.skip("gxq-tui is not installed in this environment")
    env_dir = str(tmp_path / "idx")
    proc = subprocess.run(
        [exe, "search", "低空经济", "--corpus", str(seeds_dir), "--index-dir", env_dir, "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(proc.stdout)["total"] > 0
    assert "index rebuilt" in proc.stderr


def test_kwic_command_json_and_text(seeds_cli, capsys):
    code, out, _ = seeds_cli(capsys, "kwic", "低空经济", "--json", "--width", "8")
    data = json.loads(out)
    assert code == 0 and data["total"] == 5 and data["articles"] == 2
    assert set(data["lines"][0]) >= {"left", "keyword", "right", "id", "source", "offset"}
    code, out, _ = seeds_cli(capsys, "kwic", "低空经济", "--sort", "right")
    assert code == 0 and out.count("低空经济") >= 6  # the summary line and five lines
    code, _, err = seeds_cli(capsys, "kwic", "park:中关村")
    assert code == 2 and "KWIC needs words" in err


def test_matrix_command_json_and_table(seeds_cli, capsys):
    code, out, _ = seeds_cli(capsys, "matrix", "--json", "--top", "3")
    data = json.loads(out)
    assert code == 0 and data["parks"][:2] == ["中关村", "武汉东湖高新区"]
    assert {"park": "中关村", "track": "量子科技", "count": 3} in data["cells"]
    code, out, _ = seeds_cli(capsys, "matrix", "--in-province", "江苏省")
    assert code == 0 and "苏州工业园区" in out and "total" in out


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_format_exports_from_the_command_line(seeds_cli, capsys, fmt):
    code, out, _ = seeds_cli(capsys, "search", "zgc", "--format", fmt, "--track", "量子科技")
    assert code == 0 and "zgc" in out and "量子科技" in out and "date" in out


def test_saved_commands(seeds_cli, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("GXQ_CONFIG_DIR", str(tmp_path / "cfg"))
    assert seeds_cli(capsys, "saved", "add", "具身", "具身智能", "--park", "中关村")[0] == 0
    code, out, _ = seeds_cli(capsys, "saved", "--json")
    [entry] = json.loads(out)["searches"]
    assert entry["name"] == "具身" and entry["results"] == 2
    code, out, _ = seeds_cli(capsys, "saved", "run", "具身", "--json")
    assert json.loads(out)["total"] == 2
    code, _, err = seeds_cli(capsys, "saved", "run", "nothing")
    assert code == 2 and "no saved search 'nothing'" in err


def test_common_options_work_before_or_after_the_command(tmp_path, seeds_dir, capsys):
    """``gxq-tui --corpus DIR index`` once indexed the bundled seeds: the command's own copy
    of --corpus overwrote the one given before it with its default."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(next(seeds_dir.glob("*.txt")), corpus / "one.txt")
    idx = str(tmp_path / "idx")
    assert main(["--corpus", str(corpus), "--index-dir", idx, "--json", "articles"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert main(["articles", "--corpus", str(corpus), "--index-dir", idx, "--json"]) == 0
    after = json.loads(capsys.readouterr().out)
    assert before == after
    assert {a["source"] for a in before} == {"one.txt"}


def test_entities_count_the_articles_that_wrote_each_form(tmp_path, capsys):
    corpus = tmp_path / "news"
    corpus.mkdir()
    bodies = ("北京的企业加快发展。", "北京的研究院今天成立。", "北京市发布了新政策。", "上海的工厂扩产。")
    for n, body in enumerate(bodies):
        (corpus / f"{n}.txt").write_text(f"新闻{n}\n\n{body}\n", encoding="utf-8")
    args = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "idx"), "--quiet", "--type", "place"]
    assert main(["entities", *args, "--json"]) == 0
    rows = {row["value"]: row for row in json.loads(capsys.readouterr().out)["places"]}
    assert rows["北京市"]["articles"] == 3 and rows["北京市"]["forms"] == {"北京": 2}
    assert rows["上海市"]["forms"] == {"上海": 1}
    assert main(["entities", *args]) == 0
    assert "北京 (2)" in capsys.readouterr().out
