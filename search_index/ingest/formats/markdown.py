"""Markdown with YAML (``---``) or TOML (``+++``) front matter: the metadata from it, the body
without it (its lines left blank, so line numbers stay those of the file)."""

from __future__ import annotations

import re
import tomllib

from search_index.ingest.formats.base import as_text, authors_of, date_of, plain
from search_index.ingest.formats.fields import FieldMap
from search_index.ingest.records import Record

_YAML_ITEM = re.compile(r"^([\w\-. ]+?)\s*:\s*(.*)$")


def markdown_records(rel: str, text: str, fmap: FieldMap) -> list[Record]:
    """One record: the body, with front-matter metadata when there is any."""
    meta, lines = front_matter(text)
    if meta is None:
        return [Record(text=text, fmt="md")]
    body = "\n" * lines + text.split("\n", lines)[-1] if lines < text.count("\n") + 1 else ""
    found = fmap.resolve(list(meta))
    get = lambda key: meta.get(found[key]) if key in found else None  # noqa: E731
    date = date_of(get("date"))
    return [
        Record(
            text=body,
            title=plain(get("title")),
            date=date,
            date_from="front-matter" if date else "",
            publication=plain(get("source")),
            url=plain(get("url")),
            authors=authors_of(get("author")) if get("author") else [],
            column=plain(as_text(get("column"))),
            fmt="md",
        )
    ]


def front_matter(text: str) -> tuple[dict | None, int]:
    """(metadata, lines it takes) of a leading ``---``/``+++`` block, or (None, 0)."""
    lines = text.lstrip("\ufeff").split("\n")
    fence = lines[0].strip() if lines else ""
    if fence not in ("---", "+++"):
        return None, 0
    try:
        end = next(i for i in range(1, min(len(lines), 200)) if lines[i].strip() == fence)
    except StopIteration:
        return None, 0
    block = "\n".join(lines[1:end])
    if fence == "+++":
        try:
            return tomllib.loads(block), end + 1
        except ValueError:
            return None, 0
    return _simple_yaml(block), end + 1


def _simple_yaml(block: str) -> dict:
    """The ``key: value`` subset of YAML (with ``- item`` lists and quoted strings)."""
    out: dict = {}
    key = None
    for raw in block.split("\n"):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.lstrip().startswith("- ") and key is not None:
            items = out[key] if isinstance(out[key], list) else []
            out[key] = [*items, _unquote(line.lstrip()[2:])]
            continue
        m = _YAML_ITEM.match(line)
        if m and not raw[:1].isspace():
            key, value = m[1].strip(), m[2].strip()
            if value.startswith("[") and value.endswith("]"):
                out[key] = [_unquote(v) for v in value[1:-1].split(",") if v.strip()]
            else:
                out[key] = _unquote(value)
    return out


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
