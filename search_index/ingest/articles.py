"""Split a reflowed page into articles: header (title, kicker, byline, dateline), body, photos."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from search_index.ingest.layout import BYLINE_MARK, DATELINE, LEAD, NAME, NAME_CHAR, SOURCE, Unit, credit_in, reflow

BRIEF_MAX_CHARS = 1500
TITLE_MAX = 32
ANCHORS = ("byline", "dateline")
WROTE = re.compile(rf"记者\s*({NAME_CHAR}{{2,3}})采写")  # 记者张三采写


@dataclass
class Article:
    """One item of a page: a story, a brief or a photo caption."""

    source: str
    order: int
    kind: str  # article | brief | photo
    title: str
    title_derived: bool
    text: str
    blocks: list[tuple[str, int, int]]  # (kind, start, end) of each paragraph in ``text``
    spans: list[tuple[int, int]]  # original 1-based line ranges
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""
    authors: list[str] = field(default_factory=list)
    dateline: str = ""
    publication: str = ""
    date: str = ""  # 2024-03-01, 2024-03, 2024, --06-05 (year unknown) or "" (undated)
    date_from: str = ""  # field, header, meta, dateline, path, … ("" when undated)
    url: str = ""
    locator: str = ""  # the record within its file ("record 12"), "" for a whole file
    fmt: str = "txt"
    column: str = ""
    subheads: list[str] = field(default_factory=list)
    continued: bool = False
    id: str = ""

    @property
    def lines(self) -> tuple[int, int]:
        """First and last original line."""
        return min(s for s, _ in self.spans), max(e for _, e in self.spans)


@dataclass
class _Story:
    header: list[Unit] = field(default_factory=list)
    body: list[Unit] = field(default_factory=list)
    tail: list[Unit] = field(default_factory=list)  # a leading continuation, read last
    lead: bool = False


def split_page(
    source: str, text: str, file_sha1: str = "", version: str = "", plain: list[str] | None = None
) -> list[Article]:
    """All articles of one decoded page, in page order, with stable ids. ``plain``: the
    page's lines already cleaned as clean text (see :func:`~search_index.ingest.layout.read_lines`)."""
    units = reflow(text, plain)
    units, photos = _extract_photos(units)
    stories = _stories(units)
    items = [_build_story(source, s) for s in stories] + [_build_photo(source, p) for p in photos]
    items = [a for a in items if a.text.strip() or a.title.strip()]
    items.sort(key=lambda a: (a.spans[0][0], a.kind == "photo"))
    for order, art in enumerate(items):
        art.order = order
        seed = f"{source}\0{file_sha1}\0{order}\0{version}\0{art.spans[0][0]}"
        art.id = hashlib.sha1(seed.encode()).hexdigest()[:12]
    return items


# -- photos ---------------------------------------------------------------------------------
def _extract_photos(units: list[Unit]) -> tuple[list[Unit], list[list[Unit]]]:
    """Pull photo captions out of the unit stream; a marker stays where a credited photo was."""
    photos: list[list[Unit]] = []
    out: list[Unit] = []
    for u in units:
        if u.kind == "caption":
            photos.append([u])
            continue
        if u.kind == "credit" or (u.kind == "para" and credit_in(u.text) and not u.is_lead):
            group = [u]
            if u.kind == "credit" and out and out[-1].kind == "para":
                group.insert(0, out.pop())
            while (
                len(group) < 4
                and not group[0].block_start
                and out
                and out[-1].kind == "para"
                and _has_block_start_within(out, 4 - len(group))
            ):
                group.insert(0, out.pop())
            photos.append(group)
            out.append(Unit("photo", "", group[0].first, group[-1].last))
            continue
        out.append(u)
    return out, photos


def _has_block_start_within(units: list[Unit], n: int) -> bool:
    for u in reversed(units[-n:]):
        if u.kind != "para":
            return False
        if u.block_start:
            return True
    return False


# -- stories --------------------------------------------------------------------------------
def _starts_story(units: list[Unit], i: int) -> bool:
    u = units[i]
    if u.kind in ANCHORS or u.is_lead:
        return True
    if u.kind != "heading":
        return False
    if i == 0:
        return True
    j = i
    while j < len(units) and units[j].kind == "heading":
        j += 1
    return j < len(units) and (units[j].kind in ANCHORS or units[j].is_lead)


def _stories(units: list[Unit]) -> list[_Story]:
    leading = _Story()
    stories: list[_Story] = []
    i = 0
    while i < len(units):
        if _starts_story(units, i):
            story, i = _take_header(units, i)
            stories.append(story)
            continue
        target = stories[-1] if stories else leading
        target.body.append(units[i])
        i += 1
    if leading.body:
        _place_leading(leading, stories)
    return stories


def _take_header(units: list[Unit], i: int) -> tuple[_Story, int]:
    story = _Story()
    while i < len(units) and units[i].kind == "heading":
        story.header.append(units[i])
        i += 1
    while i < len(units) and units[i].kind in ANCHORS:
        story.header.append(units[i])
        i += 1
        has_title = any(u.kind == "heading" for u in story.header)
        while not has_title and i < len(units) and units[i].kind == "heading":
            story.header.append(units[i])
            i += 1
    if i < len(units) and units[i].is_lead:
        story.lead = True
        story.body.append(units[i])
        i += 1
    return story, i


def _place_leading(leading: _Story, stories: list[_Story]) -> None:
    """Text before any header: the rest of the page's one story, or its own item."""
    content = [u for u in leading.body if u.kind != "photo"]
    if not content:
        return
    if len(stories) == 1:
        stories[0].tail = leading.body
    else:
        leading.header = []
        stories.insert(0, leading)
        leading.lead = False
        leading.body.insert(0, Unit("continued", "", leading.body[0].first, leading.body[0].first))


# -- building -------------------------------------------------------------------------------
def _build_story(source: str, story: _Story) -> Article:
    body = [u for u in story.body if u.kind != "photo"]
    trailing: list[Unit] = []
    while body and body[-1].kind == "heading":
        trailing.insert(0, body.pop())
    headings = [u for u in story.header if u.kind == "heading"]
    kicker, title, subtitle = _title_parts([h.text for h in headings])
    if not title and trailing:
        kicker, title, subtitle = _title_parts([trailing[0].text])
        trailing = trailing[1:]
    dateline = next((u.text for u in story.header if u.kind == "dateline"), "")
    paras = ([Unit("dateline", dateline, 0, 0)] if dateline else []) + body + trailing + story.tail
    text, blocks, subheads, column = _compose(paras)
    derived = not title
    if derived:
        title = derive_title(text, skip_lead=story.lead)
    spans = _spans(story.header + story.body + story.tail)
    continued = bool(story.body and story.body[0].kind == "continued")
    kind = "article"
    if derived and not continued and len(text) < BRIEF_MAX_CHARS:
        kind = "brief"
    art = Article(source, 0, kind, title, derived, text, blocks, spans, kicker, subtitle)
    art.subheads, art.column, art.dateline, art.continued = subheads, column, dateline, continued
    _people_and_dates(art, story)
    return art


def _title_parts(lines: list[str]) -> tuple[str, str, str]:
    """(kicker, title, subtitle): a line opening with a dash is a subtitle; the last other
    line is the title, earlier ones kickers."""
    subs = [t for t in lines if t.startswith(("—", "-"))]
    mains = [t for t in lines if t not in subs]
    if not mains:
        return "", "", " ".join(subs)
    return " ".join(mains[:-1]), mains[-1], " ".join(s.lstrip("—- ") for s in subs)


def _compose(paras: list[Unit]) -> tuple[str, list[tuple[str, int, int]], list[str], str]:
    parts: list[str] = []
    blocks: list[tuple[str, int, int]] = []
    subheads: list[str] = []
    column = ""
    pos = 0
    for u in paras:
        if u.kind == "logo":
            column = u.text
            continue
        if u.kind in ("caption", "continued", "photo", "byline", "credit"):
            continue
        kind = {"heading": "subhead", "para": "p"}.get(u.kind, u.kind)
        if kind == "subhead":
            subheads.append(u.text)
        if parts:
            pos += 2
        blocks.append((kind, pos, pos + len(u.text)))
        parts.append(u.text)
        pos += len(u.text)
    return "\n\n".join(parts), blocks, subheads, column


def _spans(units: list[Unit]) -> list[tuple[int, int]]:
    lines = sorted({(u.first, u.last) for u in units if u.first and u.kind != "photo"})
    spans: list[list[int]] = []
    for first, last in lines:
        if spans and first <= spans[-1][1] + 3:
            spans[-1][1] = max(spans[-1][1], last)
        else:
            spans.append([first, last])
    return [(first, last) for first, last in spans] or [(1, 1)]


def _build_photo(source: str, group: list[Unit]) -> Article:
    paras = [u for u in group if u.kind in ("para", "caption")]
    credit = next((u.text for u in group if u.kind == "credit"), "")
    text = "\n\n".join(u.text for u in paras)
    if not credit:
        m = credit_in(text)
        credit = m.group(0) if m else ""
    blocks = []
    pos = 0
    for u in paras:
        blocks.append(("p", pos, pos + len(u.text)))
        pos += len(u.text) + 2
    art = Article(source, 0, "photo", derive_title(text), True, text, blocks, _spans(group))
    art.byline = credit
    art.authors = _names(re.sub(r"新华社记者|本报记者|/?\s*摄|新华社发|[（()）]", " ", credit))
    return art


# -- titles, people, dates ------------------------------------------------------------------
def derive_title(text: str, skip_lead: bool = False) -> str:
    """A title from the first sentence: at most ~32 characters, cut at a clause if it can."""
    first = text.split("\n\n", 1)[0]
    if DATELINE.match(first) and "\n\n" in text and len(first) < 20:
        first = text.split("\n\n", 2)[1]
    first = LEAD.sub("", first) if skip_lead or LEAD.match(first) else first
    first = DATELINE.sub("", first).lstrip(" ，,")
    sentence = re.split(r"(?<=[。！？!?])", first, maxsplit=1)[0].strip()
    sentence = sentence.rstrip("。！？!?")
    if len(sentence) <= TITLE_MAX:
        return sentence
    cut = max((m.end() for m in re.finditer(r"[，；：,;:]", sentence[: TITLE_MAX + 1])), default=0)
    if cut >= 12:
        return sentence[: cut - 1] + "…"
    return sentence[:TITLE_MAX] + "…"


def _names(text: str) -> list[str]:
    return [n for n in re.findall(NAME, text) if n not in ("本报", "记者", "通讯员", "新华社")]


def _people_and_dates(art: Article, story: _Story) -> None:
    bylines = [u.text for u in story.header if u.kind == "byline"]
    authors: list[str] = []
    for b in bylines:
        body = BYLINE_MARK.sub("", b)
        body = re.sub(r"本报记者|本报通讯员|特约记者|通讯员|记者|文/图", " ", body)
        authors += body.split()
    lead_text = next((u.text for u in story.body if u.is_lead), "")
    m = LEAD.match(lead_text)
    if m and m.group(1):
        inner = re.sub(r"本报记者|记者|通讯员|实习生", " ", m.group(1))
        authors += [n for n in re.split(r"[\s、，,]+", inner) if n]
    if "采写" in art.text:  # (each match holds it: the body is not tried at every 记者)
        authors += [m2.group(1) for m2 in WROTE.finditer(art.text)]
    art.authors = list(dict.fromkeys(a for a in authors if 2 <= len(a) <= 8))
    art.byline = " ".join(bylines) or (f"（{m.group(1)}）" if m and m.group(1) else "")
    dl = DATELINE.match(art.dateline) or DATELINE.match(lead_text)
    if dl:
        art.date = f"--{int(dl.group(3)):02d}-{int(dl.group(4)):02d}"
    src = next((SOURCE.match(u.text) for u in story.body if u.kind == "para" and SOURCE.match(u.text)), None)
    if src:
        art.publication = src.group(1)
        art.date = art.date or f"--{int(src.group(2)):02d}-{int(src.group(3)):02d}"
