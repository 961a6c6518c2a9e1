"""The user dictionary: extra parks, tracks, companies, organisations and aliases.

It lives in the per-user config directory (``~/.config/gxq-tui/`` on Linux; override with
``GXQ_CONFIG_DIR``) as ``dictionary.toml`` or ``dictionary.tsv``. Indexes fold its content
into their fingerprint, so editing it updates the index on the next run.

TOML::

    [[park]]
    name = "合肥高新区"            # an existing zone: the aliases are added to it
    aliases = ["合肥国家高新区", "合高新"]

    [[track]]
    name = "具身智能"
    aliases = ["具身大模型"]
    related = ["机器人马拉松"]

    [[company]]
    name = "宇树科技"
    aliases = ["杭州宇树科技有限公司"]

    [[org]]
    name = "之江实验室"

TSV (tab-separated, header ``type name aliases related province city``; lists use ``;``).
"""

from __future__ import annotations

import io
import os
from functools import lru_cache
from pathlib import Path

import platformdirs

from search_index.errors import DictionaryError

TYPES = ("park", "track", "company", "org")


MAX_NAME_CHARS = 100  # a name or alias longer than this is a mistake (and slows every page)
MAX_ENTRIES = 100_000


def config_dir() -> Path:
    """GXQ_CONFIG_DIR or the per-user config directory."""
    env = os.environ.get("GXQ_CONFIG_DIR")
    if env:
        return Path(env).expanduser()
    return _user_config_dir(os.environ.get("XDG_CONFIG_HOME"), os.environ.get("HOME"))


@lru_cache(maxsize=8)
def _user_config_dir(_xdg: str | None, _home: str | None) -> Path:
    """platformdirs' answer for these variables (asked once: an indexing job asks per file)."""
    return Path(platformdirs.user_config_dir("gxq-tui"))


def dictionary_path() -> Path | None:
    """The user dictionary file, if one exists."""
    for name in ("dictionary.toml", "dictionary.tsv"):
        path = config_dir() / name
        if path.is_file():
            return path
    return None


def dictionary_signature() -> tuple:
    """(path, size, mtime) of the dictionary, so caches notice edits."""
    path = dictionary_path()
    if path is None:
        return ()
    st = path.stat()
    return (str(path), st.st_size, st.st_mtime_ns)


def read_entries(path: Path) -> list[dict]:
    """Entries as dicts with type, name, aliases, related, province, city; DictionaryError
    (one line: the file, the problem, the fix) for anything this code cannot use."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DictionaryError(f"{path}: not UTF-8 text; save it as UTF-8 or remove it") from None
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if "\x00" in raw:
        raise DictionaryError(f"{path}: binary content; it must be TOML or TSV text")
    entries = _toml_entries(path, raw) if path.suffix == ".toml" else _tsv_entries(raw)
    if len(entries) > MAX_ENTRIES:
        raise DictionaryError(f"{path}: {len(entries)} entries (at most {MAX_ENTRIES})")
    return [_checked(path, e) for e in entries]


def _toml_entries(path: Path, raw: str) -> list[dict]:
    import tomllib  # only a user dictionary in TOML needs it

    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise DictionaryError(f"{path}: not valid TOML ({exc}); fix the line it names") from None
    entries = []
    for t in TYPES:
        items = data.get(t, [])
        if not isinstance(items, list) or not all(isinstance(e, dict) for e in items):
            raise DictionaryError(f"{path}: '{t}' must be a list of tables, written [[{t}]]")
        entries += [{"type": t, **e} for e in items]
    return entries


def _tsv_entries(raw: str) -> list[dict]:
    import csv  # here: only a dictionary written as TSV needs it (a search reads the regions without one)

    rows = csv.DictReader(io.StringIO(raw), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{**r, "aliases": _split(r.get("aliases")), "related": _split(r.get("related"))} for r in rows]


def _checked(path: Path, e: dict) -> dict:
    """An entry whose fields have the types the gazetteer needs, else DictionaryError."""
    name = e.get("name")
    if e.get("type") not in TYPES or not isinstance(name, str) or not name.strip():
        shown = str(e)[:80]
        raise DictionaryError(f"{path}: every entry needs a type ({', '.join(TYPES)}) and a name as text: {shown}")
    for key in ("aliases", "related"):
        values = e.get(key) or []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise DictionaryError(f"{path}: '{key}' of '{name[:40]}' must be a list of texts, e.g. [\"甲\", \"乙\"]")
    for key in ("province", "city"):
        if not isinstance(e.get(key) or "", str):
            raise DictionaryError(f"{path}: '{key}' of '{name[:40]}' must be text")
    longest = max([name, *(e.get("aliases") or []), *(e.get("related") or [])], key=len)
    if len(longest) > MAX_NAME_CHARS:
        raise DictionaryError(
            f"{path}: a name or alias of '{name[:40]}' has {len(longest)} characters (at most {MAX_NAME_CHARS})"
        )
    return e


def _split(cell) -> list[str]:
    return [p.strip() for p in (cell or "").split(";") if p.strip()]
