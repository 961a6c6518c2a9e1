"""The entity rules' fast paths give what the general paths give, on text built to reach
their edges: each fast path skips a word only where the general path finds nothing."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.entity_quality import ner_dev_dir
from search_index.analysis.textnorm import search_key
from search_index.entities import _in_text_order, _others, tagged_orgs, tagged_places
from search_index.entities.lexicon import fixed_starts, org_heads, org_names, place_forms, place_heads
from search_index.entities.names import COMPANY_SUFFIX, ORG_SUFFIX
from search_index.entities.people import AFTER_NAME, _followed_ok
from search_index.entities.tagged import HEAD, PLACE, Tagged, _broad_flags
from search_index.entities.tagged_orgs import CONGRESS, _head_kind, _head_of
from search_index.entities.tagged_people import _may_start_at, _person_at_any
from search_index.entities.tagged_places import (
    VILLAGE,
    _abbreviated_any,
    _ending_in_village,
    _longest_form,
    _may_abbreviate,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# Names of every kind the people rules find (titles, speech, lists, Japanese, transliterated,
# dotted, split by the tagger), words tagged as names that are none, abbreviations, villages
# and bodies: each sentence reaches some rule's edge.
EDGES = [
    "国务院总理温家宝说,总统普京和桥本龙太郎首相会见了田中真纪子外相。",
    "联合国秘书长科菲·安南、拉·甘地和约翰—格伦出席,玛丽特·恩斯塔德还表示支持。",
    "高云江说,张少农等人赶到;王运熙和李宝均、徐天红对胡荣华、赵汝权对陶汉明。",
    "贾亚拉莉达、尤尔科夫、哈比比和奥兰迪斯先后发言,9号弗洛尔进球。",
    "赵国钧少将、李铁辰校长、曹火星和吴方军一起到场,罗干说要明白卫星的用途。",
    "周恩来总理、连战、向学昭女士、管起了,冷不丁系上安全带,纪念章和高素质。",
    "中美关系、美俄会谈、访华、驻华大使、俄政府、美军、中、美、以美中三方、保护法。",
    "白湖乡、薛埠镇、龙泉乡、乡镇企业、村民、新农村、小镇、镇上、十里村和太行山、鸭绿江口。",
    "芬兰农林部长、吉林省委书记、国家质量技术监督局、中科院副院长、中国足协、北京军区、十五大。",
    "海尔集团股份有限公司的张瑞敏董事长和高新区管委会主任李明、伯尔切斯库镇、罗滕堡。",
]


def _pages() -> list[str]:
    """The edge sentences, the seed pages and (when present) the People's Daily dev set."""
    pages = [*EDGES, *(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))]
    ner_dev = ner_dev_dir()
    if ner_dev is not None:
        pages += [p.read_text(encoding="utf-8") for p in sorted((ner_dev / "docs").glob("*.txt"))[:40]]
    return pages


@pytest.fixture(scope="module")
def tagged() -> list[Tagged]:
    return [Tagged(search_key(page).text) for page in _pages()]


def test_a_word_that_may_start_no_name_starts_none_wherever_it_stands(tagged):
    forms = place_forms()
    skipped = found = 0
    for t in tagged:
        for i in range(t.n):
            if not _may_start_at(t, i):
                assert _person_at_any(t, i, forms) == (0, ""), (t.words.texts[i], t.words.tags[i])
                skipped += 1
            elif _person_at_any(t, i, forms)[1]:
                found += 1
    assert skipped > 1000 and found > 50


def test_a_word_that_may_hold_no_abbreviation_holds_none(tagged):
    skipped = found = 0
    for t in tagged:
        for i in range(t.n):
            if not _may_abbreviate(t.words.texts[i]):
                assert _abbreviated_any(t, i) == [], t.words.texts[i]
                skipped += 1
            elif _abbreviated_any(t, i):
                found += 1
    assert skipped > 1000 and found > 10


def _broad(t: Tagged) -> Tagged:
    """The same words with their flags before ``_narrowed``: PLACE on every word that may
    name a place or start one, HEAD on every word that may end a body's name."""
    broad = Tagged(t.text, t.words)
    broad._flags = bytes(_broad_flags(w, tg) for w, tg in t.words.pairs)
    return broad


@pytest.mark.parametrize(
    ("flag", "rule", "least"),
    [(PLACE, tagged_places.places, 1000), (HEAD, tagged_orgs.organisations, 500)],
    ids=["places", "bodies"],
)
def test_rules_find_the_same_when_every_word_of_the_broad_flag_is_looked_at(tagged, flag, rule, least):
    """The narrowed flag leaves out only words its rule would pass by wherever they stand."""
    broad = [_broad(t) for t in tagged]
    for t, b in zip(tagged, broad, strict=True):
        assert set(t.having(flag)) <= set(b.having(flag))
    skipped = sum(len(b.having(flag)) - len(t.having(flag)) for t, b in zip(tagged, broad, strict=True))
    fast = [rule(t) for t in tagged]
    assert fast == [rule(b) for b in broad]
    assert skipped > least and sum(map(len, fast)) > 100


def test_a_head_word_is_looked_up_once_per_word_and_tag(tagged):
    heads = org_heads()
    kinds = set()
    for t in tagged:
        for k in range(t.n):
            w = t.words[k]
            kind, end = _head_kind(w, heads)
            assert _head_of(w.text, w.tag) == (kind, end - w.start), (w.text, w.tag)
            kinds.add((kind, end < w.end))
    assert {("org", True), ("org", False), ("company", False), ("", False)} <= kinds


def _longest_anyhow(texts: tuple[str, ...], i: int, forms) -> int:
    """The most words from i (up to three) that make a form, tried one length after another."""
    return next((n for n in (3, 2, 1) if i + n <= len(texts) and "".join(texts[i : i + n]) in forms), 0)


@pytest.mark.parametrize(
    ("forms", "starts"), [(place_forms(), place_heads()), (org_names(), fixed_starts())], ids=["places", "fixed"]
)
def test_the_longest_form_is_found_whether_or_not_starts_are_known(forms, starts):
    """Every form of three to six characters cut into two or three words, between other words."""
    lengths = set()
    cut_forms = [f for f in forms if 3 <= len(f) <= 6][::7]
    for form in cut_forms:
        cuts = [(form[:a], form[a:]) for a in range(1, len(form))]
        cuts += [(form[:a], form[a:b], form[b:]) for a in range(1, len(form)) for b in range(a + 1, len(form))]
        for words in cuts:
            texts = ("在", *words, "的", form, form[0], form[1:], "。")
            for i in range(len(texts)):
                n = _longest_form(texts, i, forms, starts)
                assert n == _longest_anyhow(texts, i, forms), (texts, i)
                lengths.add(n)
    assert lengths == {0, 1, 2, 3}


VILLAGE_TEXT = "白湖乡、薛埠镇、龙泉乡的乡镇企业和村民在新农村,镇上有村,乡"


def test_words_ending_in_a_village_are_found_from_the_characters(tagged):
    pages = [Tagged(search_key(VILLAGE_TEXT).text), *tagged]
    found = 0
    for t in pages:
        every = [i for i, text in enumerate(t.words.texts) if text[-1:] in VILLAGE]
        assert _ending_in_village(t) == every
        found += len(every)
    assert found > 10


def test_a_name_is_followed_by_one_of_the_words_after_names():
    text = "".join(AFTER_NAME[:20]) + "王小明说,他们和她"
    for end in range(len(text) + 1):
        assert _followed_ok(text, end) == (end >= len(text) or any(text.startswith(w, end) for w in AFTER_NAME))


# The patterns as first written (a branch that starts with a group): the reference
SPELLED = {
    COMPANY_SUFFIX: re.compile(r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司|集团公司)|集团"),
    ORG_SUFFIX: re.compile(
        r"实验室|研究院|研究所|研究中心|创新中心|服务中心|促进中心|火炬中心|国创中心"
        r"|大学|学院|医院|协会|学会|研究会|联盟|委员会|管委会|科委|科创委|智库|振兴院|工程院|科学院"
        r"|(?:数据|信息化|促进|管理|统计|产权|商务|财政|市场监管)局|规划司"
    ),
    CONGRESS: re.compile(r"(?:中共)?十[一二三四五六七八九]大(?![学家型量小批概致都多城市企行项类])"),
}
SUFFIX_EDGES = [
    "海尔集团股份有限公司和海尔集团公司、海尔集团集团公司,集团有限责任公司;集团集团有限公司",
    "集团集团,有限公司有限公司,股份有限公司集团",
    "国家数据局、市场监管局和管理局,促进中心促进局,研究会研究院研究所,科创委科委,规划司局",
    "信息化局统计局产权局商务局财政局,数据,局,工程院科学院振兴院智库",
    "中共十六大、十五大,十大新闻,十五大城市,中共十大,中共中共十七大,十八大学,十九大会",
]


@pytest.mark.parametrize("pattern", list(SPELLED), ids=["company", "org", "congress"])
def test_suffix_patterns_match_what_their_first_spelling_matched(pattern):
    got = [[(m.span(), m.group(0)) for m in pattern.finditer(text)] for text in SUFFIX_EDGES]
    assert got == [[(m.span(), m.group(0)) for m in SPELLED[pattern].finditer(text)] for text in SUFFIX_EDGES]
    assert sum(map(len, got)) >= 4


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), max_size=12))
def test_mentions_sorted_in_two_passes_are_in_the_order_of_start_then_longest_first(spans):
    """Ties of start and end (a zone and a company on one span) keep the order they were found in."""
    found = [(s, s + n, "kind", k) for k, (s, n) in enumerate(spans)]
    expected = sorted(found, key=lambda f: (f[0], -f[1]))
    _in_text_order(found)
    assert found == expected


@settings(max_examples=300, deadline=None)
@given(
    st.sets(st.sampled_from(["中关村", "中关村科技园", "张江", "zj"]), min_size=1), st.sampled_from(["中关村", "zj"])
)
def test_a_values_other_surfaces_are_those_of_the_set_difference(surfaces, value):
    """One surface that is the value, one that is not, and several."""
    assert _others(surfaces, value) == sorted(surfaces - {value})


def test_an_extraction_without_marks_stores_what_one_with_them_stores():
    """A build extracts without listing the mentions: facets, aliases, people and words are
    those of the full extraction, on the edge sentences, the seeds and ner-dev pages."""
    from search_index.entities import extract

    for page in _pages():
        title, _, text = page.partition("\n")
        full, bare = extract(title, text, ("张三",)), extract(title, text, ("张三",), marks=False)
        assert bare.mentions == [] and len(full.mentions) >= len(full.facets["parks"])
        assert (bare.facets, bare.aliases) == (full.facets, full.aliases)
        assert (bare.people, bare.words) == (full.people, full.words)
