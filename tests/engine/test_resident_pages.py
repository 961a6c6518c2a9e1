"""A query's pages of the mapped cache files leave the process's resident set when it ends:
the system's file cache keeps them, and the next query maps again what it reads."""

import sys

import pytest


def _mapped_cache_kb(folder) -> int:
    """Resident KB of this process's mappings of the row cache and 2-gram files in ``folder``
    (other tests' engines in the same process map theirs)."""
    total, ours = 0, False
    with open("/proc/self/smaps", encoding="utf-8") as fh:
        for line in fh:
            head = line.split()
            if head and "-" in head[0] and len(head) >= 5 and ":" not in head[0]:
                path = " ".join(head[5:])
                ours = path.startswith(str(folder)) and path.endswith(("gxq-memo.bin", "gxq-grams.bin"))
            elif ours and head[0] == "Rss:":
                total += int(head[1])
    return total


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/smaps")
def test_a_search_keeps_none_of_the_cache_files_pages_resident(news_corpus, tmp_path, monkeypatch):
    import gc

    from search_index import Engine, session

    Engine(news_corpus, tmp_path).sync()
    gc.collect()  # the building engine's own mappings go with it
    engine = Engine(news_corpus, tmp_path)
    engine.open()  # checksums now, not in a thread that would map pages after the search
    first = engine.search("高新区")
    assert first.total and _mapped_cache_kb(tmp_path) == 0
    again = engine.search("高新区")  # the pages are read again: the same answer
    assert (again.total, again.hits, again.facets) == (first.total, first.hits, first.facets)
    monkeypatch.setattr(session, "give_back", lambda *args: None)
    engine.search("具身智能 OR 高新区")
    assert _mapped_cache_kb(tmp_path) > 0  # what the search read, kept without the give-back


def test_nested_queries_give_the_pages_back_once_when_the_outermost_ends(engine, monkeypatch):
    from search_index import session

    given: list[int] = []
    monkeypatch.setattr(session, "give_back", lambda mapped, offset, size: given.append(id(mapped)))
    mapped = [id(m) for m in engine._mapped]
    assert mapped  # the seeds' row cache is mapped
    engine.matrix("高新区")  # its rows come from rows_matching, a query of its own, inside
    assert sorted(given) == sorted(mapped)
    given.clear()
    engine.search("具身智能")
    assert sorted(given) == sorted(mapped)
