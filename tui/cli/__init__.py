"""The ``gxq-tui`` command line: the app without arguments, subcommands for scripts.

The command starts in ``tui.cli.early.main`` (light: it starts the corpus change check
before anything heavy is imported) and runs ``tui.cli.main.main``."""
