"""Research views on the seeds: KWIC, the park × track matrix, pinyin and traditional search,
exports and saved searches. Expected values come from reading the seed pages."""

from __future__ import annotations

import csv
import io
import json

import pytest

from search_index import Engine, QueryError
from search_index.analysis.pinyin import PinyinLexicon, spells
from search_index.errors import ConfigError, UnknownSaved
from search_index.reference.gazetteer import load_gazetteer
from search_index.research.concordance import sort_lines
from search_index.research.export import header, kwic_export, matrix_export, results_export, write_export
from search_index.research.saved import SavedSearches
from tui.style import align, cells

XIAN = "000_e98f8d8dd93608fa.txt"


# -- KWIC ---------------------------------------------------------------------------------
def test_kwic_lists_every_occurrence_with_its_context(engine):
    conc = engine.kwic("低空经济", width=12)
    got = [(ln.left, ln.keyword, ln.right, ln.source) for ln in conc.lines]
    # seed 000 line 13 (the 15 tracks), line 79 three times (西安高新区); 003 line 319 (wrapped)
    assert got == [
        ("、商业航天、", "低空经济", "、生物制造、", XIAN),
        ("、系统推进的", "低空经济", "发展路径。”", XIAN),
        ("安高新区布局", "低空经济", "新赛道，从顶", XIAN),
        ("设立10亿元级", "低空经济", "产业专项基金", XIAN),
        ("、新型储能、", "低空经济", "、量子科技、", "003_05603e1a4834c126.txt"),
    ]
    assert conc.articles == 2


def test_kwic_offsets_point_at_the_keyword_in_the_reader_text(engine):
    for ln in engine.kwic("具身智能").lines:
        article = engine.show(ln.id, "具身智能")
        assert article.text[ln.offset : ln.offset + len(ln.keyword)] == ln.keyword
        assert article.hits[ln.hit][0] == ln.offset


def test_kwic_lines_align_on_the_keyword_in_cells(engine):
    conc = engine.kwic("国家高新区", width=20)
    assert len(conc.lines) > 20
    for ln in conc.lines:
        left, _kw, right = align(ln, 20)
        assert cells(left) == 20 and cells(right) <= 20


def test_kwic_sorts_by_the_word_before_or_after(engine):
    by_left = engine.kwic("具身智能", sort="left").lines
    by_right = engine.kwic("具身智能", sort="right").lines
    assert by_left[0].left.endswith("生成式 AI、")  # "AI" sorts before every pinyin word
    assert by_right[0].right.startswith("产业链")  # chǎn…
    assert by_right[-1].right.startswith("新赛道")  # xīn…
    in_corpus_order = engine.kwic("具身智能").lines  # sort="source" is the default
    assert by_left != in_corpus_order and sort_lines(by_left, "source") == in_corpus_order
    with pytest.raises(QueryError):
        engine.kwic("具身智能", sort="middle")


def test_kwic_respects_filters_and_needs_words(engine):
    only = engine.kwic("具身智能", {"parks": ["张江高新区"]})
    allowed = {h.meta.id for h in engine.search("具身智能", {"parks": ["张江高新区"]}, limit=50).hits}
    assert only.lines and {ln.id for ln in only.lines} <= allowed
    with pytest.raises(QueryError):
        engine.kwic("")
    with pytest.raises(QueryError):
        engine.kwic("park:中关村")


# -- matrix -------------------------------------------------------------------------------
def test_matrix_cells_from_reading_the_seeds(engine):
    grid = engine.matrix(top=20)
    # 中关村 and 武汉东湖高新区 lead: both are named in three articles that list 量子科技
    assert grid.parks[:2] == ["中关村", "武汉东湖高新区"]
    assert grid.count("中关村", "量子科技") == 3
    assert grid.count("张江高新区", "具身智能") == 2
    assert grid.count("张江高新区", "第三代半导体") == 0


def test_every_matrix_cell_equals_a_filtered_search(engine):
    grid = engine.matrix("", top=6)
    for park in grid.parks:
        for track in grid.tracks:
            expected = engine.search("", {"parks": [park], "tracks": [track]}, limit=0).total
            assert grid.count(park, track) == expected, (park, track)
    for park in grid.parks:
        assert grid.row_totals[park] == engine.search("", {"parks": [park], "tracks": grid.tracks}, limit=0).total


def test_matrix_follows_query_weak_counts_and_province(engine):
    assert engine.matrix("低空经济").total <= engine.matrix("").total
    strong, weak = engine.matrix(top=30), engine.matrix(top=30, weak=True)
    assert all(weak.count(p, t) >= strong.count(p, t) for p in strong.parks for t in strong.tracks)
    assert sum(weak.cells.values()) > sum(strong.cells.values())
    jiangsu = engine.matrix(province="江苏省")
    zones = {p.name for p in load_gazetteer().parks.values() if p.province == "江苏省"}
    assert set(jiangsu.parks) == zones and "苏州工业园区" in jiangsu.parks
    with pytest.raises(QueryError):
        engine.matrix(province="火星省")


# -- pinyin and traditional ----------------------------------------------------------------
@pytest.mark.parametrize("typed", ["zhongguancun", "zgc", "ZGC"])
def test_pinyin_finds_the_chinese_and_highlights_it(engine, typed):
    plain = engine.search("中关村", limit=50)
    result = engine.search(typed, limit=50)
    assert result.expansions == {typed: ["中关村"]}
    assert result.total == plain.total > 0
    snippet = result.hits[0].snippets[0]
    s, e = snippet.highlights[0]
    assert snippet.text[s:e] == "中关村"


def test_pinyin_initials_for_a_track_and_literal_latin_stays_literal(engine):
    assert engine.search("dkjj").expansions == {"dkjj": ["低空经济"]}
    assert engine.search("dkjj").total == engine.search("低空经济").total
    ai = engine.search("AI")
    assert ai.expansions == {} and ai.total > 0  # AI occurs in the text: not read as pinyin
    assert engine.search("qqqzzz").total == 0


def test_pinyin_is_precise_not_every_homophone():
    lex = PinyinLexicon(["中关村", "综合体", "重庆", "银行", "低空经济"])
    assert lex.words("zgc") == ["中关村"]
    assert lex.words("chongqing") == ["重庆"] and lex.words("yinhang") == ["银行"]
    assert lex.words("zh") == []  # two-letter initials are too vague


def test_facet_filter_accepts_pinyin_and_traditional():
    assert spells("中关村", "zgc") and spells("武汉东湖高新区", "whdh") and spells("低空经济", "dikong")
    assert spells("中关村", "中關")
    assert not spells("中关村", "xyz")


def test_traditional_query_finds_simplified_text(engine):
    assert engine.search("中關村").total == engine.search("中关村").total > 0
    assert engine.search("腦機接口").total == engine.search("脑机接口").total > 0
    hit = engine.search("腦機接口").hits[0].snippets[0]
    s, e = hit.highlights[0]
    assert hit.text[s:e] == "脑机接口"


def test_simplified_query_finds_traditional_text(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "中關村腦機接口產業園開園\n\n北京中關村的腦機接口企業聚集，低空經濟亦在發展。\n"
    (corpus / "trad.txt").write_text(text, encoding="utf-8")
    engine = Engine(corpus, tmp_path / "idx")
    engine.sync()
    result = engine.search("脑机接口")
    assert result.total == 1
    art = engine.show(result.hits[0].meta.id, "中关村")
    assert [art.text[s:e] for s, e in art.hits] == ["中關村"]
    assert "中关村" in result.hits[0].meta.values("parks")  # entities read traditional text too


# -- export -------------------------------------------------------------------------------
def test_exports_carry_a_header_and_every_row(engine, seeds_dir):
    result = engine.search("具身智能", {"tracks": ["具身智能"]}, limit=50)
    head = header("results", result.query, result.filters, result.exclude, seeds_dir)
    md = results_export(result, head, "md")
    assert "- query: `具身智能`" in md and "tracks=具身智能" in md and str(seeds_dir) in md and "- date: " in md
    assert md.count("\n| ") == len(result.hits) + 1
    rows = list(csv.reader(ln for ln in io.StringIO(results_export(result, head, "csv")) if not ln.startswith("#")))
    assert rows[0][:3] == ["rank", "title", "source"] and len(rows) == len(result.hits) + 1
    data = json.loads(results_export(result, head, "json"))
    assert data["header"]["query"] == "具身智能" and len(data["hits"]) == len(result.hits)


def test_kwic_and_matrix_exports(engine, seeds_dir):
    conc = engine.kwic("低空经济")
    text = kwic_export(conc, header("kwic", "低空经济", {}, {}, seeds_dir), "csv")
    rows = list(csv.reader(ln for ln in io.StringIO(text) if not ln.startswith("#")))
    assert [r[1] for r in rows[1:]] == ["低空经济"] * 5
    grid = engine.matrix(top=3)
    data = json.loads(matrix_export(grid, header("matrix", "", {}, {}, seeds_dir), "json"))
    assert data["parks"] == grid.parks and {"park", "track", "count"} == set(data["cells"][0])
    md = matrix_export(grid, header("matrix", "", {}, {}, seeds_dir), "md")
    assert md.splitlines()[-1].startswith("| total |")


def test_write_export_never_overwrites_and_never_writes_into_the_corpus(tmp_path, corpus_copy):
    first = write_export("a", "results", "md", tmp_path / "out")
    second = write_export("b", "results", "md", tmp_path / "out")
    assert first != second and first.read_text() == "a" and second.read_text() == "b"
    with pytest.raises(OSError):
        write_export("a", "results", "md", corpus_copy / "exports", corpus=corpus_copy)


# -- saved searches ------------------------------------------------------------------------
def test_saved_searches_round_trip(tmp_path):
    store = SavedSearches(tmp_path / "cfg" / "saved.json")
    assert store.all() == []
    store.save("具身 in 张江", "具身智能", {"parks": ["张江高新区"]})
    store.save("低空", "低空经济", exclude={"kind": ["photo"]})
    store.save("具身 in 张江", "具身智能 机器人", {"parks": ["张江高新区"]})  # replaces
    names = [s.name for s in SavedSearches(store.path).all()]
    assert names == ["低空", "具身 in 张江"]
    assert store.get("具身 in 张江").query == "具身智能 机器人"
    store.delete("低空")
    assert [s.name for s in store.all()] == ["具身 in 张江"]
    with pytest.raises(UnknownSaved):
        store.get("低空")


def test_a_corrupt_saved_file_is_reported_and_kept(tmp_path):
    path = tmp_path / "saved.json"
    path.write_text("{not json", encoding="utf-8")
    store = SavedSearches(path)
    assert store.all() == [] and "cannot read saved searches" in store.problem
    with pytest.raises(ConfigError, match="not overwriting"):
        store.save("x", "y")
    assert path.read_text(encoding="utf-8") == "{not json"
