"""jieba analysis with the gazetteer, token-index positions, and Whoosh on top of it."""

import subprocess
import sys

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from whoosh.fields import STORED, TEXT, Schema

from search_index.index.tokenizer import JiebaText, JiebaTokenizer


def tokens(text):
    return [(t.text, t.pos, t.startchar, t.endchar) for t in JiebaTokenizer()(text, positions=True, chars=True)]


def test_gazetteer_names_stay_whole_with_sub_words_at_the_same_position():
    toks = tokens("武汉东湖高新区和湖南湘江新区发展人工智能大模型")
    words = {t[0]: t for t in toks}
    for name in ("武汉东湖高新区", "湖南湘江新区", "人工智能大模型"):
        assert name in words
    assert words["东湖"][1] == words["武汉东湖高新区"][1]
    assert words["大模型"][1] == words["人工智能大模型"][1]
    positions = sorted({t[1] for t in toks})
    assert positions == list(range(len(positions)))  # token indexes, not character offsets


def test_character_offsets_point_at_the_word_in_the_original_text():
    text = "在 南京高新区 ，６Ｇ 技术"
    for word, _pos, start, end in tokens(text):
        assert text[start:end].replace(" ", "").lower().replace("６ｇ", "6g") in (word, word.upper())


def test_jieba_tokenizer_pickles_for_the_index_toc():
    import pickle

    assert pickle.loads(pickle.dumps(JiebaTokenizer())) == JiebaTokenizer()


def test_whoosh_imports_cleanly_with_warnings_as_errors():
    code = "import whoosh.index, whoosh.qparser, whoosh.highlight, search_index.engine"
    subprocess.run([sys.executable, "-W", "error", "-c", code], check=True)


def test_engine_never_imports_textual():
    code = "import sys, tui.cli.main, search_index.engine; assert 'textual' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_app_module_draws_before_the_engine_is_imported():
    """The first frame must not wait for Whoosh, jieba or the engine: they load in the index
    worker. Importing the app (and the package's public names lazily) pulls in none of them."""
    code = (
        "import sys, tui.app, search_index; "
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('whoosh', 'rjieba', 'jieba') "
        "or m in ('search_index.engine', 'search_index.index.store', 'search_index.index.schema')); "
        "assert not heavy, heavy; "
        "from search_index import Engine, QueryError; "
        "assert 'search_index.engine' in sys.modules and QueryError.__module__ == 'search_index.errors'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_jieba_text_field_indexes_what_the_tokenizer_would(seeds_dir):
    """JiebaText counts terms without Token objects; its postings must equal a plain TEXT field
    running JiebaTokenizer through Whoosh's frequency format, on every seed page."""
    fast, plain = JiebaText(), TEXT(analyzer=JiebaTokenizer(), phrase=False)
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        postings = sorted(fast.index(text))
        assert postings == sorted(plain.index(text))
        assert len(postings) > 100


def test_jieba_text_schema_pickles_and_indexes(tmp_path):
    from whoosh import index

    ix = index.create_in(str(tmp_path), Schema(body=JiebaText(), raw=STORED()))
    with ix.writer() as w:
        w.add_document(body="国家高新区发展低空经济", raw=1)
    with index.open_dir(str(tmp_path)).searcher() as s:
        words = {w.decode() if isinstance(w, bytes) else w for w in s.lexicon("body")}
        assert {"高新区", "低空经济", "经济"} <= words
        assert s.doc_field_length(0, "body") > 0


SENTENCES = [
    "高新区发布AI芯片。",
    "张江科学城建设加速！",
    "6G通信与脑机接口?",
    "它说：E-Cabin v2.5 上线;",
    "产业",
    " 3%。",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), max_size=8), st.text(alphabet="高新区a-.6 。!?;", max_size=12))
def test_tagging_sentence_by_sentence_gives_the_tags_of_the_whole_text(parts, tail):
    """Tags are remembered per sentence (news repeats sentences); the words and tags of a text
    must be those jieba-rs gives for the whole text, whatever its sentences and marks."""
    from search_index.analysis import pos
    from search_index.analysis.segment import RustJieba, segmenter

    seg = segmenter()
    assume(isinstance(seg, RustJieba))
    text = "".join(parts) + tail
    assert pos.tag(text).pairs == seg._jieba.tag(text, True)
    assert pos.tag(text).pairs == seg._jieba.tag(text, True)  # again, from what was remembered
