"""What leaves the app from the reader: the source file in an editor at the hit's line, and a
passage with its citation for the clipboard: pure functions, and the two that hand them to
the terminal."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search_index.articles import Article

from textual.app import App, SuspendNotSupported

SPACE = re.compile(r"\s+")
NO_OSC52 = {"linux", "dumb", "vt100", "vt220"}  # terminals known to ignore clipboard writes


def hit_line(article: Article, hit: int) -> int:
    """The source line where hit number ``hit`` is printed (the article's first line if the
    cleaned text cannot be traced back, e.g. a hit that a line break splits in two ways)."""
    first = article.lines[0]
    hits = article.hits
    if not 0 <= hit < len(hits):
        return first
    start, end = hits[hit]
    needle = SPACE.sub("", article.text[start:end])
    if not needle:
        return first
    nth = SPACE.sub("", article.text[:start]).count(needle)  # earlier hits of the same text
    compact, owner = "", []
    for row in article.source_lines:
        piece = SPACE.sub("", row.text)
        compact += piece
        owner += [row.line] * len(piece)
    at = -1
    for _ in range(nth + 1):
        at = compact.find(needle, at + 1)
        if at < 0:
            return first
    return owner[at]


def passage(article: Article, hit: int) -> str:
    """The paragraph holding hit number ``hit`` (the first paragraph without hits)."""
    text = article.text
    hits = article.hits
    where = hits[hit][0] if 0 <= hit < len(hits) else 0
    blocks = [(s, e) for kind, s, e in article.blocks if kind != "subhead"] or [(0, len(text))]
    start, end = next(((s, e) for s, e in blocks if s <= where < e), blocks[0])
    return text[start:end].strip()


def citation(article: Article, source: str = "") -> str:
    """'《title》 · outlet · date · URL' (the file and lines when there is no URL)."""
    parts = [f"《{article.title}》"]
    parts += [v for v in (article.publication, article.date) if v]
    parts.append(article.url or f"{source or article.source}:{article.lines[0]}–{article.lines[1]}")
    return " · ".join(parts)


def clip(article: Article, hit: int, source: str = "") -> str:
    """The passage and its citation, ready to paste into notes."""
    return f"{passage(article, hit)}\n—— {citation(article, source)}"


def editor_command(path: Path, line: int) -> list[str]:
    """$VISUAL, else $EDITOR, else $PAGER or less, opened at ``line`` (``+N`` is understood by
    vi, vim, nano, emacs, micro, kak and less)."""
    program = os.environ.get("VISUAL") or os.environ.get("EDITOR") or os.environ.get("PAGER") or "less"
    return [*shlex.split(program), f"+{line}", str(path)]


def edit_file(app: App, command: list[str]) -> None:
    """Run an editor or pager ``command`` with the app suspended, then redraw (headless, as
    in tests, it just runs); a program that cannot start is reported, not raised."""
    try:
        if app.is_headless:  # tests: nothing to hand the terminal to
            subprocess.run(command, check=False)
        else:
            with app.suspend():
                subprocess.run(command, check=False)
    except (OSError, SuspendNotSupported) as exc:
        app.notify(f"Cannot open {command[0]}: {exc}", severity="error", timeout=6)
    app.refresh()


def copy_text(app: App, text: str) -> None:
    """``text`` to the clipboard by OSC 52 (it works over SSH), saying whether it could."""
    app.copy_to_clipboard(text)
    term = os.environ.get("TERM", "")
    if term in NO_OSC52:
        app.notify(f"This terminal ({term}) cannot take OSC 52: nothing copied", severity="warning")
    else:
        app.notify(f"Copied {len(text)} characters with the citation (OSC 52; in tmux: set-clipboard on)")
