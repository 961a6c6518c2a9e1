"""The state file (``state.json``) beside the Whoosh files: what the index was built with
(format, gazetteer, segmenter, corpus, field mapping) and every file's size, mtime, hash and
article count, read back only when it has the shape this code writes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from search_index.index.folder import PRIVATE_FILE
from search_index.index.quickstate import drop_twin, json_stamp, load_twin, save_twin

if TYPE_CHECKING:
    from search_index.ingest.reading import FileInfo


def load_state(path: Path) -> dict:
    """The state file when it has the shape this code writes, else {} (a rebuild). Read
    from its binary twin when that copies it as it is (see :mod:`.quickstate`)."""
    twin = load_twin(path)
    if twin is not None:
        return twin
    before = json_stamp(path)
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not valid_state(state):
        return {}
    if before is not None and json_stamp(path) == before:  # a state written before twins: give it one
        save_twin(path, state, before)
    return state


def save_state(path: Path, state: dict) -> None:
    """Write ``state`` owner-only, replacing the old file only once the new one is whole."""
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with open(fd, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(state, ensure_ascii=False, indent=0))
    drop_twin(path)  # never a twin beside a JSON file it does not copy
    os.replace(tmp, path)
    save_twin(path, state)


def wanted_header(corpus: Path) -> dict:
    """What an index of ``corpus`` must have been built with to be reused."""
    from search_index.analysis.segment import segmenter_id
    from search_index.index.schema import FORMAT
    from search_index.ingest.formats import fields as field_names
    from search_index.reference.gazetteer import load_gazetteer

    return {
        "format": FORMAT,
        "gazetteer": load_gazetteer().fingerprint(),
        "segmenter": segmenter_id(),
        "corpus": str(corpus.resolve()),
        "fields": field_names.fingerprint(),
    }


def header_change(state: dict, wanted: dict) -> str:
    """What in the state's header differs from ``wanted`` ('' when nothing does)."""
    if state.get("format") != wanted["format"]:
        return "index format changed"
    if state.get("gazetteer") != wanted["gazetteer"]:
        return "gazetteer changed"
    if state.get("segmenter") != wanted["segmenter"]:
        return "segmenter changed"
    if state.get("fields", "") != wanted["fields"]:
        return "field mapping changed"
    return ""


def valid_state(state) -> bool:
    """True when a loaded ``state.json`` has the shape this code writes (a table of files,
    each with a size and mtime)."""
    if not isinstance(state, dict) or not isinstance(state.get("files", {}), dict):
        return False
    numbers = ("size", "mtime_ns")
    return all(
        isinstance(v, dict)
        and all(isinstance(v.get(k), int) for k in numbers)
        and isinstance(v.get("articles", 0), int)
        for v in state.get("files", {}).values()
    )


def file_unchanged(entry: dict | None, info: FileInfo) -> bool:
    """True when a file's recorded size and mtime are those it has now."""
    return entry is not None and entry.get("size") == info.size and entry.get("mtime_ns") == info.mtime_ns
