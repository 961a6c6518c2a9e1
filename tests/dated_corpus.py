"""A corpus of one-article news files dated the ways real crawls and pages are: dates in
folder and file names (day, month and year precision, a leap day, month and year edges),
datelines with and without a year, a year-less dateline completed from the path (across a
new year), a newspaper page with a masthead, event dates in a body that must not count,
numbers in a hashed file name that are no date, and files in UTF-8 and GB18030."""

from __future__ import annotations

from pathlib import Path

# path → (title, body, expected date, expected date_from); bodies name tracks and parks
FILES: dict[str, tuple[str, str, str, str]] = {
    "2024/20240301_01.txt": (
        "低空经济新政出台",
        "低空经济产业在中关村加快发展，无人机企业集聚。",
        "2024-03-01",
        "path",
    ),
    "2024/20240229_02.txt": (
        "具身智能机器人亮相",
        "具身智能机器人在中关村展示，人形机器人受到关注。",
        "2024-02-29",
        "path",
    ),
    "2024/03/20240331_03.txt": (
        "低空物流试点",
        "低空经济物流航线在张江高新区开通，无人机配送上线。",
        "2024-03-31",
        "path",
    ),
    "2024/04/20240401_04.txt": (
        "低空经济大会",
        "低空经济大会在张江高新区举行，通用航空企业参会。",
        "2024-04-01",
        "path",
    ),
    "2023/20231231_05.txt": (
        "年终盘点具身智能",
        "具身智能产业在中关村形成集群，人形机器人量产。",
        "2023-12-31",
        "path",
    ),
    "2025/roundup.txt": ("低空经济年度回顾", "低空经济在各地高新区推进，无人机产业链完善。", "2025", "path"),
    "news/2024-06/summary.md": ("六月产业综述", "具身智能与低空经济在张江高新区齐头并进。", "2024-06", "path"),
    "wire/full.txt": (
        "芯片企业扩产",
        "本报北京2025年6月5日讯 芯片企业在中关村扩大产能，集成电路项目落地。",
        "2025-06-05",
        "dateline",
    ),
    "2022/wire.txt": (
        "量子科技突破",
        "新华社北京6月5日电 量子科技研究在中关村取得突破。",
        "2022-06-05",
        "dateline+path",
    ),
    "2023/20230102_b.txt": (
        "跨年报道",
        "新华社北京12月31日电 具身智能企业在中关村举行跨年发布。",
        "2022-12-31",
        "dateline+path",
    ),
    "plain/event.txt": ("医院新址启用", "2025年12月1日，北京小汤山医院举行仪式，具身智能设备投入使用。", "", ""),
    "plain/yearless.txt": ("无年份电讯", "新华社上海6月5日电 低空经济企业在张江高新区签约。", "--06-05", "dateline"),
    "feed/0020240301abcd.txt": ("哈希文件名", "具身智能相关报道，没有任何日期。", "", ""),
    "gbk/2021/20210715_g.txt": ("编码测试", "低空经济在中关村起步，无人机试飞。", "2021-07-15", "path"),
}
GB18030 = {"gbk/2021/20210715_g.txt"}


def write_corpus(root: Path) -> Path:
    """Write the files under ``root`` and return it."""
    for rel, (title, body, _date, _from) in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        text = f"{title}\n\n{body}\n"
        path.write_bytes(text.encode("gb18030" if rel in GB18030 else "utf-8"))
    return root
