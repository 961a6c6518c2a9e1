"""jieba analysis with the gazetteer, token-index positions, and Whoosh on top of it."""

import subprocess
import sys

from whoosh import highlight
from whoosh import query as wq
from whoosh.fields import STORED, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from search_index.analysis import JiebaTokenizer


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


def _index(docs):
    schema = Schema(body=TEXT(analyzer=JiebaTokenizer(), phrase=True, chars=True, stored=True), n=STORED())
    ix = RamStorage().create_index(schema)
    with ix.writer() as w:
        for n, body in enumerate(docs):
            w.add_document(body=body, n=n)
    return ix


def test_phrase_queries_work_on_the_jieba_field():
    ix = _index(["国家高新区培育新赛道", "国家级的高新区", "高新区属于国家"])
    with ix.searcher() as s:
        hits = [h["n"] for h in s.search(wq.Phrase("body", ["国家", "高新区"]))]
    assert hits == [0]


def test_whoosh_highlights_the_right_characters():
    ix = _index(["近日，武汉东湖高新区发布新赛道培育计划。"])
    with ix.searcher() as s:
        results = s.search(wq.Term("body", "东湖"))
        results.formatter = highlight.UppercaseFormatter()
        results.fragmenter = highlight.WholeFragmenter()
        marked = results[0].highlights("body")
    assert "武汉东湖高新区" in marked and marked.count("东湖") == 1


def test_jieba_tokenizer_pickles_for_the_index_toc():
    import pickle

    assert pickle.loads(pickle.dumps(JiebaTokenizer())) == JiebaTokenizer()


def test_whoosh_imports_cleanly_with_warnings_as_errors():
    code = "import whoosh.index, whoosh.qparser, whoosh.highlight, search_index.engine"
    subprocess.run([sys.executable, "-W", "error", "-c", code], check=True)


def test_engine_never_imports_textual():
    code = "import sys, search_index.cli, search_index.engine; assert 'textual' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
