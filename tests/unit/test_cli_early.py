"""Which command lines start the corpus change check before the engine is imported."""

import pytest

from tui.cli.early import command_corpus


@pytest.mark.parametrize(
    ("argv", "found"),
    [
        (["search", "具身智能", "--corpus", "news"], ("news", None)),
        (["--corpus", "news", "--index-dir", "/tmp/i", "search", "具身智能"], ("news", "/tmp/i")),
        (["--corpus=news", "facets", "--json", "--index-dir=/tmp/i"], ("news", "/tmp/i")),
        (["--field", "title=标题", "--corpus", "news", "show", "abc"], ("news", None)),
        (["--corpus", "news", "timeline", "--by", "month"], ("news", None)),
        (["--corpus", "news", "index"], None),  # a full sync lists the corpus itself
        (["--corpus", "news", "search", "x", "--no-check"], None),
        (["--corpus", "news", "search", "--help"], None),
        (["--corpus", "news"], None),  # the app
        (["search", "具身智能"], None),  # the bundled corpus
        (["search", "--", "--corpus", "x"], None),  # a query, not an option
        (["search", "x", "--corpus"], None),  # the value is missing: argparse says so
    ],
)
def test_the_corpus_of_a_command_that_checks_it(argv, found):
    assert command_corpus(argv) == found


def test_the_glance_knows_every_option_before_a_command_that_takes_a_value():
    """A value-taking option the glance did not know would make its value look like the command."""
    import argparse

    from tui.cli.early import WITH_VALUE
    from tui.cli.main import build_parser

    top_level = [a for a in build_parser()._actions if a.option_strings and not isinstance(a, argparse._HelpAction)]
    assert {o for a in top_level if a.nargs != 0 for o in a.option_strings} == set(WITH_VALUE)
