"""Entities found sentence by sentence, from what is remembered of sentences seen before
(entities.by_sentence), must be those found in the whole text at once."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search_index.analysis import pos
from search_index.analysis.segment import RustJieba, segmenter
from search_index.entities import by_sentence, extract
from search_index.entities.table import PhraseTable

# Sentences with people (a rare surname needs a second mention: 储洪), places, organisations,
# tracks and ASCII phrases beside the marks that end sentences; a list of names ending a
# sentence and one starting with a word that joins names (the rules look past the mark).
POOL = [
    "会见了张伟、徐起。",
    "和他们交谈。",
    "储洪参加了会议。",
    "会后储洪离开。",
    "天气很好。",
    "美国总统克林顿访华！",
    "中美关系进一步发展;",
    "记者张晓明报道：北京中关村发布AI芯片。",
    "上海市人民政府与清华大学签约?",
    "低空经济和人形机器人成为热点。",
    "国家发展和改革委员会主任说，",
    "联合国秘书长科菲·安南说，各方应当克制。",
    "深圳高新区的华为技术有限公司发布6G产品!",
    "中共十五大在京召开。",
    "龙泉乡的村民来到杭州植物园",
    "ai。",
    "5G!ai;",
]


def _fields(title: str, text: str) -> tuple:
    x = extract(title, text)
    words = list(x.words) if x.words is not None else None
    return [vars(m) for m in x.mentions], x.facets, x.aliases, x.people, words


def _whole(texts: list[str], monkeypatch) -> list[tuple]:
    """What each text gives with nothing remembered and the rules run on the whole text."""
    out = []
    with monkeypatch.context() as m:
        m.setattr(by_sentence, "_cut", lambda words: None)
        for text in texts:
            pos._TAGGED.clear()
            out.append(_fields("", text))
    pos._TAGGED.clear()
    return out


@pytest.fixture
def rust_tagger():
    if not isinstance(segmenter(), RustJieba):
        pytest.skip("sentences are remembered with jieba-rs only")


def test_a_second_mention_elsewhere_is_asked_again_not_remembered(rust_tagger, monkeypatch):
    twice = "储洪参加了会议。会后储洪离开。"
    once = "储洪参加了会议。天气很好。"
    texts = [once, twice, once, twice]
    whole = _whole(texts, monkeypatch)
    assert whole[0][1]["people"] != whole[1][1]["people"]  # the second mention makes the name
    assert [_fields("", t) for t in texts] == whole


def test_a_rule_looking_past_the_end_of_a_sentence_sees_what_the_whole_text_has(rust_tagger, monkeypatch):
    """张伟、徐起。和 …: whether 徐起 ends a list of names is asked of the word after the mark."""
    texts = [
        f"{lead}{name}。{joined}天气很好。"
        for lead in ("会见了张伟、", "张伟、")
        for name in ("徐起", "李明")
        for joined in ("和他们交谈。", "与他们交谈。", "同他们交谈。")
    ]
    whole = _whole(texts, monkeypatch)
    for text in texts:
        _fields("", "天气很好。" + text)  # every sentence seen before
    assert [_fields("", t) for t in texts] == whole


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(POOL), min_size=1, max_size=6), min_size=1, max_size=4))
def test_sentence_by_sentence_finds_what_the_whole_text_gives(rust_tagger, monkeypatch, texts):
    texts = ["".join(parts) for parts in texts]
    whole = _whole(texts, monkeypatch)
    fresh = [_fields("", t) for t in texts]  # sentences seen for the first time, or again
    again = [_fields("", t) for t in texts]  # every sentence seen before
    assert fresh == whole
    assert again == whole


def test_a_table_with_a_mark_inside_a_phrase_is_searched_whole():
    table = PhraseTable()
    table.add("高新区", "zone")
    assert table.within_sentences()
    before = table.version()
    table.add("你好。世界", "greeting")
    assert not table.within_sentences()
    assert table.version() != before
    assert [(s, e) for s, e, _ in table.find("说你好。世界")] == [(1, 6)]
