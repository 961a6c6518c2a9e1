"""Timeline and date-facet latency over a dated synthetic corpus (engine p95 like search's:
≤ 50 ms at 10k articles, ≤ 300 ms at 100k).

python -m bench.dates --articles 10000 [--workdir DIR]
python -m bench.dates --articles 100000 --columns-only   # the date work alone, no index

Pages of the synthetic corpus (``bench.gen_corpus``) are filed under dated paths
(``2019/20190305_00012.txt``, a tenth left undated) from 2012 to 2026, so every date comes
from the ordinary indexing route (``dating.path_date``).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.gen_corpus import generate
from bench.run import ROUNDS, _pct

FIRST_DAY, DAYS = date(2012, 1, 1), 15 * 365
UNDATED_SHARE = 0.1
MIX: list[tuple[str, dict]] = [
    ("timeline, all, by span", {"text": ""}),
    ("timeline, all, by month", {"text": "", "by": "month"}),
    ("timeline, all, by week", {"text": "", "by": "week"}),
    ("timeline, term, by year", {"text": "具身智能", "by": "year"}),
    ("timeline, split by track", {"text": "", "by": "year", "split_by": "track", "top": 5}),
    ("timeline, term + range", {"text": "高新区", "filters": {"date": ["2018..2022"]}}),
]
FACETS: list[tuple[str, str, dict]] = [
    ("facets, all", "", {}),
    ("facets, date: query", "date:2019..2021", {}),
    ("facets, term + range", "高新区", {"date": ["2020-03..2023-06"]}),
    ("search newest", "具身智能", {}),
    ("search score (baseline)", "具身智能", {}),
]


def dated_corpus(out: Path, articles: int, seed: int = 11) -> Path:
    """Generate the corpus and move its pages under dated folders and names."""
    raw = out.with_name(out.name + "-raw")
    generate(raw, articles)
    rng = random.Random(seed)
    for i, page in enumerate(sorted(raw.rglob("*.txt"))):
        if rng.random() < UNDATED_SHARE:
            target = out / "undated" / page.name
        else:
            day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
            target = out / f"{day.year}" / f"{day:%Y%m%d}_{i:05d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        page.rename(target)
    return out


def measure(corpus: Path, base: Path) -> dict:
    """Cold date-column build, then p50/p95 of the timeline and date-facet mixes."""
    from search_index import Engine

    engine = Engine(corpus, base)
    engine.sync()
    engine.warm()
    started = time.perf_counter()
    engine.timeline("")
    first_ms = (time.perf_counter() - started) * 1000
    engine.search("预热")
    kinds: dict[str, list[float]] = {}
    for _ in range(ROUNDS):
        for kind, args in MIX:
            started = time.perf_counter()
            engine.timeline(**args)
            kinds.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
        for kind, text, filters in FACETS:
            sort = "newest" if kind.startswith("search") else "score"
            took = engine.search(text, filters, limit=20, sort=sort).took_ms
            kinds.setdefault(kind, []).append(took)
    every = [ms for values in kinds.values() for ms in values]
    return {
        "articles": engine.article_count,
        "dated": engine.article_count - engine.facets().undated,
        "first_timeline_ms": round(first_ms, 1),
        "p50_ms": round(statistics.median(every), 1),
        "p95_ms": round(_pct(every, 0.95), 1),
        "by_kind_p95_ms": {k: round(_pct(v, 0.95), 1) for k, v in kinds.items()},
    }


def columns_only(rows: int, seed: int = 5) -> dict:
    """The date work alone at ``rows`` articles, without building an index: a date column of
    day, month and year dates (a tenth undated), then p95 of what a query adds on top of
    matching — date counts, a range, both sorts and every bucket size — over half the rows."""
    from array import array

    from search_index.dates.ranges import date_code, parse_range
    from search_index.index.datecolumn import DateColumn
    from search_index.research.timeline import build_timeline

    rng = random.Random(seed)
    codes = array("i")
    for _ in range(rows):
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        text = rng.choice((f"{day:%Y-%m-%d}",) * 8 + (f"{day:%Y-%m}", f"{day:%Y}"))
        codes.append(0 if rng.random() < UNDATED_SHARE else date_code(text))
    started = time.perf_counter()
    col = DateColumn(codes)
    build_ms = (time.perf_counter() - started) * 1000
    half = sorted(rng.sample(range(rows), rows // 2))
    jobs = {
        "date facets": lambda: col.counts(half),
        "date: range": lambda: col.within(parse_range("2016-03..2019-10"), None),
        "sort newest (top 20)": lambda: col.ordered(half, newest=True)[:20],
        **{
            f"timeline by {by}": (lambda by=by: build_timeline(col, half, by))
            for by in ("year", "month", "week", "day")
        },
    }
    for job in jobs.values():
        job()  # the lazily built week and day columns are opening costs, not query costs
    took: dict[str, list[float]] = {}
    for _ in range(ROUNDS):
        for name, job in jobs.items():
            started = time.perf_counter()
            job()
            took.setdefault(name, []).append((time.perf_counter() - started) * 1000)
    return {
        "rows": rows,
        "build_ms": round(build_ms, 1),
        "p95_ms": {k: round(_pct(v, 0.95), 1) for k, v in took.items()},
    }


def main() -> None:
    """CLI entry: build, measure, print."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--columns-only", action="store_true", help="time the date columns alone, no index")
    args = ap.parse_args()
    if args.columns_only:
        result = columns_only(args.articles)
        print(f"{result['rows']} rows · date columns built in {result['build_ms']} ms")
        for kind, ms in result["p95_ms"].items():
            print(f"  {kind:<26} p95 {ms:>7} ms")
        return
    work = args.workdir or Path(tempfile.mkdtemp(prefix="gxq-dates-"))
    corpus = work / "corpus"
    if not corpus.is_dir():  # a workdir from an earlier run keeps its corpus and index
        dated_corpus(corpus, args.articles)
    result = measure(corpus, work / "index")
    target = 50 if result["articles"] <= 20_000 else 300
    print(f"{result['articles']} articles ({result['dated']} dated) · first timeline {result['first_timeline_ms']} ms")
    print(f"p50 {result['p50_ms']} ms · p95 {result['p95_ms']} ms (target ≤ {target} ms)")
    for kind, ms in result["by_kind_p95_ms"].items():
        print(f"  {kind:<26} p95 {ms:>7} ms")


if __name__ == "__main__":
    main()
