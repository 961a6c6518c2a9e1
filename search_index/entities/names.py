"""Companies and organisations: full names found by their suffix, walked back to where the
name starts; well-known short names from data files."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from search_index.analysis.textnorm import is_han
from search_index.entities.table import PhraseTable
from search_index.reference.gazetteer import DATA


def _words(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


# Every branch of these patterns starts with a literal character, so the regex engine skips
# straight to the positions where one may match (a branch that starts with a group, as
# ``(?:集团)?…`` or ``(?:数据|…)局``, makes it try every branch at every position: 5-8× slower).
_LEGAL = "股份有限公司|有限责任公司|有限公司|集团公司"
COMPANY_SUFFIX = re.compile(f"集团(?:{_LEGAL})|{_LEGAL}|集团")
ORG_SUFFIX = re.compile(
    r"实验室|研究院|研究所|研究中心|创新中心|服务中心|促进中心|火炬中心|国创中心"
    r"|大学|学院|医院|协会|学会|研究会|联盟|委员会|管委会|科委|科创委|智库|振兴院|工程院|科学院"
    r"|数据局|信息化局|促进局|管理局|统计局|产权局|商务局|财政局|市场监管局|规划司"
)
MAX_NAME = 26
# Phrases inside names that contain a stop character (和, 与): the walk back goes through them.
PROTECTED = (
    "工业和信息化",
    "科技创新和产业",
    "服务经济与数字治理",
    "科技园与创新区域",
    "生命科学与",
    "教育和",
    "和改革",
)
STOP_WORDS = frozenset(_words("name_stopwords.txt"))
STOP_LENGTHS = tuple(sorted({len(w) for w in STOP_WORDS}))
COMPANY_GENERIC = {
    "上市",
    "科技",
    "这家",
    "一家",
    "龙头",
    "企业",
    "产业",
    "大",
    "该",
    "本",
    "子",
    "母",
    "控股",
    "投资",
    "发展",
}
ORG_GENERIC = {
    "公共",
    "重点",
    "全国重点",
    "国家重点",
    "研发",
    "创新",
    "联合研发",
    "国家制造业",
    "科研",
    "技术",
    "技术创新",
    "国家级",
    "新型研发",
    "服务",
    "大",
    "该",
    "本",
    "这",
    "数据",
    "算力",
    "智算",
    "孵化",
    "中试",
    "协同创新",
    "产学研",
    "高新区",
    "园区",
    "高校",
    "科研院",
    "顶尖",
    "重大",
    "高能级",
    "国家",
    "国际",
    "区域",
    "产业",
    "高新区联",
    "国家高新区",
    "三甲",
    "二甲",
    "天宫系列空间",
}
GENERIC_ENDS = {"company": tuple(COMPANY_GENERIC), "org": tuple(ORG_GENERIC)}
ADMIN_SUFFIXES = ("局", "委", "管委会", "委员会", "司")
BAD_NEXT = {"局": "面势部限", "院": "校线子落", "学": "生者科"}


@dataclass(frozen=True)
class NameHit:
    """A company or organisation name in a key: [start, end), type, canonical value."""

    start: int
    end: int
    type: str  # company | org
    value: str


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@cache
def known_table(extra: tuple[tuple[str, str, tuple[str, ...]], ...] = ()) -> PhraseTable:
    """Known short company names and organisations (with abbreviations) as a phrase table."""
    table = PhraseTable()
    for kind, file in (("company", "companies.tsv"), ("org", "orgs.tsv")):
        for row in _rows(file):
            for form in (row["name"], *filter(None, (row.get("aliases") or "").split(";"))):
                table.add(form, (kind, row["name"]))
    for kind, name, aliases in extra:
        for form in (name, *aliases):
            table.add(form, (kind, name))
    return table


def _name_start(key: str, end_of_core: int, floor: int, protected: bytes | bytearray = b"") -> int:
    """Walk back from the suffix over name characters until a stop word, punctuation or digit
    (``protected``: :func:`_protected_marks` of the key, computed here when not given)."""
    protected = protected or _protected_marks(key)
    i = end_of_core
    limit = max(floor, end_of_core - MAX_NAME)
    while i > limit:
        ch = key[i - 1]
        if ch == ")":
            opened = key.rfind("(", limit, i - 1)
            if opened > limit and i - opened <= 10 and is_han(key[opened - 1]):
                i = opened
                continue
            break
        if not (is_han(ch) or (ch.isascii() and ch.isalnum()) or ch == "·"):
            break
        if ch.isdigit():
            break
        if protected[i - 1]:
            i -= 1
            continue
        for n in STOP_LENGTHS:
            if i - n >= limit and key[i - n : i] in STOP_WORDS:
                return i
        i -= 1
    return i


def _protected_marks(key: str) -> bytearray:
    """1 at every key position inside a protected phrase (overlapping occurrences too)."""
    marks = bytearray(len(key) + 1)
    for phrase in PROTECTED:
        start = key.find(phrase)
        while start != -1:
            marks[start : start + len(phrase)] = b"\1" * len(phrase)
            start = key.find(phrase, start + 1)
    return marks


def find_names(key: str, zones: list[tuple[int, int]], known: list[tuple[int, int]] | tuple[()] = ()) -> list[NameHit]:
    """Full company and organisation names, longest first, without overlaps of one type."""
    hits: list[NameHit] = []
    anchors = [*zones, *known]
    protected = _protected_marks(key)
    for pattern, kind, generic in ((COMPANY_SUFFIX, "company", COMPANY_GENERIC), (ORG_SUFFIX, "org", ORG_GENERIC)):
        taken: list[tuple[int, int]] = []
        for m in pattern.finditer(key):
            if key[m.end() : m.end() + 1] and key[m.end()] in BAD_NEXT.get(m.group(0)[-1], ""):
                continue
            start = _name_start(key, m.start(), 0, protected)
            start = _extend_over(start, anchors)
            if kind == "company" or not m.group(0).endswith(ADMIN_SUFFIXES):
                start = _skip_zone_prefix(start, m.start(), zones, key)
            core = key[start : m.start()]
            if len(core) < 2 or core in generic or (core.endswith(GENERIC_ENDS[kind]) and len(core) <= 3):
                continue
            if key[m.start() - 1 : m.start()] == "公" and m.group(0) == "司":
                continue
            span = (start, m.end())
            if any(s <= span[0] and span[1] <= e for s, e in taken):
                continue
            taken.append(span)
            hits.append(NameHit(start, m.end(), kind, key[start : m.end()]))
    return hits


def _extend_over(start: int, spans) -> int:
    """A walk back that stopped inside a known name (工业和信息化部…) takes the whole name."""
    for s, e in spans:
        if s < start < e:
            return s
    return start


def _skip_zone_prefix(start: int, core_end: int, zones: list[tuple[int, int]], key: str = "") -> int:
    """'唐山高新区唐山百川…公司': the zone in front is where the company is, not its name."""
    for s, e in zones:
        if s == start and e < core_end - 1 and _area_form(key, s, e):
            return e
    return start


def _area_form(key: str, s: int, e: int) -> bool:
    return key[s:e].endswith(("高新区", "园区", "开发区", "示范区", ")"))
