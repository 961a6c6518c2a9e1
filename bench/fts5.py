"""SQLite FTS5 with its trigram tokenizer as the anchor for term queries, over the same
search keys as the engine, in the same run.

Both sides do the same work: the number of matching articles and the 20 best by BM25.
FTS5's trigram index answers terms of three or more characters; a two-character term has
no trigram, so FTS5 falls back to ``LIKE '%…%'`` over every row (what a user of it gets).

python -m bench.fts5 CORPUS INDEX_BASE   (an index already built there)
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import sys
import time
from pathlib import Path

LONG_TERMS = ("高新区", "中关村", "灵巧手", "脑机接口", "具身智能", "低空经济", "商业航天")
SHORT_TERMS = ("企业", "园区", "创新", "产业", "芯片", "人才")
ROUNDS = 5


def fts5_table(titles: list[str], bodies: list[str], path: Path) -> sqlite3.Connection:
    """An FTS5 trigram table of (title, body), rowid = memo row."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='trigram')")
    rows = zip(range(len(titles)), titles, bodies, strict=True)
    db.executemany("INSERT INTO t(rowid, title, body) VALUES (?, ?, ?)", rows)
    db.commit()
    return db


def fts5_query(db: sqlite3.Connection, term: str) -> tuple[int, list[int]]:
    """(matching rows, the 20 best rowids) for one term."""
    if len(term) >= 3:
        phrase = '"' + term.replace('"', '""') + '"'
        total = db.execute("SELECT count(*) FROM t WHERE t MATCH ?", (phrase,)).fetchone()[0]
        best = db.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank LIMIT 20", (phrase,)).fetchall()
    else:
        like = f"%{term}%"
        where = "title LIKE ? OR body LIKE ?"
        total = db.execute(f"SELECT count(*) FROM t WHERE {where}", (like, like)).fetchone()[0]
        best = db.execute(f"SELECT rowid FROM t WHERE {where} LIMIT 20", (like, like)).fetchall()
    return total, [r[0] for r in best]


def _median_ms(run) -> float:
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def compare(corpus: Path, base: Path, workdir: Path) -> dict:
    """Per-term medians (ms) of the engine's matching and ranking against FTS5, and the same
    with the engine's facets and snippets (its whole ``search``)."""
    from search_index import Engine
    from search_index.query.parser import compile_query

    engine = Engine(corpus, base)
    engine.open()
    engine.warm()
    memo = engine.rows
    started = time.perf_counter()
    db = fts5_table(memo.titles, memo.bodies, workdir / "fts5.sqlite")
    build_s = time.perf_counter() - started
    out: dict = {"build_s": build_s, "terms": {}}
    for term in (*LONG_TERMS, *SHORT_TERMS):
        compiled = compile_query(term, engine.aliases, engine.pinyin_words)
        ours_total = len(engine._match(compiled, None, 20)[0])
        theirs_total = fts5_query(db, term)[0]
        # gxq_ms: matched afresh each time; gxq_kept_ms: the term's rows kept from the run before
        out["terms"][term] = {
            "gxq_ms": _median_ms(lambda c=compiled: (engine._space.forget(), engine._match(c, None, 20))),
            "gxq_kept_ms": _median_ms(lambda c=compiled: engine._match(c, None, 20)),
            "gxq_search_ms": statistics.median(engine.search(term, limit=20).took_ms for _ in range(ROUNDS)),
            "fts5_ms": _median_ms(lambda t=term: fts5_query(db, t)),
            "same_count": ours_total == theirs_total,
        }
    db.close()
    for name, terms in (("long", LONG_TERMS), ("short", SHORT_TERMS)):
        rows = [out["terms"][t] for t in terms]
        keys = ("gxq_ms", "gxq_kept_ms", "gxq_search_ms", "fts5_ms")
        out[name] = {k: statistics.median(r[k] for r in rows) for k in keys}
        out[name]["ratio"] = out[name]["gxq_ms"] / out[name]["fts5_ms"]
    out["counts_agree"] = all(r["same_count"] for r in out["terms"].values())
    return out


if __name__ == "__main__":
    result = compare(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[2]))
    print(json.dumps(result, ensure_ascii=False, indent=2))
