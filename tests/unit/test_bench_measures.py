"""How the bench weighs the build against jieba on a drifting machine, and the bare Textual
app it sets beside the app's first frame."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench import build_vs_jieba

ROOT = Path(__file__).resolve().parents[2]


def _runs(monkeypatch, jieba_cpu: list[float], build_cpu: list[float]) -> list[str]:
    """Replace both sides with runs of the given CPU seconds; return the order they ran in."""
    order: list[str] = []
    jiebas, builds = iter(jieba_cpu), iter(build_cpu)

    def jieba_once(_corpus):
        order.append("jieba")
        cpu = next(jiebas)
        return {"cpu_s": cpu, "wall_s": cpu, "init_s": 1.0, "chars": 10}

    def build_once(_corpus, _base):
        order.append("build")
        cpu = next(builds)
        return {"cpu_s": cpu, "wall_s": 2 * cpu, "articles": 3}

    monkeypatch.setattr(build_vs_jieba, "jieba_once", jieba_once)
    monkeypatch.setattr(build_vs_jieba, "build_once", build_once)
    return order


def test_each_build_is_weighed_against_the_jieba_runs_either_side_of_it(monkeypatch, tmp_path):
    order = _runs(monkeypatch, [200.0, 300.0], [225.0])  # the machine slowed down during the build
    out = build_vs_jieba.compare(tmp_path, tmp_path, rounds=1)
    assert order == ["jieba", "build", "jieba"]
    assert out["ratio"] == 225.0 / 250.0  # not 225 / 200 (before) nor 225 / 300 (after)
    assert out["wall_ratio"] == 450.0 / 250.0
    assert out["jieba_cpu_runs_s"] == [200.0, 300.0]


def test_with_several_rounds_the_median_ratio_counts(monkeypatch, tmp_path):
    order = _runs(monkeypatch, [100.0, 100.0, 200.0, 200.0], [90.0, 300.0, 180.0])
    out = build_vs_jieba.compare(tmp_path, tmp_path, rounds=3)
    assert order == ["jieba", "build", "jieba", "build", "jieba", "build", "jieba"]
    assert out["ratio"] == 0.9  # ratios 0.9, 2.0, 0.9: one disturbed build does not decide
    assert out["build_cpu_s"] == 180.0 and out["rounds"] == 3


def test_the_bare_textual_app_reports_its_first_frame():
    done = subprocess.run(
        [sys.executable, "-m", "bench.bare_app"], capture_output=True, text=True, cwd=ROOT, check=True, timeout=60
    )
    out = json.loads(done.stdout)
    assert 0 < out["first_frame_s"] < 30 and out["first_frame_cpu_s"] > 0


def test_the_app_can_be_timed_to_its_first_frame_alone(tmp_path, seeds_dir):
    """``--first-frame`` leaves right after it, as quitting would (the index worker stops
    waiting for a first search that will not come)."""
    args = ["-m", "bench.app_latency", str(seeds_dir), str(tmp_path), "--first-frame"]
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, check=True, timeout=60)
    out = json.loads(done.stdout)
    assert set(out) == {"first_frame_s", "first_frame_cpu_s", "imports_s"}
    assert 0 < out["imports_s"] < out["first_frame_s"]


def test_every_phase_bench_build_memory_names_is_a_function_of_the_build():
    """The sampler finds a phase by (file, function) on the main thread's stack: a function
    that moved to another module would leave its phase never seen."""
    import importlib
    import pkgutil

    import search_index.index
    from bench.build_memory import PHASES

    names = [m.name for m in pkgutil.iter_modules(search_index.index.__path__)]
    modules = {f"{name}.py": importlib.import_module(f"search_index.index.{name}") for name in names}
    for file, function in PHASES:
        assert callable(getattr(modules[file], function, None)), (file, function)
