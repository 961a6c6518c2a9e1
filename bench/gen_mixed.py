"""Deterministic mixed-format corpus: the same kind of stories as ``gen_corpus``, written as
one-article text files (UTF-8, and GBK with U+E40C paragraph marks), a JSON Lines export, a
GB18030 CSV from a spreadsheet, a JSON array, saved web pages, Word files, PDFs and Markdown
with front matter — one folder per format.

python -m bench.gen_mixed OUT_DIR --per-format 100
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import random
from pathlib import Path

from bench.gen_corpus import seed_paragraphs
from search_index.reference.gazetteer import load_gazetteer

OUTLETS = ("新华社", "人民日报", "经济日报", "央视网", "科技日报")
FORMATS = ("txt", "txt-gbk", "jsonl", "csv", "json", "html", "docx", "pdf", "md")


def stories(n: int, seed: int = 7) -> list[dict]:
    """``n`` stories with title, date, outlet, URL and paragraphs."""
    rng = random.Random(seed)
    gaz = load_gazetteer()
    parks, tracks, paras = sorted(gaz.parks), sorted(gaz.tracks), seed_paragraphs()
    out = []
    for i in range(n):
        park, track = rng.choice(parks), rng.choice(tracks)
        body = [f"{park}在{track}领域持续发力，已集聚相关企业{rng.randint(10, 500)}家。", *rng.sample(paras, 3)]
        day = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randint(0, 700))
        out.append(
            {
                "title": f"{park}加快布局{track}新赛道",
                "date": day.isoformat(),
                "source": rng.choice(OUTLETS),
                "url": f"https://news.example.com/{day:%Y%m}/t{day:%Y%m%d}_{i}.shtml",
                "paras": body,
            }
        )
    return out


def generate(out: Path, per_format: int, seed: int = 7) -> dict[str, int]:
    """Write ``per_format`` articles in each format below ``out``; return articles per format folder."""
    made = {}
    for n, fmt in enumerate(FORMATS):
        folder = out / fmt
        folder.mkdir(parents=True, exist_ok=True)
        WRITERS[fmt](folder, stories(per_format, seed + n))
        made[fmt] = per_format
    return made


def _txt(folder: Path, items: list[dict]) -> None:
    for i, s in enumerate(items):
        head = [s["title"], f"{s['date']} 09:30:00", s["source"], s["url"], ""]
        (folder / f"{i:05d}.txt").write_text("\n".join([*head, *s["paras"]]) + "\n", encoding="utf-8")


def _txt_gbk(folder: Path, items: list[dict]) -> None:
    for i, s in enumerate(items):
        text = s["title"] + "\ue40c" + "\ue40c".join(s["paras"])
        (folder / f"{i:05d}.txt").write_bytes(text.encode("gb18030"))


def _jsonl(folder: Path, items: list[dict]) -> None:
    with open(folder / "export.jsonl", "w", encoding="utf-8") as fh:
        for s in items:
            row = {"标题": s["title"], "发布时间": s["date"], "来源": s["source"], "链接": s["url"]}
            fh.write(json.dumps({**row, "正文": "\n".join(s["paras"])}, ensure_ascii=False) + "\n")


def _csv(folder: Path, items: list[dict]) -> None:
    with open(folder / "export.csv", "w", encoding="gb18030", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["标题", "日期", "媒体", "网址", "内容"])
        for s in items:
            w.writerow([s["title"], s["date"], s["source"], s["url"], "\n".join(s["paras"])])


def _json(folder: Path, items: list[dict]) -> None:
    rows = [{"title": s["title"], "pubdate": s["date"], "media": s["source"], "content": s["paras"]} for s in items]
    (folder / "api.json").write_text(json.dumps({"data": {"list": rows}}, ensure_ascii=False), encoding="utf-8")


def _html(folder: Path, items: list[dict]) -> None:
    for i, s in enumerate(items):
        paras = "".join(f"<p>{p}</p>" for p in s["paras"])
        page = (
            f'<html><head><meta charset="utf-8"><meta property="og:title" content="{s["title"]}">'
            f'<meta property="og:site_name" content="{s["source"]}">'
            f'<meta property="article:published_time" content="{s["date"]}T09:30:00+08:00"></head><body>'
            '<nav><a href="/">首页</a><a href="/n">新闻中心</a></nav>'
            f"<article><h1>{s['title']}</h1>{paras}</article><footer>版权所有 联系我们</footer></body></html>"
        )
        (folder / f"{i:05d}.html").write_text(page, encoding="utf-8")


def _docx(folder: Path, items: list[dict]) -> None:
    import docx

    for i, s in enumerate(items):
        doc = docx.Document()
        doc.core_properties.title = s["title"]
        doc.core_properties.created = datetime.datetime.fromisoformat(s["date"])
        for p in s["paras"]:
            doc.add_paragraph(p)
        doc.save(folder / f"{i:05d}.docx")


def _pdf(folder: Path, items: list[dict]) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    for i, s in enumerate(items):
        c = canvas.Canvas(str(folder / f"{i:05d}.pdf"))
        c.setTitle(s["title"])
        c.setFont("STSong-Light", 10)
        y = 800
        for p in s["paras"]:
            for start in range(0, len(p), 40):
                c.drawString(40, y, p[start : start + 40])
                y -= 14
            y -= 14
        c.save()


def _md(folder: Path, items: list[dict]) -> None:
    for i, s in enumerate(items):
        head = f"---\ntitle: {s['title']}\ndate: {s['date']}\nsource: {s['source']}\nurl: {s['url']}\n---\n\n"
        (folder / f"{i:05d}.md").write_text(head + "\n\n".join(s["paras"]) + "\n", encoding="utf-8")


WRITERS = {
    "txt": _txt,
    "txt-gbk": _txt_gbk,
    "jsonl": _jsonl,
    "csv": _csv,
    "json": _json,
    "html": _html,
    "docx": _docx,
    "pdf": _pdf,
    "md": _md,
}


def main() -> None:
    """CLI entry."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--per-format", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    made = generate(args.out, args.per_format, args.seed)
    print(f"wrote {sum(made.values())} articles in {len(made)} formats to {args.out}")


if __name__ == "__main__":
    main()
