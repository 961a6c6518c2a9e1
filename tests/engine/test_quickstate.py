"""The state file's binary twin and the inputs stamp: they make a cold command cheaper and
never let it trust an index that a full check would rebuild or update."""

import json
import os

import pytest

from search_index.engine import Engine
from search_index.index import quickstate
from search_index.index.state import load_state, save_state
from tests.harness import edit_state

PAGE = "高新区动态\n\n中关村加快布局具身智能新赛道。\n"


@pytest.fixture
def engine(tmp_path, monkeypatch):
    monkeypatch.setenv("GXQ_CONFIG_DIR", str(tmp_path / "config"))
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text(PAGE, encoding="utf-8")
    (root / "b.txt").write_text(PAGE.replace("中关村", "张江"), encoding="utf-8")
    engine = Engine(root, tmp_path / "index")
    engine.sync()
    return engine


def _twin(engine):
    return engine.store.state_path.with_name(quickstate.TWIN)


def test_a_sync_writes_a_twin_equal_to_the_json_state(engine):
    path = engine.store.state_path
    assert _twin(engine).is_file()
    assert quickstate.load_twin(path) == json.loads(path.read_text(encoding="utf-8"))
    head = quickstate.load_twin(path, head_only=True)
    assert head["file_count"] == 2 and head["article_count"] == 2 and "files" not in head


def test_a_twin_that_no_longer_copies_the_json_state_is_ignored(engine):
    path = engine.store.state_path
    edit_state(engine, build="another build")  # JSON rewritten by hand: size and mtime differ
    assert quickstate.load_twin(path) is None
    assert load_state(path)["build"] == "another build"


def test_a_damaged_twin_is_ignored(engine):
    twin = _twin(engine)
    raw = bytearray(twin.read_bytes())
    raw[-3] ^= 0xFF
    twin.write_bytes(bytes(raw))
    assert quickstate.load_twin(engine.store.state_path) is None
    assert load_state(engine.store.state_path)["files"].keys() == {"a.txt", "b.txt"}


def test_a_state_without_twin_gets_one_when_read(tmp_path):
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"format": "x", "files": {"a.txt": {"size": 1, "mtime_ns": 2, "articles": 3}}}))
    assert quickstate.load_twin(path) is None
    assert load_state(path)["files"]["a.txt"]["articles"] == 3
    assert quickstate.load_twin(path, head_only=True)["article_count"] == 3


def test_saving_a_state_replaces_its_twin(tmp_path):
    path = tmp_path / "state.json"
    save_state(path, {"files": {}, "build": "one"})
    save_state(path, {"files": {}, "build": "two"})
    assert quickstate.load_twin(path)["build"] == "two"


def test_no_check_answers_from_the_twin_head(engine):
    report = Engine(engine.corpus, engine.store.folder.parent).sync(check="none")
    assert (report.files, report.articles, report.rebuilt, report.read) == (2, 2, False, 0)


def test_an_edited_header_is_noticed_although_the_inputs_are_the_same(engine):
    assert engine.store.load_state()["inputs"]
    edit_state(engine, format="s1-a1")  # keeps the recorded inputs stamp
    report = Engine(engine.corpus, engine.store.folder.parent).sync(check="none")
    assert report.rebuilt and report.reason == "index format changed"


def test_a_changed_field_mapping_is_noticed_by_a_no_check_search(engine, monkeypatch):
    monkeypatch.setenv("GXQ_FIELDS", "title=headline")
    report = Engine(engine.corpus, engine.store.folder.parent).sync(check="none")
    assert report.rebuilt and report.reason == "field mapping changed"


def test_a_new_user_dictionary_is_noticed_by_a_quick_check(engine, tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    (config / "dictionary.tsv").write_text("type\tname\ntrack\t量子传感\n", encoding="utf-8")
    report = Engine(engine.corpus, engine.store.folder.parent).sync(check="quick")
    assert report.rebuilt and report.reason == "gazetteer changed"


def test_the_stamp_changes_with_its_inputs(tmp_path, monkeypatch):
    monkeypatch.setenv("GXQ_CONFIG_DIR", str(tmp_path))
    header = {"format": "f", "gazetteer": "g", "segmenter": "s", "corpus": "c", "fields": ""}
    first = quickstate.stamp(quickstate.inputs(tmp_path), header)
    assert first == quickstate.stamp(quickstate.inputs(tmp_path), header)
    assert first != quickstate.stamp(quickstate.inputs(tmp_path), {**header, "gazetteer": "h"})
    (tmp_path / "fields.toml").write_text('title = "headline"\n', encoding="utf-8")
    assert first != quickstate.stamp(quickstate.inputs(tmp_path), header)
    os.remove(tmp_path / "fields.toml")
    monkeypatch.setenv("GXQ_SEGMENTER", "jieba")
    assert first != quickstate.stamp(quickstate.inputs(tmp_path), header)


def _upgraded(monkeypatch) -> list[int]:
    """Make the inputs differ from those the index recorded (a new release of the code, the
    same index format) and count how often the header is computed."""
    from search_index.index import store

    real_inputs, real_wanted = store.inputs, store.IndexStore.wanted_header
    computed = [0]

    def wanted(self):
        computed[0] += 1
        return real_wanted(self)

    monkeypatch.setattr(store, "inputs", lambda corpus: [*real_inputs(corpus), ("release", 2)])
    monkeypatch.setattr(store.IndexStore, "wanted_header", wanted)
    return computed


def test_an_upgrade_that_keeps_the_format_computes_the_header_once(engine, monkeypatch):
    computed = _upgraded(monkeypatch)
    base = engine.store.folder.parent
    for check in ("quick", "deferred", "none"):
        report = Engine(engine.corpus, base).sync(check=check)
        if report.pending is not None:
            assert report.current()
        assert not report.rebuilt and report.articles == 2
    assert computed[0] == 1  # the first run found the header equal and remembered it
    assert engine.store.state_path.with_name(quickstate.CHECKED).is_file()


def test_what_an_upgrade_remembered_is_void_once_the_state_is_rewritten(engine, monkeypatch):
    computed = _upgraded(monkeypatch)
    base = engine.store.folder.parent
    Engine(engine.corpus, base).sync(check="none")
    edit_state(engine, build="another build")  # rewritten, same header: checked again, then remembered
    Engine(engine.corpus, base).sync(check="none")
    Engine(engine.corpus, base).sync(check="none")
    assert computed[0] == 2
    edit_state(engine, format="s1-a1")
    report = Engine(engine.corpus, base).sync(check="none")
    assert report.rebuilt and report.reason == "index format changed"
