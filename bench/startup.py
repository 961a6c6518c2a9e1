"""Cold start and resident memory per article, each against the previous code in the same run.

python -m bench.startup CORPUS INDEX_BASE [--baseline-rev REV|none] [--rounds 5]

The baseline is the code before issue 20's start-up and memory work (``BASELINE_REV``; any
other revision with ``--baseline-rev``, or none at all with ``--baseline-rev none``, which
spares a second copy of a large index),
exported with ``git archive`` into a temporary folder and run on its own copy of the index
(its row cache format differs), alternating with the current code so that both see the same
machine load. Every process runs with bytecode caching on (an installed package has its
``.pyc`` files; this machine's ``PYTHONDONTWRITEBYTECODE`` would add the compilation of every
module to every start), warmed once before timing.

- Cold start: wall and CPU seconds of ``search 具身智能 --json`` in a fresh process, with the
  quick change check and with ``--no-check``: medians. Target: ≤ 0.5 s at 74k-size corpora.
- Memory: ``bench.memory`` (resident set after opening the index and one search, minus the
  interpreter and imports) per article: private (heap) bytes, and the pages of the mapped
  cache files the search read (the system's file cache: shared, dropped under pressure).
  Target: at most half the previous code's resident bytes per article.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE_REV = "da8f7eb"  # the last commit before the cold-start and memory work
QUERY = "具身智能"
MEMORY_QUERIES = ("具身智能", "高新区")


def _env(src: Path, cache: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "GXQ_INDEX_DIR")}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    env["PYTHONPATH"] = str(src)
    return env


def _timed(args: list[str], env: dict) -> tuple[float, float, str]:
    """(wall, CPU seconds of the child, stdout) of one fresh process."""
    before = os.times()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=env["PYTHONPATH"])
    wall = time.perf_counter() - started
    after = os.times()
    if done.returncode:
        raise RuntimeError(f"{' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, done.stdout


def baseline_source(workdir: Path, rev: str = BASELINE_REV) -> Path | None:
    """The code at ``rev``, exported into ``workdir``; None when git cannot give it."""
    target = workdir / f"baseline-{rev}"
    if (target / "search_index").is_dir():
        return target
    target.mkdir(parents=True, exist_ok=True)
    try:
        archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    except (OSError, subprocess.CalledProcessError):
        shutil.rmtree(target, ignore_errors=True)
        return None
    return target


def compare(corpus: Path, base: Path, workdir: Path, rounds: int = 5, rev: str = BASELINE_REV) -> dict:
    """Cold start and memory of the current code and of ``rev`` (alternating), as a dict."""
    sides = {"current": (ROOT, base)}
    old = None if rev == "none" else baseline_source(workdir, rev)
    if old is not None:
        old_base = workdir / f"index-{rev}"
        if not old_base.exists():
            shutil.copytree(base, old_base)
        sides["previous"] = (old, old_base)
    cache = workdir / "pycache"
    out: dict = {"rev": rev if old is not None else None, "rounds": rounds}
    for src, idx in sides.values():  # warm: bytecode written, row cache in its format
        _timed(_args(corpus, idx), _env(src, cache))
    runs: dict[str, dict[str, list]] = {name: {"checked": [], "no_check": [], "cpu": []} for name in sides}
    bare = []
    for _ in range(rounds):
        for name, (src, idx) in sides.items():
            wall, cpu, _ = _timed(_args(corpus, idx), _env(src, cache))
            runs[name]["checked"].append(wall)
            runs[name]["cpu"].append(cpu)
            runs[name]["no_check"].append(_timed(_args(corpus, idx, "--no-check"), _env(src, cache))[0])
        bare.append(_timed(["-c", "pass"], _env(ROOT, cache))[0])
    for name, r in runs.items():
        out[name] = {k: statistics.median(v) for k, v in r.items()}
    out["python_s"] = statistics.median(bare)
    for name, (src, idx) in sides.items():
        probe = [str(ROOT / "bench" / "memory.py"), str(corpus), str(idx)]
        per_query = [json.loads(_timed([*probe, "--query", q], _env(src, cache))[2]) for q in MEMORY_QUERIES]
        out[name]["memory"] = {
            "articles": per_query[0]["articles"],
            "bytes_per_article": {
                k: statistics.mean(p["bytes_per_article"][k] for p in per_query) for k in ("rss", "anon", "file")
            },
        }
    return out


def _args(corpus: Path, base: Path, *extra: str) -> list[str]:
    args = ["-m", "tui.cli.main", "search", QUERY, "--json", "--quiet", "--corpus", str(corpus)]
    return [*args, "--index-dir", str(base), *extra]


TARGETS = {
    "cold CLI search ≤ 0.5 s (at 74k)": lambda r: r["current"]["checked"] <= 0.5,
    "cold CLI search --no-check ≤ 0.5 s (at 74k)": lambda r: r["current"]["no_check"] <= 0.5,
    "resident bytes per article ≤ ½ previous": lambda r: _ratio(r, "rss") <= 0.5,
    "private (heap) bytes per article ≤ ½ previous": lambda r: _ratio(r, "anon") <= 0.5,
}


def _ratio(r: dict, kind: str) -> float:
    """This code's resident (``rss``) or private (``anon``) bytes per article ÷ the previous
    code's resident bytes (all of which were private); NaN without a baseline."""
    if "previous" not in r:
        return float("nan")
    old = r["previous"]["memory"]["bytes_per_article"]["rss"]  # the previous code's rows were all heap
    return r["current"]["memory"]["bytes_per_article"][kind] / max(1.0, old)


def report(r: dict) -> str:
    """A Markdown table (current vs previous) and a ✓/✗ line per target."""
    sides = [s for s in ("current", "previous") if s in r]
    head = "| figure | " + " | ".join(s if s == "current" else f"previous ({r['rev']})" for s in sides) + " |"
    lines = [head, "|---|" + "---:|" * len(sides)]

    def row(name: str, fmt) -> None:
        lines.append(f"| {name} | " + " | ".join(fmt(r[s]) for s in sides) + " |")

    row("cold search, quick check: wall / CPU (s)", lambda s: f"{s['checked']:.2f} / {s['cpu']:.2f}")
    row("cold search --no-check: wall (s)", lambda s: f"{s['no_check']:.2f}")
    row("articles", lambda s: f"{s['memory']['articles']:,}")
    row("resident bytes per article", lambda s: f"{s['memory']['bytes_per_article']['rss']:,.0f}")
    row("… private (heap)", lambda s: f"{s['memory']['bytes_per_article']['anon']:,.0f}")
    row("… mapped cache pages read", lambda s: f"{s['memory']['bytes_per_article']['file']:,.0f}")
    lines.append(f"\nbare `python -c pass`: {r['python_s']:.2f} s (medians of {r['rounds']} alternating runs)")
    if "previous" in r:
        lines.append(f"resident ÷ previous: {_ratio(r, 'rss'):.2f}; private ÷ previous: {_ratio(r, 'anon'):.2f}")
    lines.append("")
    lines += [f"{'✓' if met(r) else '✗'} {name}" for name, met in TARGETS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("corpus", type=Path)
    p.add_argument("base", type=Path, help="the index folder base (--index-dir) of a built index")
    p.add_argument("--baseline-rev", default=BASELINE_REV)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--keep", type=Path, help="keep the baseline code and index copy here")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="gxq-startup-") as tmp:
        result = compare(args.corpus, args.base, args.keep or Path(tmp), args.rounds, args.baseline_rev)
    print(report(result))
    print(json.dumps(result), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
