"""Warming freezes the objects alive after opening (no full collection scans them in a
query), and rows replaced by an update can still be collected."""

import gc
import weakref

from search_index.engine import Engine


def test_rows_replaced_after_warming_are_collected(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("具身智能新进展\n\n中关村企业发布具身智能机器人。\n", encoding="utf-8")
    engine = Engine(corpus, tmp_path / "index")
    engine.sync()
    engine.warm()
    assert gc.get_freeze_count() > 0
    old = weakref.ref(engine.rows)  # the rows the first sync loaded
    (corpus / "b.txt").write_text("脑机接口前沿\n\n光谷企业研发脑机接口。\n", encoding="utf-8")
    engine.sync()
    assert engine.search("脑机接口").total == 1
    gc.collect()
    assert old() is None
    gc.unfreeze()


def test_after_warming_a_first_phrase_or_field_query_builds_nothing(tmp_path, monkeypatch):
    """Warming makes the query parser (its imports: 0.1 s) and the alias table (a pass over
    every row's aliases), so the first query with a phrase or a ``park:`` term pays neither."""
    from search_index.index.memo import Memo
    from search_index.query import parser

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("中关村具身智能\n\n中关村科技园区企业发布具身智能机器人。\n", encoding="utf-8")
    monkeypatch.setattr(parser, "_PARSER", None)
    engine = Engine(corpus, tmp_path / "index")
    engine.sync()
    engine.warm()

    def built_again(*_args):
        raise AssertionError("built in a query, not when warming")

    monkeypatch.setattr(parser, "_parser", built_again)
    monkeypatch.setattr(Memo, "alias_table", built_again)
    assert engine.search('"具身 智能"').total == 1
    assert engine.search("park:中关村").total == 1
