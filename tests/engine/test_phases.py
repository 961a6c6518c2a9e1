"""A build names the phases the user waits through, in order, with counts: reading files, then
segmenting, writing and loading the rows of the articles read; an update that changes nothing
names none."""

from __future__ import annotations

import pytest

from bench.gen_corpus import generate
from search_index import Engine
from search_index.index.report import PHASES


def _phases(engine: Engine, **sync_args) -> list[tuple[str, int]]:
    heard: list[tuple[str, int]] = []
    engine.sync(phase=lambda name, count: heard.append((name, count)), **sync_args)
    return heard


@pytest.mark.parametrize("procs", ["1", "2"])
def test_a_build_names_reading_segmenting_writing_and_rows_in_order(tmp_path, monkeypatch, procs):
    monkeypatch.setenv("GXQ_INDEX_PROCS", procs)
    generate(tmp_path / "corpus", articles=40, seed=3, gb18030_share=0.0)
    files = len(list((tmp_path / "corpus").rglob("*.*")))
    engine = Engine(tmp_path / "corpus", tmp_path / "idx")
    heard = _phases(engine)
    assert [name for name, _ in heard] == list(PHASES)
    assert heard[0] == ("reading", files)
    assert {count for _, count in heard[1:]} == {engine.article_count} and engine.article_count >= 40


def test_an_update_names_its_phases_and_a_quiet_sync_none(tmp_path, corpus_copy):
    engine = Engine(corpus_copy, tmp_path / "idx")
    engine.sync()
    assert _phases(engine) == []
    page = sorted(corpus_copy.glob("*.txt"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\n\n本报讯 具身智能企业落户中关村。\n", encoding="utf-8")
    heard = _phases(engine)
    assert [name for name, _ in heard] == list(PHASES) and heard[0] == ("reading", 1)
    assert heard[-1] == ("rows", engine.article_count)
