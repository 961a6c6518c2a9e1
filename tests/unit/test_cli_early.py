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
    from tui.cli.parser import build_parser

    top_level = [a for a in build_parser()._actions if a.option_strings and not isinstance(a, argparse._HelpAction)]
    assert {o for a in top_level if a.nargs != 0 for o in a.option_strings} == set(WITH_VALUE)


# A fresh interpreter records what is imported when the command line forks its check.
FORK_FIRST = (
    "import os, sys; from tui.cli import early; imported = []; fork = os.fork\n"
    "def watched():\n"
    "    imported.append(sorted(m for m in sys.modules if m.split('.')[0] == 'search_index'))\n"
    "    return fork()\n"
    "os.fork = watched; early.start(['--corpus', sys.argv[1], 'search', '具身智能', '--index-dir', sys.argv[2]])\n"
    "from search_index.index import freshness; os.fork = fork\n"
    "print(imported, len(freshness._STARTED), freshness._STARTED.popitem()[1]())"
)


def test_the_check_is_forked_before_anything_is_imported(tmp_path):
    """The child finds the index itself: the command imports nothing before forking it, so the
    stats start as early as they can (and overlap every import of the command)."""
    import subprocess
    import sys

    from search_index.engine import Engine

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("高新区动态\n\n中关村加快布局具身智能新赛道。\n", encoding="utf-8")
    Engine(corpus, tmp_path / "index").sync()
    args = [sys.executable, "-c", FORK_FIRST, str(corpus), str(tmp_path / "index")]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout.split()
    assert out == ["[[]]", "1", "True"]  # nothing imported before the fork; the check started, and found no change
