"""Header blocks of one-article files: metadata, not text (through a real Engine index)."""

from __future__ import annotations

import random

import pytest

from bench.gen_news import LAYOUTS, news_item
from search_index.ingest.headers import read_header
from search_index.ingest.plaintext import record_articles
from search_index.ingest.records import Record


def article_of(text: str):
    arts = record_articles("item.txt", Record(text=text))
    assert len(arts) == 1
    return arts[0]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "外企有序复产多措并举稳外资\n2020-02-14 19:47:38\n央视网\nhttps://news.cctv.com/2020/02/14/ARTIx.shtml\n\n"
            "央视网消息（新闻联播）：商务部今天表示，外资企业复工复产有序推进。\n",
            {"title": "外企有序复产多措并举稳外资", "date": "2020-02-14", "publication": "央视网"},
        ),
        (
            "张江科学城发布新政策\n时间：2024-03-05 10:00　来源：人民网-人民日报\n\n上海张江科学城日前发布新政策。\n",
            {"title": "张江科学城发布新政策", "date": "2024-03-05", "publication": "人民网-人民日报"},
        ),
        (
            "合肥高新区量子产业集聚\n发布时间：2023年11月8日 09:15\n来源: 新华社\n\n"
            "新华社合肥11月8日电 合肥高新区量子信息产业加速集聚。\n",
            {"title": "合肥高新区量子产业集聚", "date": "2023-11-08", "publication": "新华社"},
        ),
        (
            "【一线调研·加快形成新质生产力】\n中关村跑出加速度\n记者 张晓明 李静\n2024年3月1日\n\n"
            "中关村科技园区今年以来新增企业一千家。\n",
            {"title": "中关村跑出加速度", "column": "一线调研·加快形成新质生产力", "authors": ["张晓明", "李静"]},
        ),
        (
            "低空经济起飞\n作者：王海涛\n2024/04/02\n\n深圳高新区低空经济产业规模持续扩大。\n\n责任编辑：何平\n",
            {"title": "低空经济起飞", "date": "2024-04-02", "authors": ["王海涛", "何平"]},
        ),
        (
            "苏州工业园区生物医药产业集聚\nhttp://www.suzhou.gov.cn/xxgk/202403/t20240301_123456.html\n"
            "文档ID: 8f3a9c2d1e4b5a6f7c8d\n\n苏州工业园区生物医药产业集聚发展。\n",
            {
                "title": "苏州工业园区生物医药产业集聚",
                "url": "http://www.suzhou.gov.cn/xxgk/202403/t20240301_123456.html",
            },
        ),
        (
            "西安高新区硬科技企业增长\n\n西安高新区硬科技企业数量持续增长。\n（来源：经济日报）\n编辑：李娜\n",
            {"title": "西安高新区硬科技企业增长", "publication": "经济日报", "authors": ["李娜"]},
        ),
        (
            "https://www.thepaper.cn/news/1234567.html\n标题：成都高新区发布新政\n2024-05-06T08:30:00+08:00\n"
            "来源：澎湃新闻\n\n成都高新区日前发布新政。\n",
            {"title": "成都高新区发布新政", "date": "2024-05-06", "publication": "澎湃新闻"},
        ),
        (
            "外企有序复产多措并举稳外资 2020-02-14 19:47:38\n央视网\n\n商务部今天表示，外资企业复工复产有序推进。\n",
            {"title": "外企有序复产多措并举稳外资", "date": "2020-02-14", "publication": "央视网"},
        ),
        (
            "园区动态\n来源：新华网 | 作者：孙悦 2024-03-01 10:00\n\n园区企业数量快速增长。\n",
            {"title": "园区动态", "date": "2024-03-01", "publication": "新华网", "authors": ["孙悦"]},
        ),
    ],
)
def test_header_layouts_become_metadata(text, want):
    art = article_of(text)
    for key, value in want.items():
        assert getattr(art, key) == value, key
    assert not art.title_derived
    assert art.text.count("\n\n") == 0  # one body paragraph: no header line left in it
    if "date" in want:
        assert art.date_from == "header"


PORTAL_SHAPES = [
    (  # a people.cn page as saved text: date glued to time, a full-width dash, furniture, editors in brackets
        "国家高新区高质量发展迈出新步伐\n2024年03月01日08:21 | 来源：人民网－人民日报\n小字号\n\n"
        "本报北京2月29日电 （记者 谷业凯）国家高新区高质量发展迈出新步伐。\n园区数量达到178家。\n"
        "（责编：王震、杨曦）\n",
        ("国家高新区高质量发展迈出新步伐", "2024-03-01", "人民网-人民日报", ["谷业凯", "王震", "杨曦"], 2),
    ),
    (  # xinhuanet: timestamp and source on one line, 【纠错】 beside the editor at the end
        "中关村：打造世界领先科技园区\n2024-03-01 10:15:21　来源：新华网\n\n"
        "新华社北京3月1日电（记者 张晓明）中关村正在打造世界领先科技园区。\n【纠错】 【责任编辑：刘阳 】\n",
        ("中关村：打造世界领先科技园区", "2024-03-01", "新华网", ["张晓明", "刘阳"], 1),
    ),
    (  # a government site: date, view count and font-size widget on one line
        "苏州工业园区举行新闻发布会\n发布日期：2024-03-01 浏览次数：1234 字体：[大 中 小]\n\n"
        "苏州工业园区举行新闻发布会。\n",
        ("苏州工业园区举行新闻发布会", "2024-03-01", "", [], 1),
    ),
    (  # tech media: 文｜ and 编辑｜ instead of colons
        "具身智能企业加速集聚\n文｜张晓明\n编辑｜李娜\n\n具身智能企业加速集聚。\n",
        ("具身智能企业加速集聚", "", "", ["张晓明", "李娜"], 1),
    ),
    (  # a subtitle line inside the header, a weekday and lunar date, a font widget in brackets
        "园区的春天\n——记苏州工业园区的创新之路\n2024年3月1日 星期五 农历正月二十一\n【字体：大 中 小】\n"
        "来源：苏州日报\n\n苏州工业园区正在书写创新之路。\n",
        ("园区的春天", "2024-03-01", "苏州日报", [], 2),
    ),
    (  # the outlet credited at the end, in brackets, with the author
        "具身智能企业加速集聚\n\n具身智能企业加速集聚。\n（本文来源：经济日报 作者：王海涛）\n",
        ("具身智能企业加速集聚", "", "经济日报", ["王海涛"], 1),
    ),
]


@pytest.mark.parametrize(("text", "want"), PORTAL_SHAPES)
def test_portal_shapes(text, want):
    art = article_of(text)
    title, date, publication, authors, paragraphs = want
    assert (art.title, art.date, art.publication, art.authors) == (title, date, publication, authors)
    assert art.text.count("\n\n") + 1 == paragraphs
    for furniture in ("纠错", "字号", "浏览", "责编", "编辑", "来源"):
        assert furniture not in art.text


def test_a_news_url_gives_the_day_when_no_line_does():
    text = (
        "苏州工业园区生物医药产业集聚\nhttp://www.sz.gov.cn/xxgk/202403/t20240301_123456.html\n\n园区产业集聚发展。\n"
    )
    assert (article_of(text).date, article_of(text).date_from) == ("2024-03-01", "url")
    dated = text.replace("\n\n", "\n发布日期：2024-02-28\n\n")
    assert (article_of(dated).date, article_of(dated).date_from) == ("2024-02-28", "header")
    undated = text.replace("202403/t20240301_123456", "content_123456")
    assert article_of(undated).date == ""


def test_a_wire_story_gives_its_day_and_reporters():
    art = article_of("合肥高新区量子产业集聚\n\n新华社合肥11月8日电（记者 张晓明 李静）合肥高新区量子产业加速集聚。\n")
    assert (art.date, art.date_from, art.authors) == ("--11-08", "dateline", ["张晓明", "李静"])
    assert art.text.startswith("新华社合肥11月8日电（记者 张晓明 李静）")  # the text stays as written


def test_a_markdown_heading_is_the_title():
    art = article_of("# 合肥高新区量子产业集聚\n\n合肥高新区量子信息产业加速集聚。\n")
    assert (art.title, art.title_derived) == ("合肥高新区量子产业集聚", False)


def test_a_file_without_header_keeps_its_first_paragraph():
    text = "各地加快培育新质生产力。中关村科技园区今年新增企业一千家，研发投入持续增长。\n园区还发布了新政策。\n"
    art = article_of(text)
    assert art.title_derived and art.text.startswith("各地加快培育新质生产力。")
    assert art.publication == art.url == art.date == ""


def test_a_sentence_or_dateline_is_never_a_title():
    head = read_header(["新华社北京3月1日电 国家高新区新赛道加快布局", "", "正文。"])
    assert head.title == ""
    head = read_header(["今年以来，园区企业数量快速增长，产值提高。", "", "正文。"])
    assert head.title == ""


def test_an_outlet_needs_an_outlet_shape_or_a_place_after_the_date():
    assert read_header(["标题在这里", "2024-03-01 19:09", "东方卫视", "", "正文。"]).publication == "东方卫视"
    assert read_header(["标题在这里", "2024-03-01 19:09", "", "园区动态", "正文。"]).publication == ""


def test_every_generated_layout_reads_right():
    """The generator's layouts (TV items, portal, reposts, tech media, kickers, trailers,
    headline only, no header) all give their stated metadata and their body as written."""
    rng = random.Random(5)
    for n in range(len(LAYOUTS) * 20):
        item = news_item(rng, LAYOUTS[n % len(LAYOUTS)])
        art = article_of(item.text)
        got = (art.title if not art.title_derived else "", art.publication, art.url, art.column)
        assert got == (item.title, item.publication, item.url, item.column), item.layout
        assert art.date == item.date or (not item.date and art.date_from == "dateline"), item.layout
        assert art.authors[: len(item.authors)] == item.authors, item.layout
        assert art.text.split("\n\n") == item.body, item.layout
