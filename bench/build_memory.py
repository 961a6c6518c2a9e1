"""Peak resident memory of a full build's main process, by phase.

python -m bench.build_memory CORPUS [--index-dir DIR] [--procs N]

Builds CORPUS from scratch in this process (the default uses every core: the preparing and
writing processes are children) while a thread samples this process's resident set every
20 ms (``/proc/self/status``: all of it, and the anonymous part, i.e. the heap; the rest is
mapped file pages) and which phase the main thread is in (the innermost function of the
build it is running, named below). Prints, for each phase in order, the highest resident
set sampled in it, then the peak of the whole build as the kernel counts it (``ru_maxrss``)
for this process and for the largest child. Phases share the heap: memory freed by one is
reused by the next, so a phase's figure is the high-water mark up to its end, not what it
holds alone. Linux only.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

PHASES = {  # (file, function) of the build → the phase it names, innermost first
    ("writing.py", "_index_files"): "files read, documents written",
    ("writing.py", "_commit"): "commit",
    ("vocabulary.py", "save"): "vocabulary",
    ("memo_rows.py", "build"): "row cache: rows assembled",
    ("memo.py", "save"): "row cache: written",
    ("memo.py", "load"): "row cache: read back (mapped)",
    ("longgrams.py", "common"): "2-grams: common 3-/4-grams chosen",
    ("grams_build.py", "bitmaps"): "2-grams: bitmaps",
    ("longgrams.py", "false_candidates"): "2-grams: 3-/4-grams' false candidates",
    ("grams_file.py", "save"): "2-grams: written",
}
EVERY = 0.02


def _status() -> tuple[float, float]:
    """(resident, anonymous) MB of this process."""
    found = {}
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(("VmRSS:", "RssAnon:")):
                found[line.split(":")[0]] = int(line.split()[1]) / 1024
    return found.get("VmRSS", 0.0), found.get("RssAnon", 0.0)


def _phase(thread_id: int) -> str:
    frame = sys._current_frames().get(thread_id)
    while frame is not None:
        code = frame.f_code
        name = PHASES.get((os.path.basename(code.co_filename), code.co_name))
        if name is not None:
            return name
        frame = frame.f_back
    return "other"


class Sampler(threading.Thread):
    """Samples (phase, resident MB, anonymous MB) of the thread that starts it."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.watched = threading.get_ident()
        self.peaks: dict[str, tuple[float, float]] = {}  # phase → (resident, anonymous) at its highest
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(EVERY):
            phase, (rss, anon) = _phase(self.watched), _status()
            if rss > self.peaks.get(phase, (0.0, 0.0))[0]:
                self.peaks[phase] = (rss, anon)


def measure(corpus: Path, index_dir: Path) -> dict:
    """Build ``corpus`` into ``index_dir``; the peaks by phase and the whole build's."""
    from search_index import Engine

    sampler = Sampler()
    started, cpu = time.perf_counter(), time.process_time()
    sampler.start()
    engine = Engine(corpus, index_dir)
    engine.sync(rebuild=True)
    sampler.done.set()
    sampler.join()
    return {
        "articles": engine.article_count,
        "phases": sampler.peaks,
        "self_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "wall_s": time.perf_counter() - started,
        "cpu_s": time.process_time() - cpu,
    }


def table(result: dict) -> str:
    """The peaks as a Markdown table, phases in the order they first ran."""
    lines = ["| phase of the main process | resident MB | of it heap MB |", "|---|---:|---:|"]
    for phase, (rss, anon) in result["phases"].items():
        lines.append(f"| {phase} | {rss:.0f} | {anon:.0f} |")
    lines.append(
        f"\n{result['articles']:,} articles; peak (ru_maxrss): main process {result['self_peak_mb']:.0f} MB, "
        f"largest child {result['children_peak_mb']:.0f} MB; wall {result['wall_s']:.1f} s, "
        f"main process CPU {result['cpu_s']:.1f} s"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--index-dir", type=Path, help="where to build (default: a temporary folder)")
    parser.add_argument("--procs", type=int, help="GXQ_INDEX_PROCS for the build (default: every core)")
    args = parser.parse_args()
    if args.procs:
        os.environ["GXQ_INDEX_PROCS"] = str(args.procs)
    if args.index_dir:
        print(table(measure(args.corpus, args.index_dir)))
        return
    with tempfile.TemporaryDirectory(prefix="gxq-build-memory-") as folder:
        print(table(measure(args.corpus, Path(folder))))


if __name__ == "__main__":
    main()
