"""The pages of the mapped cache files that queries read a row at a time (search keys,
metadata, 2-gram bitmaps) leave the process's resident set once no query has run for a while:
the system's file cache keeps them, and the next query maps again what it reads; a burst of
queries maps them once. The small columns every search reads stay, mapped by warm()."""

import mmap
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


def _whole_pages_kb(mappings) -> int:
    """KB of every page of these mappings."""
    return sum(-(-len(m) // mmap.PAGESIZE) for m in mappings) * mmap.PAGESIZE // 1024


def _engine(corpus, base, after: float):
    from search_index import Engine

    engine = Engine(corpus, base)
    engine.open()  # checksums now, not in a thread that would map pages after the search
    engine._idle.after = after
    return engine


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/smaps")
def test_a_search_keeps_none_of_the_cache_files_pages_once_idle(news_corpus, tmp_path, monkeypatch):
    import gc

    from search_index import Engine
    from search_index.index import idle_pages

    Engine(news_corpus, tmp_path).sync()
    gc.collect()  # the building engine's own mappings go with it
    engine = _engine(news_corpus, tmp_path, 0.05)
    kept = _whole_pages_kb(m for m in engine._mapped if m not in engine._row_read)
    first = engine.search("高新区")
    assert first.total and engine.wait_idle(10) and _mapped_cache_kb(tmp_path) <= kept
    again = engine.search("高新区")  # the pages are read again: the same answer
    assert (again.total, again.hits, again.facets) == (first.total, first.hits, first.facets)
    assert engine.wait_idle(10) and _mapped_cache_kb(tmp_path) <= kept
    monkeypatch.setattr(idle_pages, "give_back", lambda *args: None)
    engine.search("具身智能 OR 高新区")
    # what the search read, kept without the give-back
    assert engine.wait_idle(10) and _mapped_cache_kb(tmp_path) > kept


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/smaps")
def test_queries_in_a_burst_keep_the_pages_they_read_until_idle(news_corpus, tmp_path):
    import gc

    from search_index import Engine

    Engine(news_corpus, tmp_path).sync()
    gc.collect()
    engine = _engine(news_corpus, tmp_path, 60)
    try:
        engine.search("高新区")
        engine.search("高新区 企业")
        assert _mapped_cache_kb(tmp_path) > 0  # kept for the next query of the burst
        assert not engine.wait_idle(0)
    finally:
        engine._idle._timer.cancel()


def test_nested_queries_give_the_pages_back_once_when_idle(engine, monkeypatch):
    from search_index.index import idle_pages

    given: list[int] = []
    monkeypatch.setattr(idle_pages, "give_back", lambda mapped, offset, size: given.append(id(mapped)))
    monkeypatch.setattr(engine._idle, "after", 0.3)
    mapped = [id(m) for m in engine._row_read]
    assert mapped  # the seeds' row cache is mapped
    assert engine.wait_idle(10)  # whatever opening read went first
    given.clear()
    engine.matrix("高新区")  # its rows come from rows_matching, a query of its own, inside
    assert engine.wait_idle(10)
    assert sorted(given) == sorted(mapped)
    given.clear()
    engine.search("具身智能")
    engine.search("具身智能 中关村")
    assert engine.wait_idle(10)
    assert sorted(given) == sorted(mapped)  # two queries in a row: given back once


def test_the_give_back_waits_for_the_last_query_of_a_burst(monkeypatch):
    """With a clock and timers the test moves by hand: a query ending while the timer runs
    pushes the give-back to ``after`` seconds past it."""
    import threading

    from search_index.index import idle_pages

    clock = [100.0]
    timers: list = []
    given: list[str] = []

    class Timer:
        def __init__(self, delay, due):
            self.delay, self.due, self.daemon = delay, due, False
            timers.append(self)

        def start(self):
            pass

    monkeypatch.setattr(idle_pages.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(idle_pages.threading, "Timer", Timer)
    monkeypatch.setattr(idle_pages, "give_back", lambda mapped, offset, size: given.append(mapped))
    idle = idle_pages.IdlePages(threading.RLock(), lambda: ["cache"], after=0.5)
    idle.queried()
    clock[0] = 100.3
    idle.queried()  # within the burst: no second timer
    assert [t.delay for t in timers] == [0.5] and not idle.given_back.is_set()
    clock[0] = 100.5
    timers[0].due()
    assert given == [] and timers[-1].delay == pytest.approx(0.3)  # 0.5 s after the last query
    clock[0] = 100.8
    timers[-1].due()
    assert given == ["cache"] and idle.given_back.is_set()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/smaps")
def test_warming_maps_the_small_columns_and_idle_leaves_them(news_corpus, tmp_path):
    """warm() maps every page of the columns each search reads (facet numbers, value rows,
    aliases), so the first searches fault none of them in; once idle only the row-at-a-time
    mappings are given back."""
    import gc

    from search_index import Engine

    Engine(news_corpus, tmp_path).sync()
    gc.collect()
    engine = _engine(news_corpus, tmp_path, 0.05)
    small = [m for m in engine._mapped if m not in engine._row_read]
    assert small and engine._row_read  # both kinds are there
    from search_index.index.mapped import mappings_in

    keys = mappings_in(engine._memo.titles, engine._memo.bodies)
    assert keys and all(m in engine._row_read for m in keys)  # the search keys are given back
    engine.warm()
    gc.unfreeze()
    engine.search("高新区")
    assert engine.wait_idle(10)
    assert _mapped_cache_kb(tmp_path) >= _whole_pages_kb(small)  # every page of the small columns, still mapped
