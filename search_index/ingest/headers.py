"""Header blocks of one-article files: the lines a crawler or a portal writes around a story.

A crawled item typically opens ``title / 2024-03-01 19:09:37 / 央视网 / https://… / blank``
and may close with ``责任编辑：…``. Such lines are metadata (title, date, outlet, URL,
authors, column), not text. The rules fit kinds of line, not outlets:

* a **title**: the first line, when it is not a sentence (no 。, not too long);
* a **column kicker** on its own line, ``【一线调研·加快形成新质生产力】``, or opening the title;
* **date/time** lines: ``2024-03-01 19:09:37``, ``2024年3月1日 09:15``, optionally followed by
  labelled fields or an outlet on the same line;
* **labelled fields**: ``发布时间：…``, ``来源：新华社``, ``作者：…``, ``责任编辑：…``, several on
  one line (``时间：… 来源：…``), optionally in brackets (``（来源：经济日报）``);
* an **outlet** alone on a line (``央视网``, ``人民网-人民日报``): a short name ending like an
  outlet (…网, …报, …社, …台, …新闻) or a well-known one, only inside the opening block;
* a **URL**, a **doc id** (``文档ID: …``, a bare long hex or number), an **author line**
  (``记者 张三 李四``) and **editor lines** (``编辑：…``), at either end.

Editors are kept with the authors (after them): both answer "who" for a researcher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from search_index.dates.printed import normalize_date
from search_index.ingest.layout import DATELINE, LEAD

MAX_TOP_LINES = 12  # header lines looked at from the top (blank lines not counted)
MAX_TAIL_LINES = 5  # and from the bottom
TITLE_MAX = 64

_HAN = r"[\u4e00-\u9fff]"
_NAME = rf"{_HAN}[\u4e00-\u9fff·]{{1,7}}"
_DATE = r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
_TIME = r"\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?"
_ZONE = r"(?:\s*(?:Z|[+-]\d\d:?\d\d))?"
_WEEKDAY = r"(?:星期|周)[一二三四五六日天]"
DATE_LEAD = re.compile(
    rf"^[\[（(]?\s*(?P<date>{_DATE})(?:[\sT]*(?P<time>{_TIME}){_ZONE})?\s*(?:{_WEEKDAY})?(?:\s*农历[\u4e00-\u9fff]{{2,8}})?\s*[\]）)]?\s*"
)
# A newspaper masthead line: 经济日报  2025年1月2日  星期五  第3版. The name ends where the
# first space is, so it is taken possessively (no retrying of its every length on a sentence).
MASTHEAD = re.compile(rf"^(?P<name>\S{{2,16}}+)\s+(?P<date>{_DATE})\s*(?:{_WEEKDAY})?\s*(?:第\s*\d+\s*版.*)?$")
URL = re.compile(r"^(?:(?:原文)?链接|网址|原文地址|URL|url|Link|link)?\s*[：:]?\s*(?P<url>(?:https?://|www\.)\S+)$")
DOC_ID = re.compile(
    r"^(?:(?:文档|文章|稿件|新闻|信息)?(?:ID|Id|id|编号|索引号)\s*[：:]\s*[\w./-]{3,}|[0-9a-fA-F]{16,64}|\d{6,20})$"
)
DATE_ANYWHERE = re.compile(rf"{_DATE}(?:[\sT]*{_TIME}{_ZONE})?")
TRAILING_DATE = re.compile(rf"^(?P<title>.*\S)\s+(?P<date>{_DATE}(?:[\sT]*{_TIME}{_ZONE})?)$")
URL_DAY = re.compile(r"/t?(?P<y>20\d\d)[/-]?(?P<m>[01]\d)[/-]?(?P<d>[0-3]\d)(?=[/_.-])")
MD_HEADING = re.compile(r"^#{1,6}\s+")
TITLE_LABEL = re.compile(r"^(?:标题|题目|新闻标题)\s*[：:]\s*(?P<title>\S.*)$")
KICKER = re.compile(r"^【(?P<column>[^【】]{2,40})】\s*(?P<rest>.*)$")
DATE_LABELS = "发布时间|发布日期|发稿时间|更新时间|发表时间|时间|日期"
SOURCE_LABELS = "来源|稿源|出处|新闻来源|信息来源|来源于|本文来源|文章来源|转载来源|转自"
AUTHOR_LABELS = "作者|记者|撰文|撰稿|通讯员|本报记者|特约记者|摄影|摄像|文"
EDITOR_LABELS = "责任编辑|责编|编辑|审核|审校|校对|监制|主编|编审|值班编辑"
IGNORED_LABELS = "字号|字体|浏览|浏览次数|阅读|阅读量|点击|点击数|分享到|分享|原标题|打印"
# each kind's labels as a set: ``label in _DATE_LABELS`` is ``re.fullmatch(DATE_LABELS, label)``
_DATE_LABELS, _SOURCE_LABELS, _AUTHOR_LABELS, _EDITOR_LABELS = (
    frozenset(labels.split("|")) for labels in (DATE_LABELS, SOURCE_LABELS, AUTHOR_LABELS, EDITOR_LABELS)
)
LABEL = re.compile(
    rf"(?P<label>{DATE_LABELS}|{SOURCE_LABELS}|{EDITOR_LABELS}|{AUTHOR_LABELS}|{IGNORED_LABELS})"
    r"\s*(?:[：:]|[｜|](?=\s*[\u4e00-\u9fff]))\s*"  # 来源：新华社, 文｜张三
)
# Page furniture a crawler keeps: 【纠错】【打印】, 小字号, 分享到：
FURNITURE = re.compile(r"【(?:纠错|打印|关闭|关闭窗口|收藏|分享|返回顶部|我要纠错)】|^[大中小]字号$|^分享到[：:]?$")
_FURNITURE_STARTS = ("大", "中", "小", "分享到")  # how a line FURNITURE finds something in starts (or it holds 【)
NAMED_LINE = re.compile(
    rf"^[（(\[]?\s*(?P<label>本报记者|特约记者|记者|通讯员|{EDITOR_LABELS})\s+(?P<names>{_NAME}(?:[\s、，,]+{_NAME}){{0,5}})"
    r"\s*(?:报道|采写|摄)?\s*[）)\]]?$"
)
OUTLET_END = re.compile(r"(?:网|报|社|台|卫视|广电|融媒|新闻|日报|晚报|时报|周刊|杂志|客户端|频道|在线|资讯|财经|号)$")
KNOWN_OUTLETS = frozenset(
    [
        "新华社",
        "新华网",
        "人民网",
        "人民日报",
        "央视网",
        "央视新闻",
        "中国新闻网",
        "中新网",
        "中新社",
        "光明网",
        "经济日报",
        "科技日报",
        "澎湃新闻",
        "界面新闻",
        "第一财经",
        "36氪",
        "虎嗅",
        "钛媒体",
        "财新",
        "财联社",
        "证券时报",
        "上观新闻",
        "红星新闻",
        "南方+",
        "学习强国",
    ]
)
SHORT_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·+-]{2,10}")
OUTLET_MAX = 16  # the longest outlet name (and SHORT_NAME's longest)
# The openings a header line longer than OUTLET_MAX needs, one per pattern _meta_line tries
# (a line starting with 【 aside): what each pattern must match first.
_MAY_BE_META = re.compile(
    "|".join(
        [
            r"\S{2,16}+\s+(?:19|20)\d\d",  # MASTHEAD
            r"(?:(?:原文)?链接|网址|原文地址|URL|url|Link|link)?\s*[：:]?\s*(?:https?://|www\.)",  # URL
            DOC_ID.pattern[1:],  # DOC_ID, whole
            rf"[（(\[]?\s*(?:本报记者|特约记者|记者|通讯员|{EDITOR_LABELS})\s",  # NAMED_LINE
            rf"[\[（(]?\s*{_DATE}",  # DATE_LEAD
            r"[（()）\[\]【】|｜/ ]*" + LABEL.pattern,  # _fields: a label after the characters it strips
        ]
    )
)
_SENTENCE = re.compile(r"[。；;]|[，,].*[，,]")
_NOT_NAMES = {"报道", "采写", "本报", "记者", "通讯员", "实习生", "编辑", "责任编辑"}
_NAME_SEPARATORS = re.compile(r"[\s、，,/;；]+")
_PERSON_NAME = re.compile(r"[\u4e00-\u9fff·A-Za-z]{2,8}")
_NOT_OUTLET_CHARS = re.compile(r"[\s，。、；：！？,.;:!?“”\"]")
_OUTLET_PARTS = re.compile(r"[-—|｜]")


@dataclass
class Header:
    """Metadata read from a file's header (and trailer) lines, and which lines they were."""

    title: str = ""
    date: str = ""
    publication: str = ""
    url: str = ""
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    column: str = ""
    doc_id: str = ""
    date_from: str = "header"  # or "url" when only the URL's path carries the day
    lines: list[int] = field(default_factory=list)  # 0-based indexes of the lines consumed
    strong: bool = False  # a line only a crawler or portal writes (URL, timestamp, labelled field, id)

    @property
    def people(self) -> list[str]:
        """Authors, then editors, each once."""
        return list(dict.fromkeys([*self.authors, *self.editors]))


def read_header(lines: list[str]) -> Header:
    """The header block at the top of ``lines`` and the trailer at their bottom."""
    head = Header()
    _read_top(lines, head)
    _read_tail(lines, head)
    if not head.date and head.url:
        head.date = url_date(head.url)
        head.date_from = "url" if head.date else ""
    return head


def url_date(url: str) -> str:
    """The day a news URL's path carries (``/2024/03/01/``, ``/202403/t20240301_…``,
    ``/2024-03-01/``), or ""."""
    m = URL_DAY.search(url)
    if not m:
        return ""
    day = normalize_date(f"{m['y']}-{m['m']}-{m['d']}")
    return day if len(day) == 10 else ""


def _read_top(lines: list[str], head: Header) -> None:
    seen, date_line = 0, -2
    for i, raw in enumerate(lines):
        t = _clean(raw)
        if not t:
            continue
        seen += 1
        if seen > MAX_TOP_LINES:
            return
        dated = bool(head.date)
        if _meta_line(t, head, top=True, after_date=date_line == i - 1):
            head.lines.append(i)
            date_line = i if head.date and not dated else date_line
            continue
        if not head.title and _take_title(t, lines, i, head):
            head.lines.append(i)
            continue
        if head.title and t.startswith(("——", "—", "--")):  # a subtitle stays text; the header goes on
            continue
        return


def _read_tail(lines: list[str], head: Header) -> None:
    taken = set(head.lines)
    seen = 0
    for i in range(len(lines) - 1, -1, -1):
        if i in taken:
            return
        t = _clean(lines[i])
        if not t:
            continue
        seen += 1
        if seen > MAX_TAIL_LINES or not _meta_line(t, head, top=False):
            return
        head.lines.append(i)


def _clean(raw: str) -> str:
    return raw.replace("\u3000", " ").replace("\xa0", " ").strip()


def _take_title(t: str, lines: list[str], i: int, head: Header) -> bool:
    """The first line is the title when it reads as one, not as a sentence or a dateline;
    after a kicker, or after crawler lines (a URL first) when a header line or a blank follows."""
    t = MD_HEADING.sub("", t)  # a Markdown file's "# 标题"
    labelled = TITLE_LABEL.match(t)
    if labelled:
        head.title = labelled["title"]
        return True
    if head.lines and not head.column and not (head.strong and _block_goes_on(lines, i)):
        return False
    glued = TRAILING_DATE.match(t)  # 外企有序复产多措并举稳外资 2020-02-14 19:47:38
    stamp = ""
    if glued and _title_like(glued["title"]):
        t, stamp = glued["title"], glued["date"]
    m = KICKER.match(t)
    if m and m["rest"]:
        if not _title_like(m["rest"]):
            return False
        head.column = head.column or m["column"]
        t = m["rest"]
    elif not _title_like(t):
        return False
    head.title = t
    if stamp:
        _date(head, stamp)
    return True


def _block_goes_on(lines: list[str], i: int) -> bool:
    """The line after ``i`` is blank or another header line."""
    following = _clean(lines[i + 1]) if i + 1 < len(lines) else ""
    return not following or _meta_line(following, Header(strong=True), top=True)


def _title_like(t: str) -> bool:
    size = len(t.replace(" ", ""))
    if size < 2 or size > TITLE_MAX or _SENTENCE.search(t) or DATELINE.match(t) or LEAD.match(t):
        return False
    return not t.endswith(("。", "：", ":", "，", ",")) and not (size > 40 and t.endswith(("！", "？", "!", "?")))


def _meta_line(t: str, head: Header, top: bool, after_date: bool = False) -> bool:
    """Read one header line into ``head``; False when it is not a header line."""
    t = without_furniture(t)
    if not t:
        return True
    if len(t) > OUTLET_MAX and not t.startswith("【") and not _MAY_BE_META.match(t):
        return False  # no pattern below can match, and the line is too long for an outlet
    if t.startswith("【") and _fields(t, head):  # 【责任编辑：…】, 【字体：大 中 小】
        return True
    m = KICKER.fullmatch(t)
    if m and not m["rest"] and top and not head.column:
        head.column = m["column"]
        return True
    m = MASTHEAD.match(t)
    if m and top and not head.title and _outlet_like(m["name"]):
        head.publication = head.publication or m["name"]
        _date(head, m["date"])
        return True
    m = URL.match(t)
    if m:
        head.url = head.url or m["url"]
        head.strong = True
        return True
    if DOC_ID.match(t):
        head.doc_id = head.doc_id or t.split("：")[-1].split(":")[-1].strip()
        head.strong = True
        return True
    m = NAMED_LINE.match(t)
    if m:
        _people(head, m["label"], m["names"])
        return True
    d = DATE_LEAD.match(t)
    rest = t[d.end() :] if d else t
    if not (d or rest) or (
        rest and not _fields(rest, head) and not _outlet_after(rest, head, top, bool(d) or after_date)
    ):
        return False
    if d:
        _date(head, d["date"] + " " + (d["time"] or ""))
    return True


def without_furniture(t: str) -> str:
    """The line without page furniture (``FURNITURE``), stripped; searched only in a line
    that holds 【 or starts as a furniture line does."""
    if "【" in t or t.startswith(_FURNITURE_STARTS):
        t = FURNITURE.sub("", t)
    return t.strip()


def _outlet_after(t: str, head: Header, top: bool, dated: bool) -> bool:
    """An outlet alone on a line in the opening block: a name shaped like an outlet's, or
    any short name on the line right after a date (where crawlers put the outlet)."""
    if top and (_outlet_like(t) or (dated and SHORT_NAME.fullmatch(t))) and (dated or head.title or head.strong):
        head.publication = head.publication or t
        return True
    return False


def _fields(t: str, head: Header) -> bool:
    """``label：value`` pairs covering the whole line (inside brackets or not)."""
    inner = t.strip("（()）[]【】|｜/ ")
    if not LABEL.match(inner):  # the first label must open the line (no scan of a sentence for one)
        return False
    matches = list(LABEL.finditer(inner))
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(inner)
        value = inner[m.end() : end].strip(" |｜/")
        stamp = DATE_ANYWHERE.search(value)
        if stamp and m["label"] not in _DATE_LABELS:  # 作者：张三 2024-03-01 10:00
            _date(head, stamp.group(0))
            value = (value[: stamp.start()] + " " + value[stamp.end() :]).strip(" |｜/")
        _field(head, m["label"], value)
    return True


def _field(head: Header, label: str, value: str) -> None:
    if not value:
        return
    if label in _DATE_LABELS:
        _date(head, value)
    elif label in _SOURCE_LABELS:
        head.publication = head.publication or value.split()[0]
    elif label in _EDITOR_LABELS or label in _AUTHOR_LABELS:
        _people(head, label, value)
    head.strong = True


def _date(head: Header, value: str) -> None:
    if head.date:  # the first date stays
        return
    found = normalize_date(value)
    if found:
        head.date = found
        head.strong = True


def _people(head: Header, label: str, value: str) -> None:
    names = [n for n in _NAME_SEPARATORS.split(value) if n and n not in _NOT_NAMES]
    names = [n for n in names if _PERSON_NAME.fullmatch(n)]
    target = head.editors if label in _EDITOR_LABELS else head.authors
    target.extend(n for n in names if n not in target)


def _outlet_like(t: str) -> bool:
    if t in KNOWN_OUTLETS:
        return True
    size = len(t)
    if size < 2 or size > OUTLET_MAX or _NOT_OUTLET_CHARS.search(t):
        return False
    return all(part in KNOWN_OUTLETS or OUTLET_END.search(part) for part in _OUTLET_PARTS.split(t) if part)
