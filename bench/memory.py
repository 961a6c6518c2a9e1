"""Resident memory per article: what opening an index and one search add to a process.

python -m bench.memory CORPUS INDEX_BASE [--query 创新] [--layout current|previous]

Run in a fresh process: it imports what a search needs, takes the resident set (the
interpreter and imports: the baseline), opens the index without checking the corpus, runs one
search and takes it again, once the engine is idle (it gives the mapped pages a burst of
queries read back half a second after the last: ``IndexSession.wait_idle``; the resident set
right after the search is printed too). Prints JSON: resident, anonymous (heap) and file-backed (mapped
cache files, which the system can drop and share) megabytes, and bytes per article.

``--layout previous`` holds the same rows as the code before issue 20's memory work did:
every search key as its own Python string, the 2-gram bitmaps and the file names in the
heap. Measured in the same run, it is the baseline the bench compares with.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def resident() -> dict[str, float]:
    """VmRSS, RssAnon and RssFile of this process in MB (Linux; zeros elsewhere)."""
    out = {"rss": 0.0, "anon": 0.0, "file": 0.0}
    names = {"VmRSS": "rss", "RssAnon": "anon", "RssFile": "file"}
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                key = line.split(":")[0]
                if key in names:
                    out[names[key]] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return out


def previous_layout(engine) -> None:
    """Hold the open rows as before: keys as lists of strings, bitmaps and names in the heap."""
    from search_index.query.execute import Space

    memo = engine._memo
    memo.titles, memo.bodies = list(memo.titles), list(memo.bodies)
    memo.sources = list(memo.sources)
    grams = engine._space.grams
    if grams is not None:
        grams.blob = bytes(grams.blob)
        grams.slots = [str(s) + "" for s in grams.slots]
    engine._use(memo, grams)
    assert isinstance(engine._space, Space)


def measure(corpus: Path, base: Path, query: str, layout: str) -> dict:
    """The figures for one fresh process."""
    from importlib import import_module

    from search_index.engine import Engine

    for name in ("search_index.query.execute", "search_index.research.facet_counts", "search_index.research.highlight"):
        import_module(name)  # what a search imports, before the baseline is taken

    before = resident()
    engine = Engine(corpus, base)
    engine.sync(check="none")
    if layout == "previous":
        previous_layout(engine)
    opened = resident()
    engine.search(query)
    searched = resident()
    wait_idle = getattr(engine, "wait_idle", None)  # the code before issue 20's memory work had none
    if wait_idle is not None:
        wait_idle(10)
    after = resident()
    n = max(1, engine.article_count)
    per = {k: (after[k] - before[k]) * 1024 * 1024 / n for k in after}
    return {
        "articles": engine.article_count,
        "layout": layout,
        "baseline_mb": before,
        "opened_mb": opened,
        "just_after_search_mb": searched,
        "after_search_mb": after,
        "bytes_per_article": {k: round(v) for k, v in per.items()},
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("corpus", type=Path)
    p.add_argument("base", type=Path)
    p.add_argument("--query", default="创新")
    p.add_argument("--layout", choices=("current", "previous"), default="current")
    args = p.parse_args(argv)
    print(json.dumps(measure(args.corpus, args.base, args.query, args.layout)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
