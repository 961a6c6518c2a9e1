"""People, organisations and places in any news, from jieba's tagged words.

jieba's tags for dictionary words are often wrong (明白, 卫星 and 莫斯科 carry ``nr``), so a
tag proposes and the word's shape and context decide: a dictionary word needs a title or a
verb of speech beside it to count as a name; a word the dictionary lacks (an unseen name
the HMM put together) needs a surname or a transliteration's letters. Places come from the
administrative divisions and world tables, aligned to word boundaries; organisations are a
head word (部, 委员会, 公司, 队 …) with the proper words before it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Container
from dataclasses import dataclass
from functools import cache

from search_index.analysis.pos import Word, freq, tag
from search_index.analysis.segment import segmenter
from search_index.entities.people import surnames
from search_index.reference.gazetteer import DATA

NAME_TAGS = ("nr", "nrfg", "nrt")
GIVEN_TAGS = frozenset(("n", "nr", "ng", "a", "nz", "t", "ns", "b", "j", "an"))
DOTS = ("·", "•", "・", "—")
PLACE_END = set("堡港城州岛湾宫谟")
CANDIDATE_TAGS = frozenset((*NAME_TAGS, "ns", "nz"))
TRANSLIT = set(
    "阿埃艾爱安昂奥巴拜班邦包保鲍贝本比彼毕波伯勃博布查达戴丹道德登迪蒂丁东杜多厄恩法菲费芬丰弗福"
    "伏盖甘冈高戈格根古哈海汉豪赫亨胡华霍基吉加贾杰金卡凯坎康柯科克肯库夸奎拉莱兰朗劳勒雷蕾里理利"
    "莉丽连列林琳卢鲁路伦罗洛马玛迈麦曼梅门蒙米密明莫默姆穆纳娜奈南内尼涅宁纽努诺欧帕派潘佩珀皮"
    "平普齐奇乔切钦琼丘萨塞桑瑟森沙莎尚舍什史斯松苏索塔泰坦汤唐特梯提图托瓦万维温沃乌武西希夏辛"
    "休雅亚扬耶伊因英尤于约泽扎詹赞珍兹佐舒蒲倍季茨芙黛娃妮茜璐尔夫顿逊森默瑞德莱蒂琪姆斯热坚贾霍瑙牟迦沃弗罗"
)
NOT_NAME_END = set(
    "性化值率者家们型式界业区市县省路街村镇乡山河湖江海港站队部局委厂店馆楼门主尖科雨杯书证台官传原阁宫院所乐"
)
NAME_SUFFIXES = ("理论", "思想", "同志", "主席", "总理", "先生", "女士", "时代", "故居", "夫人", "纪念馆")
PLACE_NEXT = set("村乡镇县路街巷里庄屯寨沟湾河")
MAX_NAME_FREQ = 1000  # a two-character dictionary word seen more often is a word (卫星, 明白), not a name
TITLE_TAILS = frozenset(
    [
        "先生",
        "小姐",
        "女士",
        "老师",
        "师傅",
        "老",
        "某",
        "家",
        "氏",
        "总",
        "大爷",
        "大妈",
        "阿姨",
        "书记",
        "主任",
        "局长",
        "县长",
        "市长",
        "省长",
        "部长",
    ]
)
GLUED_TAIL = set("说是去在和等对向把被也都就还又将以过籍猜人")
NOT_GIVEN = set("说是去在和等对向把被也都就还又将的了着过与及或个年月日时")
VERBS = frozenset(
    [
        "说",
        "表示",
        "指出",
        "认为",
        "强调",
        "介绍",
        "告诉",
        "宣布",
        "会见",
        "会晤",
        "主持",
        "出席",
        "致辞",
        "回忆",
        "透露",
        "笑",
        "问",
        "答",
        "等人",
        "一行",
    ]
)


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@cache
def person_context() -> tuple[frozenset[str], frozenset[str]]:
    """(words right before a name, words right after a name)."""
    pairs = [ln.split(None, 1) for ln in _lines("person_context.txt")]
    return frozenset(w for s, w in pairs if s == "before"), frozenset(w for s, w in pairs if s == "after")


@cache
def org_heads() -> dict[str, str]:
    """Head word → company, org or team."""
    return {w: kind for kind, w in (ln.split(None, 1) for ln in _lines("org_heads.txt"))}


@dataclass(frozen=True)
class Found:
    """One entity: [start, end) in the tagged text, type (person, org, company, place), value."""

    start: int
    end: int
    type: str
    value: str


def chinese_shape(word: str) -> bool:
    """Surname then one or two given-name characters (or a compound surname)."""
    single, compound = surnames()
    if not all("\u4e00" <= c <= "\u9fff" for c in word) or word[-1] in NOT_NAME_END:
        return False
    if word[:2] in compound:
        return 3 <= len(word) <= 4
    return word[0] in single and 2 <= len(word) <= 3


def foreign_shape(word: str) -> bool:
    """Every character a transliteration letter (普里马科夫, 克林顿), not ending like a place (罗滕堡)."""
    return len(word) >= 2 and all(c in TRANSLIT for c in word) and word[-1] not in PLACE_END


def _clause_tail(word: str) -> bool:
    """时表示, 商量过: a surname-like character glued to a verb the dictionary knows."""
    has = segmenter().has_word
    return len(word) == 3 and (word[1:] in person_context()[1] or (has(word[1:]) and word[-1] in GLUED_TAIL))


PERSON, BEFORE, AFTER, PLACE, FIXED, HEAD = 1, 2, 4, 8, 16, 32
_FLAGS: dict[tuple[str, str], int] = {}
FLAGS_MAX = 300_000  # distinct (word, tag) pairs remembered before the memory starts over


def _word_flags(pair: tuple[str, str]) -> int:
    """What rules may care about a word with this tag (looked up once per pair)."""
    w, tg = pair
    before, after = person_context()
    heads = place_heads()
    flags = PERSON if tg in NAME_TAGS or (w[:1] in TRANSLIT and w[-1:] in TRANSLIT) else 0
    if w in before or w[-2:] in before:
        flags |= BEFORE
    if w in after or w[:2] in after or w[:3] in after:
        flags |= AFTER
    glued = tg in GLUED_PLACE_TAGS and w[:2] in heads
    if w in heads or w[:1] in ABBREVIATED_START or tg == "ns" or glued:
        flags |= PLACE
    if w in fixed_starts():
        flags |= FIXED
    if w[-1:] in head_ends() or tg == "nt":
        flags |= HEAD
    if len(_FLAGS) > FLAGS_MAX:
        _FLAGS.clear()
    _FLAGS[pair] = flags
    return flags


class Tagged:
    """The tagged words of one text with lookups the rules share."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = tag(text)
        self.n = len(self.words.texts)
        get = _FLAGS.get
        flags = [get(p) for p in self.words.pairs]
        self.flags = [_word_flags(p) if f is None else f for p, f in zip(self.words.pairs, flags, strict=True)]
        self.marked = [(i, f) for i, f in enumerate(self.flags) if f]

    def having(self, flag: int) -> list[int]:
        """Indexes of the words that carry a flag."""
        return [i for i, f in self.marked if f & flag]

    def at(self, i: int) -> str:
        return self.words.texts[i] if 0 <= i < self.n else ""

    def has_proper(self, start: int, end: int) -> bool:
        """Whether a proper word (place, name, organisation) lies in [start, end)."""
        k = max(0, bisect_right(self.words.starts, start) - 1)
        while k < self.n and self.words.starts[k] < end:
            if self.words.tags[k] in PROPER_TAGS or self.words.texts[k] in place_forms():
                return True
            k += 1
        return False

    def near_titles(self) -> set[int]:
        """Indexes of words right after a title or right before a title or verb of speech."""
        near = {i + 1 for i in self.having(BEFORE)}
        near.update(i - 1 for i in self.having(AFTER))
        return near


def _context(t: Tagged, i: int, j: int) -> bool:
    """A title or verb of speech right before or after words i..j-1."""
    before, after = person_context()
    nxt = t.at(j)
    return t.at(i - 1) in before or nxt in after or nxt[:2] in after or nxt[:3] in after


@cache
def set_phrases() -> tuple[str, ...]:
    """Phrases inside which no name is found."""
    return tuple(_lines("not_names.txt"))


def _in_set_phrase(text: str, start: int, end: int) -> bool:
    for phrase in set_phrases():
        at = text.find(phrase, max(0, end - len(phrase)), start + len(phrase))
        if at != -1 and at < end and start < at + len(phrase):
            return True
    return False


def people(t: Tagged, places: Container[str]) -> list[Found]:
    """Names of people: the tag proposes, shape and context decide."""
    return [f for f in _people(t, places) if not _in_set_phrase(t.text, f.start, f.end)]


def _people(t: Tagged, places: Container[str]) -> list[Found]:
    out: list[Found] = []
    words = t.words
    candidates = set(t.having(PERSON))
    candidates.update(t.near_titles())
    after = -1
    for i in sorted(candidates):
        if i <= after or i >= t.n:
            continue
        j, name = _person_at(t, i, places)
        if name:
            out.append(Found(words[i].start, words[i].start + len(name), "person", name))
            after = j - 1
    return out


def _person_at(t: Tagged, i: int, places: Container[str]) -> tuple[int, str]:
    w = t.words[i]
    word = _unglued(w)
    if word in places or not word or not "\u4e00" <= word[0] <= "\u9fff" or word[1:] in TITLE_TAILS:
        return 0, ""
    if joined := _split_name(t, i) or _dotted(t, i) or _foreign_run(t, i):
        return joined
    named, context = w.tag in NAME_TAGS, _context(t, i, i + 1)
    if titled(t, i) and _plain_name(word, w) and word not in places:
        return i + 1, word
    if t.at(i + 1)[:1] in PLACE_NEXT:
        return 0, ""
    common = _in_phrase(t, i)
    listed = not w.known and "、" in (t.at(i - 1), t.at(i + 1))
    if w.known and len(word) == 2 and freq(w.text) > MAX_NAME_FREQ:
        return 0, ""
    if not w.known and named and chinese_shape(word) and not common and not _clause_tail(word):
        return i + 1, word
    if chinese_shape(word) and not named and not w.known and titled(t, i):
        return i + 1, word
    if chinese_shape(word) and named and (context or listed or (len(word) == 3 and not common)):
        return i + 1, word
    verb_next = t.words.tags[i + 1][:1] == "v" if i + 1 < t.n else False
    if foreign_shape(word) and named and (context or not w.known or (len(word) >= 3 and not common and verb_next)):
        return i + 1, word
    return 0, ""


def _in_phrase(t: Tagged, i: int) -> bool:
    """The word ends or starts a longer dictionary word cut apart (真|金白银 of 真金白银)."""
    has = segmenter().has_word
    word, prev, nxt = t.words[i].text, t.at(i - 1), t.at(i + 1)
    return bool((prev and has(prev[-1] + word)) or (nxt and has(word + nxt[0])))


def _unglued(w: Word) -> str:
    """邓小平理论 → 邓小平; 赵华说 → 赵华: a name the dictionary or the HMM glued to a word."""
    word = w.text
    for suffix in NAME_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 1 and w.tag in NAME_TAGS:
            return word[: -len(suffix)]
    if not w.known and len(word) >= 3 and word[-1] in GLUED_TAIL and chinese_shape(word[:-1]):
        return word[:-1]
    return word


def _split_name(t: Tagged, i: int) -> tuple[int, str] | None:
    """高允 + 连, 张 + 友香: an unseen name the HMM cut in two."""
    w, nxt = t.words[i], t.words[i + 1] if i + 1 < len(t.words) else None
    if not nxt or (w.known and len(w.text) > 1) or len(w.text) + len(nxt.text) != 3:
        return None
    whole = w.text + nxt.text
    marked = len(w.text) == 1 and w.tag == "nr" and nxt.tag in GIVEN_TAGS and not segmenter().has_word(whole)
    if marked and chinese_shape(whole) and nxt.text not in NOT_GIVEN and nxt.text[0] not in NOT_GIVEN:
        return i + 2, whole  # 曹 + 火星, 吴 + 方军: a surname the tagger marked, and a word for the given name
    if nxt.text in NOT_GIVEN or not chinese_shape(whole) or (nxt.known and len(nxt.text) == 2):
        return None
    if w.tag in NAME_TAGS and (nxt.tag in NAME_TAGS or (len(nxt.text) == 1 and not w.known)):
        return i + 2, whole
    return None


def _foreign_run(t: Tagged, i: int) -> tuple[int, str] | None:
    """尤尔 + 科夫: transliterated pieces the HMM did not join."""
    j = i
    while j < t.n and foreign_shape(t.at(j)) and (t.words.tags[j] in NAME_TAGS or not t.words[j].known or j > i):
        if j > i and len(t.at(j)) > 2 and t.words[j].known and t.words.tags[j] not in NAME_TAGS:
            break
        j += 1
    if j - i >= 2 and any(t.words[k].tag in NAME_TAGS for k in range(i, j)):
        return j, "".join(t.words.texts[i:j])
    return None


def titled(t: Tagged, i: int) -> bool:
    """A title right before or after word i (总统普京, 桥本首相)."""
    before, after = person_context()
    prev, nxt = t.at(i - 1), t.at(i + 1)
    return ((prev in before or prev[-2:] in before) and prev not in VERBS) or (nxt in after and nxt not in VERBS)


def _plain_name(word: str, w: Word) -> bool:
    return 2 <= len(word) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in word) and w.tag in (*NAME_TAGS, "ns", "nz")


def _dotted(t: Tagged, i: int) -> tuple[int, str] | None:
    """科菲·安南, 瓦西 + 利克·哈努, 约翰—格伦: transliterations joined by a middle dot."""
    j, parts = i, []
    while j < t.n and foreign_shape(t.at(j)):
        parts.append(t.at(j))
        if t.at(j + 1) in DOTS and foreign_shape(t.at(j + 2)):
            parts.append("·" if t.at(j + 1) != "—" else "—")
            j += 2
        elif foreign_shape(t.at(j + 1)) and t.words.tags[j + 1] in NAME_TAGS:
            j += 1
        else:
            break
    if "·" in parts or "—" in parts:
        return j + 1, "".join(parts)
    return None


ABBREVIATIONS = {
    "中": "中国",
    "华": "中国",
    "美": "美国",
    "日": "日本",
    "俄": "俄罗斯",
    "英": "英国",
    "法": "法国",
    "德": "德国",
    "韩": "韩国",
    "朝": "朝鲜",
    "印": "印度",
    "巴": "巴基斯坦",
    "意": "意大利",
    "澳": "澳大利亚",
    "加": "加拿大",
    "以": "以色列",
    "埃": "埃及",
    "欧": "欧洲",
    "非": "非洲",
    "亚": "亚洲",
    "台": "台湾",
    "港": "香港",
    "京": "北京",
    "津": "天津",
    "沪": "上海",
    "渝": "重庆",
    "葡": "葡萄牙",
    "越": "越南",
    "泰": "泰国",
    "菲": "菲律宾",
    "墨": "墨西哥",
    "荷": "荷兰",
    "叙": "叙利亚",
}
PAIR_TAILS = ("关系", "两国", "双方", "双边", "会谈", "合作", "贸易", "首脑", "峰会", "边境", "友好", "之间", "联合")
VISIT_HEADS = ("访", "来", "在", "驻", "抵", "离", "赴", "援", "旅", "对", "进", "返", "回", "旅", "侵", "抗")
ABBREVIATED_START = frozenset((*ABBREVIATIONS, *VISIT_HEADS))


@cache
def place_forms() -> dict[str, str]:
    """Every written form of a place → its canonical name: divisions (provinces, cities,
    counties) with short forms, then countries, regions and foreign cities."""
    from search_index.entities.places import division_forms, world_forms

    forms: dict[str, str] = {}
    for form, name in (*division_forms(), *world_forms()):
        forms.setdefault(form, name)
    return forms


def places(t: Tagged) -> list[Found]:
    """Places on word boundaries (one to three words), pairs of abbreviations (中美, 访华),
    unseen …县/…镇."""
    forms, heads = place_forms(), place_heads()
    texts, tags = t.words.texts, t.words.tags
    out: list[Found] = []
    after = -1
    for i in t.having(PLACE):
        if i <= after:
            continue
        text = texts[i]
        n = _longest_form(texts, i, forms) if text in heads else 0
        if n:
            out.append(Found(t.words.starts[i], t.words.starts[i + n], "place", forms["".join(texts[i : i + n])]))
            after = i + n - 1
        elif (cut := _place_then_word(text)) and tags[i] in GLUED_PLACE_TAGS:
            out.append(Found(t.words.starts[i], t.words.starts[i] + cut, "place", forms[text[:cut]]))
        elif text[:1] in ABBREVIATED_START:
            out += _abbreviated(t.words[i])
        elif tags[i] == "ns" and len(text) >= 3:
            out += _suffixed(t.words[i])
    return out


GLUED_PLACE_TAGS = frozenset(("nt", "n", "ns", "nz", "j"))


def _place_then_word(text: str) -> int:
    """印度政府, 法国总理: a place the dictionary glued to a common word; the place's length."""
    forms, has = place_forms(), segmenter().has_word
    for cut in range(min(len(text) - 1, 6), 1, -1):
        if text[:cut] in forms and has(text[cut:]) and text[cut:] not in org_heads():
            return cut
    return 0


def _longest_form(texts: list[str], i: int, forms: dict) -> int:
    """How many words from i make the longest form (0 for none)."""
    for n in (3, 2, 1):
        if i + n <= len(texts) and "".join(texts[i : i + n]) in forms:
            return n
    return 0


@cache
def place_heads() -> frozenset[str]:
    """Every start of a place form (a word that may begin a place of several words)."""
    return frozenset(form[:n] for form in place_forms() for n in range(1, len(form) + 1))


def _canonical(place: str) -> str:
    return place_forms().get(place, place)


def _abbreviated(w: Word) -> list[Found]:
    """中美关系, 美俄, 访华: one-character names of countries and cities."""
    text = w.text
    if len(text) == 1 and w.tag in ("ns", "j") and text in ABBREVIATIONS:
        return [Found(w.start, w.end, "place", _canonical(ABBREVIATIONS[text]))]
    visit = len(text) >= 2 and text[0] in VISIT_HEADS and text[1] in "华美日俄英法德韩京"
    if visit and (len(text) == 2 or segmenter().has_word(text[2:])):  # 访华, 驻华大使
        return [Found(w.start + 1, w.start + 2, "place", _canonical(ABBREVIATIONS[text[1]]))]
    head = next((text[: -len(t)] for t in PAIR_TAILS if text.endswith(t)), text)
    pair = 2 <= len(head) <= 3 and all(c in ABBREVIATIONS for c in head) and len(set(head)) == len(head)
    if pair and (head != text or w.tag in ("ns", "j", "t", "nt") or not w.known):
        return [Found(w.start + k, w.start + k + 1, "place", _canonical(ABBREVIATIONS[c])) for k, c in enumerate(head)]
    return []


def _suffixed(w: Word) -> list[Found]:
    """A place word the tables lack: tagged ns and ending like a place (…县, …镇, …岛)."""
    if w.tag == "ns" and len(w.text) >= 3 and w.text[-1] in "省市县区州镇乡村旗盟岛湾峡江河湖山峰" and not w.known:
        return [Found(w.start, w.end, "place", w.text)]
    return []


NAME_PART_TAGS = {"ns", "nz", "nt", "j", "nr", "nrfg", "nrt", "n", "vn", "b", "an", "ng", "eng", "l"}
PROPER_TAGS = {"ns", "nz", "nt", "nr", "nrfg", "nrt", "eng"}
HEAD_TAGS = {"n", "nt", "nz", "ng", "j", "ns", "nr", "l"}
NOT_HEAD = (
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
)
NATIONAL = ("国家", "中央", "全国", "国际", "世界", "联邦", "最高", "人民")
MAX_ORG_WORDS = 6
NT_NOT = ("关系", "政府", "大会堂", "大厦", "馆", "宫", "学", "科学")


@cache
def org_names() -> dict[str, tuple[str, str]]:
    """Fixed organisation names and aliases → (kind, canonical name)."""
    import csv

    out: dict[str, tuple[str, str]] = {}
    with (DATA / "org_names.tsv").open(encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        for row in rows:
            for form in (row["name"], *filter(None, (row.get("aliases") or "").split(";"))):
                out[form] = (row["kind"], row["name"])
    return out


@cache
def fixed_starts() -> frozenset[str]:
    """Every start of a fixed organisation name."""
    return frozenset(form[:n] for form in org_names() for n in range(1, len(form) + 1))


@cache
def head_ends() -> frozenset[str]:
    """Last characters of head words (a cheap first test)."""
    return frozenset(h[-1] for h in org_heads())


def organisations(t: Tagged) -> list[Found]:
    """Names ending in a head word, walked back over proper and noun words; fixed names."""
    heads, fixed = org_heads(), org_names()
    out: list[Found] = []
    words = t.words
    texts, tags = words.texts, words.tags
    for k in t.having(FIXED):
        if n := _longest_form(texts, k, fixed):
            out.append(Found(words.starts[k], words.starts[k + n], *fixed["".join(texts[k : k + n])]))
    for k in t.having(HEAD):
        if tags[k] not in HEAD_TAGS:
            continue
        w = words[k]
        kind = _head_kind(w, heads)
        if not kind:
            if w.tag == "nt" and _place_prefix(w.text) and not w.text.endswith(NT_NOT):
                out.append(Found(w.start, w.end, "org", w.text))
            continue
        start = _org_start(t, k)
        if start is None:
            continue
        out.append(Found(words[start].start, w.end, "company" if kind == "company" else "org", ""))
    out = [f for f in out if f.value or not t.text[f.start : f.end].endswith(NOT_HEAD)]
    trimmed = [f for f in (_trim(t, f) for f in out) if f is not None]
    return _longest([Found(f.start, f.end, f.type, f.value or t.text[f.start : f.end]) for f in trimmed])


def _trim(t: Tagged, f: Found) -> Found | None:
    """A head-word name cut after a verb or clause it took in (战胜韩国女队 → 韩国女队)."""
    if f.value:
        return f
    start = name_start(t, f.start, f.end)
    return None if start is None else Found(start, f.end, f.type, "")


def _place_prefix(text: str) -> bool:
    """中国足协, 北京军区: a tagged organisation that starts with a place."""
    return any(text[:n] in place_forms() for n in (2, 3, 4) if len(text) > n)


def _head_kind(w: Word, heads: dict[str, str]) -> str:
    if w.tag not in HEAD_TAGS or w.text.endswith(NOT_HEAD):
        return ""
    if w.text in heads:
        return heads[w.text]
    if w.tag == "nt" or len(w.text) >= 3:
        for n in (3, 2, 1):
            if len(w.text) > n and w.text[-n:] in heads:
                return heads[w.text[-n:]]
    return ""


def _org_start(t: Tagged, k: int) -> int | None:
    """Index of the first word of the organisation whose head is word k, or None."""
    words, heads = t.words, org_heads()
    w = words[k]
    allowed = {"ns", "nt", "b"} if w.tag == "nt" else NAME_PART_TAGS
    i = k
    while i > 0 and k - i < MAX_ORG_WORDS:
        p = words[i - 1]
        if (p.tag not in allowed and p.text not in place_forms()) or p.text in heads:
            break
        i -= 1
    proper_later = any(tag in PROPER_TAGS for tag in words.tags[i:k])
    while proper_later and i < k and words.tags[i] not in PROPER_TAGS and words.texts[i] not in place_forms():
        if words.texts[i] in NATIONAL:
            break
        i += 1  # 战胜 + 韩国女队: common words before the first proper word are not the name
    if w.tag == "nt" and i > 0 and words.texts[i - 1] in NATIONAL:
        i -= 1  # 国家质量技术监督局
    part = words.span(i, k)
    proper = any(p.tag in PROPER_TAGS or p.text in place_forms() for p in part)
    if len(part) == 1 and part[0].text in place_forms() and w.text in BARE_HEADS:
        return None  # 美国公司, 中国大学: a kind of body in a place, not a name
    if w.text not in heads and (w.tag == "nt" or proper):
        return i
    if proper or (part and part[0].text in NATIONAL):
        return i
    return None


def _longest(found: list[Found]) -> list[Found]:
    """Drop names inside longer ones."""
    keep: list[Found] = []
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if keep and f.start < keep[-1].end:
            continue
        keep.append(f)
    return keep


def _inside(f: Found, spans: list[Found]) -> bool:
    return any(s.start <= f.start and f.end <= s.end and (s.start, s.end) != (f.start, f.end) for s in spans)


def find_entities(text: str, t: Tagged | None = None) -> list[Found]:
    """People, organisations (with companies) and places of a text; a place or person inside
    an organisation's name is the organisation's."""
    t = t or Tagged(text)
    where = places(t)
    orgs = organisations(t)
    names = people(t, place_forms())
    taken = bytearray(len(text) + 1)
    _mark(taken, orgs)
    kept_names = [f for f in names if not any(taken[f.start : f.end])]
    _mark(taken, kept_names)
    kept_places = [f for f in where if not any(taken[f.start : f.end])]
    return sorted((*orgs, *kept_names, *kept_places), key=lambda f: f.start)


def _mark(taken: bytearray, found: list[Found]) -> None:
    for f in found:
        taken[f.start : f.end] = b"\1" * (f.end - f.start)


BARE_HEADS = frozenset(("公司", "大学", "企业", "银行", "医院", "中学", "小学", "学校", "工厂", "政府", "集团"))
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
    begin = start
    while k < t.n and starts[k + 1] < end:
        tag = tags[k]
        loose = k == first or tags[k - 1] not in PROPER_TAGS
        verb = tag in ("v", "d", "ad", "vd") and texts[k] not in NAME_VERBS and loose
        if (
            (tag in CLAUSE_TAGS and texts[k] not in ("与", "和", "及"))
            or verb
            or (tag in ("m", "q", "mq") and starts[k] == begin)
        ):
            begin = starts[k + 1]
        k += 1
    if end - begin < 3 or t.text[begin:end] in org_heads() or t.text[begin:end] in GENERIC_NAMES:
        return None
    return begin


def _overlap(a: Found, b: Found) -> bool:
    return a.start < b.end and b.start < a.end and a is not b
