"""A one-word query is compiled without Whoosh's parser (whose modules cost a cold search
about 100 ms to import): the same term, pinyin expansion and errors as the parser gives."""

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search_index.errors import QueryError
from search_index.query import parser

WORD_CHARS = "具身智能高新区中关村aAzZ6g0９ＡｇⅡ²é_-*?:\"'()[]^~+ "


def _compiled(text: str, through_parser: bool, pinyin=None):
    """(the compiled query's parts, or the error's message)."""
    keep = parser.is_plain_word
    if through_parser:
        parser.is_plain_word = lambda _text: False
    try:
        out = parser.compile_query(text, {}, pinyin)
        return (out.match, out.terms, out.rank_terms, out.expansions)
    except QueryError as exc:
        return str(exc)
    finally:
        parser.is_plain_word = keep


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=WORD_CHARS, min_size=1, max_size=6))
def test_a_plain_word_compiles_as_the_parser_would(text):
    assert _compiled(text, False) == _compiled(text, True)


@pytest.mark.parametrize("text", ["具身智能", "6G", "ＡＩ", "and", "AND", "OR", "NOT", "TO", "zgc"])
def test_plain_words_and_operator_names(text):
    words = {"zgc": ["中关村"]}
    assert _compiled(text, False, words.get) == _compiled(text, True, words.get)


def test_a_one_word_query_imports_no_whoosh_query_code():
    code = (
        "import sys; from search_index.query.parser import compile_query; compile_query('具身智能'); "
        "assert not [m for m in sys.modules if m.startswith(('whoosh.q', 'whoosh.searching'))]; "
        "compile_query('具身智能 OR 高新区'); assert 'whoosh.qparser' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
