"""The ``gxq-tui`` command line: the app without arguments, subcommands for scripts."""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``gxq-tui``. From a real command line (``argv`` None), the corpus change
    check starts before the engine is imported (``tui.cli.early``)."""
    if argv is None:
        from tui.cli.early import start

        start(sys.argv[1:])
    from tui.cli.main import main as run

    return run(argv)
