"""The corpus change check, started before anything is imported.

A command that answers from the index (every one but ``index``) checks the corpus beside its
work: a child process stats every recorded file while the command searches (see
``search_index.index.freshness``). At 74,000 files the stats take longer than the imports, so
the command line forks that child first, from a glance at its arguments, with nothing but
``os`` and ``sys`` imported: the child finds the index and does the check, the command
imports the engine meanwhile, and the engine takes the running check up when it syncs. A
glance that gets the corpus wrong only starts a check that nobody takes up: the engine then
starts its own."""

from __future__ import annotations

import os
import sys

WITH_VALUE = ("--corpus", "--index-dir", "--field")  # the options before a command that take a value
NO_EARLY_CHECK = ("--no-check", "-h", "--help")


def glance(argv: list[str]) -> tuple[str | None, dict[str, str], bool]:
    """A first reading of a command line: its command (the first word that is neither an
    option nor the value of one), the value-taking options' values, and whether an option
    rules an early check out (``--no-check``, help)."""
    options: dict[str, str] = {}
    command = None
    no_check = False
    args = iter(argv)
    for arg in args:
        if arg == "--":
            break
        name, eq, value = arg.partition("=")
        if name in WITH_VALUE:
            options[name] = value if eq else next(args, "")
        elif arg in NO_EARLY_CHECK:
            no_check = True
        elif command is None and not arg.startswith("-"):
            command = arg
    return command, options, no_check


def command_corpus(argv: list[str]) -> tuple[str, str | None] | None:
    """(corpus, index folder or None) of a command line whose command checks the corpus
    beside its work; None when none does (no command, ``index``, ``--no-check``, help) or
    no ``--corpus`` is given (the bundled corpus is too small to gain)."""
    command, options, no_check = glance(argv)
    if no_check or command in (None, "index") or not options.get("--corpus"):
        return None
    return options["--corpus"], options.get("--index-dir") or None


def start(argv: list[str]) -> None:
    """Fork the change check of the command line ``argv`` when it has one. The child imports
    what the check needs itself, so the fork comes before any import of this process."""
    found = command_corpus(argv)
    if found is None or not hasattr(os, "fork"):
        return
    try:
        pid = os.fork()
    except OSError:  # no check started: the engine starts its own
        return
    if pid == 0:  # the child: check, answer with the exit status, never return into the command
        status = 2
        try:
            from search_index.index.freshness import early_status

            status = early_status(*found)
        finally:
            os._exit(status)
    from search_index.index.freshness import adopt_early

    adopt_early(*found, pid)


def main() -> int:
    """The ``gxq-tui`` command: start the change check, then import and run the command line."""
    start(sys.argv[1:])
    from tui.cli.main import main as run

    return run(exit_when_done=True)
