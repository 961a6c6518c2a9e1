"""The user edits their dictionary while the app is open: the segmenter is made anew, as a
fresh process would make it, and what was remembered of the old one's answers is forgotten."""

import json
import os
import subprocess
import sys

from search_index.analysis.segment import segmenter
from search_index.entities import extract, extractor, name_shapes, tagged, tagged_orgs, tagged_people, tagged_places
from search_index.index import vocabulary

NAME = "甲乙丙丁智算"  # a track the user adds; jieba alone cuts it in two
TEXT = f"{NAME}研究院负责人张伟在武汉表示，{NAME}和具身智能将落户光谷。"
SEEN = (
    "import json; from search_index.analysis.segment import segmenter; from search_index.entities import extract\n"
    f"x = extract('', {TEXT!r})\n"
    f"print(json.dumps([segmenter().cut({TEXT!r}), sorted(x.facets.items()), [repr(m) for m in x.mentions]]))"
)


def _seen_here() -> list:
    x = extract("", TEXT)
    return json.loads(json.dumps([segmenter().cut(TEXT), sorted(x.facets.items()), [repr(m) for m in x.mentions]]))


def _seen_by_a_new_process(config) -> list:
    env = {**os.environ, "GXQ_CONFIG_DIR": str(config)}
    done = subprocess.run([sys.executable, "-c", SEEN], capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout)


def _remembered() -> list[int]:
    """How much each memory of the segmenter's answers holds."""
    caches = (tagged_people._may_start, tagged_places._may_place, tagged_orgs._head_of, name_shapes.tag_of)
    return [len(tagged._FLAGS), len(vocabulary._HAN_TERMS), *(c.cache_info().currsize for c in caches)]


def test_a_dictionary_edit_makes_the_segmenter_anew(tmp_path, monkeypatch):
    config = tmp_path / "config"
    monkeypatch.setenv("GXQ_CONFIG_DIR", str(config))
    extractor()
    before = segmenter()
    assert before.cut(NAME) != [NAME]
    assert _seen_here() == _seen_by_a_new_process(config)  # rules' memories filled with the old answers
    vocabulary._HAN_TERMS[NAME]  # (a build's vocabulary asks it)
    name_shapes.tag_of("纪念")  # (asked of a three-character word's halves)
    assert all(_remembered())
    config.mkdir()
    (config / "dictionary.toml").write_text(f'[[track]]\nname = "{NAME}"\n', encoding="utf-8")
    extractor()
    assert not any(_remembered())
    assert segmenter() is not before and segmenter().cut(NAME) == [NAME]
    assert _seen_here() == _seen_by_a_new_process(config)
    monkeypatch.undo()
    extractor()  # the other tests' segmenter again
    assert segmenter().cut(NAME) != [NAME]
