"""What every reader shares: the skip exception, value cleaning, grouped warnings."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

from search_index.dates.printed import normalize_date
from search_index.ingest.encodings import PARAGRAPH_MARK

CHINA = timedelta(hours=8)  # an epoch timestamp in a Chinese export is read as Beijing time
_TAG = re.compile(r"<[^>]{0,2000}>")
_BREAK = re.compile(r"<\s*(?:br|/p|/div|/h[1-6]|/li|/tr|p|div|h[1-6]|li|tr)\b[^>]{0,2000}>", re.I)
_HTMLISH = re.compile(r"<\s*(?:p|br|div|span|a|img|strong|b|h[1-6]|section|table)\b[^>]*>", re.I)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.I)
_NAME_SPLIT = re.compile(r"[,，、;；/|]+")


class Unreadable(Exception):
    """A file that cannot be read as its format says (the message is the one-line reason)."""


def as_text(value) -> str:
    """A field value as text: lists joined, an object's name, None empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(t for t in (as_text(v) for v in value) if t)
    if isinstance(value, dict):
        for key in ("name", "title", "text", "value"):
            if key in value:
                return as_text(value[key])
        return ""
    return str(value).replace(PARAGRAPH_MARK, "\n").strip()


def body_text(value) -> str:
    """An article body: HTML markup (common in crawler exports) reduced to paragraphs."""
    text = as_text(value)
    if _HTMLISH.search(text):
        text = _TAG.sub("", _BREAK.sub("\n", text))
    if _ENTITY.search(text):
        text = html.unescape(text)
    return text.replace("\xa0", " ").strip()


def plain(value) -> str:
    """A one-line field (title, outlet): no markup, entities decoded, spaces collapsed."""
    text = as_text(value)
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def date_of(value) -> str:
    """A normalised date from a field: a printed date or an epoch timestamp (s or ms)."""
    if isinstance(value, bool) or value is None:
        return ""
    raw = str(value).strip()
    if isinstance(value, int | float) or re.fullmatch(r"\d{10}(?:\d{3})?(?:\.\d+)?", raw):
        seconds = float(raw)
        if seconds > 1e11:
            seconds /= 1000
        try:
            return (datetime.fromtimestamp(seconds, UTC) + CHINA).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return ""
    return normalize_date(plain(value))


def authors_of(value) -> list[str]:
    """Names from an author field: a list, or names split at commas and 、 (and spaces between Chinese names)."""
    if isinstance(value, list):
        names = [plain(v) for v in value]
    else:
        text = plain(value)
        names = _NAME_SPLIT.split(text)
        if re.search(r"[\u4e00-\u9fff]", text):
            names = [n for part in names for n in part.split()]
    return [n.strip() for n in names if n.strip()]


class Tally:
    """Problems of one kind in one file, said in one warning with the first few places."""

    def __init__(self, rel: str, what: str, one: str = ""):
        self.rel, self.what, self.one = rel, what, one or what
        self.places: list[str] = []

    def add(self, place: str) -> None:
        """Note one more place (a line, a row)."""
        self.places.append(place)

    def report(self, warnings: list[str]) -> None:
        """Add the warning to ``warnings`` when there is anything to say."""
        if self.places:
            warnings.append(self.warning())

    def warning(self) -> str:
        """``warning: f.jsonl: 2 lines that are not JSON objects (line 3, line 9); skipped``."""
        shown = ", ".join(self.places[:5]) + (", …" if len(self.places) > 5 else "")
        what = self.one if len(self.places) == 1 else self.what
        return f"warning: {self.rel}: {len(self.places)} {what} ({shown}); skipped"
