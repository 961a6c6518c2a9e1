"""The corpus change check, started before the engine is imported.

A command that answers from the index (every one but ``index``) checks the corpus beside its
work: a child process stats every recorded file while the command searches (see
``search_index.index.freshness``). At 74,000 files the stats take longer than the imports, so
the command line starts them first, from a glance at its arguments, and the engine takes the
running check up when it syncs. A glance that gets the corpus wrong only starts a check that
nobody takes up: the engine then starts its own."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

WITH_VALUE = ("--corpus", "--index-dir", "--field")  # the options before a command that take a value
NO_EARLY_CHECK = ("--no-check", "-h", "--help")


def command_corpus(argv: Sequence[str]) -> tuple[str, str | None] | None:
    """(corpus, index folder or None) of a command line whose command checks the corpus
    beside its work; None when none does (no command, ``index``, ``--no-check``, help) or
    no ``--corpus`` is given (the bundled corpus is too small to gain)."""
    options: dict[str, str] = {}
    command = None
    args = iter(argv)
    for arg in args:
        if arg == "--":
            break
        name, eq, value = arg.partition("=")
        if name in WITH_VALUE:
            value = value if eq else next(args, "")
            options[name] = value
        elif arg in NO_EARLY_CHECK:
            return None
        elif command is None and not arg.startswith("-"):
            command = arg
    if command in (None, "index") or not options.get("--corpus"):
        return None
    return options["--corpus"], options.get("--index-dir") or None


def start(argv: Sequence[str]) -> None:
    """Start the change check of the command line ``argv`` when it has one and its index exists."""
    found = command_corpus(argv)
    if found is None:
        return
    from search_index.index.folder import STATE_FILE, index_folder
    from search_index.index.freshness import start_early

    corpus, index_dir = Path(found[0]), found[1]
    try:
        state = index_folder(corpus, Path(index_dir) if index_dir else None) / STATE_FILE
        if state.is_file():
            start_early(corpus, state)
    except OSError:  # an unreadable corpus or cache: the command says so itself
        return


def main() -> int:
    """The ``gxq-tui`` command: start the change check, then import and run the command line."""
    start(sys.argv[1:])
    from tui.cli.main import main as run

    return run()
