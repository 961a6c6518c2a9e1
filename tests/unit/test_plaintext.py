"""Plain text: OCR'd pages get the page splitter's repairs, clean text stays as written."""

from __future__ import annotations

from pathlib import Path

from search_index import Engine
from search_index.ingest.articles import split_page
from search_index.ingest.plaintext import decide_layout, looks_like_page, record_articles
from search_index.ingest.records import LAYOUT_CLEAN, LAYOUT_PAGE, Record

CLEAN = (
    "春节消费市场回暖\n"
    "2024-02-12 19:30:05\n"
    "央视网\n"
    "\n"
    "央视网消息：春节假期，各地消费市场年味浓 人气足，总台记者刘凡 周昌和在中关村科技园区采访。\n"
    "园区商户表示，今年客流明显增加。\n"
    "夜间经济成为新亮点\n"
    "多地推出夜游活动，带动餐饮、住宿等消费增长。\n"
)

# An OCR'd column: lines wrapped at about 15 characters, a letter-spaced headline.
OCR = (
    "新 赛 道 加 速 跑\n"
    "\n"
    "上海徐汇，滨江西岸，走进张江\n"
    "高新区徐汇园里的“模速空间”大模\n"
    "型创新生态社区，科技感迎面而来。\n"
    "揭牌一年多来，这里吸引了百余家企\n"
    "业入驻，形成了完整的产业链条，\n"
    "园区负责人介绍，今年还将引进更\n"
    "多人工智能企业。\n"
    "园 区 动 态\n"
)


def one(text: str):
    arts = record_articles("a.txt", Record(text=text))
    assert len(arts) == 1
    return arts[0]


def test_clean_text_keeps_spaces_and_line_breaks():
    art = one(CLEAN)
    paras = art.text.split("\n\n")
    assert paras[0] == "央视网消息：春节假期，各地消费市场年味浓 人气足，总台记者刘凡 周昌和在中关村科技园区采访。"
    rest = ["园区商户表示，今年客流明显增加。", "夜间经济成为新亮点", "多地推出夜游活动，带动餐饮、住宿等消费增长。"]
    assert paras[1:] == rest
    assert art.subheads == ["夜间经济成为新亮点"]
    assert [k for k, _, _ in art.blocks] == ["p", "p", "subhead", "p"]
    for _kind, s, e in art.blocks:
        assert art.text[s:e] in paras
    assert art.spans == [(1, 8)]  # the original of a one-article file is the whole file


def test_ocr_page_is_reflowed_and_despaced():
    assert decide_layout(Record(text=OCR)).layout == LAYOUT_PAGE
    arts = record_articles("p.txt", Record(text=OCR))
    text = "\n\n".join(a.text for a in arts)
    assert "大模型创新生态社区" in text  # wrapped lines joined
    assert "百余家企业入驻" in text
    assert "新赛道加速跑" in " ".join(a.title for a in arts) + text  # letter-spacing removed


def test_a_hard_wrapped_article_is_joined_and_keeps_its_header():
    sentence = "中关村科技园区今年以来新增科技企业一千余家，研发投入持续增长，人工智能、集成电路等产业加快集聚，"
    body = sentence * 3
    wrapped = "\n".join(body[i : i + 45] for i in range(0, len(body), 45))
    text = f"中关村新增科技企业千余家\n2024-03-01 10:00\n来源：新华网\n\n{wrapped}\n"
    art = one(text)
    assert (art.title, art.date, art.publication) == ("中关村新增科技企业千余家", "2024-03-01", "新华网")
    assert body.rstrip("，") in art.text.replace("\n\n", "")
    assert "\n" not in art.text.strip()  # the column-width line breaks are gone


def test_the_decision_reads_the_kind_of_text():
    assert not looks_like_page(CLEAN.splitlines())
    assert looks_like_page(OCR.splitlines())
    byline_page = "国家高新区新赛道\n► 本报记者 张伟\n园区企业数量快速增长。\n产值再创新高。\n"
    assert looks_like_page(byline_page.splitlines())
    two_stories = "新华社北京3月1日电 第一条消息。\n\n新华社上海3月1日电 第二条消息。\n"
    assert looks_like_page(two_stories.splitlines())
    assert decide_layout(Record(text=CLEAN)).layout == LAYOUT_CLEAN
    bullets = "园区出台三项措施。\n■ 设立专项基金，支持企业研发。\n■ 建设人才公寓，吸引青年人才。\n■ 开放应用场景。\n"
    assert not looks_like_page(bullets.splitlines())


def test_seed_pages_are_split_exactly_as_before(seeds_dir: Path):
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert decide_layout(Record(text=text)).layout == LAYOUT_PAGE, path.name
        got = record_articles(path.name, Record(text=text))
        want = split_page(path.name, text)
        assert [(a.title, a.text, a.spans, a.kind, a.id) for a in got] == [
            (a.title, a.text, a.spans, a.kind, a.id) for a in want
        ]


def test_spaces_are_shown_but_not_needed_to_search(tmp_path: Path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(CLEAN, encoding="utf-8")
    eng = Engine(corpus, tmp_path / "ix")
    eng.sync()
    for query in ("刘凡周昌和", "年味浓人气足", '"刘凡 周昌和"'):
        result = eng.search(query)
        assert result.total == 1, query
    shown = eng.show(result.hits[0].meta.id)
    assert "年味浓 人气足" in shown.text
    assert shown.url == "" and shown.publication == "央视网" and shown.date == "2024-02-12"
    assert eng.search('"19:30:05"').total == 0
