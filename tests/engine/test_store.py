"""The index lives outside the corpus, updates incrementally and rebuilds itself when needed."""

from search_index import Engine
from search_index.index.folder import index_folder
from tests.harness import tree_fingerprint

PAGE = "国家高新区加快布局量子科技\n\n► 本报记者 王静\n\n合肥高新区在量子科技领域持续发力，已集聚企业60家。\n"


def test_index_is_in_the_cache_not_the_corpus_and_corpus_is_untouched(corpus_copy, tmp_path):
    before = tree_fingerprint(corpus_copy)
    eng = Engine(corpus_copy, tmp_path / "cache")
    eng.sync()
    eng.search("具身智能")
    eng.show(eng.articles()[0].id)
    assert tree_fingerprint(corpus_copy) == before
    assert eng.store.folder.is_relative_to(tmp_path / "cache")


def test_xdg_cache_home_is_honoured(monkeypatch, tmp_path, seeds_dir):
    monkeypatch.delenv("GXQ_INDEX_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert index_folder(seeds_dir).is_relative_to(tmp_path / "xdg" / "gxq-tui")
    monkeypatch.setenv("GXQ_INDEX_DIR", str(tmp_path / "env"))
    assert index_folder(seeds_dir).is_relative_to(tmp_path / "env")


def test_incremental_add_change_remove(corpus_copy, tmp_path):
    eng = Engine(corpus_copy, tmp_path / "cache")
    first = eng.sync()
    assert first.rebuilt and eng.article_count == 11
    ids_before = {a.id for a in eng.articles()}

    again = eng.sync()
    assert not again.rebuilt and again.read == 0 and {a.id for a in eng.articles()} == ids_before

    (corpus_copy / "new.txt").write_text(PAGE, encoding="gb18030")
    added = eng.sync()
    assert (added.rebuilt, added.read, eng.article_count) == (False, 1, 12)
    assert eng.search("合肥高新区").total == 1
    assert eng.facets().of("parks")["合肥高新区"] == 1

    (corpus_copy / "new.txt").write_text(PAGE.replace("60家", "80家"), encoding="utf-8")
    changed = eng.sync()
    assert changed.read == 1 and eng.search("80家").total == 1 and eng.search("60家").total == 0

    (corpus_copy / "004_b526d2be088a6de4.txt").unlink()
    removed = eng.sync()
    assert removed.removed == 1 and eng.article_count == 8
    assert eng.search("产业智能体").total == 0
    kept = {a.id for a in eng.articles() if not a.source.startswith(("004", "new"))}
    assert kept <= ids_before


def test_skipped_files_warn_once_and_index_goes_on(corpus_copy, tmp_path):
    (corpus_copy / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (corpus_copy / "empty.md").write_bytes(b"")
    warnings = []
    report = Engine(corpus_copy, tmp_path / "c").sync(warn=warnings.append)
    assert sorted(s.rel for s in report.skipped) == ["binary.txt", "empty.md"]
    assert any("binary.txt" in w and "binary" in w for w in warnings)
    assert report.articles == 11


def test_rebuild_flag_forces_a_full_build(tmp_path, seeds_dir):
    eng = Engine(seeds_dir, tmp_path)
    eng.sync()
    assert eng.sync(rebuild=True).rebuilt


def test_empty_corpus_gives_an_empty_index(tmp_path):
    (tmp_path / "empty").mkdir()
    eng = Engine(tmp_path / "empty", tmp_path / "cache")
    report = eng.sync()
    assert eng.article_count == 0 and report.files == 0
    assert eng.search("具身").total == 0
