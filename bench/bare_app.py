"""The floor under the app's first frame: a bare Textual app, timed as ``bench.app_latency``
times gxq-tui's (from interpreter start to the first refresh after mount, in a fresh process).

python -m bench.bare_app    # prints {"first_frame_s": …, "first_frame_cpu_s": …}

The bare app has a search box, a line of text and a footer, no CSS of its own and no work at
mount: what importing and starting Textual costs on this machine, before any of gxq-tui's
widgets, styles or modules. ``bench.run`` prints it beside the app's first frame.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402


async def measure() -> dict:
    """Seconds (wall and CPU) from interpreter start to the bare app's first frame."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Input, Static

    marks: dict[str, float] = {}

    class Bare(App):
        BINDINGS = [("q", "quit", "Quit")]

        def compose(self) -> ComposeResult:
            yield Input(placeholder="search")
            yield Static("results")
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(self._first_frame)

        def _first_frame(self) -> None:
            marks.setdefault("wall", time.perf_counter())
            marks.setdefault("cpu", time.process_time())

    async with Bare().run_test(size=(120, 40)):
        while "wall" not in marks:
            await asyncio.sleep(0.001)
    return {"first_frame_s": marks["wall"] - STARTED, "first_frame_cpu_s": marks["cpu"]}


def main() -> None:
    """CLI entry."""
    print(json.dumps(asyncio.run(measure())))


if __name__ == "__main__":
    main()
