"""Shared fixtures: the real seed corpus and real Whoosh indexes in temporary folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.gen_news import generate as generate_news
from search_index import Engine
from search_index.index.pipeline import PARALLEL_MIN_BYTES
from search_index.ingest.articles import split_page
from tests.dated_corpus import write_corpus
from tests.harness import NEWS_FILES

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The bundled corpus (read-only)."""
    return SEEDS


@pytest.fixture(scope="session")
def seed_articles() -> dict[str, list]:
    """Articles of every seed page, keyed by file name."""
    return {p.name: split_page(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def engine(tmp_path_factory, seeds_dir) -> Engine:
    """An engine over the seeds with its index in a temporary folder."""
    eng = Engine(seeds_dir, tmp_path_factory.mktemp("index"))
    eng.sync()
    return eng


@pytest.fixture(scope="session")
def index_base(engine) -> Path:
    """The index base folder holding the seeds' index (built once, shared read-only)."""
    return engine.store.folder.parent


@pytest.fixture(scope="session")
def dated_dirs(tmp_path_factory) -> tuple[Path, Path]:
    """The dated corpus (tests/dated_corpus.py) and the index base holding its index (built
    once, shared read-only)."""
    root = tmp_path_factory.mktemp("dated")
    corpus = write_corpus(root / "corpus")
    Engine(corpus, root / "index").sync()
    return corpus, root / "index"


@pytest.fixture(scope="session")
def news_corpus(tmp_path_factory) -> Path:
    """Generated one-article news files, enough bytes for indexing to start worker processes."""
    corpus = tmp_path_factory.mktemp("news")
    generate_news(corpus, NEWS_FILES, seed=9)
    assert sum(p.stat().st_size for p in corpus.rglob("*.txt")) > PARALLEL_MIN_BYTES
    return corpus


@pytest.fixture
def corpus_copy(tmp_path, seeds_dir) -> Path:
    """A writable copy of the seeds."""
    dest = tmp_path / "corpus"
    shutil.copytree(seeds_dir, dest)
    return dest


@pytest.fixture(scope="session", autouse=True)
def private_index_dir(tmp_path_factory):
    """Indexes made without ``--index-dir`` go to a folder of this test process, never the
    tester's cache and never another pytest-xdist worker's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GXQ_INDEX_DIR", str(tmp_path_factory.mktemp("gxq-index")))
        yield


@pytest.fixture(autouse=True)
def private_user_dirs(tmp_path_factory, monkeypatch):
    """Saved searches, the user dictionary and exports go to temporary folders, never the
    tester's own."""
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("GXQ_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("GXQ_EXPORT_DIR", str(base / "exports"))
    monkeypatch.setenv("GXQ_DEBOUNCE_MS", "0")  # the app searches on every key: pilot tests need no timers
    return base
