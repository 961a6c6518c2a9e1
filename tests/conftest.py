"""Shared fixtures: the real seed corpus and real Whoosh indexes in temporary folders."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from search_index import Engine
from search_index.ingest.articles import split_page

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


@pytest.fixture
def corpus_copy(tmp_path, seeds_dir) -> Path:
    """A writable copy of the seeds."""
    dest = tmp_path / "corpus"
    shutil.copytree(seeds_dir, dest)
    return dest


def edit_state(engine: Engine, **changes) -> None:
    """Change fields of an index's ``state.json``, as another version would have left it."""
    path = engine.store.state_path
    path.write_text(json.dumps({**json.loads(path.read_text(encoding="utf-8")), **changes}), encoding="utf-8")


def tree_fingerprint(root: Path) -> dict[str, tuple[str, int]]:
    """Hash and mtime of every file below ``root``."""
    return {
        str(p.relative_to(root)): (hashlib.sha1(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(autouse=True)
def private_user_dirs(tmp_path_factory, monkeypatch):
    """Saved searches, the user dictionary and exports go to temporary folders, never the
    tester's own."""
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("GXQ_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("GXQ_EXPORT_DIR", str(base / "exports"))
    monkeypatch.setenv("GXQ_DEBOUNCE_MS", "0")  # the app searches on every key: pilot tests need no timers
    return base
