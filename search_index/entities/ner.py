"""People, organisations and places in any news, from jieba's tagged words.

jieba's tags for dictionary words are often wrong (明白, 卫星 and 莫斯科 carry ``nr``), so a
tag proposes and the word's shape and context decide: a dictionary word needs a title or a
verb of speech beside it to count as a name; a word the dictionary lacks (an unseen name
the HMM put together) needs a surname or a transliteration's letters. Places come from the
administrative divisions and world tables, aligned to word boundaries; organisations are a
head word (部, 委员会, 公司, 队 …) with the proper words before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..gazetteer import DATA
from ..segment import tokenizer
from .people import surnames
from .pos import Word, freq, tag

NAME_TAGS = ("nr", "nrfg", "nrt")
TRANSLIT = set(
    "阿埃艾爱安昂奥巴拜班邦包保鲍贝本比彼毕波伯勃博布查达戴丹道德登迪蒂丁东杜多厄恩法菲费芬丰弗福"
    "伏盖甘冈高戈格根古哈海汉豪赫亨胡华霍基吉加贾杰金卡凯坎康柯科克肯库夸奎拉莱兰朗劳勒雷蕾里理利"
    "莉丽连列林琳卢鲁路伦罗洛马玛迈麦曼梅门蒙米密明莫默姆穆纳娜奈南内尼涅宁纽努诺欧帕派潘佩珀皮"
    "平普齐奇乔切钦琼丘萨塞桑瑟森沙莎尚舍什史斯松苏索塔泰坦汤唐特梯提图托瓦万维温沃乌武西希夏辛"
    "休雅亚扬耶伊因英尤于约泽扎詹赞珍兹佐舒蒲倍季茨芙黛娃妮茜璐尔夫顿逊森默瑞德莱蒂琪姆斯"
)
NOT_NAME_END = set("性化值率者家们型式界业区市县省路街村镇乡山河湖江海港站队部局委厂店馆楼门主尖科雨")
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
GLUED_TAIL = set("说是去在和等对向把被也都就还又将")
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
    """Every character a transliteration letter (普里马科夫, 克林顿)."""
    return len(word) >= 2 and all(c in TRANSLIT for c in word)


class Tagged:
    """The tagged words of one text with lookups the rules share."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = tag(text)

    def at(self, i: int) -> str:
        return self.words[i].text if 0 <= i < len(self.words) else ""


def _context(t: Tagged, i: int, j: int) -> bool:
    """A title or verb of speech beside words i..j-1, or a list mark beside a name tag."""
    before, after = person_context()
    prev, nxt = t.at(i - 1), t.at(j)
    return prev in before or nxt in after or any(nxt.startswith(w) for w in after if len(w) >= 2)


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


def people(t: Tagged, places: set[str]) -> list[Found]:
    """Names of people: the tag proposes, shape and context decide."""
    return [f for f in _people(t, places) if not _in_set_phrase(t.text, f.start, f.end)]


def _people(t: Tagged, places: set[str]) -> list[Found]:
    out: list[Found] = []
    words, i = t.words, 0
    while i < len(words):
        j, name = _person_at(t, i, places)
        if name:
            out.append(Found(words[i].start, words[i].start + len(name), "person", name))
            i = j
        else:
            i += 1
    return out


def _person_at(t: Tagged, i: int, places: set[str]) -> tuple[int, str]:
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
    if not w.known and named and chinese_shape(word) and not common:
        return i + 1, word
    if chinese_shape(word) and not named and not w.known and titled(t, i):
        return i + 1, word
    if chinese_shape(word) and named and (context or listed or (len(word) == 3 and not common)):
        return i + 1, word
    if foreign_shape(word) and named and (context or (len(word) >= 3 and not common)):
        return i + 1, word
    return 0, ""


def _in_phrase(t: Tagged, i: int) -> bool:
    """The word ends or starts a longer dictionary word cut apart (真|金白银 of 真金白银)."""
    has = tokenizer().has_word
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
    if nxt.text in NOT_GIVEN or not chinese_shape(whole) or (nxt.known and len(nxt.text) == 2):
        return None
    if w.tag in NAME_TAGS and (nxt.tag in NAME_TAGS or (len(nxt.text) == 1 and not w.known)):
        return i + 2, whole
    return None


def _foreign_run(t: Tagged, i: int) -> tuple[int, str] | None:
    """尤尔 + 科夫: transliterated pieces the HMM did not join."""
    j = i
    while j < len(t.words) and foreign_shape(t.words[j].text) and (not t.words[j].known or t.words[j].tag == "nrt"):
        j += 1
    if j - i >= 2 and any(t.words[k].tag in NAME_TAGS for k in range(i, j)):
        return j, "".join(w.text for w in t.words[i:j])
    return None


def titled(t: Tagged, i: int) -> bool:
    """A title right before or after word i (总统普京, 桥本首相)."""
    before, after = person_context()
    prev, nxt = t.at(i - 1), t.at(i + 1)
    return ((prev in before or prev[-2:] in before) and prev not in VERBS) or (nxt in after and nxt not in VERBS)


def _plain_name(word: str, w: Word) -> bool:
    return 2 <= len(word) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in word) and w.tag in (*NAME_TAGS, "ns", "nz")


def _dotted(t: Tagged, i: int) -> tuple[int, str] | None:
    """科菲·安南: transliterations joined by a middle dot."""
    j, parts = i, []
    while j < len(t.words) and foreign_shape(t.words[j].text):
        parts.append(t.words[j].text)
        if t.at(j + 1) in ("·", "•", "・") and foreign_shape(t.at(j + 2)):
            parts.append("·")
            j += 2
        else:
            break
    if "·" in parts:
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
}
PAIR_TAILS = ("关系", "两国", "双方", "双边", "会谈", "合作", "贸易", "首脑", "峰会", "边境", "友好", "之间", "联合")
VISIT_HEADS = ("访", "来", "在", "驻", "抵", "离", "赴", "援", "旅", "对")


@cache
def place_forms() -> dict[str, str]:
    """Every written form of a place → its canonical name: divisions (provinces, cities,
    counties) with short forms, then countries, regions and foreign cities."""
    from .places import division_forms, world_forms

    forms: dict[str, str] = {}
    for form, name in (*division_forms(), *world_forms()):
        forms.setdefault(form, name)
    return forms


def places(t: Tagged) -> list[Found]:
    """Places on word boundaries (one to three words), pairs of abbreviations (中美, 访华)."""
    forms = place_forms()
    out: list[Found] = []
    words, i = t.words, 0
    while i < len(words):
        for n in (3, 2, 1):
            span = "".join(w.text for w in words[i : i + n])
            if len(words[i : i + n]) == n and span in forms:
                out.append(Found(words[i].start, words[i + n - 1].end, "place", forms[span]))
                i += n
                break
        else:
            out += _abbreviated(words[i])
            out += _suffixed(words[i])
            i += 1
    return out


def _abbreviated(w: Word) -> list[Found]:
    """中美关系, 美俄, 访华: one-character names of countries and cities."""
    text = w.text
    if len(text) == 2 and text[0] in VISIT_HEADS and text[1] in "华美日俄英法德韩":
        return [Found(w.start + 1, w.end, "place", ABBREVIATIONS[text[1]])]
    head = next((text[: -len(t)] for t in PAIR_TAILS if text.endswith(t)), text)
    pair = 2 <= len(head) <= 3 and all(c in ABBREVIATIONS for c in head) and len(set(head)) == len(head)
    if pair and (head != text or w.tag in ("ns", "j", "t", "nt") or not w.known):
        return [Found(w.start + k, w.start + k + 1, "place", ABBREVIATIONS[c]) for k, c in enumerate(head)]
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


def organisations(t: Tagged) -> list[Found]:
    """Names ending in a head word, walked back over proper and noun words; fixed names."""
    heads, fixed = org_heads(), org_names()
    out: list[Found] = []
    words = t.words
    for k, w in enumerate(words):
        for n in (3, 2, 1):
            span = "".join(x.text for x in words[k : k + n])
            if len(words[k : k + n]) == n and span in fixed:
                out.append(Found(w.start, words[k + n - 1].end, *fixed[span]))
                break
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
    return _longest([Found(f.start, f.end, f.type, f.value or t.text[f.start : f.end]) for f in out])


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
    allowed = PROPER_TAGS | {"b"} if w.tag == "nt" else NAME_PART_TAGS
    i = k
    while i > 0 and k - i < MAX_ORG_WORDS:
        p = words[i - 1]
        if p.tag not in allowed or p.text in heads:
            break
        i -= 1
    part = words[i:k]
    proper = any(p.tag in PROPER_TAGS or p.text in place_forms() for p in part)
    if w.text not in heads and (w.tag == "nt" or proper):
        return i
    if proper or (part and part[0].text in NATIONAL):
        return i
    return None


def _longest(found: list[Found]) -> list[Found]:
    """Drop names inside longer ones."""
    keep = []
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if keep and f.start < keep[-1].end:
            continue
        keep.append(f)
    return keep


def _inside(f: Found, spans: list[Found]) -> bool:
    return any(s.start <= f.start and f.end <= s.end and (s.start, s.end) != (f.start, f.end) for s in spans)


def find_entities(text: str) -> list[Found]:
    """People, organisations (with companies) and places of a text; a place or person inside
    an organisation's name is the organisation's."""
    t = Tagged(text)
    where = places(t)
    orgs = organisations(t)
    names = people(t, set(place_forms()))
    kept_names = [f for f in names if not any(_overlap(f, o) for o in orgs)]
    kept_places = [f for f in where if not any(_overlap(f, o) for o in (*orgs, *kept_names))]
    return sorted((*orgs, *kept_names, *kept_places), key=lambda f: f.start)


def _overlap(a: Found, b: Found) -> bool:
    return a.start < b.end and b.start < a.end and a is not b
