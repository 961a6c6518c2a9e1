"""A full build against plain Python ``jieba.lcut_for_search`` over the same text, made fair.

python -m bench.build_vs_jieba CORPUS [--rounds 3]

Both sides run in a fresh interpreter of their own, in **one process** (the build with
``GXQ_INDEX_PROCS=1``: its default uses every core, jieba uses one), alternating, so that
the machine's load falls on both alike. Each side's clock starts after its imports and
stops when its work is done:

* the build: the engine's own ``sync`` figure (reading and decoding every file, cleaning,
  splitting, entities, segmenting, writing and committing the index, then loading the
  in-memory rows and 2-gram bitmaps) — its dictionaries (jieba-rs, the gazetteer's names)
  load inside that time, on first use;
* jieba: ``jieba.initialize()`` (its dictionary, from jieba's own cache file as any second
  run has it) and ``lcut_for_search`` over the decoded text of every readable file — the
  same text the build reads, headers included (the build segments slightly less: header
  lines become metadata). Reading and decoding the files is *not* on jieba's clock.

Both are wall seconds and CPU seconds of that process; the ratio is of CPU seconds, which
other programs on a shared machine disturb less than wall time (wall is reported too).
``init_s`` says how much of jieba's side is its dictionary load.

The machine's speed drifts over minutes: the same jieba run over the bench's 74,000 articles
took 202 to 278 s of CPU in different runs. So jieba runs first and after every build, and
each build is weighed against the mean of the jieba runs on either side of it (a drift that
is steady over the pair cancels out); with several rounds the median of their ratios counts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_BUILD = r"""
import json, sys, time
from search_index import Engine
engine = Engine(sys.argv[1], sys.argv[2])
cpu, wall = time.process_time(), time.perf_counter()
report = engine.sync(rebuild=True)
print(json.dumps({"cpu_s": time.process_time() - cpu, "wall_s": time.perf_counter() - wall,
                  "articles": report.articles}))
"""

_JIEBA = r"""
import json, sys, time
from pathlib import Path
import jieba
from search_index.ingest.reading import SourceText, discover, read_source
texts = [src.text for f in discover(Path(sys.argv[1]))[0] if isinstance(src := read_source(f), SourceText)]
jieba.setLogLevel(60)
cpu, wall = time.process_time(), time.perf_counter()
jieba.initialize()
init = time.process_time() - cpu
for text in texts:
    jieba.lcut_for_search(text)
print(json.dumps({"cpu_s": time.process_time() - cpu, "wall_s": time.perf_counter() - wall, "init_s": init,
                  "chars": sum(map(len, texts))}))
"""


def _child(code: str, *args: str, env: dict | None = None) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, env=env, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def build_once(corpus: Path, base: Path) -> dict:
    """One full rebuild in one process: CPU and wall seconds."""
    env = {**os.environ, "GXQ_INDEX_PROCS": "1", "PYTHONPATH": str(ROOT)}
    return _child(_BUILD, str(corpus), str(base), env=env)


def jieba_once(corpus: Path) -> dict:
    """``jieba.initialize()`` plus ``lcut_for_search`` over every file's text, in one process."""
    return _child(_JIEBA, str(corpus), env={**os.environ, "PYTHONPATH": str(ROOT)})


def compare(corpus: Path, base: Path, rounds: int = 3) -> dict:
    """``rounds`` builds, each between two jieba runs (jieba, build, jieba, build, … jieba);
    ``ratio`` is the median over the builds of build ÷ the mean of its two jieba runs (CPU),
    ``wall_ratio`` the same of wall seconds; the other figures are medians (with several
    rounds, of ``rounds + 1`` jieba runs: their quotient is not exactly ``ratio``)."""
    jiebas = [jieba_once(corpus)]
    builds = []
    for _ in range(rounds):
        builds.append(build_once(corpus, base))
        jiebas.append(jieba_once(corpus))

    def med(runs: list[dict], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    def flanked(key: str) -> list[float]:
        pairs = zip(builds, jiebas[:-1], jiebas[1:], strict=True)  # each build between two jieba runs
        return [b[key] / ((before[key] + after[key]) / 2) for b, before, after in pairs]

    out = {
        "build_cpu_s": med(builds, "cpu_s"),
        "build_wall_s": med(builds, "wall_s"),
        "jieba_cpu_s": med(jiebas, "cpu_s"),
        "jieba_wall_s": med(jiebas, "wall_s"),
        "jieba_init_s": med(jiebas, "init_s"),
        "jieba_cpu_runs_s": [round(j["cpu_s"], 2) for j in jiebas],
        "build_cpu_runs_s": [round(b["cpu_s"], 2) for b in builds],
        "articles": builds[-1]["articles"],
        "chars": jiebas[-1]["chars"],
        "rounds": rounds,
    }
    out["ratio"] = statistics.median(flanked("cpu_s"))
    out["wall_ratio"] = statistics.median(flanked("wall_s"))
    return out


def main() -> None:
    """CLI entry."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="gxq-build-") as base:
        result = compare(args.corpus, Path(base), args.rounds)
    print(json.dumps(result, indent=2))
    print(
        f"build {result['build_cpu_s']:.1f} s CPU ({result['build_wall_s']:.1f} s wall) ÷ jieba "
        f"{' / '.join(map(str, result['jieba_cpu_runs_s']))} s CPU before and after "
        f"({result['jieba_init_s']:.1f} s of each the dictionary) = "
        f"{result['ratio']:.2f}× {'✓' if result['ratio'] <= 1.0 else '✗'} (target ≤ 1.0)"
    )


if __name__ == "__main__":
    main()
