"""Which field of an exported record is the title, the text, the date…

Names are matched case- and space-insensitively (``Publish Time`` = ``publish_time`` =
``publishtime``). A corpus that names its fields otherwise is mapped by the user, most
specific first: ``--field title=headline`` on the command line (passed on as
``GXQ_FIELDS=title=headline;text=story``), then ``fields.toml`` in the config folder
(``GXQ_CONFIG_DIR`` or the per-user config dir), e.g.::

    title = "headline"
    text = ["story", "article_body"]
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import platformdirs

from search_index.errors import FieldError

KNOWN: dict[str, tuple[str, ...]] = {
    key: tuple(names.split())
    for key, names in {
        "title": "title 标题 题目 headline heading 新闻标题 文章标题 subject",
        "text": "content body text 正文 内容 fulltext maintext article articlebody contents 新闻内容 文章内容 "
        "新闻正文 文本 detail",
        "date": "date pubtime published publishtime publishdate pubdate publishedat publishedtime 发布时间 日期 时间 "
        "发表时间 发布日期 出版日期 新闻日期 datetime time releasetime releasedate ctime createdat created",
        "source": "source media 来源 媒体 outlet publisher sitename site 出处 媒体名称 来源媒体 发布媒体 新闻来源 网站 "
        "websitename newspaper 报纸 报刊",
        "url": "url link 链接 网址 href 原文链接 sourceurl pageurl articleurl 原文地址",
        "author": "author authors 作者 记者 byline writer reporter",
        "column": "column section 栏目 频道 版面 版块 channel category 分类",
    }.items()
}
ALIASES = {"publication": "source", "outlet": "source", "body": "text", "content": "text", "authors": "author"}
ENV = "GXQ_FIELDS"


def squash(name: str) -> str:
    """A field name as compared: lower case, without spaces, underscores, dashes or dots."""
    return re.sub(r"[\s_\-.:：]+", "", str(name)).lower()


def config_path() -> Path:
    """``fields.toml`` in GXQ_CONFIG_DIR or the per-user config folder."""
    base = os.environ.get("GXQ_CONFIG_DIR") or platformdirs.user_config_dir("gxq-tui")
    return Path(base).expanduser() / "fields.toml"


def parse_options(options: list[str]) -> dict[str, list[str]]:
    """``["title=headline", "text=story"]`` → ``{"title": ["headline"], "text": ["story"]}``."""
    out: dict[str, list[str]] = {}
    for option in options:
        key, sep, value = option.partition("=")
        key = ALIASES.get(key.strip().lower(), key.strip().lower())
        if not sep or not value.strip():
            raise FieldError(f"--field wants KEY=NAME, got {option!r}")
        if key not in KNOWN:
            raise FieldError(f"--field {option!r}: KEY is one of {', '.join(KNOWN)}")
        out.setdefault(key, []).append(value.strip())
    return out


def to_env(mapping: dict[str, list[str]]) -> str:
    """The GXQ_FIELDS value of a mapping (so spawned indexing processes see it too)."""
    return ";".join(f"{k}={v}" for k, names in mapping.items() for v in names)


def user_mapping() -> dict[str, list[str]]:
    """The user's names per field: GXQ_FIELDS first, then fields.toml."""
    env = [part for part in os.environ.get(ENV, "").split(";") if part.strip()]
    out = parse_options(env)
    for key, names in _from_config().items():
        out.setdefault(key, []).extend(n for n in names if n not in out.get(key, []))
    return out


def _from_config() -> dict[str, list[str]]:
    path = config_path()
    try:
        raw = path.read_text(encoding="utf-8")
        import tomllib  # only a fields.toml needs it (5 ms of every build's start otherwise)

        table = tomllib.loads(raw)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise FieldError(f"{path}: {exc}") from exc
    table = table.get("fields", table)
    options = [f"{k}={v}" for k, vs in table.items() for v in (vs if isinstance(vs, list) else [vs])]
    try:
        return parse_options(options)
    except FieldError as exc:
        raise FieldError(f"{path}: {exc}") from exc


def fingerprint() -> str:
    """Names the mapping in force ('' for none), so a changed mapping rebuilds the index."""
    try:
        mapping = user_mapping()
    except FieldError:
        return "invalid"
    if not mapping:
        return ""
    return hashlib.sha1(repr(sorted(mapping.items())).encode()).hexdigest()[:12]


class FieldMap:
    """Resolves a file's column names to the fields gxq-tui knows."""

    def __init__(self, user: dict[str, list[str]] | None = None):
        self.user = user if user is not None else user_mapping()

    def resolve(self, names: list[str]) -> dict[str, str]:
        """field → the file's column name, for the fields found among ``names``."""
        by_squash: dict[str, str] = {}
        for n in names:
            by_squash.setdefault(squash(n), n)
        out: dict[str, str] = {}
        taken: set[str] = set()
        for key, known in KNOWN.items():
            for candidate in [*self.user.get(key, []), *known]:
                name = by_squash.get(squash(candidate))
                if name is not None and name not in taken:
                    out[key] = name
                    taken.add(name)
                    break
        return out
