"""What lets a command answer from a current index without paying for the indexing code.

Two things, both derived from ``state.json`` and never trusted further than it:

- **The inputs stamp.** Whether an index can be reused depends on a header (index format,
  gazetteer fingerprint, segmenter, field mapping) whose computation imports jieba's module,
  the gazetteer and the readers. The stamp is a hash of what that header is computed *from*,
  read with ``stat`` only: the code files that define the format, the reference data files,
  the user's dictionary and field files, the segmenter package and the environment variables
  that choose them. A state that recorded the stamp of the header it was checked against can
  skip the computation while the stamp is the same; any difference computes the header.
- **A binary twin** (``state.bin``) of the JSON state, written after it: ``marshal`` loads in
  a fraction of JSON's time and needs no shape check. It names the size and mtime of the JSON
  file it copies and carries a CRC-32; a twin that does not match is ignored, so the JSON
  file stays the one truth. Its first record (the header and totals) can be read alone.
"""

from __future__ import annotations

import contextlib
import importlib.util
import marshal
import os
import zlib
from array import array
from pathlib import Path

from search_index.index.folder import sha1, write_private  # (the built-in SHA-1, not OpenSSL's)

TWIN = "state.bin"
TWIN_VERSION = 2
_PACKAGE = Path(__file__).resolve().parent.parent
# The code and data the header is computed from (a release changes their size or mtime).
_CODE = (
    "index/schema.py",
    "index/tokenizer.py",
    "index/state.py",
    "analysis/segment.py",
    "reference/gazetteer.py",
    "reference/userdict.py",
    "ingest/formats/fields.py",
)
_ENV = ("GXQ_SEGMENTER", "GXQ_FIELDS", "GXQ_CONFIG_DIR", "XDG_CONFIG_HOME", "HOME")
_USER_FILES = ("dictionary.toml", "dictionary.tsv", "fields.toml")
HEADER_KEYS = ("format", "gazetteer", "segmenter", "corpus", "fields")  # what state.wanted_header gives
BULK = ("files", "folders")  # the per-file and per-folder tables; the rest is the head


def _stat(path: Path | str) -> tuple:
    try:
        st = os.stat(path)
    except OSError:
        return (str(path), None)
    return (str(path), st.st_size, st.st_mtime_ns)


def _config_dir() -> Path:
    env = os.environ.get("GXQ_CONFIG_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("gxq-tui"))


def user_file(name: str) -> Path:
    """A file in the user's config folder (GXQ_CONFIG_DIR or the per-user one)."""
    return _config_dir() / name


def _segmenter_files() -> list[tuple]:
    out = []
    for name in ("rjieba", "jieba"):
        spec = importlib.util.find_spec(name)
        out.append(_stat(spec.origin) if spec is not None and spec.origin else (name, None))
    return out


def inputs(corpus: Path) -> list:
    """Everything the index header of ``corpus`` is computed from, read cheaply."""
    data = _PACKAGE / "reference" / "data"
    parts: list = [str(corpus.resolve()), [os.environ.get(k, "") for k in _ENV]]
    parts += [_stat(_PACKAGE / rel) for rel in _CODE]
    parts += [_stat(p) for p in sorted(data.iterdir())] if data.is_dir() else [None]
    parts += [_stat(_config_dir() / name) for name in _USER_FILES]
    return parts + _segmenter_files()


def stamp(parts: list, header: dict) -> str:
    """The inputs stamp: a hash of the inputs together with the header values they gave (so a
    state whose header was edited since does not match)."""
    values = [str(header.get(k, "")) for k in HEADER_KEYS]
    return sha1(repr((parts, values)).encode()).hexdigest()[:16]


CHECKED = "inputs-checked.bin"
CHECKED_VERSION = 1


def checked_stamp(json_path: Path) -> str | None:
    """The inputs stamp that a run found this state's header to match although the state
    recorded another (code or data upgraded, same index format): None unless the state file
    is still the one it was checked against."""
    try:
        with open(json_path.with_name(CHECKED), "rb") as fh:
            version, state, inputs_stamp = marshal.load(fh)
        recorded = tuple(state)
    except (OSError, EOFError, ValueError, TypeError):  # missing or damaged: compute the header
        return None
    if version != CHECKED_VERSION or not isinstance(inputs_stamp, str) or recorded != json_stamp(json_path):
        return None
    return inputs_stamp


def remember_checked(json_path: Path, inputs_stamp: str, state: tuple[int, int] | None) -> None:
    """Note that the state file, as it was at ``state`` (its size and mtime), has the header
    that inputs of ``inputs_stamp`` give, so later runs need not compute it (a cache file:
    not writing it costs only speed; a rewritten state file voids it)."""
    if state is not None and state == json_stamp(json_path):
        write_private(json_path.with_name(CHECKED), lambda fh: marshal.dump((CHECKED_VERSION, state, inputs_stamp), fh))


# -- the binary twin ------------------------------------------------------------------------
def _twin_path(json_path: Path) -> Path:
    return json_path.with_name(TWIN)


def json_stamp(json_path: Path) -> tuple[int, int] | None:
    """(size, mtime) of the JSON state file; None when there is none."""
    try:
        st = os.stat(json_path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def save_twin(json_path: Path, state: dict, stamp: tuple[int, int] | None = None) -> None:
    """Write the twin of ``state``, which is the content of ``json_path`` when it had ``stamp``
    (as it is now when None), atomically and owner-only; failing to write it costs only speed.
    Three records: the head (with totals and the others' sizes and CRCs), the quick check's
    table (folders, then file names, sizes and mtimes as flat columns) and the rest."""
    stamp = stamp or json_stamp(json_path)
    if stamp is None:
        return
    head = {k: v for k, v in state.items() if k not in BULK}
    files = state.get("files", {})
    head["file_count"] = len(files)
    head["article_count"] = sum(entry.get("articles", 0) for entry in files.values())
    table = marshal.dumps(
        (
            state.get("folders"),
            list(files),
            array("q", (e.get("size", -1) for e in files.values())).tobytes(),
            array("q", (e.get("mtime_ns", -1) for e in files.values())).tobytes(),
        )
    )
    bulk = marshal.dumps({k: state[k] for k in BULK if k in state})
    sizes = (len(table), zlib.crc32(table), len(bulk), zlib.crc32(bulk))
    first = marshal.dumps((TWIN_VERSION, stamp, head, sizes))
    write_private(_twin_path(json_path), lambda fh: fh.writelines((first, table, bulk)))


def drop_twin(json_path: Path) -> None:
    """Remove the twin (before the JSON file it copies is replaced)."""
    with contextlib.suppress(OSError):
        _twin_path(json_path).unlink()


def load_twin(json_path: Path, head_only: bool = False) -> dict | None:
    """The state from the twin of ``json_path`` when it copies that file as it is now (only
    its head, with ``file_count`` and ``article_count``, when ``head_only``); else None."""
    read = _read_twin(json_path, "head" if head_only else "all")
    if read is None:
        return None
    head, _table, bulk = read
    if head_only:
        return head
    state = {k: v for k, v in head.items() if k not in ("file_count", "article_count")}
    return {**state, **bulk} if isinstance(bulk, dict) else None


def load_check(json_path: Path) -> tuple[dict, tuple] | None:
    """(head, (folders, names, sizes, mtimes)) from the twin: what the quick check compares
    with the corpus, as flat columns; None when the twin does not copy the JSON file."""
    read = _read_twin(json_path, "table")
    if read is None or not isinstance(read[1], tuple) or len(read[1]) != 4:
        return None
    folders, names, raw_sizes, raw_mtimes = read[1]
    sizes, mtimes = array("q"), array("q")
    sizes.frombytes(raw_sizes)
    mtimes.frombytes(raw_mtimes)
    if not isinstance(folders, dict) or len(names) != len(sizes) or len(sizes) != len(mtimes):
        return None
    return read[0], (folders, names, sizes, mtimes)


def _read_twin(json_path: Path, upto: str) -> tuple[dict, object, object] | None:
    """(head, table, bulk) read up to ``upto`` ("head", "table" or "all"; None for the parts
    not read), each record checked against its CRC."""
    table = bulk = None
    try:
        with open(_twin_path(json_path), "rb") as fh:
            version, stamp, head, sizes = marshal.load(fh)
            if version != TWIN_VERSION or tuple(stamp) != json_stamp(json_path) or not isinstance(head, dict):
                return None
            if upto == "head":
                return head, None, None
            table_size, table_crc, bulk_size, bulk_crc = sizes
            raw = fh.read(table_size)
            if zlib.crc32(raw) != table_crc:
                return None
            table = marshal.loads(raw)
            if upto == "all":
                raw = fh.read(bulk_size)
                if zlib.crc32(raw) != bulk_crc:
                    return None
                bulk = marshal.loads(raw)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return head, table, bulk
