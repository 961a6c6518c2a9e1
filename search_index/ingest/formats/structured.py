"""Exports: JSON Lines, JSON arrays of objects, CSV and TSV; one article per record."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from itertools import islice

from search_index.ingest.formats.base import Tally, Unreadable, as_text, authors_of, body_text, date_of, plain
from search_index.ingest.formats.fields import FieldMap
from search_index.ingest.records import LAYOUT_CLEAN, Record


class Fields:
    """One file's records → Records, noting records without text and the fields seen."""

    def __init__(self, rel: str, fmt: str, fmap: FieldMap):
        self.rel, self.fmt, self.fmap = rel, fmt, fmap
        self.seen: dict[str, None] = {}
        self.with_text = 0
        self.no_text = Tally(rel, "records without text", "record without text")
        self._cache: dict[tuple, dict[str, str]] = {}

    def record(self, obj: dict, locator: str, first: int, last: int) -> Record | None:
        """The record of one object, or None (noted) when it has no text."""
        keys = tuple(obj)
        found = self._cache.get(keys)
        if found is None:
            found = self._cache[keys] = self.fmap.resolve(list(keys))
            self.seen.update(dict.fromkeys(k for k in keys if k not in self.seen))
        text = body_text(obj.get(found["text"])) if "text" in found else ""
        if not text:
            self.no_text.add(locator)
            return None
        self.with_text += 1
        date_raw = obj.get(found["date"]) if "date" in found else None
        date = date_of(date_raw)
        return Record(
            text=text,
            title=plain(obj.get(found.get("title", ""), "")),
            date=date,
            date_from="field" if date else "",
            publication=plain(obj.get(found.get("source", ""), "")),
            url=plain(obj.get(found.get("url", ""), "")),
            authors=authors_of(obj.get(found["author"])) if "author" in found else [],
            column=plain(obj.get(found.get("column", ""), "")),
            locator=locator,
            first_line=first,
            last_line=last,
            layout=LAYOUT_CLEAN,
            fmt=self.fmt,
        )

    def finish(self, warnings: list[str]) -> None:
        """Raise when no record had text (naming the fields seen); else warn about the ones without."""
        if not self.with_text:
            names = ", ".join(list(self.seen)[:20]) or "none"
            raise Unreadable(f"no text field among its fields ({names}); name one with --field text=NAME")
        self.no_text.report(warnings)


def jsonl_records(rel: str, lines: Iterable[str], warnings: list[str], fmap: FieldMap) -> Iterator[Record]:
    """One record per line that is a JSON object; other lines are warned about once."""
    fields = Fields(rel, "jsonl", fmap)
    bad = Tally(rel, "lines that are not JSON objects", "line that is not a JSON object")
    count = 0
    for no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        count += 1
        try:
            obj = json.loads(line)
        except ValueError:
            obj = None
        if not isinstance(obj, dict):
            bad.add(f"line {no}")
            continue
        rec = fields.record(obj, f"record {count}", no, no)
        if rec:
            yield rec
    bad.report(warnings)
    if not fields.with_text and bad.places and not fields.seen:
        raise Unreadable(f"not JSON Lines (line {bad.places[0].split()[-1]} is not a JSON object)")
    fields.finish(warnings)


def table_records(rel: str, lines: Iterable[str], fmt: str, warnings: list[str], fmap: FieldMap) -> Iterator[Record]:
    """One record per CSV/TSV row after the header; short rows are warned about once."""
    lines = iter(lines)
    head, skipped = _first_line(lines)
    if head is None:
        raise Unreadable("no header row")
    delimiter = "\t" if fmt == "tsv" else _delimiter(head)
    if head.lower().startswith("sep=") and len(head.strip()) == 5:  # Excel's separator line
        delimiter, skipped = head.strip()[4], skipped + 1
        head, more = _first_line(lines)
        if head is None:
            raise Unreadable("no header row")
        skipped += more
    reader = csv.reader(_chain(head, lines), delimiter=delimiter)
    header = [h.strip() for h in next(reader)]
    fields = Fields(rel, fmt, fmap)
    fewer = f"fewer than the header's {len(header)} fields"
    short = Tally(rel, f"rows with {fewer}", f"row with {fewer}")
    row_no, start = 0, reader.line_num + 1
    for row in reader:
        first, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        row_no += 1
        if len(row) < len(header):
            short.add(f"row {row_no}")
            continue
        obj = dict(zip(header, row, strict=False))
        rec = fields.record(obj, f"row {row_no}", first + skipped, reader.line_num + skipped)
        if rec:
            yield rec
    short.report(warnings)
    if not row_no:
        raise Unreadable(f"no rows below the header ({', '.join(header[:20])})")
    fields.finish(warnings)


def json_records(rel: str, text: str, warnings: list[str], fmap: FieldMap) -> list[Record]:
    """A JSON array of objects (or an object holding one): one record per object."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        if _object_per_line(text):  # JSON Lines saved as .json, as many crawlers do
            return list(jsonl_records(rel, text.splitlines(), warnings, fmap))
        raise Unreadable(f"not valid JSON ({exc})") from None
    fields = Fields(rel, "json", fmap)
    items, lines = _objects(data), _line_ranges(text) if isinstance(data, list) else {}
    if not items:
        raise Unreadable("no JSON objects (expected an array of articles)")
    out = []
    for n, obj in enumerate(items, start=1):
        first, last = lines.get(n, (1, text.count("\n") + 1))
        rec = fields.record(obj, f"record {n}", first, last)
        if rec:
            out.append(rec)
    fields.finish(warnings)
    return out


def json_item(data, number: int):
    """The ``number``-th (1-based) object of a JSON export, as :func:`json_records` counts."""
    items = _objects(data)
    return items[number - 1] if 0 < number <= len(items) else None


def _objects(data) -> list[dict]:
    """The article objects: a top-level array, the longest array of objects inside an object
    (``{"data": {"list": [...]}}``), or the object itself."""
    if isinstance(data, list):
        return [x for x in data if isinstance(x, dict)]
    if not isinstance(data, dict):
        return []
    best: list[dict] = []
    queue, depth = [data], 0
    while queue and depth < 4:
        nxt = []
        for obj in queue:
            for value in obj.values():
                if isinstance(value, list) and sum(isinstance(x, dict) for x in value) > len(best):
                    best = [x for x in value if isinstance(x, dict)]
                elif isinstance(value, dict):
                    nxt.append(value)
        queue, depth = nxt, depth + 1
    return best or [data]


def _line_ranges(text: str) -> dict[int, tuple[int, int]]:
    """Item number → (first, last) line of each object in a top-level JSON array."""
    decoder, out = json.JSONDecoder(), dict[int, tuple[int, int]]()
    pos, n = text.index("[") + 1, 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            return out
        obj, end = decoder.raw_decode(text, pos)
        if isinstance(obj, dict):
            n += 1
            first = text.count("\n", 0, pos) + 1
            out[n] = (first, first + text.count("\n", pos, end))
        pos = end


def _object_per_line(text: str) -> bool:
    """True when the first two non-blank lines are JSON objects each."""
    lines = [line for line in islice((t for t in text.splitlines() if t.strip()), 2)]
    try:
        return len(lines) == 2 and all(isinstance(json.loads(line), dict) for line in lines)
    except ValueError:
        return False


def _first_line(lines: Iterator[str]) -> tuple[str | None, int]:
    """The first non-blank line and how many blank lines came before it."""
    for skipped, line in enumerate(lines):
        if line.strip():
            return line, skipped
    return None, 0


def _chain(head: str, rest: Iterator[str]) -> Iterator[str]:
    yield head
    yield from rest


def _delimiter(header: str) -> str:
    """The header's most frequent separator among , ; tab and |."""
    counts = {d: header.count(d) for d in (",", "\t", ";", "|", "，")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def as_json_text(obj) -> str:
    """An object as stored, for the original view."""
    return json.dumps(obj, ensure_ascii=False, indent=1) if not isinstance(obj, str) else as_text(obj)
