"""Deterministic one-article news files in the header layouts crawled corpora really have.

python -m bench.gen_news OUT_DIR --files 3000 [--seed 11]

Layouts (each file picks one): TV-station items (title / timestamp / outlet / URL), portal
news (title / URL / doc id), Xinhua and People's Daily reposts (发布时间 and 来源 lines, or
both on one line), tech media (作者 at the top, 责任编辑 at the end), a column kicker with a
reporters' line, an outlet credit at the end, a headline-only first line, and no header at
all. Bodies are clean text: one paragraph a line, in-text subheads, a space kept between
Chinese words where the writer put one. :func:`news_item` also returns what a reader should
find (title, date, outlet, URL, authors, column) and header text that must not be searchable.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from pathlib import Path

from bench.gen_corpus import seed_paragraphs
from search_index.reference.gazetteer import load_gazetteer

LAYOUTS = ("tv", "portal", "repost", "oneline", "tech", "kicker", "trailer", "headline", "bare", "dump")
REPORTERS = ("刘凡", "周昌和", "张晓明", "李静", "王海涛", "陈思远", "赵一鸣", "孙悦")
EDITORS = ("王五", "李娜", "郑重", "何平")
TV_OUTLETS = ("央视网", "央视新闻", "江苏广电", "东方卫视")
REPOST_OUTLETS = ("新华社", "人民网-人民日报", "经济日报", "科技日报", "中国新闻网")
KICKERS = ("一线调研·加快形成新质生产力", "新春走基层", "高质量发展调研行", "园区观察")
SPACED_TITLES = ("园区活力足 产业势头旺", "年味浓 人气足", "项目快 企业稳")
SUBHEADS = ("一、创新链产业链深度融合", "打造产业集群", "政策红利持续释放", "人才引得进 留得住")
SPACED_LINES = ("总台记者刘凡 周昌和报道。", "企业负责人表示：订单多 干劲足。")


@dataclass
class NewsItem:
    """One generated file and what reading it should give."""

    text: str
    layout: str
    title: str = ""  # "" when the file states none
    date: str = ""
    publication: str = ""
    url: str = ""
    authors: list[str] = field(default_factory=list)
    column: str = ""
    body: list[str] = field(default_factory=list)  # paragraphs as written
    hidden: list[str] = field(default_factory=list)  # header text that must not be searchable


class _Pools:
    def __init__(self) -> None:
        gaz = load_gazetteer()
        self.parks = sorted(gaz.parks)
        self.tracks = sorted(gaz.tracks)
        self.paras = [p for p in seed_paragraphs() if "本报" not in p and "电" not in p[:20]]


_POOLS: _Pools | None = None


def _pools() -> _Pools:
    global _POOLS
    if _POOLS is None:
        _POOLS = _Pools()
    return _POOLS


def news_item(rng: random.Random, layout: str | None = None) -> NewsItem:
    """One news file in ``layout`` (random when None)."""
    layout = layout or rng.choice(LAYOUTS)
    pools = _pools()
    park, track = rng.choice(pools.parks), rng.choice(pools.tracks)
    y, m, d = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
    hh, mm, ss = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    item = NewsItem("", layout, date=f"{y}-{m:02d}-{d:02d}")
    item.title = rng.choice(
        (f"{park}加快布局{track}新赛道", f"{track}产业跑出加速度", f"{park}培育{track}产业集群", *SPACED_TITLES)
    )
    item.body = _body(rng, park, track)
    head, tail = BUILDERS[layout](rng, item, (y, m, d, hh, mm, ss))
    lines = [*head, *([""] if head else []), *item.body, *([""] if tail else []), *tail]
    item.text = "\n".join(lines) + "\n"
    return item


def _body(rng: random.Random, park: str, track: str) -> list[str]:
    pools = _pools()
    body = [f"{park}在{track}领域持续发力，已集聚相关企业{rng.randint(10, 500)}家。"]
    body += rng.sample(pools.paras, rng.randint(2, 4))
    if rng.random() < 0.5:
        body.insert(rng.randint(1, len(body) - 1), rng.choice(SUBHEADS))
    if rng.random() < 0.4:
        body.append(rng.choice(SPACED_LINES))
    return body


def _tv(rng, item: NewsItem, when) -> tuple[list[str], list[str]]:
    y, m, d, hh, mm, ss = when
    stamp = f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d}:{ss:02d}"
    item.publication = rng.choice(TV_OUTLETS)
    item.url = f"https://news.cctv.com/{y}/{m:02d}/{d:02d}/ARTI{rng.getrandbits(60):x}.shtml"
    item.body[0] = f"{item.publication}消息（新闻联播）：{item.body[0]}"
    item.hidden = [stamp, "news.cctv.com"]
    return [item.title, stamp, item.publication, item.url], []


def _portal(rng, item: NewsItem, when) -> tuple[list[str], list[str]]:
    y, m, d = when[:3]
    site, page = rng.choice(("sz", "wuxi", "hefei", "xa")), f"t{y}{m:02d}{d:02d}_{rng.randint(100000, 999999)}"
    item.url = f"http://www.{site}.gov.cn/xxgk/{y}{m:02d}/{page}.html"
    doc_id = f"{rng.getrandbits(96):024x}" if rng.random() < 0.5 else str(rng.randint(10**8, 10**10))
    item.hidden = [doc_id, "gov.cn"]
    label = rng.choice(("文档ID: ", "文档ID：", ""))
    return [item.title, item.url, label + doc_id], []


def _repost(rng, item: NewsItem, when) -> tuple[list[str], list[str]]:
    y, m, d, hh, mm = when[:5]
    item.publication = rng.choice(REPOST_OUTLETS)
    if item.publication == "新华社" and rng.random() < 0.7:
        item.authors = rng.sample(REPORTERS, rng.randint(1, 2))
        item.body[0] = (
            f"新华社{rng.choice(('北京', '合肥', '深圳'))}{m}月{d}日电（记者 {' '.join(item.authors)}）{item.body[0]}"
        )
    stamp = rng.choice((f"{y}年{m}月{d}日 {hh:02d}:{mm:02d}", f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d}"))
    item.hidden = ["发布时间"]
    return [item.title, f"发布时间：{stamp}", f"来源：{item.publication}"], []


def _oneline(rng, item: NewsItem, when) -> tuple[list[str], list[str]]:
    y, m, d, hh, mm = when[:5]
    item.publication = rng.choice(REPOST_OUTLETS)
    sep = rng.choice(("  ", " | ", "　"))
    colon = rng.choice(("：", ": "))
    stamp = f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d}"
    item.hidden = [f"{hh:02d}:{mm:02d}"]
    return [item.title, f"时间{colon}{stamp}{sep}来源{colon}{item.publication}"], []


def _tech(rng, item: NewsItem, when) -> tuple[list[str], list[str]]:
    y, m, d = when[:3]
    author, editor = rng.choice(REPORTERS), rng.choice(EDITORS)
    item.authors = [author, editor]
    item.hidden = ["责任编辑"]
    return [item.title, f"作者：{author}", f"{y}/{m:02d}/{d:02d}"], [f"责任编辑：{editor}"]


def _kicker(rng, item: NewsItem, when) -> tuple[list[str], list[str]]:
    y, m, d = when[:3]
    item.column = rng.choice(KICKERS)
    item.authors = rng.sample(REPORTERS, 2)
    item.hidden = [f"【{item.column}】"]
    return [f"【{item.column}】", item.title, "记者 " + " ".join(item.authors), f"{y}年{m:02d}月{d:02d}日"], []


def _trailer(rng, item: NewsItem, when) -> tuple[list[str], list[str]]:
    item.publication, editor = rng.choice(("经济日报", "科技日报", "光明日报")), rng.choice(EDITORS)
    item.date, item.authors = "", [editor]
    item.hidden = ["编辑："]
    return [item.title], [f"（来源：{item.publication}）", f"编辑：{editor}"]


def _dump(rng, item: NewsItem, when) -> tuple[list[str], list[str]]:
    """A crawler's dump: URL first, a labelled title, an ISO timestamp, the source."""
    y, m, d, hh, mm, ss = when
    stamp = f"{y}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}+08:00"
    item.url = f"https://www.{rng.choice(('thepaper', 'jiemian', 'yicai'))}.cn/news/{rng.randint(10**6, 10**7)}.html"
    item.publication = rng.choice(("澎湃新闻", "界面新闻", "第一财经"))
    title = rng.choice(("标题：", "")) + item.title
    item.hidden = [stamp[:10] + "T"]
    return [item.url, title, stamp, f"来源：{item.publication}"], []


def _headline(rng, item: NewsItem, when) -> tuple[list[str], list[str]]:
    item.date = ""
    return [item.title], []


def _bare(rng, item: NewsItem, when) -> tuple[list[str], list[str]]:
    item.date, item.title = "", ""
    return [], []


BUILDERS = {
    "tv": _tv,
    "portal": _portal,
    "repost": _repost,
    "oneline": _oneline,
    "tech": _tech,
    "kicker": _kicker,
    "trailer": _trailer,
    "headline": _headline,
    "bare": _bare,
    "dump": _dump,
}


def generate(out: Path, files: int, seed: int = 11) -> list[NewsItem]:
    """Write ``files`` news files into ``out`` (200 a folder); return what each holds."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    items = []
    for n in range(files):
        item = news_item(rng, LAYOUTS[n % len(LAYOUTS)] if n < len(LAYOUTS) else None)
        sub = out / f"{n // 200:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"news_{n:05d}.txt").write_text(item.text, encoding="utf-8")
        items.append(item)
    return items


def main() -> None:
    """CLI entry."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--files", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    items = generate(args.out, args.files, args.seed)
    size = sum(len(i.text.encode()) for i in items)
    print(f"wrote {len(items)} files ({size / 1e6:.1f} MB) to {args.out}")


if __name__ == "__main__":
    main()
