"""The command line's argument parser: the options every command takes, the filters, and
each command's own arguments (``build_parser``)."""

from __future__ import annotations

import argparse
from typing import Any

from search_index.engine import RESULT_SORTS
from search_index.facets import ENTITY_TYPES, FACETS
from tui.cli import research
from tui.cli.timeline import add_timeline_parser

FACET_OPTIONS = tuple((f.option, f.name) for f in FACETS if f.option)  # (--option, facet)


def _common(in_command: bool) -> argparse.ArgumentParser:
    """The options every command takes. A command's copies have no defaults of their own,
    so ``gxq-tui --corpus DIR index`` keeps the DIR given before the command."""
    p = argparse.ArgumentParser(add_help=False)
    if in_command:
        p.argument_default = argparse.SUPPRESS
    p.add_argument("--corpus", metavar="DIR", help="corpus folder (default: the bundled seeds/)")
    p.add_argument("--index-dir", metavar="DIR", help="where indexes live (default: per-user cache; env GXQ_INDEX_DIR)")
    p.add_argument(
        "--field",
        action="append",
        metavar="KEY=NAME",
        help="read export field NAME as KEY (title, text, date, source, url, author, column); repeatable; "
        "also fields.toml in the config dir (env GXQ_CONFIG_DIR)",
    )
    p.add_argument("--json", action="store_true", help="print JSON for machines")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress or summary on stderr")
    p.add_argument(
        "--no-check",
        action="store_true",
        help="answer from the index as last built, without checking the corpus for changes (scripts)",
    )
    p.add_argument("--follow-links", action="store_true", help="follow links that lead out of the corpus folder")
    return p


def _filters(p: argparse.ArgumentParser) -> None:
    for opt, _ in FACET_OPTIONS:
        flag, what = opt.replace("_", "-"), opt.replace("_", " ")
        p.add_argument(
            f"--{flag}", dest=opt, action="append", default=[], metavar="V", help=f"only {what} V (repeat: OR)"
        )
        p.add_argument(
            f"--not-{flag}", dest=f"not_{opt}", action="append", default=[], metavar="V", help=f"exclude {what} V"
        )
    p.add_argument("--since", metavar="DATE", help="only articles dated on or after DATE (2024, 2024-03, 2024-03-01)")
    p.add_argument("--until", metavar="DATE", help="only articles dated on or before DATE (a whole 2024-03 ends 03-31)")


class _Commands:
    """The subcommands as ``build_parser(only=...)`` registers them: the command ``only``
    (every one when None) with its arguments, the others listed with their help but taking
    none. Building every command's options (about 250) costs argparse some 20 ms, a fifth of
    a cold search's imports, and a command line runs one command."""

    def __init__(self, sub, only: str | None) -> None:
        self.sub, self.only = sub, only

    def add_parser(self, name: str, parents: list[argparse.ArgumentParser], help: str) -> Any:
        if self.only is None or name == self.only:
            return self.sub.add_parser(name, parents=parents, help=help)
        self.sub.add_parser(name, add_help=False, help=help)
        return _NoArguments()


class _NoArguments:
    """Stands for the parser of a command that is not being run: its arguments are not added."""

    def add_argument(self, *args: Any, **kwargs: Any) -> None:
        """Nothing."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and help); with ``only``, the parser of that
    command (every command is listed, only that one takes its arguments)."""
    common = _common(in_command=True)
    parser = argparse.ArgumentParser(
        prog="gxq-tui",
        description="Search Chinese news about national high-tech zones and new industry tracks.",
        parents=[_common(in_command=False)],
    )
    sub = _Commands(parser.add_subparsers(dest="command", metavar="COMMAND"), only)
    p = sub.add_parser("index", parents=[common], help="build or update the index")
    p.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    p = sub.add_parser("search", parents=[common], help="search articles")
    p.add_argument("query", nargs="?", default="", help='e.g. 具身智能, "国家 高新区", park:中关村 6G')
    _filters(p)
    p.add_argument("--limit", type=int, default=10, help="results to show (default 10)")
    p.add_argument("--offset", type=int, default=0, help="skip the first N results")
    p.add_argument("--sort", choices=RESULT_SORTS, default="score", help="score (default), newest or oldest first")
    research.add_format(p)
    p = sub.add_parser("facets", parents=[common], help="facet counts for a query")
    p.add_argument("query", nargs="?", default="")
    _filters(p)
    sub.add_parser("articles", parents=[common], help="list every article (metadata, no text)")
    p = sub.add_parser("entities", parents=[common], help="entity values with article counts and aliases seen")
    p.add_argument("--type", choices=sorted(ENTITY_TYPES), help="only this type")
    p = sub.add_parser("show", parents=[common], help="one article with its text and hits")
    p.add_argument("id", help="article id (or a unique prefix of at least 4 characters)")
    p.add_argument("--query", default="", help="highlight the hits of this query")
    p.add_argument("--original", action="store_true", help="print the original source lines")
    research.add_parsers(sub, common, _filters)
    add_timeline_parser(sub, common, _filters)
    return parser
