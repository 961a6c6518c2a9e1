"""The ``gxq-tui`` command line: the app without arguments, subcommands for scripts."""

from tui.cli.main import main

__all__ = ["main"]
