"""The vocabulary kept beside the index (each word's files, the terms the pinyin lexicon
reads): what a build counts, how updates follow it file by file, and reading it back when it
is missing."""

import json

from search_index.engine import Engine
from search_index.index import vocabulary as V


def _synced(tmp_path, **files: str) -> Engine:
    """An engine over a corpus of these files (name without ``.txt`` → text), built."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    engine = Engine(corpus, tmp_path / "index")
    engine.sync()
    return engine


def test_the_index_keeps_only_the_vocabulary_the_pinyin_lexicon_reads(tmp_path):
    engine = _synced(tmp_path, a="东湖高新区发布AI芯片\n\n光谷研发6G通信与脑机接口，增长3%。\n")
    reader = engine.reader()
    assert set(reader.indexed_field_names()) == {"id", "source"}  # no postings of words per article
    saved = V.load(engine.store.whoosh_dir, engine.describe().tag)
    assert saved is not None
    words = set(saved.terms())
    assert {"高新区", "脑机接口", "芯片", "通信"} <= words  # title and body words, sub-words too
    assert all(len(w) > 1 and all("\u4e00" <= c <= "\u9fff" for c in w) for w in words)  # no ai, 6g, 3, 光
    assert engine.search("naoji jiekou").expansions  # pinyin still spells the corpus's words


def test_the_vocabulary_follows_updates_file_by_file(tmp_path):
    """A word stays while any file uses it and leaves with the last one; an edited file's
    old words go, its new ones come; counts equal those read back from the stored articles."""
    a, b = "苏州工业园区发展纳米技术\n\n园区企业研发芯片。\n", "深圳发展芯片产业\n\n低空经济企业增长。\n"
    engine = _synced(tmp_path, a=a, b=b)
    corpus = tmp_path / "corpus"

    def saved() -> V.Vocabulary:
        counts = V.load(engine.store.whoosh_dir, engine.describe().tag)
        assert counts is not None  # kept for the index state the engine reads
        assert counts == V.rebuilt(engine.reader())
        return counts

    assert saved().files["芯片"] == 2 and "纳米" in saved().terms()
    (corpus / "a.txt").write_text("苏州工业园区发展生物医药\n\n园区企业研发新药。\n", encoding="utf-8")
    engine.sync()
    assert saved().files["芯片"] == 1 and "纳米" not in saved().terms() and "医药" in saved().terms()
    (corpus / "b.txt").unlink()
    engine.sync()
    assert "芯片" not in saved().files and not {"芯片", "低空"} & set(saved().terms())
    assert engine.search("xinyao").expansions and not engine.search("nami").expansions  # 新药 in, 纳米 gone


def test_a_missing_vocabulary_is_read_back_from_the_stored_articles(tmp_path):
    engine = _synced(tmp_path, a="东湖高新区发展脑机接口\n\n光谷企业研发芯片。\n")
    corpus = tmp_path / "corpus"
    V.discard(engine.store.whoosh_dir)
    (corpus / "b.txt").write_text("深圳发展低空经济\n\n企业增长。\n", encoding="utf-8")
    engine.sync()  # an update without saved counts leaves them to be read back
    assert V.load(engine.store.whoosh_dir, engine.describe().tag) is None
    assert engine.search("dkjj").expansions and engine.search("naoji jiekou").expansions
    assert V.load(engine.store.whoosh_dir, engine.describe().tag) == V.rebuilt(engine.reader())


def test_the_vocabulary_taken_from_the_tagged_words_equals_a_fresh_cut(tmp_path, seeds_dir):
    """The build takes an article's words from the entity tagger's cut of its search key
    instead of cutting the text again: the words must be those a fresh cut of the heading
    (kicker, title, subtitle) and text gives, for every layout of the generated news and
    the seed pages."""
    from bench.gen_news import generate
    from search_index.index.pipeline import prepare
    from search_index.index.schema import WORDS, title_line
    from search_index.ingest.reading import discover

    generate(tmp_path, 120, seed=5)
    kickers = 0
    for corpus in (tmp_path, seeds_dir):
        for info in discover(corpus)[0]:
            _src, docs = prepare(info)
            for doc in docs:
                meta = json.loads(doc["meta"])
                heading = title_line(meta["kicker"], meta["title"], meta["subtitle"])
                kickers += heading != meta["title"]
                assert doc[WORDS] == V.article_words(heading, doc["text"]), doc["source"]
    assert kickers  # the heading that is not the title alone is checked too


def test_the_vocabulary_of_pages_of_many_articles_counts_each_file_once(tmp_path, monkeypatch):
    """A page's words are the union of its articles' (counted once a file): the saved counts
    equal those read back from the stored articles, file by file."""
    from bench.gen_corpus import generate

    monkeypatch.setenv("GXQ_INDEX_PROCS", "1")
    generate(tmp_path / "pages", articles=60, seed=11)
    engine = Engine(tmp_path / "pages", tmp_path / "index")
    report = engine.sync(rebuild=True)
    assert report.articles > 2 * report.read  # pages of several articles each
    saved = V.load(engine.store.whoosh_dir, engine.describe().tag)
    assert saved is not None and saved == V.rebuilt(engine.reader())
    assert max(saved.files.values()) <= report.read
