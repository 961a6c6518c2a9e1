"""Every file format a researcher's folder holds, read through a real index."""

from __future__ import annotations

import csv
import json

import pytest

from search_index.engine import Engine

BODY_A = "中关村科学城今年新引进具身智能企业二十余家，产业集聚效应持续显现。海淀区出台专项政策支持人形机器人研发。"
BODY_B = "苏州工业园区生物医药产业规模突破千亿元，创新药企加快集聚。"
NAV = "首页 新闻中心 联系我们 版权所有 分享到微信"


def _jsonl(folder):
    rows = [
        {
            "标题": "中关村具身智能产业加速",
            "发布时间": "2024-03-01 09:15:00",
            "来源": "新华社",
            "链接": "https://example.com/a",
            "正文": f"<p>{BODY_A}</p><p>业内人士表示，国家高新区正在成为新赛道布局的主阵地。</p>",
            "作者": "刘凡 周昌和",
        },
        {
            "Title": "苏州生物医药",
            "Publish Time": 1709280000,
            "media": "苏州日报",
            "URL": "https://ex.com/b",
            "content": BODY_B,
        },
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    lines.insert(1, "{not json")
    (folder / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _csvs(folder):
    header = ["标题", "日期", "媒体", "网址", "内容"]
    row = [
        "合肥高新区量子信息集聚",
        "2024年3月5日",
        "安徽日报",
        "https://ah.example/q",
        "合肥高新区量子信息产业集聚发展，\n多家企业落户。",
    ]
    for name, enc in (("bom.csv", "utf-8-sig"), ("gb.csv", "gb18030")):
        with open(folder / name, "w", encoding=enc, newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerow(row)
            w.writerow(["短行", "2024"])  # too few fields: skipped with a warning
    excel = "sep=;\r\nTitle;Date;Body\r\n南京江北新区集成电路;2024/6/18;江北新区集成电路产业规模扩大。\r\n"
    (folder / "excel.csv").write_text(excel, encoding="utf-8")
    tsv = "Title\tDate\tBody\n武汉东湖光谷光电子\t2023-12-08\t东湖高新区光电子信息产业营收增长。\n"
    (folder / "sheet.tsv").write_text(tsv, encoding="utf-8")


def _json_array(folder):
    data = {
        "code": 0,
        "data": {
            "list": [
                {
                    "title": "成都高新区数字经济",
                    "pubdate": "2024-01-09",
                    "text": "成都高新区数字经济核心产业增加值增长。",
                }
            ]
        },
    }
    (folder / "api.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def _json_lines_named_json(folder):
    rows = [{"title": "广州开发区新能源汽车", "date": "2024-07-01", "content": "广州开发区新能源汽车产能提升。"}] * 2
    (folder / "crawl.json").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")


def _html(folder):
    page = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>新闻_央视网</title>
<meta property="og:title" content="深圳高新区低空经济起飞">
<meta property="og:site_name" content="央视网">
<meta property="article:published_time" content="2024-02-20T08:00:00+08:00">
<meta property="og:url" content="https://news.example.com/low.shtml">
<script>var tracker = "统计脚本代码";</script></head><body>
<nav><ul><li><a href="/">首页</a></li><li><a href="/n">新闻中心</a></li></ul></nav>
<div class="share">分享到微信</div>
<article><h1>深圳高新区低空经济起飞</h1>
<p>深圳高新区低空经济企业数量快速增长，无人机物流航线不断加密。</p>
<p>业内人士表示，低空经济正在成为新赛道，园区将继续完善起降设施。</p>
<p>据介绍，今年以来已有十余家低空经济企业落户南山片区。</p></article>
<footer>版权所有 央视网 联系我们 京ICP备12345678号</footer></body></html>"""
    (folder / "page.html").write_text(page, encoding="utf-8")
    empty = "<html><head><title>导航</title></head><body><nav><a href='/'>首页</a></nav></body></html>"
    (folder / "nav_only.htm").write_text(empty, encoding="utf-8")


def _docx(folder):
    import datetime

    import docx

    doc = docx.Document()
    doc.core_properties.title = "杭州高新区人工智能大会"
    doc.core_properties.author = "王明"
    doc.core_properties.created = datetime.datetime(2024, 4, 2, 10, 0)
    doc.add_heading("会议综述", level=1)
    doc.add_paragraph("杭州高新区举办人工智能产业大会，发布大模型应用场景清单。")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "企业", "项目"
    table.cell(1, 0).text, table.cell(1, 1).text = "海康威视", "视觉大模型"
    doc.save(folder / "report.docx")


def _pdfs(folder):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(folder / "release.pdf"))
    c.setTitle("西安高新区硬科技报告")
    c.setFont("STSong-Light", 12)
    c.drawString(72, 700, "西安高新区发布硬科技产业发展报告，光子产业集群加快成长。")
    c.save()
    c = canvas.Canvas(str(folder / "saved.pdf"))  # a page saved as PDF today: its creation date is today's
    c.setFont("STSong-Light", 12)
    for y, line in ((760, "宝鸡高新区钛产业链再延伸"), (740, "发布时间：2019-05-06 10:00"), (720, "来源：陕西日报")):
        c.drawString(72, y, line)
    c.drawString(72, 690, "宝鸡高新区钛材料企业新增产能，钛产业链向高端延伸。")
    c.save()
    c = canvas.Canvas(str(folder / "locked.pdf"), encrypt="secret")
    c.setFont("STSong-Light", 12)
    c.drawString(72, 700, "加密文件里的机密内容")
    c.save()
    c = canvas.Canvas(str(folder / "scan.pdf"))
    c.rect(50, 50, 200, 200, fill=1)
    c.save()


def _markdown(folder):
    head = '---\ntitle: "长沙高新区工程机械"\ndate: 2023-11-30\nauthor: 李华\nsource: 湖南日报\n---\n'
    yaml = head + "\n长沙高新区工程机械产业链加快数字化转型。\n"
    (folder / "note.md").write_text(yaml, encoding="utf-8")
    toml = '+++\ntitle = "青岛高新区海洋科技"\ndate = "2024-05-06"\nurl = "https://qd.example/m"\n+++\n\n青岛高新区海洋科技企业加快集聚。\n'
    (folder / "sea.md").write_text(toml, encoding="utf-8")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    for build in (_jsonl, _csvs, _json_array, _json_lines_named_json, _html, _docx, _pdfs, _markdown):
        build(corpus)
    warnings: list[str] = []
    eng = Engine(corpus, tmp_path_factory.mktemp("index"))
    eng.report = eng.sync(warn=warnings.append)
    eng.warnings = warnings
    return eng


def _by_title(engine) -> dict[str, dict]:
    return {a.title: a for a in engine.articles()}


def test_exports_give_one_article_per_record_with_their_fields(engine):
    arts = _by_title(engine)
    a = arts["中关村具身智能产业加速"]
    assert (a.date, a.date_from, a.publication) == ("2024-03-01", "field", "新华社")
    assert (a.url, a.locator, a.format, a.values("authors")) == (
        "https://example.com/a",
        "record 1",
        "jsonl",
        ["刘凡", "周昌和"],
    )
    b = arts["苏州生物医药"]  # English names in other cases and spaces; an epoch timestamp read as Beijing time
    assert (b.date, b.publication, b.locator) == (
        "2024-03-01",
        "苏州日报",
        "record 3",
    )  # the bad line 2 keeps its number
    for name in ("bom.csv", "gb.csv"):
        (c,) = [x for x in engine.articles() if x.source == name]
        assert (c.title, c.date, c.publication, c.locator) == (
            "合肥高新区量子信息集聚",
            "2024-03-05",
            "安徽日报",
            "row 1",
        )
        assert c.url == "https://ah.example/q"
    crawl = [a for a in engine.articles() if a.source == "crawl.json"]
    assert [(a.locator, a.format, a.lines) for a in crawl] == [
        ("record 1", "jsonl", (1, 1)),
        ("record 2", "jsonl", (2, 2)),
    ]
    e = arts["南京江北新区集成电路"]  # a spreadsheet's "sep=;" line, CRLF
    assert (e.date, e.locator, e.lines) == ("2024-06-18", "row 1", (3, 3))
    j = arts["成都高新区数字经济"]
    assert (j.date, j.format, j.locator) == ("2024-01-09", "json", "record 1")


def test_bad_records_are_warned_about_once_per_file_and_the_rest_is_read(engine):
    notes = "\n".join(engine.warnings)
    assert "export.jsonl: 1 line that is not a JSON object (line 2); skipped" in notes
    assert "bom.csv: 1 row with fewer than the header's 5 fields (row 2); skipped" in notes
    assert engine.search("短行").total == 0


def test_a_user_mapping_names_other_fields(tmp_path, monkeypatch):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "sheet.tsv").write_text(
        "headline\tday\tstory\n光谷光电子\t2023-12-08\t东湖高新区光电子产业增长。\n", encoding="utf-8"
    )
    monkeypatch.setenv("GXQ_CONFIG_DIR", str(tmp_path / "cfg"))
    eng = Engine(tmp_path / "c", tmp_path / "ix")
    report = eng.sync()
    assert [s.reason for s in report.skipped] == [
        "no text field among its fields (headline, day, story); name one with --field text=NAME"
    ]
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "fields.toml").write_text(
        'text = "story"\ntitle = ["headline"]\ndate = "day"\n', encoding="utf-8"
    )
    report = eng.sync()
    assert report.rebuilt and report.reason == "field mapping changed"
    (art,) = eng.articles()
    assert (art.title, art.date) == ("光谷光电子", "2023-12-08")


def test_record_ids_survive_records_appended_to_an_export(tmp_path):
    (tmp_path / "c").mkdir()
    export = tmp_path / "c" / "feed.jsonl"
    row = {"title": "西安高新区光子产业", "content": "西安高新区光子产业集群加快成长。"}
    export.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    eng = Engine(tmp_path / "c", tmp_path / "ix")
    eng.sync()
    (before,) = [a.id for a in eng.articles()]
    more = {"title": "成都高新区数字经济", "content": "成都高新区数字经济增长。"}
    with open(export, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(more, ensure_ascii=False) + "\n")
    eng.sync()
    ids = {a.title: a.id for a in eng.articles()}
    assert ids["西安高新区光子产业"] == before and len(set(ids.values())) == 2


def test_field_names_and_boilerplate_are_not_searchable(engine):
    for boilerplate in ("正文", "发布时间", "首页", "新闻中心", "分享到微信", "统计脚本代码", "版权所有", "京ICP备"):
        assert engine.search(boilerplate).total == 0, boilerplate
    assert engine.search("低空经济").total == 1
    assert engine.search("海康威视").total == 1  # a DOCX table is text


def test_web_page_word_and_pdf_metadata(engine):
    arts = _by_title(engine)
    h = arts["深圳高新区低空经济起飞"]
    assert (h.date, h.date_from, h.publication, h.format) == ("2024-02-20", "meta", "央视网", "html")
    assert h.url == "https://news.example.com/low.shtml"
    d = arts["杭州高新区人工智能大会"]
    assert (d.date, d.date_from, d.values("authors"), d.format) == ("2024-04-02", "docx", ["王明"], "docx")
    p = [a for a in engine.articles() if a.source == "release.pdf"]
    assert p and p[0].format == "pdf" and engine.search("光子产业集群").total == 1
    assert p[0].date_from == "pdf"  # no date in its text: the file's creation date
    saved = arts["宝鸡高新区钛产业链再延伸"]  # a date printed in the text beats the file's creation date
    assert (saved.date, saved.date_from, saved.publication) == ("2019-05-06", "header", "陕西日报")


def test_front_matter_is_metadata_not_text(engine):
    arts = _by_title(engine)
    m = arts["长沙高新区工程机械"]
    assert (m.date, m.date_from, m.publication, m.values("authors")) == (
        "2023-11-30",
        "front-matter",
        "湖南日报",
        ["李华"],
    )
    t = arts["青岛高新区海洋科技"]
    assert (t.date, t.url) == ("2024-05-06", "https://qd.example/m")
    assert engine.search("title").total == 0 and engine.search("湖南日报").total == 0


def test_unusable_files_are_skipped_with_reasons_in_one_summary(engine):
    reasons = {s.rel: s.reason for s in engine.report.skipped}
    assert reasons["locked.pdf"] == "encrypted PDF (needs a password)"
    assert reasons["scan.pdf"] == "scanned PDF without a text layer"
    assert reasons["nav_only.htm"].startswith("no main text")
    summary = engine.report.summary()
    assert "15 articles from 16 files" in summary, summary
    assert (
        "3 csv: 3 records" in summary
        and "1 jsonl: 2 records" in summary
        and "4 pdf" in summary
        and "1 tsv: 1 record" in summary
        and "1 tsv: 1 records" not in summary
    )
    assert "3 skipped: " in summary and "1 encrypted PDF" in summary and "1 scanned PDF without a text layer" in summary


def test_show_original_gives_the_record_as_stored(engine):
    arts = _by_title(engine)
    lines = engine.show(arts["苏州生物医药"].id).source_lines
    assert [ln.line for ln in lines] == [3]
    assert json.loads(lines[0].text)["media"] == "苏州日报"
    (c,) = [x for x in engine.articles() if x.source == "gb.csv"]
    rows = engine.show(c.id).source_lines
    assert [ln.line for ln in rows] == [2, 3] and rows[0].text.startswith("合肥高新区量子信息集聚,2024年3月5日")
    obj = engine.show(arts["成都高新区数字经济"].id).source_lines
    assert json.loads("\n".join(ln.text for ln in obj))["pubdate"] == "2024-01-09"
    doc = engine.show(arts["杭州高新区人工智能大会"].id).source_lines
    assert any("海康威视 | 视觉大模型" in ln.text for ln in doc)


@pytest.mark.parametrize("procs", ["1", "2"])
def test_a_big_export_is_streamed_not_refused(tmp_path, monkeypatch, procs):
    monkeypatch.setenv("GXQ_INDEX_PROCS", procs)  # 2: the other files are prepared in a pool meanwhile
    (tmp_path / "c").mkdir()
    for n in range(3):
        (tmp_path / "c" / f"page{n}.txt").write_text(f"第{n}版\n\n国家高新区新闻第{n}版。\n", encoding="utf-8")
    monkeypatch.setenv("GXQ_MAX_FILE_MB", "0.01")  # 10 KB: the export below is 3× that
    rows = [
        json.dumps({"title": f"第{n}条", "content": f"高新区新闻正文第{n}条。" * 20}, ensure_ascii=False)
        for n in range(100)
    ]
    (tmp_path / "c" / "big.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "c" / "big.txt").write_text("高新区" * 5000, encoding="utf-8")
    eng = Engine(tmp_path / "c", tmp_path / "ix")
    report = eng.sync()
    assert [s.rel for s in report.skipped] == ["big.txt"]
    assert report.articles == 103
    last = next(a for a in eng.articles() if a.title == "第99条")
    assert last.locator == "record 100"
    assert json.loads(eng.show(last.id).source_lines[0].text)["title"] == "第99条"


def test_word_files_without_real_properties_get_no_false_date(tmp_path):
    import docx

    from search_index.ingest.formats.office import docx_records

    doc = docx.Document()  # python-docx's template: created 2013-12-23, author "python-docx"
    doc.core_properties.title = "厦门火炬高新区"
    doc.add_paragraph("厦门火炬高新区")
    doc.add_paragraph("厦门火炬高新区平板显示产业加快发展。")
    doc.save(tmp_path / "a.docx")
    (rec,) = docx_records("a.docx", (tmp_path / "a.docx").read_bytes())
    assert (rec.title, rec.date, rec.authors) == ("厦门火炬高新区", "", [])
    assert rec.text == "厦门火炬高新区平板显示产业加快发展。"


def test_a_page_without_open_graph_tags_gives_title_and_date_from_plain_metas():
    from search_index.ingest.formats.web import html_records

    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "<title>无锡高新区物联网产业再升级_新华网</title>"
        '<meta name="publishdate" content="2023-09-12"></head><body>'
        '<div id="nav">首页 | 新闻 | 财经</div><div class="article">'
        "<p>无锡高新区物联网产业规模持续扩大，一批龙头企业加快布局。</p>"
        "<p>据了解，园区今年新增物联网企业五十余家，产业链条更加完整。</p></div>"
        '<div class="footer">关于我们 | 联系方式</div></body></html>'
    )
    (rec,) = html_records("wx.htm", page)
    assert (rec.title, rec.date, rec.date_from) == ("无锡高新区物联网产业再升级", "2023-09-12", "meta")
    assert "首页" not in rec.text and "联系方式" not in rec.text and "物联网企业五十余家" in rec.text


def test_web_pages_without_the_html_cleaner_say_what_to_install(tmp_path, monkeypatch):
    """lxml 5.2 moved ``lxml.html.clean`` to its own package; without it trafilatura reads no
    main text from any page. The file is reported with the package to install, not as an
    empty article, and the other files are indexed."""
    import sys

    from search_index import Engine

    text = "无锡高新区物联网产业持续扩大。" * 5
    page = f"<html><head><title>无锡高新区</title></head><body><p>{text}</p></body></html>"
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (tmp_path / "note.txt").write_text("无锡高新区物联网产业持续扩大，一批龙头企业加快布局。", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "lxml.html.clean", None)  # importing it now raises ImportError
    engine = Engine(tmp_path, tmp_path.parent / "idx")
    report = engine.sync()
    assert [(s.rel, s.reason) for s in report.skipped] == [
        ("page.html", "reading saved web pages needs the lxml_html_clean package: pip install lxml_html_clean")
    ]
    assert engine.search("物联网").total == 1
