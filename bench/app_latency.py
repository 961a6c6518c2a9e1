"""App timings with the Textual pilot, printed as JSON (run by ``bench.run`` in a fresh process).

python -m bench.app_latency CORPUS INDEX_BASE [--first-frame]

``--first-frame`` stops at the first frame (``bench.run`` repeats that part: one start-up is
noisy on a shared machine).
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

IMPORTED = 0.0
QUERIES = ["具身智能", "低空经济", "中关村", "商业航天", "脑机接口", "高新区"]


async def measure(corpus: str, base: str, first_frame_only: bool = False) -> dict:
    """First frame (the first refresh after mount), search-ready (first results shown from an
    open index: searching needs no jieba), settled (every start-up worker done) and
    keystroke-to-results; first frame, search-ready and keys also in CPU seconds of the process
    (every thread), which other jobs on the machine disturb less than the wall clock."""
    from tui.app import GxqApp

    marks: dict[str, float] = {}

    class Timed(GxqApp):
        CSS_PATH = str(Path(sys.modules[GxqApp.__module__].__file__).parent / "app.tcss")

        async def on_mount(self) -> None:
            marks["imported"] = IMPORTED
            self.call_after_refresh(self._first_frame)
            await super().on_mount()

        def _first_frame(self) -> None:
            marks.setdefault("first_frame", time.perf_counter())
            marks.setdefault("first_frame_cpu", time.process_time())

    app = Timed(corpus, base, show_timing=False)
    out: dict = {}
    async with app.run_test(size=(120, 40)) as pilot:
        while "first_frame" not in marks:
            await asyncio.sleep(0.001)
        out["first_frame_s"] = marks["first_frame"] - STARTED
        out["first_frame_cpu_s"] = marks["first_frame_cpu"]
        out["imports_s"] = marks["imported"] - STARTED
        if first_frame_only:
            app.exit()  # as quitting does: the index worker stops waiting for the first search
            return out
        while app.last_result is None or not app.service.ready.is_set():
            await asyncio.sleep(0.005)
        out["search_ready_s"] = time.perf_counter() - STARTED  # results shown, index open
        out["search_ready_cpu_s"] = time.process_time()
        await app.workers.wait_for_complete()  # corpus checked for changes, pinyin tables loaded
        out["settled_s"] = time.perf_counter() - STARTED
        box = app.query_one("#query")
        box.focus()
        keys: list[float] = []
        keys_cpu: list[float] = []
        engine_ms: list[float] = []
        for text in QUERIES * 2:
            box.value = text[:-1]
            await pilot.pause(0.3)
            pressed, pressed_cpu = time.perf_counter(), time.process_time()
            await pilot.press(text[-1])
            while app.last_result is None or app.last_result.query != text:
                await asyncio.sleep(0.002)
            await pilot.pause(0)
            keys.append((time.perf_counter() - pressed) * 1000)
            keys_cpu.append((time.process_time() - pressed_cpu) * 1000)
            engine_ms.append(app.last_result.took_ms)
        out["key_p50_ms"] = statistics.median(keys)
        out["key_p95_ms"] = sorted(keys)[round(0.95 * (len(keys) - 1))]
        out["key_cpu_p50_ms"] = statistics.median(keys_cpu)  # UI, worker and engine together
        out["key_engine_p50_ms"] = statistics.median(engine_ms)  # of which the engine's search
        out["debounce_ms"] = 150
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    from bench.memory import resident

    out["resident_mb"] = resident()  # after the searches: private (anon) and mapped cache pages (file)
    return out


def main() -> None:
    """CLI entry."""
    global IMPORTED
    import tui.app  # noqa: F401  (what the first frame waits for)

    IMPORTED = time.perf_counter()
    print(json.dumps(asyncio.run(measure(sys.argv[1], sys.argv[2], "--first-frame" in sys.argv[3:]))))


if __name__ == "__main__":
    main()
