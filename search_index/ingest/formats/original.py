"""An article's source as stored, for ``show --original`` and the reader's ``o``: the lines of
a text file, the JSONL line or CSV row of a record, the JSON object, a document's text."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

from search_index.ingest.formats import _lines
from search_index.ingest.layout import source_lines
from search_index.ingest.reading import FileInfo, SourceText, read_source

LINE_FORMATS = ("txt", "md", "html", "jsonl", "csv", "tsv")  # shown as the file's own lines


def original_lines(path: Path, meta: dict) -> list[dict]:
    """``[{"line": n, "text": …}]`` of one article's source; [] when the file is gone."""
    try:
        st = path.stat()
    except OSError:
        return []
    src = read_source(FileInfo(path, meta["source"], st.st_size, st.st_mtime_ns))
    if not isinstance(src, SourceText):
        return []
    fmt = meta.get("format") or src.fmt
    if fmt in LINE_FORMATS:
        return _file_lines(src, meta["spans"])
    if fmt == "json":
        return _json_object(src, meta)
    return _extracted(src)


def _file_lines(src: SourceText, spans: list) -> list[dict]:
    out = []
    if not src.text:  # a streamed export: read only up to the lines wanted
        for first, last in spans:
            with _lines(src) as lines:
                chosen = islice(lines, first - 1, last)
                out += [{"line": n, "text": t.rstrip("\n")} for n, t in enumerate(chosen, start=first)]
        return out
    lines = source_lines(src.text)
    for first, last in spans:
        out += [{"line": n, "text": lines[n - 1]} for n in range(first, min(last, len(lines)) + 1)]
    return out


def _json_object(src: SourceText, meta: dict) -> list[dict]:
    from search_index.ingest.formats.structured import json_item

    number = int((meta.get("locator") or "record 1").split()[-1])
    obj = json_item(json.loads(src.text), number)
    dumped = json.dumps(obj, ensure_ascii=False, indent=1).split("\n")
    first = meta["spans"][0][0] if meta.get("spans") else 1
    return [{"line": first + i, "text": t} for i, t in enumerate(dumped)]


def _extracted(src: SourceText) -> list[dict]:
    """DOCX and PDF: the text as extracted, line by line."""
    from search_index.ingest.formats import records_of

    text = "\n\n".join(r.text for r in records_of(src))
    return [{"line": n, "text": t} for n, t in enumerate(source_lines(text), start=1)]
