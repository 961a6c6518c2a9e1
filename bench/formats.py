"""Articles per second for each file format: a mixed corpus (``bench.gen_mixed``) indexed one
format folder at a time, in one process (``GXQ_INDEX_PROCS=1``), by the engine's own timer.
A one-article build is timed first; its seconds (opening the index, loading jieba's
dictionary) are the fixed part, and ``marginal/s`` divides the articles by the rest.

python -m bench.formats --per-format 100
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from bench.gen_mixed import FORMATS, generate
from bench.run import ROOT, _python


def measure(workdir: Path, per_format: int) -> dict[str, dict]:
    """format → {files, articles, seconds, per_s} (a build of that format's folder alone)."""
    workdir.mkdir(parents=True, exist_ok=True)
    corpus = workdir / "mixed"
    generate(corpus, per_format)
    (workdir / "one").mkdir()
    (workdir / "one" / "a.txt").write_text("高新区新闻\n\n国家高新区加快布局新赛道。\n", encoding="utf-8")
    fixed = _build(workdir / "one", workdir)["seconds"]
    out = {}
    for fmt in FORMATS:
        got = _build(corpus / fmt, workdir)
        seconds = got["seconds"]
        out[fmt] = {"files": got["files"], "articles": got["articles"], "seconds": seconds}
        out[fmt]["per_s"] = got["articles"] / seconds if seconds else 0.0
        beyond = seconds - fixed  # too little to tell below a tenth of a second: use more articles
        out[fmt]["marginal_per_s"] = got["articles"] / beyond if beyond > 0.1 else None
        out[fmt]["skipped"] = len(got["skipped"])
    out["fixed"] = {"seconds": fixed}
    return out


def _build(corpus: Path, workdir: Path) -> dict:
    env = {**os.environ, "GXQ_INDEX_PROCS": "1"}
    args = ["-m", "tui.cli.main", "index", "--json", "--quiet", "--corpus", str(corpus)]
    _wall, text = _python(*args, "--index-dir", str(workdir / "ix"), env=env)
    return json.loads(text)


def table(results: dict[str, dict]) -> str:
    """A Markdown table: one row per format."""
    head = "| format | files | articles | seconds | articles/s | marginal/s |"
    lines = [head, "|---|---:|---:|---:|---:|---:|"]
    for fmt, r in results.items():
        if fmt == "fixed":
            continue
        marginal = "—" if r["marginal_per_s"] is None else f"{r['marginal_per_s']:.0f}"
        figures = f"{r['seconds']:.2f} | {r['per_s']:.0f} | {marginal}"
        lines.append(f"| {fmt} | {r['files']} | {r['articles']} | {figures} |")
    lines.append(f"\nfixed part of a build (one article): {results['fixed']['seconds']:.2f} s")
    return "\n".join(lines)


def main() -> None:
    """CLI entry."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-format", type=int, default=100)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="gxq-bench-formats-") as tmp:
        results = measure(Path(tmp), args.per_format)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "formats.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(table(results))
    print(f"\nJSON in {args.out / 'formats.json'}", file=sys.stderr)


if __name__ == "__main__":
    main()
