"""The command line is parsed by the parser of the command it names (the other commands take
no arguments there): the same answers, help and errors as the whole parser's."""

from __future__ import annotations

import pytest

from tui.cli.main import parse_args
from tui.cli.parser import build_parser

COMMAND_LINES = [
    ["--corpus", "news", "--index-dir", "/tmp/i", "index", "--rebuild"],
    ["search", "具身智能", "--json", "--quiet", "--corpus", "news", "--park", "中关村", "--not-track", "6G"],
    ["--corpus=news", "--no-check", "search", "国家 高新区", "--limit", "3", "--sort", "newest", "--since", "2024"],
    ["search", "--format", "csv", "--offset", "10", "--", "-x"],
    ["facets", "低空经济", "--province", "江苏省", "--until", "2025-03"],
    ["--quiet", "articles", "--json"],
    ["entities", "--type", "track"],
    ["show", "bda0bc5f", "--query", "具身智能", "--original"],
    ["kwic", "量子", "--width", "12", "--sort", "left", "--limit", "5", "--format", "md"],
    ["matrix", "--top", "4", "--in-province", "江苏省", "--weak"],
    ["saved", "add", "mine", "具身智能", "--track", "人工智能"],
    ["timeline", "低空经济", "--by", "month", "--split-by", "track", "--top", "3"],
    ["--field", "title=标题", "--corpus", "news", "search"],
    [
        "--corp",
        "index",
        "search",
        "具身智能",
    ],  # an abbreviated option: the first reading takes its value for the command
    [],  # the app
]


@pytest.mark.parametrize("argv", COMMAND_LINES, ids=lambda argv: " ".join(argv) or "app")
def test_a_command_line_parses_as_the_whole_parser_parses_it(argv):
    assert parse_args(argv) == build_parser().parse_args(argv)


def test_the_parser_of_one_command_takes_no_other_commands_arguments():
    args, left = build_parser(only="search").parse_known_args(["kwic", "量子", "--width", "12"])
    assert args.command == "kwic" and left == ["量子", "--width", "12"]
    assert parse_args(["kwic", "量子", "--width", "12"]).width == 12


@pytest.mark.parametrize(
    "argv",
    [["search", "--help"], ["kwic", "-h"], ["search", "x", "--limit", "many"], ["search", "x", "--bogus"], ["serch"]],
)
def test_help_and_errors_are_the_whole_parsers(argv, capsys):
    with pytest.raises(SystemExit) as whole:
        build_parser().parse_args(argv)
    expected = capsys.readouterr()
    with pytest.raises(SystemExit) as one:
        parse_args(argv)
    assert one.value.code == whole.value.code and capsys.readouterr() == expected
