"""The benchmark suite: indexing, incremental updates, query latency, CLI and app start-up,
memory — each against a baseline measured in the same run. Prints a table, writes JSON.

python -m bench.run --articles 1000 [--articles 10000] [--formats 100] [--out bench/results]

``--formats N`` also builds N articles of each file format (``bench.formats``) and reports
articles per second for each; ``--formats 0`` skips it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.build_vs_jieba import compare as build_vs_jieba
from bench.fts5 import compare as fts5_compare
from bench.gen_corpus import generate
from bench.startup import compare as startup_compare

ROOT = Path(__file__).resolve().parent.parent
QUERY_MIX: list[tuple[str, str, dict]] = [
    ("common term", "高新区", {}),
    ("common term", "企业", {}),
    ("rare term", "脑机接口", {}),
    ("rare term", "灵巧手", {}),
    ("two-term AND", "具身智能 中关村", {}),
    ("phrase", '"国家 高新区"', {}),
    ("OR", "低空经济 OR 商业航天", {}),
    ("NOT", "具身智能 -机器人", {}),
    ("field", "park:中关村", {}),
    ("field", "track:6G", {}),
    ("filtered", "高新区", {"tracks": ["具身智能"]}),
    ("filtered", "", {"provinces": ["江苏省"]}),
    ("browse", "", {}),
]
ROUNDS = 5
REPEAT_BELOW = 2000  # corpora this small are built three times (each between jieba runs), medians kept


def _python(*args: str, env: dict | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started, done.stdout


def _child_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def index_seconds(corpus: Path, base: Path, rebuild: bool = False) -> float:
    """The engine's own figure for a build or update (no interpreter start-up)."""
    args = ["-m", "tui.cli.main", "index", "--json", "--quiet", "--corpus", str(corpus), "--index-dir", str(base)]
    _wall, out = _python(*args, *(["--rebuild"] if rebuild else []))
    return json.loads(out)["seconds"]


def touch_one_file(corpus: Path) -> None:
    """Change one page the way an editor would (an appended paragraph)."""
    page = sorted(corpus.rglob("*.txt"))[len(list(corpus.rglob("*.txt"))) // 2]
    data = page.read_bytes()
    extra = "\n\n本报讯 基准测试追加的一段文字，高新区企业继续发力。\n"
    encoding = "utf-8"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        encoding = "gb18030"
    page.write_bytes(data + extra.encode(encoding))


def query_latency(corpus: Path, base: Path) -> dict:
    """Engine ``took_ms`` over the query mix: exact facets and top-20 snippets included."""
    from search_index import Engine

    engine = Engine(corpus, base)
    engine.open()
    engine.warm()  # as the app does in the background once the index is open
    engine.search("预热")
    took: list[float] = []
    by_kind: dict[str, list[float]] = {}
    for _ in range(ROUNDS):
        for kind, text, filters in QUERY_MIX:
            ms = engine.search(text, filters, limit=20).took_ms
            took.append(ms)
            by_kind.setdefault(kind, []).append(ms)
    afresh = []  # each query once more with no matches or count bounds kept from before
    for _kind, text, filters in QUERY_MIX:
        engine.forget()
        afresh.append(engine.search(text, filters, limit=20).took_ms)
    return {
        "p50_ms": statistics.median(took),
        "p95_ms": _pct(took, 0.95),
        "afresh_p50_ms": statistics.median(afresh),
        "afresh_max_ms": max(afresh),
        "by_kind_p95_ms": {k: round(_pct(v, 0.95), 1) for k, v in by_kind.items()},
        "articles": engine.article_count,
    }


def cli_wall(corpus: Path, base: Path) -> dict:
    """``gxq-tui search … --json`` wall time against bare jieba start-up (medians of 3)."""
    search = ["-m", "tui.cli.main", "search", "具身智能", "--json", "--quiet"]
    search += ["--corpus", str(corpus), "--index-dir", str(base)]
    ours = statistics.median(_python(*search)[0] for _ in range(3))
    trusting = statistics.median(_python(*search, "--no-check")[0] for _ in range(3))
    floor = statistics.median(_python("-c", "import jieba; jieba.initialize()")[0] for _ in range(3))
    return {"search_s": ours, "no_check_s": trusting, "jieba_start_s": floor, "ratio": ours / floor}


def app_latency(corpus: Path, base: Path, starts: int = 3) -> dict:
    """First frame, search-ready and keystroke-to-results, from ``bench.app_latency``; the
    first frame a median of ``starts`` start-ups, alternating with a bare Textual app's
    (``bench.bare_app``: the floor on this machine)."""

    def app(*more: str) -> dict:
        return json.loads(_python("-m", "bench.app_latency", str(corpus), str(base), *more)[1])

    def bare_app() -> float:
        return json.loads(_python("-m", "bench.bare_app")[1])["first_frame_s"]

    out = app()  # the full run starts first (its files the least cached)
    starts_seen, bare = [dict(out)], [bare_app()]
    for _ in range(starts - 1):
        starts_seen.append(app("--first-frame"))
        bare.append(bare_app())
    out["first_frame_runs_s"] = [seen["first_frame_s"] for seen in starts_seen]
    for key in ("first_frame_s", "first_frame_cpu_s", "imports_s"):
        out[key] = statistics.median(seen[key] for seen in starts_seen)
    out["bare_first_frame_s"] = statistics.median(bare)
    return out


def run(articles: int, workdir: Path) -> dict:
    """Every figure for one corpus size."""
    corpus, base = workdir / f"corpus-{articles}", workdir / f"index-{articles}"
    generate(corpus, articles, seed=11)
    out: dict = {"articles_requested": articles}
    full = index_seconds(corpus, base)  # as a user's build runs: every core for a big job
    out["index_peak_mb"] = _child_peak_mb()
    rounds = 3 if articles <= REPEAT_BELOW else 1  # a few seconds: the machine's noise is a tenth of it
    out["index"] = {"full_s": full, **build_vs_jieba(corpus, workdir / f"one-process-{articles}", rounds)}
    touch_one_file(corpus)
    inc = index_seconds(corpus, base)
    out["incremental"] = {"one_file_s": inc, "ratio_to_full": inc / full}
    out["query"] = query_latency(corpus, base)
    out["fts5"] = fts5_compare(corpus, base, workdir)
    out["cli"] = cli_wall(corpus, base)
    out["startup"] = startup_compare(corpus, base, workdir / f"startup-{articles}")  # against the previous code
    out["app"] = app_latency(corpus, base)
    return out


TARGETS = {
    "index ÷ jieba": ("≤ 1.0", lambda r: r["index"]["ratio"] <= 1.0),
    "update ÷ full": (
        "≤ 10 % at 10k",
        lambda r: r["articles_requested"] < 10_000 or r["incremental"]["ratio_to_full"] <= 0.10,
    ),
    "engine p95": ("≤ 25 ms to 74k, ≤ 150 ms at 300k", lambda r: r["query"]["p95_ms"] <= _p95_target(r)),
    "3+-char terms ÷ FTS5 trigram": ("≤ 3", lambda r: r["fts5"]["long"]["ratio"] <= 3),
    "2-char terms ÷ FTS5 (LIKE scan)": ("< 1", lambda r: r["fts5"]["short"]["ratio"] < 1),
    "same counts as FTS5": ("all terms", lambda r: r["fts5"]["counts_agree"]),
    "CLI search ÷ jieba start": ("≤ 1.6", lambda r: r["cli"]["ratio"] <= 1.6),
    "app first frame": ("≤ 0.5 s", lambda r: r["app"]["first_frame_s"] <= 0.5),
    "app search-ready": ("≤ 1.5 s", lambda r: r["app"]["search_ready_s"] <= 1.5),
    "peak RSS, indexing and app": ("≤ 500 MB at 100k", lambda r: max(r["index_peak_mb"], r["app"]["peak_mb"]) <= 500),
    "cold CLI search (quick check)": ("≤ 0.5 s to 74k", lambda r: r["startup"]["current"]["checked"] <= 0.5),
    "resident bytes/article ÷ previous code": ("≤ 0.5", lambda r: _memory_ratio(r, "rss") <= 0.5),
    "private bytes/article ÷ previous code": ("≤ 0.5", lambda r: _memory_ratio(r, "anon") <= 0.5),
}


def _memory_ratio(r: dict, kind: str) -> float:
    from bench.startup import _ratio

    return _ratio(r["startup"], kind)


def _p95_target(r: dict) -> float:
    return 25.0 if r["articles_requested"] <= 75_000 else 150.0


def verdicts(results: list[dict]) -> str:
    """Each target, met (✓) or not (✗) at each corpus size."""
    lines = _head("target", results)
    for name, (goal, met) in TARGETS.items():
        lines.append(f"| {name} {goal} | " + " | ".join("✓" if met(r) else "✗" for r in results) + " |")
    return "\n".join(lines)


def _pair(a: float, b: float) -> str:
    return f"{a:.0f} / {b:.0f}"


def table(results: list[dict]) -> str:
    """The figures as a Markdown table, one column per corpus size."""
    rows = [
        ("articles indexed", lambda r: f"{r['query']['articles']:,}"),
        ("full index, every core (s)", lambda r: f"{r['index']['full_s']:.1f}"),
        ("full index in one process: CPU / wall (s)", lambda r: _build(r["index"])),
        ("plain jieba over the same text, one process: CPU / wall (s)", lambda r: _jieba(r["index"])),
        ("… jieba's CPU run by run, before and after each build (s)", lambda r: _jieba_runs(r["index"])),
        ("index ÷ jieba, CPU (target ≤ 1.0; a build ÷ its two jieba runs' mean)", lambda r: _ratio(r["index"])),
        ("one-file update (s)", lambda r: f"{r['incremental']['one_file_s']:.2f}"),
        ("update ÷ full (target ≤ 10 %)", lambda r: f"{100 * r['incremental']['ratio_to_full']:.1f} %"),
        ("engine p50 / p95 (ms)", lambda r: f"{r['query']['p50_ms']:.0f} / {r['query']['p95_ms']:.0f}"),
        ("the mix once afresh, nothing kept: p50 / max (ms)", lambda r: _afresh(r["query"])),
        ("3+-char terms: gxq / FTS5 trigram (ms)", lambda r: _vs(r["fts5"]["long"])),
        ("2-char terms: gxq / FTS5 LIKE scan (ms)", lambda r: _vs(r["fts5"]["short"])),
        ("same terms, whole search with facets and snippets (ms)", lambda r: _searches(r["fts5"])),
        ("CLI search ÷ jieba start (target ≤ 1.6)", lambda r: f"{r['cli']['ratio']:.2f}×"),
        ("cold CLI search: checked / --no-check (s)", lambda r: _pair2(r["cli"]["search_s"], r["cli"]["no_check_s"])),
        ("app first frame, median of 3 (s, target ≤ 0.5)", lambda r: f"{r['app']['first_frame_s']:.2f}"),
        ("bare Textual app's first frame, median of 3 (s)", lambda r: _bare(r["app"])),
        ("app search-ready (s, target ≤ 1.5)", lambda r: f"{r['app']['search_ready_s']:.2f}"),
        ("app settled: changes checked, pinyin loaded (s)", lambda r: f"{r['app']['settled_s']:.2f}"),
        (
            "keystroke → results p50 / p95 (ms)",
            lambda r: f"{r['app']['key_p50_ms']:.0f} / {r['app']['key_p95_ms']:.0f}",
        ),
        ("peak RSS: indexing / app (MB)", lambda r: f"{r['index_peak_mb']:.0f} / {r['app']['peak_mb']:.0f}"),
        ("cold search, quick check: now / previous code (s)", lambda r: _then(r, "checked", "{:.2f}")),
        ("cold search --no-check: now / previous code (s)", lambda r: _then(r, "no_check", "{:.2f}")),
        ("resident bytes/article: now / previous code", lambda r: _then_memory(r, "rss")),
        ("… of which private (heap) / mapped cache pages", lambda r: _split_memory(r)),
    ]
    lines = _head("figure", results)
    lines += ["| " + name + " | " + " | ".join(fmt(r) for r in results) + " |" for name, fmt in rows]
    return "\n".join(lines)


def _bare(app: dict) -> str:
    return f"{app['bare_first_frame_s']:.2f}" if "bare_first_frame_s" in app else "–"


def _afresh(query: dict) -> str:
    return f"{query.get('afresh_p50_ms', 0):.0f} / {query.get('afresh_max_ms', 0):.0f}"


def _then(r: dict, key: str, fmt: str) -> str:
    now, old = r["startup"]["current"], r["startup"].get("previous")
    return fmt.format(now[key]) + (" / " + fmt.format(old[key]) if old else "")


def _then_memory(r: dict, kind: str) -> str:
    now, old = r["startup"]["current"], r["startup"].get("previous")
    line = f"{now['memory']['bytes_per_article'][kind]:,.0f}"
    return line + (f" / {old['memory']['bytes_per_article'][kind]:,.0f}" if old else "")


def _split_memory(r: dict) -> str:
    per = r["startup"]["current"]["memory"]["bytes_per_article"]
    return f"{per['anon']:,.0f} / {per['file']:,.0f}"


def _pair2(a: float, b: float) -> str:
    return f"{a:.2f} / {b:.2f}"


def _build(index: dict) -> str:
    return _pair2(index["build_cpu_s"], index["build_wall_s"])


def _ratio(index: dict) -> str:
    return f"{index['ratio']:.2f}× (wall {index['wall_ratio']:.2f}×)"


def _jieba_runs(index: dict) -> str:
    return " · ".join(f"{s:.1f}" for s in index.get("jieba_cpu_runs_s", ())) or "–"


def _jieba(index: dict) -> str:
    return f"{index['jieba_cpu_s']:.2f} / {index['jieba_wall_s']:.2f} (dictionary {index['jieba_init_s']:.2f})"


def _vs(pair: dict) -> str:
    return f"{pair['gxq_ms']:.1f} / {pair['fts5_ms']:.1f} = {pair['ratio']:.2f}×"


def _searches(fts5: dict) -> str:
    return f"{fts5['long']['gxq_search_ms']:.0f} · {fts5['short']['gxq_search_ms']:.0f}"


def _head(first: str, results: list[dict]) -> list[str]:
    """A Markdown table's first two lines: ``first``, then one column per corpus size."""
    head = f"| {first} | " + " | ".join(f"{r['articles_requested']:,}" for r in results) + " |"
    return [head, "|---|" + "---:|" * len(results)]


def _formats(workdir: Path, per_format: int) -> dict:
    """Articles per second for each file format (``bench.formats``), or {} for 0."""
    if per_format <= 0:
        return {}
    from bench.formats import measure

    print(f"… {per_format} articles per file format", file=sys.stderr)
    return measure(workdir / "formats", per_format)


def main() -> None:
    """CLI entry."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, action="append", help="corpus size (repeat for several)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    ap.add_argument("--keep", type=Path, help="keep corpora and indexes in this folder")
    ap.add_argument("--formats", type=int, default=100, metavar="N", help="articles per file format (0: skip)")
    args = ap.parse_args()
    sizes = args.articles or [1000]
    with tempfile.TemporaryDirectory(prefix="gxq-bench-") as tmp:
        workdir = args.keep or Path(tmp)
        env_note = {"python": platform.python_version(), "cpus": os.cpu_count(), "machine": platform.machine()}
        results = []
        for n in sizes:
            print(f"… {n:,} articles", file=sys.stderr)
            results.append(run(n, workdir))
        by_format = _formats(workdir, args.formats)
    report = {"when": time.strftime("%Y-%m-%d %H:%M"), "machine": env_note, "results": results}
    report["formats"] = by_format
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "latest.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(table(results))
    print()
    print(verdicts(results))
    if by_format:
        from bench.formats import table as format_table

        print()
        print(format_table(by_format))
    print(f"\n{env_note['cpus']} CPUs, Python {env_note['python']}; JSON in {path}")


if __name__ == "__main__":
    main()
