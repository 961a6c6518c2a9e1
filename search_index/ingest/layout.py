"""Reflow an OCR'd page into units: paragraphs, headings, bylines, datelines, captions.

Lines wrapped at column width join into paragraphs; a line that does not end a sentence
continues into the next one, also across blank lines. A short block dropped into the middle
of a sentence (a photo caption, a column logo) is lifted out as its own unit.
"""

from __future__ import annotations

import html
import re
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import repeat

from search_index.analysis.display import clean_line, ends_terminal, letter_spaced, tighten_body
from search_index.analysis.segment import spans_boundary
from search_index.analysis.textnorm import is_ascii_word

NAME_CHAR = r"[\u4e00-\u9fff·]"
NAME = NAME_CHAR + "{2,6}"
BYLINE_MARK = re.compile(r"^[►▶■●◆▲▼]\s*")
BYLINE_BODY = re.compile(rf"^(?:本报记者|本报通讯员|记者|通讯员|特约记者|文/图|文)?\s*((?:{NAME}\s*){{1,5}})$")
BYLINE_PLAIN = re.compile(rf"^(?:本报记者|本报特约记者|记者)\s*((?:{NAME}\s*){{1,5}})$")
LEAD = re.compile(r"^本报(?:讯|[\u4e00-\u9fff]{1,8}\d{1,2}月\d{1,2}日电)\s*(?:[（(]([^）)]{0,40})[）)])?")
DATELINE_SOURCES = ("新华社", "中新社", "人民网", "央视网", "光明网", "经济日报")
DATELINE = re.compile(rf"^({'|'.join(DATELINE_SOURCES)})([\u4e00-\u9fff]{{0,10}}?)(\d{{1,2}})月(\d{{1,2}})日电")
SOURCE = re.compile(r"^《([^》]{2,20})》\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
CREDIT = re.compile(
    rf"(?:新华社记者\s*{NAME}\s*/?\s*摄|本报记者\s*{NAME}\s*/?\s*摄|{NAME}\s*/\s*摄"
    rf"|[（(]\s*{NAME}\s*摄\s*[）)]|新华社发(?:\s*[（(]\s*{NAME}\s*摄\s*[）)])?)\s*$"
)


def credit_in(text: str) -> re.Match | None:
    """``CREDIT.search(text)``, searched only in a text holding a credit's mark (摄, 新华社发),
    which each of its forms has: a paragraph is not tried at every character for a name."""
    return CREDIT.search(text) if "摄" in text or "新华社发" in text else None


ELLIPSIS = re.compile(r"^[…\.·。]{2,}$")
HEAD_START_BAD = re.compile(r"^(?:在|从|对|据|将|把|被|以|为|与|和|随着|截至|由于|由|向|当|如|但|而|并|且|等)")
HEAD_END_BAD = re.compile(r"(?:[的和与及在对把被从向为将以等、“《（\-—]|\d\s*[个家名位项台种年月日亿万元余多]?)$")
INNER_PUNCT = re.compile(r"[，。；！？,;!?]")
SPACED_WORDS = re.compile(r"[\u4e00-\u9fff”」》] +[“「《\u4e00-\u9fff]")
TAG = re.compile(r"<[^>\n]{1,200}>")


@dataclass
class Line:
    """One non-blank source line, display-cleaned."""

    no: int
    text: str
    gap: int
    lead_ws: bool

    @property
    def size(self) -> int:
        """Length without spaces."""
        return text_size(self.text)


def text_size(text: str) -> int:
    """A line's length without spaces (``Line.size``)."""
    return len(text) - text.count(" ")


@dataclass
class Unit:
    """A reflowed piece of a page."""

    kind: str  # para | heading | byline | dateline | credit | caption | logo | ellipsis
    text: str
    first: int
    last: int
    block_start: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def is_lead(self) -> bool:
        """A paragraph opening a news report (本报讯…, 新华社…电)."""
        return self.kind == "para" and bool(self.extra.get("lead"))


def strip_markup(line: str) -> str:
    """Remove HTML residue from one line: tags and entities (line numbers stay true)."""
    if "<" not in line and "&" not in line:
        return line
    return html.unescape(TAG.sub(" ", line))


def source_lines(text: str) -> list[str]:
    """Split a decoded file into lines, whatever the line endings."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def read_lines(text: str, plain: list[str] | None = None) -> list[Line]:
    """Cleaned non-blank lines with their 1-based numbers and the blank gap before each.
    ``plain``: the same lines already cleaned as clean text (``ocr=False``), used as they
    are unless a line is letter-spaced (only then do the OCR repairs change it)."""
    out: list[Line] = []
    gap = 0
    for no, (raw, cleaned) in enumerate(_cleaned_lines(text, plain), start=1):
        if not cleaned:
            gap += 1
            continue
        out.append(Line(no, cleaned, gap, raw[:1].isspace() and bool(out)))
        gap = 0
    return out


def line_texts(text: str, plain: list[str] | None = None) -> list[str]:
    """The texts of :func:`read_lines`'s lines, without making a ``Line`` of each."""
    return [cleaned for _raw, cleaned in _cleaned_lines(text, plain) if cleaned]


def _cleaned_lines(text: str, plain: list[str] | None) -> Iterator[tuple[str, str]]:
    """(source line, display-cleaned line) of every line of ``text``."""
    raws = source_lines(text)
    known: Iterable[str | None] = plain if plain else repeat(None)
    return zip(raws, map(cleaned_line, raws, known), strict=True)


def cleaned_line(raw: str, plain: str | None = None) -> str:
    """A source line display-cleaned for a page; ``plain``: the line already cleaned as clean
    text, which is that unless it is letter-spaced."""
    return plain if plain is not None and not letter_spaced(plain) else clean_line(strip_markup(raw))


# what a line that is not "text" starts with or holds (each pattern of classify needs one)
_ROLE_STARTS = ("►", "▶", "■", "●", "◆", "▲", "▼", "本报", "记者", "…", ".", "·", "。", *DATELINE_SOURCES)


def classify(line: Line) -> str:
    """Role of a line on its own: byline, dateline, credit, ellipsis, lead or text."""
    return _role(line) if _may_have_role(line.text) else "text"


def role_of(t: str) -> str:
    """:func:`classify` of a line of cleaned text ``t``."""
    return _role(Line(0, t, 0, False)) if _may_have_role(t) else "text"


def _may_have_role(t: str) -> bool:
    """False when no pattern of :func:`_role` can match: the line is text."""
    return t.startswith(_ROLE_STARTS) or "摄" in t or "新华社发" in t  # or holds a credit's mark


def _role(line: Line) -> str:
    """:func:`classify`, pattern by pattern."""
    t = line.text
    if BYLINE_MARK.match(t):
        body = BYLINE_MARK.sub("", t)
        if BYLINE_BODY.match(body):
            return "byline"
    if BYLINE_PLAIN.match(t) and line.size <= 20:
        return "byline"
    if ELLIPSIS.match(t):
        return "ellipsis"
    m = DATELINE.match(t)
    if m and m.end() >= len(t) - 1:
        return "dateline"
    if CREDIT.fullmatch(t.strip()):
        return "credit"
    if LEAD.match(t) or m:
        return "lead"
    return "text"


class Page:
    """The reflow of one page."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        text_sizes = [ln.size for ln in lines if classify(ln) == "text"] or [40]
        self.width = statistics.median(text_sizes)
        self.wrapped = self.width < 30
        self._index = {ln.no: i for i, ln in enumerate(lines)}
        self.units: list[Unit] = []
        self._para: list[Line] = []
        self._para_lead = False

    # -- heading test -------------------------------------------------------------------
    def heading_like(self, line: Line) -> bool:
        """A short (or over-wide) line with no sentence punctuation that reads as a title."""
        t = line.text
        if line.size < 2 or ends_terminal(t) or classify(line) != "text":
            return False
        if INNER_PUNCT.search(t.rstrip("：:")) or HEAD_START_BAD.match(t) or HEAD_END_BAD.search(t):
            return False
        if not self.wrapped or self._before_anchor(line):
            return line.size <= 30
        width = self.local_width(line)
        return line.size <= 0.72 * width or line.size >= 1.3 * width or bool(SPACED_WORDS.search(t))

    def _before_anchor(self, line: Line) -> bool:
        """The next line is a byline, dateline or 本报讯 lead: this one is a title by position."""
        idx = self._index[line.no]
        return idx + 1 < len(self.lines) and classify(self.lines[idx + 1]) in ("byline", "dateline", "lead")

    def local_width(self, line: Line) -> float:
        """Median size of the next few text lines: the column width where this line sits."""
        idx = self._index[line.no]
        sizes = [ln.size for ln in self.lines[idx + 1 : idx + 8] if classify(ln) == "text"][:5]
        return statistics.median(sizes) if len(sizes) >= 3 else self.width

    def _prev_closed(self) -> bool:
        if self._para:
            return self._closes(self._para[-1].text)
        if not self.units:
            return True
        last = self.units[-1]
        return last.kind != "para" or self._closes(last.text)

    @staticmethod
    def _closes(text: str) -> bool:
        return ends_terminal(text) or bool(credit_in(text))

    # -- main loop ----------------------------------------------------------------------
    def reflow(self) -> list[Unit]:
        """Turn lines into units."""
        i = 0
        lines = self.lines
        while i < len(lines):
            line = lines[i]
            role = classify(line)
            if role in ("byline", "dateline", "credit", "ellipsis"):
                self._flush()
                self.units.append(Unit(role, line.text, line.no, line.no, line.lead_ws))
                i += 1
                continue
            if role == "text" and self._para and not self._closes(self._para[-1].text) and not line.lead_ws:
                skip = self._interposed(i) if line.gap and not self.wrapped else 0
                if skip:
                    i += skip
                    continue
                self._para.append(line)
                i += 1
                continue
            if role == "text" and self._prev_closed() and self.heading_like(line):
                i = self._heading(i)
                continue
            self._flush()
            self._para = [line]
            self._para_lead = role == "lead"
            i += 1
        self._flush()
        return self.units

    def _heading(self, i: int) -> int:
        self._flush()
        group = [self.lines[i]]
        j = i + 1
        while j < len(self.lines) and self.lines[j].gap == 0 and self.heading_like(self.lines[j]) and len(group) < 3:
            group.append(self.lines[j])
            j += 1
        if j < len(self.lines) and self.lines[j].gap == 0 and not self.wrapped and len(group) == 1:
            # a short line running straight into more text is a paragraph start, not a title
            self._para = [self.lines[i]]
            self._para_lead = False
            return i + 1
        text = "".join(ln.text for ln in group)
        self.units.append(Unit("heading", text, group[0].no, group[-1].no, group[0].lead_ws))
        return j

    def _block(self, i: int) -> list[Line]:
        block = [self.lines[i]]
        j = i + 1
        while j < len(self.lines) and self.lines[j].gap == 0:
            block.append(self.lines[j])
            j += 1
        return block

    def _interposed(self, i: int) -> int:
        """If lines from ``i`` are a caption/logo dropped into a cut sentence, emit them and
        return how many lines they span; else 0."""
        block = self._block(i)
        after = i + len(block)
        if after >= len(self.lines) or classify(self.lines[after]) != "text":
            return 0
        if any(classify(ln) != "text" or ln.size > 40 for ln in block) or self._closes(block[-1].text):
            return 0
        logo = len(block) >= 2 and all(ln.size <= 6 for ln in block)
        a = self._para[-1].text
        b = self.lines[after].text
        x = block[0].text
        if not logo and not (spans_boundary(a, b) and not spans_boundary(a, x)):
            return 0
        kind = "logo" if logo else "caption"
        text = "".join(ln.text for ln in block) if logo else tighten_body(" ".join(ln.text for ln in block))
        self.units.append(Unit(kind, text, block[0].no, block[-1].no, False, {"inside": True}))
        return len(block)

    @staticmethod
    def _inside_after(unit: Unit, line_no: int) -> bool:
        return bool(unit.extra.get("inside")) and unit.first > line_no

    def _flush(self) -> None:
        if not self._para:
            return
        parts: list[str] = []
        for ln in self._para:
            if parts and is_ascii_word(parts[-1][-1:]) and is_ascii_word(ln.text[:1]):
                parts.append(" ")
            parts.append(ln.text)
        text = tighten_body("".join(parts))
        extra = {"lead": True} if self._para_lead else {}
        first, last = self._para[0], self._para[-1]
        # a caption unit emitted inside this paragraph must come after it
        insert_at = len(self.units)
        while insert_at and self._inside_after(self.units[insert_at - 1], first.no):
            insert_at -= 1
        self.units.insert(insert_at, Unit("para", text, first.no, last.no, first.lead_ws or not self.units, extra))
        self._para = []
        self._para_lead = False


def reflow(text: str, plain: list[str] | None = None) -> list[Unit]:
    """Reflow a decoded page into units (``plain``: as :func:`read_lines` takes it)."""
    lines = read_lines(text, plain)
    if not lines:
        return []
    return Page(lines).reflow()
