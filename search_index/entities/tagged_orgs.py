"""Organisations from the tagged words: a head word (部, 委员会, 公司, 队 …) with the proper
words before it, fixed names, and where a name found by its suffix really starts."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from search_index.analysis.pos import Word, tag
from search_index.analysis.segment import forgotten_with_segmenter, segmenter
from search_index.entities.lexicon import HEAD_TITLES, fixed_starts, head_ends, org_heads, org_names, place_forms
from search_index.entities.tagged import AFTER, BEFORE, FIXED, HEAD, PROPER_TAGS, Found, Tagged
from search_index.entities.tagged_places import _longest_form

NAME_PART_TAGS = {"ns", "nz", "nt", "j", "nr", "nrfg", "nrt", "n", "vn", "b", "an", "ng", "eng", "l"}
NT_PART_TAGS = frozenset(("ns", "nt", "b"))  # the words before a tagged organisation (nt) in its name
HEAD_TAGS = {"n", "nt", "nz", "ng", "j", "ns", "nr", "l"}
NOT_HEAD = tuple(
    [
        "部署",
        "干部",
        "内部",
        "外部",
        "全部",
        "局部",
        "大局",
        "格局",
        "布局",
        "结局",
        "东部",
        "西部",
        "南部",
        "北部",
        "中部",
        "会展中心",
        "会议中心",
        "展览中心",
        "体育中心",
        "购物中心",
        "市中心",
        "城市中心",
        "大学生",
        "上市公司",
        "中小企业",
        "保险公司",
        "社会",
        "机会",
        "大会",
        "晚会",
        "集会",
        "宴会",
        "都会",
        "工作队",
        "支部",
        "分部",
        "总部",
        "本部",
    ]
)
COMMITTEES = frozenset(("省委", "市委", "县委", "区委", "州委", "地委"))
COMMITTEE_TITLES = frozenset(("书记", "副书记", "常委"))
BODY_ENDS = frozenset("台局会院所部委社团军队署厅行司处办")  # last characters of bodies' names
NATIONAL = ("国家", "中央", "全国", "国际", "世界", "联邦", "最高", "人民")
MAX_ORG_WORDS = 6
TITLE_PREFIXES = ("副", "正", "代", "代理", "常务", "执行", "署理")  # 内务部代理部长: 代理 is the title's
# Verbs of contests, awards and appointments the dictionary tags as nouns or names (荣获/nr,
# 战胜/n): never inside a body's name, which starts after them
NOT_IN_NAMES = frozenset(("荣获", "获得", "战胜", "击败", "负于", "出任", "担任", "任命", "由原", "授予", "隶属"))
DATELINE_WORDS = frozenset(("本报讯", "本报", "讯", "电", "消息", "报道"))  # 本报讯沈铁通辽分局 → 沈铁通辽分局
NT_NOT = ("关系", "政府", "大会堂", "大厦", "馆", "宫", "学", "科学", "社会", "群众")


def organisations(t: Tagged) -> list[Found]:
    """Names ending in a head word, walked back over proper and noun words; fixed names."""
    fixed, starts = org_names(), fixed_starts()
    out: list[Found] = []
    words = t.words
    texts = words.texts
    for k in t.having(FIXED):
        if n := _longest_form(texts, k, fixed, starts):
            out.append(Found(words.starts[k], words.starts[k + n], *fixed["".join(texts[k : k + n])]))
    tags = words.tags
    for k in t.having(HEAD):  # a body's head or a tagged organisation (the flag is narrowed to them)
        kind, end = _head_of(texts[k], tags[k])
        w = words[k]
        end += w.start
        if (
            end < w.end
            and w.text in HEAD_TITLES
            and (t.at(k - 1) in TITLE_PREFIXES or t.at(k - 1)[-1:] == w.text[0] or _person_before(t, k))
        ):
            continue  # 中科院副院长, 中联部部长: the title of a body named before it
        if not kind:
            national = w.text.startswith(NATIONAL) and len(w.text) >= 3 and w.text[-1] in BODY_ENDS
            if w.tag == "nt" and (_place_prefix(w.text) or national) and not w.text.endswith(NT_NOT):
                placed = national and k > 0 and texts[k - 1] in place_forms()  # 中国 + 国家女篮
                start = words.starts[k - 1] if placed else w.start
                out.append(Found(start, w.end, "org", t.text[start : w.end]))
            continue
        first = _org_start(t, k)
        if first is None:
            continue
        out.append(Found(words[first].start, end, "company" if kind == "company" else "org", ""))
    out += _congresses(t.text)
    out = [f for f in out if f.value or not t.text[f.start : f.end].endswith(NOT_HEAD)]
    trimmed = [_trim(t, f) for f in out]
    out = [f for f in trimmed if f is not None]
    return _longest([Found(f.start, f.end, f.type, f.value or t.text[f.start : f.end]) for f in out])


# A party's national congress by its number (十五大, 中共十六大), not 十大新闻 or 十五大城市
# (each branch starts with a literal character: the regex engine skips to where one may match)
_NUMBERED = "十[一二三四五六七八九]大(?![学家型量小批概致都多城市企行项类])"
CONGRESS = re.compile(f"中共{_NUMBERED}|{_NUMBERED}")


def _congresses(text: str) -> list[Found]:
    """Party congresses named by their number: organisations, as written."""
    if "十" not in text or "大" not in text:  # each form holds both (大 alone is in most texts)
        return []
    return [Found(m.start(), m.end(), "org", m.group(0)) for m in CONGRESS.finditer(text)]


def _person_before(t: Tagged, k: int) -> bool:
    """李振成 + 局长: a person's name right before the title, no body."""
    return t.words.tags[k - 1] in ("nr", "nrfg", "nrt") if k > 0 else False


def _trim(t: Tagged, f: Found) -> Found | None:
    """A head-word name cut after a verb or clause it took in (战胜韩国女队 → 韩国女队)."""
    if f.value:
        return f
    start = name_start(t, f.start, f.end)
    return None if start is None else Found(start, f.end, f.type, "")


def _place_prefix(text: str) -> bool:
    """中国足协, 北京军区: a tagged organisation that starts with a place."""
    return any(text[:n] in place_forms() for n in (2, 3, 4) if len(text) > n)


def _head_kind(w: Word, heads: dict[str, str]) -> tuple[str, int]:
    """The kind of body word ``w`` ends (company, org, team; "" for none) and where its name
    ends: a title after its head ends it there (芬兰农林部长 → 芬兰农林部)."""
    text, end = w.text, w.end
    if text[-2:] in HEAD_TITLES:
        text, end = text[:-1], end - 1
    elif text[:2] in COMMITTEES and text[2:] in COMMITTEE_TITLES:  # 吉林 + 省委书记 → 吉林省委
        text, end = text[:2], w.start + 2
    tagged = w.tag in HEAD_TAGS or (w.tag == "zg" and text in heads)
    if not (tagged or (not w.known and len(text) >= 3)) or text.endswith(NOT_HEAD):
        return "", end  # a word the HMM glued (蝶阀厂) may end a name whatever its tag
    if text in heads:
        return heads[text], end
    if w.tag == "nt" or len(text) >= 3:
        for n in (3, 2, 1):
            if len(text) > n and text[-n:] in heads:
                return heads[text[-n:]], end
    return "", end


@lru_cache(maxsize=100_000)
def _head_of(text: str, tg: str) -> tuple[str, int]:
    """``_head_kind`` of a word with this tag, where its name ends counted from the word's start."""
    return _head_kind(Word(text, tg, 0, len(text)), org_heads())


def _org_start(t: Tagged, k: int) -> int | None:
    """Index of the first word of the organisation whose head is word k, or None."""
    texts, tags, flags = t.words.texts, t.words.tags, t.flags
    heads, forms = org_heads(), place_forms()
    head, nt = texts[k], tags[k] == "nt"
    allowed = NT_PART_TAGS if nt else NAME_PART_TAGS
    i = k
    while i > 0 and k - i < MAX_ORG_WORDS:
        text, tag = texts[i - 1], tags[i - 1]
        if (tag not in allowed and text not in forms and text not in NAME_VERBS) or text in heads:
            break
        if flags[i - 1] & (BEFORE | AFTER) and tag not in PROPER_TAGS:
            break  # 温家宝会见芬兰农林部: a title or a verb of speech or meeting is no part of a name
        i -= 1
    proper_later = not PROPER_TAGS.isdisjoint(tags[i:k])
    while proper_later and i < k and tags[i] not in PROPER_TAGS and texts[i] not in forms:
        if texts[i] in NATIONAL:
            break
        i += 1  # 战胜 + 韩国女队: common words before the first proper word are not the name
    if nt and i > 0 and texts[i - 1] in NATIONAL:
        i -= 1  # 国家质量技术监督局
    proper = any(tags[p] in PROPER_TAGS or texts[p] in forms for p in range(i, k))  # the words i..k-1
    if k - i == 1 and texts[i] in forms and head in BARE_HEADS:
        return None  # 美国公司, 中国大学: a kind of body in a place, not a name
    if not proper and "v" in tags[i:k]:
        return None  # 国家制造业创新中心: a kind of centre; a verb counts inside a proper name only
    if head not in heads and (nt or proper):
        return i
    if proper or (i < k and texts[i] in NATIONAL):
        return i
    within = k > 0 and t.at(k - 1)[-1:] in head_ends()  # 公司 + 战略部: a department of the body before
    return i if i == k and not within and _one_word_name(head) else None


@lru_cache(maxsize=100_000)
def _one_word_name(text: str) -> bool:
    """A name the dictionary holds as one word with its head: a ministry (教育部) or a
    body whose part before the head names something (突尼斯队, 泰山队)."""
    heads = org_heads()
    head = next((text[-n:] for n in (3, 2, 1) if len(text) > n and text[-n:] in heads), "")
    prefix = text[: len(text) - len(head)]
    return bool(head) and len(prefix) >= 2 and (head == "部" or _named_prefix(prefix))


def _longest(found: list[Found]) -> list[Found]:
    """Drop names inside longer ones."""
    keep: list[Found] = []
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if keep and f.start < keep[-1].end:
            continue
        keep.append(f)
    return keep


BARE_HEADS = frozenset(("公司", "大学", "企业", "银行", "医院", "中学", "小学", "学校", "工厂", "政府", "集团"))
WEAK_HEADS = ("组织", "公报", "协会", "学会", "医院", "大学", "学院", "中心", "联盟", "联合会", "研究会")
GENERIC_NAMES = frozenset(("研究院", "研究所", "研究中心", "实验室", "委员会", "人民医院", "服务中心"))
CLAUSE_TAGS = frozenset(("p", "r", "uj", "ul", "uz", "ug", "uv", "ude", "y"))
NAME_VERBS = frozenset(
    [
        "创新",
        "发展",
        "研究",
        "服务",
        "促进",
        "合作",
        "交流",
        "管理",
        "监督",
        "创业",
        "咨询",
        "开发",
        "建设",
        "投资",
        "保险",
        "贸易",
        "检验",
        "检测",
        "教育",
        "培训",
        "设计",
        "制造",
        "生产",
        "运输",
        "规划",
        "改革",
        "振兴",
        "孵化",
        "转化",
        "合成",
        "计算",
        "通信",
        "控制",
        "监测",
        "出版",
        "治理",
        "工作",
        "保护",
        "救助",
        "统计",
        "审计",
        "监察",
        "稽查",
        "调查",
        "救援",
        "援助",
        "协调",
    ]
)


def name_start(t: Tagged, start: int, end: int) -> int | None:
    """Where an organisation name found by its suffix really starts: after a verb, adverb,
    pronoun or particle inside it (有联想集团 → 联想集团, 彭珮云再次当选中国人口学会 → 中国人口学会);
    numbers only at its start. None when nothing of a name is left or the start cuts a word."""
    starts, tags, texts = t.words.starts, t.words.tags, t.words.texts
    first = k = bisect_right(starts, start) - 1
    if k < 0 or k >= t.n:
        return start
    if starts[k] < start and not _glued_start(texts[k], start - starts[k]):
        return None  # 然科学史研究所 of 自然科学, 治区农机学会 of 自治区: the walk back stopped inside a word
    begin = start
    while k < t.n and starts[k + 1] < end:
        tag = tags[k]
        loose = k == first or tags[k - 1] not in PROPER_TAGS
        verb = tag in ("v", "d", "ad", "vd") and texts[k] not in NAME_VERBS and loose
        if (
            (tag in CLAUSE_TAGS and texts[k] not in ("与", "和", "及"))
            or verb
            or texts[k] in DATELINE_WORDS
            or texts[k] in NOT_IN_NAMES
            or (tag in ("m", "q", "mq") and starts[k] == begin)
        ):
            begin = starts[k + 1]
        k += 1
    if end - begin < 3 or t.text[begin:end] in org_heads() or t.text[begin:end] in GENERIC_NAMES:
        return None
    return None if _kind_only(t.text[begin:end]) else begin


def _glued_start(word: str, cut: int) -> bool:
    """The word's part from ``cut`` on is a word or a place of its own, glued by the
    dictionary to what stands before the name: the name may start there (not 自 + 治区)."""
    rest = word[cut:]
    return segmenter().has_word(rest) or rest in place_forms()


def _kind_only(name: str) -> bool:
    """计生协会, 民间组织, 大中型医院: a kind of body with a head that names nothing alone and
    only common dictionary words before it (no place, name, proper noun or body, nothing the
    dictionary lacks, no 国家/中国 in front)."""
    if not name.endswith(WEAK_HEADS):
        return False  # the common case: none of those heads
    head = next(h for h in WEAK_HEADS if name.endswith(h))
    prefix = name[: len(name) - len(head)]
    if not prefix or prefix.startswith(NATIONAL):
        return False
    return not _named_prefix(prefix)


@lru_cache(maxsize=100_000)
def _named_prefix(prefix: str) -> bool:
    """Words before a head that name something: a place, name, proper noun or body, or a word
    the dictionary lacks (三代半国创: an HMM word)."""
    forms, heads, has = place_forms(), org_heads(), segmenter().has_word
    for w, tg in tag(prefix).pairs:
        if w in forms or w[:2] in forms or tg in PROPER_TAGS or w in heads or w[-1:] in heads:
            return True
        if len(w) >= 2 and tg != "x" and not has(w):
            return True
    return False


# they ask the segmenter's dictionary
forgotten_with_segmenter(_head_of.cache_clear, _one_word_name.cache_clear, _named_prefix.cache_clear)
