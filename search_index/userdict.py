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

import csv
import io
import os
import tomllib
from dataclasses import replace
from pathlib import Path

import platformdirs

from .gazetteer import Gazetteer, Park, Track

TYPES = ("park", "track", "company", "org")


class DictionaryError(ValueError):
    """The user dictionary cannot be read; the message names the file and the problem."""


def config_dir() -> Path:
    """GXQ_CONFIG_DIR or the per-user config directory."""
    env = os.environ.get("GXQ_CONFIG_DIR")
    return Path(env).expanduser() if env else Path(platformdirs.user_config_dir("gxq-tui"))


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
    """Entries as dicts with type, name, aliases, related, province, city."""
    raw = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".toml":
        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            raise DictionaryError(f"{path}: {exc}") from exc
        entries = [{"type": t, **e} for t in TYPES for e in data.get(t, [])]
    else:
        rows = csv.DictReader(io.StringIO(raw), delimiter="\t", quoting=csv.QUOTE_NONE)
        entries = [{**r, "aliases": _split(r.get("aliases")), "related": _split(r.get("related"))} for r in rows]
    for e in entries:
        if e.get("type") not in TYPES or not str(e.get("name") or "").strip():
            raise DictionaryError(f"{path}: every entry needs a type ({', '.join(TYPES)}) and a name: {e}")
    return entries


def _split(cell) -> list[str]:
    return [p.strip() for p in (cell or "").split(";") if p.strip()]


def apply_user_dictionary(gaz: Gazetteer, signature: tuple) -> Gazetteer:
    """The gazetteer with the user's entries merged in."""
    if not signature:
        return gaz
    path = Path(signature[0])
    entries = read_entries(path)
    parks, tracks = dict(gaz.parks), dict(gaz.tracks)
    extra: list[tuple[str, str, tuple[str, ...]]] = []
    for e in entries:
        name, aliases = e["name"].strip(), tuple(e.get("aliases") or ())
        if e["type"] == "park":
            old = parks.get(name) or Park(name, name, (), e.get("province", ""), e.get("city", ""))
            parks[name] = replace(old, aliases=tuple(dict.fromkeys((*old.aliases, *aliases))))
        elif e["type"] == "track":
            old = tracks.get(name) or Track(name, (), ())
            related = tuple(e.get("related") or ())
            tracks[name] = Track(name, (*old.aliases, *aliases), (*old.related, *related))
        else:
            extra.append((e["type"], name, aliases))
    return replace(gaz, parks=parks, tracks=tracks, extra_names=tuple(extra), user_source=path.read_text("utf-8"))
