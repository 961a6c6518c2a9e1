"""Recall equals substring search: checked against a plain `in` scan of the cleaned text."""

import random

from search_index.analysis.textnorm import is_han, key_of

_KEYS: dict[int, list[tuple[str, str, str]]] = {}


def corpus_keys(engine) -> list[tuple[str, str, str]]:
    """(id, title key, text key) of every article, computed once per engine."""
    if id(engine) not in _KEYS:
        rows = []
        for meta in engine.articles():
            art = engine.show(meta.id)
            title = " ".join(p for p in (art.kicker, art.title, art.subtitle) if p)
            rows.append((meta.id, key_of(title), key_of(art.text)))
        _KEYS[id(engine)] = rows
    return _KEYS[id(engine)]


def oracle(engine, needle: str) -> set[str]:
    key = key_of(needle)
    return {i for i, title, text in corpus_keys(engine) if key in title or key in text}


def found_ids(engine, needle: str) -> set[str]:
    res = engine.search(needle, limit=1000, snippet_count=0)
    assert res.total == len(res.hits)
    return {h.meta.id for h in res.hits}


def sample_substrings(engine, count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    texts = [engine.show(a.id).text for a in engine.articles()]
    out: list[str] = []
    while len(out) < count:
        text = rng.choice(texts)
        n = rng.randint(2, 4)
        i = rng.randrange(0, max(1, len(text) - n))
        piece = text[i : i + n]
        if len(piece) == n and all(is_han(c) for c in piece):
            out.append(piece)
    return out


def test_random_chinese_substrings_are_all_found(engine):
    pieces = sample_substrings(engine, 250)
    misses = [p for p in pieces if found_ids(engine, p) != oracle(engine, p)]
    assert misses == []


def test_substrings_across_word_boundaries(engine):
    for needle in ("赛道培", "家高新", "区新赛", "机接口创新", "新区（长沙"):
        assert found_ids(engine, needle) == oracle(engine, needle) != set(), needle


def test_single_characters_and_absent_strings(engine):
    for needle in ("氢", "钛", "鲲"):
        assert found_ids(engine, needle) == oracle(engine, needle) != set()
    assert found_ids(engine, "量子引力波") == set()
