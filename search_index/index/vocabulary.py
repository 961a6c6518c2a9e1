"""The words the pinyin lexicon reads, kept beside the Whoosh index instead of in it.

The lexicon needs the corpus's Chinese words of two or more characters (the only ones with a
pinyin reading), nothing per document. Held as a Whoosh field they cost a posting per
distinct word and article, written at every build (a third of a one-process build). Here
they are counted instead: word → how many indexed files use it, saved in the index folder
(``gxq-vocabulary.bin``, ``marshal``, checksummed) for one committed index state. An update
subtracts the words of the files it re-reads or drops (segmented again from their stored
text) and adds those of the new versions, so a word stays exactly as long as a file uses it.
A file that is missing, damaged or written for another index state is rebuilt from the
stored articles when the lexicon is first needed.
"""

from __future__ import annotations

import contextlib
import json
import marshal
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain
from pathlib import Path

from search_index.analysis.segment import cut, word_terms
from search_index.analysis.textnorm import is_han, key_of
from search_index.index.folder import write_private

FILE_NAME = "gxq-vocabulary.bin"
VERSION = 1
_HAN_TERMS_MAX = 500_000


class _HanTerms(dict[str, tuple[str, ...]]):
    """word → its terms that are Han words of 2+ characters, computed on first look-up
    (forgotten all at once past :data:`_HAN_TERMS_MAX` words)."""

    def __missing__(self, word: str) -> tuple[str, ...]:
        if len(self) >= _HAN_TERMS_MAX:
            self.clear()
        terms = self[word] = tuple(t for t in word_terms(word) if len(t) > 1 and all(map(is_han, t)))
        return terms


_HAN_TERMS = _HanTerms()


def article_words(heading: str, text: str, words: Sequence[str] | None = None) -> list[str]:
    """The distinct Han words of two or more characters jieba finds in an article (its
    heading and text, sub-words of long words too), in first-seen order. ``words``: the
    default-mode jieba words of that text's search key when the caller already has them
    (the entity tagger cuts the same key), else it is cut here."""
    if words is None:
        words = cut(key_of(f"{heading}\n{text}"))
    # each distinct word once (a word seen again adds nothing new); the loops run in C
    return list(dict.fromkeys(chain.from_iterable(map(_HAN_TERMS.__getitem__, dict.fromkeys(words)))))


def stored_words(stored: dict) -> set[str]:
    """The words of a stored article (``text`` and the heading in its ``meta``), as indexed."""
    from search_index.index.schema import title_line  # schema imports this module

    meta = json.loads(stored.get("meta") or "{}")
    heading = title_line(meta.get("kicker"), meta.get("title") or "", meta.get("subtitle"))
    return set(article_words(heading, stored.get("text") or ""))


def add(counts: Counter, words: Iterable[str]) -> None:
    """Count one file's words (each once)."""
    counts.update(set(words))


def subtract(counts: Counter, words: Iterable[str]) -> None:
    """Forget one file's words; a word no file uses any more leaves."""
    for word in set(words):
        left = counts.get(word, 0) - 1
        if left > 0:
            counts[word] = left
        else:
            counts.pop(word, None)


def source_words(searcher, source: str) -> set[str]:
    """The words of every stored article of one source file."""
    words: set[str] = set()
    for stored in searcher.documents(source=source):
        words |= stored_words(stored)
    return words


def rebuilt(searcher) -> Counter:
    """Counts read back from every stored article (when the saved file cannot be used)."""
    by_source: dict[str, set[str]] = {}
    for stored in searcher.all_stored_fields():
        by_source.setdefault(stored.get("source", ""), set()).update(stored_words(stored))
    counts: Counter = Counter()
    for words in by_source.values():
        add(counts, words)
    return counts


def save(counts: Counter, folder: Path, tag: str) -> None:
    """Write atomically (owner-only) for index state ``tag``; an unwritable folder is no error."""
    raw = marshal.dumps(dict(counts))
    head = marshal.dumps({"version": VERSION, "tag": tag, "size": len(raw), "crc": zlib.crc32(raw)})
    write_private(folder / FILE_NAME, lambda fh: fh.writelines((head, raw)))


def load(folder: Path, tag: str) -> Counter | None:
    """The counts saved for index state ``tag``; None when missing, damaged, or of another
    state or version."""
    try:
        with open(folder / FILE_NAME, "rb") as fh:
            head = marshal.load(fh)
            if not isinstance(head, dict) or head.get("version") != VERSION or head.get("tag") != tag:
                return None
            raw = fh.read()
        if len(raw) != head["size"] or zlib.crc32(raw) != head["crc"]:
            return None
        counts = marshal.loads(raw)
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        return None
    return Counter(counts) if isinstance(counts, dict) else None


def discard(folder: Path) -> None:
    """Remove the saved counts (an update that cannot keep them exact); a folder that cannot
    be written keeps them, and their tag no longer matches once the index changes."""
    with contextlib.suppress(OSError):
        (folder / FILE_NAME).unlink(missing_ok=True)
