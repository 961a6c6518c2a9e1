"""People: reporters from bylines, and names introduced by a role (公司副总裁朱洁, 院士郑纬民)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from search_index.reference.gazetteer import DATA


def _words(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


FOREIGN = re.compile(r"[\u4e00-\u9fff]{1,5}·[\u4e00-\u9fff]{1,6}")
AFTER_NAME = tuple(_words("after_name.txt"))
NOT_NAMES = {
    "北京",
    "上海",
    "天津",
    "重庆",
    "江苏",
    "南京",
    "杭州",
    "武汉",
    "成都",
    "深圳",
    "西安",
    "苏州",
    "合肥",
    "长沙",
    "郑州",
    "福州",
    "厦门",
    "宁波",
    "无锡",
    "唐山",
    "宝鸡",
    "记者",
    "高新",
    "董事",
    "主任",
    "院长",
    "表示",
    "介绍",
    "万家",
    "千家",
    "百家",
}


@dataclass(frozen=True)
class PersonHit:
    """A person: name span in the key, name, role and the organisation before the role."""

    start: int
    end: int
    name: str
    role: str = ""
    org: str = ""


@cache
def roles() -> tuple[str, ...]:
    """Titles that introduce a name, longest first."""
    lines = (DATA / "roles.txt").read_text(encoding="utf-8").splitlines()
    return tuple(sorted((ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")), key=len, reverse=True))


@cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character surnames, compound surnames)."""
    single: set[str] = set()
    compound: set[str] = set()
    for ln in (DATA / "surnames.txt").read_text(encoding="utf-8").splitlines():
        if ln.startswith("#") or not ln.strip():
            continue
        for part in ln.split():
            if len(part) == 2:
                compound.add(part)
            else:
                single.update(part)
    return frozenset(single), frozenset(compound)


COMMON_SURNAMES = 200  # the first line of surnames.txt is ordered by how many people bear them


@cache
def common_surnames() -> frozenset[str]:
    """The most borne single-character surnames (王, 李, 张 … the first 200)."""
    for ln in (DATA / "surnames.txt").read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            return frozenset(ln.strip()[:COMMON_SURNAMES])
    return frozenset()


def _followed_ok(key: str, end: int) -> bool:
    return end >= len(key) or key.startswith(AFTER_NAME, end)


def name_at(key: str, pos: int) -> str:
    """The personal name starting at ``pos``, or '' (precision first)."""
    m = FOREIGN.match(key, pos)
    if m:
        dot = m.group(0).index("·")
        for end in range(pos + dot + 2, m.end() + 1):
            if _followed_ok(key, end):
                return key[pos:end]
    single, compound = surnames()
    head = 2 if key[pos : pos + 2] in compound else 1 if key[pos : pos + 1] in single else 0
    if not head:
        return ""
    for size in (head + 2, head + 1):
        cand = key[pos : pos + size]
        han = len(cand) == size and all("\u4e00" <= c <= "\u9fff" for c in cand)
        if han and _followed_ok(key, pos + size) and cand not in NOT_NAMES and not _clause(cand):
            return cand
    return ""


COMMON = 1000  # a dictionary word seen more often than this is a word first


@lru_cache(maxsize=100_000)
def _clause(cand: str) -> bool:
    """记者时表示, 主任商量过: after a role, a surname-like character starts a clause when the
    rest is a common verb (表示) or a common word and a particle (商量 + 过)."""
    from search_index.analysis.pos import freq, tag

    if len(cand) != 3:
        return False
    tail = tag(cand[1:])
    if len(tail) == 1 and tail[0].tag.startswith("v") and freq(cand[1:]) > COMMON:
        return True
    head = tag(cand[:2])
    return (
        len(head) == 1
        and head[0].tag not in ("nr", "nrfg", "nrt")
        and freq(cand[:2]) > COMMON
        and cand[2] in "过了着的地得"
    )


@cache
def _role_pattern() -> re.Pattern:
    """Any role, longest first."""
    return re.compile("|".join(map(re.escape, roles())))


ASIDE = re.compile(r"\([^()]{1,12}\)")  # a short aside in brackets


def _role_gap(gap: str) -> bool:
    """Between an organisation and the role only other roles or a department may stand
    (联盟副理事长兼秘书长, 火炬中心高新区发展处处长)."""
    if "(" in gap:
        gap = ASIDE.sub("", gap)
    return len(gap) <= 10 and not any(ch in gap for ch in ",。;:!?()“”、") and "记者" not in gap


def find_people(key: str, orgs: list[tuple[int, int, str]]) -> list[PersonHit]:
    """Names after a role, with the role and the organisation right before it."""
    found: list[PersonHit] = []
    for m in _role_pattern().finditer(key):
        name = name_at(key, m.end())
        if not name:
            continue
        org = next((v for s, e, v in reversed(orgs) if e <= m.start() and _role_gap(key[e : m.start()])), "")
        found.append(PersonHit(m.end(), m.end() + len(name), name, m.group(0), org))
    return found


def remention_spans(key: str, names: set[str], taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Later mentions of names already found (夏立雪说), outside spans already taken."""
    out = []
    mask = bytearray(len(key) + 1)
    for s, e in taken:
        mask[s:e] = b"\1" * (e - s)
    for name in names:
        start = key.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(mask[start:end]):
                out.append((start, end, name))
            start = key.find(name, start + 1)
    return out
