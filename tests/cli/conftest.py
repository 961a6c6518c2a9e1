"""Fixtures of the command-line tests."""

from __future__ import annotations

import pytest

from tui.cli.main import main


@pytest.fixture(scope="module")
def seeds_cli(tmp_path_factory, seeds_dir):
    """``run(capsys, command, *args)``: the CLI on the seeds, with one index per test module
    (the commands these tests run only read it); returns (exit status, stdout, stderr)."""
    base = ["--corpus", str(seeds_dir), "--index-dir", str(tmp_path_factory.mktemp("idx")), "--quiet"]

    def run(capsys, *args):
        code = main([args[0], *base, *args[1:]])
        out, err = capsys.readouterr()
        return code, out, err

    return run
