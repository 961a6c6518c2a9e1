"""The reader's cost per ``n`` (next hit) and per resize on a long article, printed as JSON.

python -m bench.reader_steps [CHARS]

A synthetic article of CHARS characters (100,000 by default) with a hit every ~30 characters
and an entity mention every ~60 is shown in the real Reader inside a bare app; each step is a
key press followed by a full screen render (what the terminal would be sent), timed in CPU
seconds of this process (the machine's other load does not count).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import statistics
import sys
import time
from pathlib import Path

from textual.app import App, ComposeResult

from search_index.articles import Article, ArticleMention, SourceLine
from tui.widgets.reader import Reader

PARAGRAPH = "第{i}段：中关村企业推进具身智能与低空经济，长文测试标记。" * 8


def long_article(chars: int) -> Article:
    """An article of about ``chars`` characters, its hits on 长文测试标记 and 中关村 as mentions."""
    text, i = "", 0
    while len(text) < chars:
        text += PARAGRAPH.format(i=i) + "\n\n"
        i += 1
    hits = [(s, s + 6) for s in _find_all(text, "长文测试标记")]
    mentions = [ArticleMention(s, s + 3, "park", "中关村", "中关村", True) for s in _find_all(text, "中关村")]
    blank = {"str": "", "int": 0, "bool": False, "tuple[int, int]": (1, 1)}
    fields = {f.name: blank.get(str(f.type), []) for f in dataclasses.fields(Article)}  # the rest are lists
    fields.update(
        facets={},
        title="长文",
        text=text,
        hit_count=len(hits),
        hits=hits,
        mentions=mentions,
        source_lines=[SourceLine(n + 1, ln) for n, ln in enumerate(text.split("\n"))],
    )
    return Article(**fields)  # type: ignore[arg-type]


def _find_all(text: str, word: str) -> list[int]:
    out, at = [], text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


async def _resize(pilot, size: tuple[int, int]) -> None:
    await pilot.resize_terminal(*size)
    await pilot.pause()


class ReaderApp(App):
    CSS_PATH = str(Path(__file__).resolve().parent.parent / "tui" / "app.tcss")

    def compose(self) -> ComposeResult:
        yield Reader(id="reader")


async def measure(chars: int, steps: int = 10) -> dict:
    app = ReaderApp()
    article = long_article(chars)
    out: dict = {"chars": len(article.text), "hits": len(article.hits)}
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app.query_one(Reader)
        reader.focus()

        async def timed(action) -> float:
            t0 = time.process_time()
            await action()
            app.export_screenshot()
            return time.process_time() - t0

        async def open_() -> None:
            reader.show(article)
            await pilot.pause()

        out["open_s"] = round(await timed(open_), 3)
        out["screenshot_s"] = round(await timed(pilot.pause), 3)
        per_n = [await timed(lambda: pilot.press("n")) for _ in range(steps)]
        out["n_median_s"] = round(statistics.median(per_n), 3)
        out["N_to_last_s"] = round(await timed(lambda: pilot.press("N", "N")), 3)
        per_resize = []
        for size in ((100, 30), (120, 40), (80, 24)):
            per_resize.append(await timed(lambda size=size: _resize(pilot, size)))
        out["resize_median_s"] = round(statistics.median(per_resize), 3)
    return out


if __name__ == "__main__":
    print(json.dumps(asyncio.run(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))))
