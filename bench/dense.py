"""Timings of one request on a dense article: a file that is one long run of the query (as a
crawled dump can be). Each size is indexed once, then search, show and kwic are timed.

python -m bench.dense [MB …]      (default: 0.5 1 2)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from search_index import Engine

QUERY = "具身智能"


def timed(fn) -> tuple[float, object]:
    """(seconds, result) of one call."""
    started = time.perf_counter()
    out = fn()
    return time.perf_counter() - started, out


def one_size(mb: float) -> dict:
    """Index a corpus whose one article is ``mb`` megabytes of the query; time the requests."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        root.mkdir()
        body = f"{QUERY}产业，" * int(mb * 1024 * 1024 / 21)
        (root / "dense.txt").write_text(f"{QUERY}密集报道\n\n{body}\n", encoding="utf-8")
        eng = Engine(root, Path(tmp) / "idx")
        eng.sync()
        search_s, res = timed(lambda: eng.search(QUERY, limit=10))
        ident = max(res.hits, key=lambda h: h.hit_count).meta.id
        show_s, art = timed(lambda: eng.show(ident, QUERY))
        kwic_s, conc = timed(lambda: eng.kwic(QUERY, width=99_999_999))
    hits = art.hit_count
    return {
        "MB": mb,
        "hits": hits,
        "search s": search_s,
        "show s": show_s,
        "kwic s": kwic_s,
        "kwic lines": len(conc.lines),
    }


def main(argv: list[str]) -> None:
    """Print one row per size."""
    sizes = [float(a) for a in argv] or [0.5, 1.0, 2.0]
    rows = [one_size(mb) for mb in sizes]
    print(" | ".join(rows[0]))
    for row in rows:
        print(" | ".join(f"{v:.2f}" if isinstance(v, float) else str(v) for v in row.values()))


if __name__ == "__main__":
    main(sys.argv[1:])
