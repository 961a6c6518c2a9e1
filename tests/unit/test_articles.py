"""Splitting the five seed pages, checked against a careful reading of each page."""

from search_index.ingest.articles import derive_title, split_page

P0, P1, P2, P3, P4 = (
    "000_e98f8d8dd93608fa.txt",
    "001_6fd151aa304e4368.txt",
    "002_9d88f236065679d1.txt",
    "003_05603e1a4834c126.txt",
    "004_b526d2be088a6de4.txt",
)

PRINTED_HEADLINES = [
    "国家高新区新赛道“燃”起来了",
    "国家高新区“十四五”新潮澎湃",
    "攻关原创技术 国家高新区竞速新兴产业赛道",
    "国家高新区培育新赛道要因地制宜",
    "产业智能体走向千行百业",
    "专家共话 AI 赋能城市发展新路径",
]


def kinds(arts):
    return [a.kind for a in arts]


def test_every_printed_headline_titles_exactly_one_article(seed_articles):
    titles = [a.title for arts in seed_articles.values() for a in arts if not a.title_derived]
    assert sorted(titles) == sorted(PRINTED_HEADLINES)


def test_page_000_one_story_with_a_lifted_caption(seed_articles):
    story, photo = seed_articles[P0]
    assert (story.kind, story.title, story.authors) == ("article", "国家高新区新赛道“燃”起来了", ["张伟"])
    assert story.subheads == ["强策源—— 新赛道多点开花", "优生态—— 新赛道动能澎湃", "聚资源—— 新机制催生新图景"]
    # the caption dropped into "…50余家脑 | caption | 机接口…" is lifted out; the sentence reads whole
    assert "目前这里已集聚50余家脑机接口创新企业" in story.text
    assert "圣湘生物" not in story.text
    assert photo.kind == "photo" and photo.text == "湖南湘江新区（长沙高新区）企业圣湘生物科技股份有限公司智能生产车间"
    # words split across a blank line are rejoined
    assert "在哈尔滨工大卫星研发试验总部基地，科研与生产热潮持续涌动" in story.text
    assert "拥有钛及钛合金相关生产加工企业600余家" in story.text
    assert story.lines == (3, 83)


def test_page_001_kicker_title_byline_and_column_logo(seed_articles):
    (story,) = seed_articles[P1]
    assert story.kicker == "新赛道 新协同 新机制"
    assert story.title == "国家高新区“十四五”新潮澎湃"
    assert story.authors == ["张伟", "霍立峰"]
    assert story.column == "「十四五」收官看高新"
    assert "400余种材料的国产化验证工作" in story.text
    assert "收官" not in story.text
    assert story.subheads == [
        "培育新动能：新赛道激活新引擎",
        "塑造新优势：新协同实现新跨越",
        "引领新格局：新机制助力新腾飞",
    ]
    assert "在中关村，不到5分钟，就诞生一家科技型企业" in story.text


def test_page_002_columns_read_before_the_dateline_belong_to_the_one_story(seed_articles):
    (story,) = seed_articles[P2]
    assert story.title == "攻关原创技术 国家高新区竞速新兴产业赛道"
    assert story.dateline == "新华社北京6月5日电"
    assert (story.publication, story.date, story.authors) == ("经济参考报", "--06-05", ["郭倩"])
    assert story.lines == (1, 324)
    assert "走进张江高新区徐汇园里的“模速空间”大模型创新生态社区" in story.text
    assert "约占上海全市的61%" in story.text
    assert "语言大模型 DFM-2" in story.text
    assert "全身拥有约30个自由度" in story.text
    assert story.subheads == ["抢抓机遇 新兴产业加速起势", "频频上新 首发产品撬动创新链", "优化环境 助企实现新跃升"]


def test_page_003_untitled_feature_brief_and_credited_photo(seed_articles):
    feature, brief, photo = seed_articles[P3]
    assert kinds(seed_articles[P3]) == ["article", "brief", "photo"]
    assert feature.title_derived and feature.title.startswith("《中关村世界领先科技园区建设方案")
    assert feature.authors == ["张伟"]
    assert feature.subheads == ["“变”是硬道理", "“高”“新”是底色", "奔向下一站"]
    assert "本报讯" not in feature.text
    assert brief.title_derived and brief.title.startswith("近日，第四届中国（南京）新赛道大会在南京市举行")
    assert brief.authors == ["李争粉"]
    assert "报告同时揭示了热点赛道领域的新现象" in brief.text
    assert "汉诺威" not in brief.text
    assert brief.lines == (248, 387)
    assert photo.authors == ["张帆"] and photo.byline == "新华社记者 张帆/摄"
    assert photo.text.startswith("2025年德国汉诺威工业博览会于3月31日至4月4日")
    assert "图为4月1日" in photo.text and photo.lines == (388, 414)


def test_page_004_title_printed_after_its_body(seed_articles):
    arts = seed_articles[P4]
    assert kinds(arts) == ["article", "article", "photo", "article"]
    comment, agents, photo, forum = arts
    assert (comment.title, comment.authors) == ("国家高新区培育新赛道要因地制宜", ["李争粉"])
    assert (agents.title, agents.authors, agents.lines) == ("产业智能体走向千行百业", ["李争粉"], (29, 49))
    assert agents.text.startswith("本报讯（记者李争粉）在近日举办的首届（深圳）纺织服装科技创新大会上")
    assert "宁远电鲲" in photo.text and photo.byline == "新华社发"
    assert (forum.title, forum.authors) == ("专家共话 AI 赋能城市发展新路径", ["张伟"])


def test_no_article_mixes_two_stories(seed_articles):
    markers = {
        P3: [("世界领先科技园区", "第四届中国（南京）新赛道大会"), ("张宇蕾", "郝坤"), ("郝坤", "汉诺威")],
        P4: [("因地制宜", "衣等舱"), ("衣等舱", "酒仙桥论坛"), ("宁远电鲲", "郑纬民")],
    }
    for page, pairs in markers.items():
        for art in seed_articles[page]:
            for a, b in pairs:
                assert not (a in art.text and b in art.text), (page, art.title, a, b)


def test_ids_are_stable_and_change_with_the_file(seeds_dir):
    text = (seeds_dir / P4).read_text(encoding="utf-8")
    first = [a.id for a in split_page(P4, text, "sha-a", "v")]
    again = [a.id for a in split_page(P4, text, "sha-a", "v")]
    changed = [a.id for a in split_page(P4, text, "sha-b", "v")]
    assert first == again and len(set(first)) == len(first)
    assert not set(first) & set(changed)


def test_order_and_line_ranges_follow_the_page(seed_articles):
    for arts in seed_articles.values():
        assert [a.order for a in arts] == list(range(len(arts)))
        starts = [a.spans[0][0] for a in arts]
        assert starts == sorted(starts)


def test_derived_titles_are_short_first_sentences():
    assert derive_title("本报讯（记者 张伟）近日，论坛在北京举行。更多。") == "近日，论坛在北京举行"
    long = "国家高新区持续加强专业化服务、精准化支持，推动企业创新能力和综合竞争力显著提升，取得新的突破。"
    title = derive_title(long)
    assert title.endswith("…") and len(title) <= 33 and long.startswith(title[:-1])


def test_html_residue_and_crlf_are_cleaned():
    page = "<p>国家高新区培育新赛道</p>\r\n\r\n<p>► 本报记者 张伟</p>\r\n\r\n<p>近日，&nbsp;发布会举行。</p>\r\n"
    (art,) = split_page("x.txt", page)
    assert art.title == "国家高新区培育新赛道"
    assert art.text == "近日，发布会举行。"
