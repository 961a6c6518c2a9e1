"""Text from a corpus made safe for a terminal, a spreadsheet and a Markdown file.

Corpus text, titles and file names may hold control characters: an escape sequence printed
raw can set a terminal's title (OSC 2), write its clipboard (OSC 52) or clear the screen, and
C1 controls (U+0080–U+009F) act as escapes in some terminals. :func:`visible` replaces each
such character with one visible character (so offsets and highlight spans stay valid), and
the rest of a sequence then shows as plain text. File names that are not valid UTF-8 arrive
as lone surrogates (Python's ``surrogateescape``) and show as U+FFFD.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TypeVar

# C0 controls except tab and newline, DEL, C1 controls, lone surrogates
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_UNSAFE_C1 = re.compile("[\x7f-\x9f\ud800-\udfff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _picture(m: re.Match) -> str:
    o = ord(m.group(0))
    if o < 0x20:
        return chr(0x2400 + o)  # ␛ for ESC, ␇ for BEL, ␍ for CR …
    if o == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def visible(text: str) -> str:
    """``text`` with every control character but tab and newline (and every lone surrogate)
    replaced by one visible character: the same length, nothing a terminal acts on."""
    return _UNSAFE.sub(_picture, text) if _UNSAFE.search(text) else text


def one_line(text: str) -> str:
    """:func:`visible`, with tabs and newlines as spaces (titles, file names, table cells)."""
    return visible(text).replace("\n", " ").replace("\t", " ")


def display_name(name: str | bytes) -> str:
    """A file name for display: undecodable bytes as U+FFFD, controls made visible."""
    if isinstance(name, bytes):
        name = name.decode("utf-8", "replace")
    return one_line(name)


def csv_cell(value):
    """A CSV cell a spreadsheet will not run as a formula (OWASP): text starting with
    ``= + - @``, tab or CR gets a leading apostrophe; controls are made visible."""
    if not isinstance(value, str):
        return value
    value = visible(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def safe_json(text: str) -> str:
    """JSON text with C1 controls and lone surrogates written as ``\\uXXXX`` escapes (still
    the same JSON; ``json.dumps`` already escapes C0)."""
    return _UNSAFE_C1.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


_A = TypeVar("_A")
_ARTICLE_TEXTS = ("text", "title", "kicker", "subtitle", "byline", "dateline", "publication", "column", "source")


def safe_article(article: _A) -> _A:
    """A copy of an article (``Engine.show``, a dataclass) with its texts and original lines
    made :func:`visible`; offsets into them (hits, blocks, mentions) stay valid."""
    texts = {k: visible(v) for k in _ARTICLE_TEXTS if isinstance(v := getattr(article, k, None), str)}
    lines = [replace(ln, text=visible(ln.text)) for ln in article.source_lines]  # type: ignore[attr-defined]
    return replace(article, **texts, source_lines=lines)  # type: ignore[type-var]
