"""The installed gxq-tui in a real terminal: type a query and read the screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid

import pytest


def _screen(session: str) -> str:
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout


def _wait_for(session: str, needle: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _screen(session)
        if needle in screen:
            return screen
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} never appeared; last screen:\n{screen}")


@pytest.mark.skipif(not shutil.which("tmux") or not shutil.which("gxq-tui"), reason="needs tmux and gxq-tui")
def test_installed_app_in_tmux(tmp_path, seeds_dir):
    session = f"gxq-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "GXQ_INDEX_DIR": str(tmp_path / "idx"), "TERM": "xterm-256color"}
    cmd = f"gxq-tui --corpus {seeds_dir}"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", cmd], check=True, env=env)
    try:
        _wait_for(session, "11 of 11 articles", timeout=60)
        subprocess.run(["tmux", "send-keys", "-t", session, "低空经济"], check=True)
        screen = _wait_for(session, "of 11 articles", timeout=20)
        screen = _wait_for(session, "2 of 11 articles", timeout=20)
        assert "国家高新区新赛道“燃”起来了" in screen
        subprocess.run(["tmux", "send-keys", "-t", session, "Enter"], check=True)
        _wait_for(session, "Open", timeout=10)
        subprocess.run(["tmux", "send-keys", "-t", session, "Enter"], check=True)
        screen = _wait_for(session, "hit 1/", timeout=20)
        subprocess.run(["tmux", "send-keys", "-t", session, "Escape", "Escape"], check=True)
        time.sleep(0.5)
        subprocess.run(["tmux", "send-keys", "-t", session, "Escape", "q"], check=True)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
