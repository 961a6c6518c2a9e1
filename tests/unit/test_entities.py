"""Entity facets: quality on the seeds against a hand-made gold set, tricky cases, and the
facets, filters, field queries, `show` mentions, `entities` command and user dictionary."""

import json

import pytest

from bench.entity_quality import score
from search_index import Engine
from search_index.entities import extract
from search_index.entities.table import PhraseTable
from tui.cli.main import main


def facets(text: str) -> dict[str, list[str]]:
    return extract("", text).facets


def test_quality_on_the_seed_pages():
    table = score()
    for facet in ("parks", "tracks"):
        assert (table[facet]["precision"], table[facet]["recall"]) == (1.0, 1.0), table[facet]
    assert table["people"]["precision"] == 1.0, table["people"]["false"]  # no false people
    assert table["people"]["recall"] >= 0.95
    for facet in ("companies", "orgs"):
        assert table[facet]["precision"] >= 0.9 and table[facet]["recall"] >= 0.9, table[facet]


@pytest.mark.parametrize(
    ("text", "parks", "subparks"),
    [
        ("张江镇的老街上，居民沿着张江路散步。", [], []),
        ("上海张江的集成电路企业持续增长。", ["张江高新区"], []),
        ("走进张江高新区徐汇园的模速空间。", ["张江高新区"], ["张江高新区徐汇园"]),
        ("游客在东湖边散步，东湖绿道风景优美。", [], []),
        ("武汉东湖光电子信息产业规模占全国一半。", ["武汉东湖高新区"], []),
        ("光谷生物城相关负责人介绍了园区进展。", [], ["光谷生物城"]),
        ("杭州高新区（滨江）和苏州高新区(虎丘区)签约。", ["杭州高新区", "苏州高新区"], []),
        ("湖南湘江新区(长沙高新区)科技创新和产业促进局局长介绍。", ["长沙高新区"], ["湖南湘江新区"]),
        ("不同高新区资源禀赋不同，该高新区与京津冀国家高新区联盟合作。", [], []),
    ],
)
def test_tricky_zone_mentions(text, parks, subparks):
    found = facets(text)
    assert sorted(found["parks"]) == sorted(parks)
    assert sorted(found["subparks"]) == sorted(subparks)


def test_a_company_named_after_a_park_is_a_company_not_the_park():
    found = facets("中关村发展集团股份有限公司发布年报，武汉东湖高新集团股份有限公司同步公告。")
    assert found["parks"] == []
    assert set(found["companies"]) == {"中关村发展集团股份有限公司", "武汉东湖高新集团股份有限公司"}


def test_short_names_link_to_legal_names_only_when_the_text_ties_them():
    alone = facets("智元机器人出货量跃升至5000台。")
    assert alone["companies"] == ["智元机器人"]
    tied = facets("上海智元新创技术有限公司量产下线。作为首家量产企业，智元机器人出货量跃升。")
    assert tied["companies"] == ["上海智元新创技术有限公司"]


def test_related_terms_are_weak_track_signals():
    found = facets("人形机器人登上春晚，无人机外卖进入社区。")
    assert found["tracks"] == []
    assert set(found["tracks_weak"]) == {"具身智能", "低空经济"}
    both = facets("具身智能企业发布人形机器人。")
    assert both["tracks"] == ["具身智能"] and both["tracks_weak"] == []


def test_people_precision_first():
    found = facets("记者获悉，高新区在北京表示将加快建设。公司副总裁朱洁告诉记者，朱洁团队已扩大。")
    assert found["people"] == ["朱洁"]
    roles = extract("", "国际科技园与创新区域协会（IASP）首席执行官艾巴·伦德表示").people
    assert roles == [{"name": "艾巴·伦德", "role": "首席执行官", "org": "国际科技园与创新区域协会"}]


def test_facets_filters_and_field_queries(engine):
    res = engine.search("", limit=100)
    assert res.facets.of("companies")["宇树科技"] == 2
    assert res.facets.of("people")["郑纬民"] == 1
    assert res.facets.of("orgs")["工业和信息化部"] >= 4
    assert engine.search("company:智元机器人").total == 2  # an alias seen in the text
    assert engine.search("", filters={"people": ["郑纬民"]}).total == 1
    assert engine.search("org:国家数据局").total == 1
    assert engine.search("place:江苏省").total >= 2


def test_show_lists_mentions_with_types(engine):
    hit = engine.search("专家共话", limit=1).hits[0]
    art = engine.show(hit.meta.id)
    types = {m.type for m in art.mentions}
    assert {"person", "org", "company"} <= types
    for m in art.mentions:
        assert art.text[m.start : m.end] == m.text
    person = next(m for m in art.mentions if m.value == "郑纬民")
    assert person.type == "person"


def test_entities_command(tmp_path, seeds_dir, capsys):
    base = ["--corpus", str(seeds_dir), "--index-dir", str(tmp_path), "--quiet", "--json"]
    assert main(["entities", *base, "--type", "company"]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = {r["value"]: r for r in data["companies"]}
    assert rows["上海智元新创技术有限公司"]["articles"] == 2
    assert "智元机器人" in rows["上海智元新创技术有限公司"]["aliases"]


def test_user_dictionary_adds_names_and_the_index_notices(tmp_path, corpus_copy, monkeypatch):
    monkeypatch.setenv("GXQ_CONFIG_DIR", str(tmp_path / "config"))
    eng = Engine(corpus_copy, tmp_path / "idx")
    eng.sync()
    assert eng.search("company:模力营").total == 0
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "dictionary.toml").write_text(
        '[[company]]\nname = "模力营"\n\n[[park]]\nname = "南京高新区"\naliases = ["紫金山下高新区"]\n',
        encoding="utf-8",
    )
    report = eng.sync()
    assert report.rebuilt and report.reason == "gazetteer changed"
    assert eng.search("company:模力营").total == 1
    (tmp_path / "config" / "dictionary.toml").write_text("[[company]\nname=", encoding="utf-8")
    with pytest.raises(ValueError, match=r"dictionary\.toml"):
        eng.sync()


def test_parks_by_region_is_a_province_city_zone_tree(engine):
    facets = engine.facets()
    jiangsu = facets.parks_by_region["江苏省"]
    assert jiangsu["count"] == facets.of("provinces")["江苏省"]
    assert jiangsu["cities"]["南京市"]["parks"] == {"南京高新区": facets.of("parks")["南京高新区"]}
    assert engine.search("city:苏州市").total == facets.of("cities")["苏州市"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("6g网络", ["6g"]),
        ("布局6g与ai", ["6g", "ai"]),
        ("56g不是", []),
        ("said6g", []),
        ("6gx", []),
        ("ai\n6g", ["ai", "6g"]),
        ("中关村6g", ["中关村", "6g"]),
        ("中关村科技园区", ["中关村科技园区"]),
    ],
)
def test_phrase_table_ascii_phrases_are_whole_words(text, found):
    """ASCII phrases match only as whole words at both ends; Chinese ones anywhere, longest first."""
    table = PhraseTable()
    for phrase in ("6G", "AI", "中关村", "中关村科技园区"):
        table.add(phrase, phrase)
    assert [text[s:e] for s, e, _ in table.find(text)] == found
