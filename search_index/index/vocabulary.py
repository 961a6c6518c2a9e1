"""The words the pinyin lexicon reads, kept beside the Whoosh index instead of in it.

The lexicon needs the corpus's Chinese words of two or more characters (the only ones with a
pinyin reading), nothing per document. Held as a Whoosh field they cost a posting per
distinct word and article, written at every build (a third of a one-process build). Here
they are counted instead: each jieba word → how many indexed files use it, and each of
those words' Han terms (its sub-words too, 2+ characters: what the lexicon reads) → how many
of the counted words yield it, saved in the index folder (``gxq-vocabulary.bin``,
``marshal``, checksummed) for one committed index state. A build counts an article's words
as jieba cut them, once per distinct word of a file, and turns words into terms once per
distinct word of the corpus, when it saves. An update subtracts the words of the files it
re-reads or drops (segmented again from their stored text) and adds those of the new
versions, so a word stays exactly as long as a file uses it, and a term as long as a word
yielding it does. A file that is missing, damaged or written for another index state is
rebuilt from the stored articles when the lexicon is first needed.
"""

from __future__ import annotations

import contextlib
import json
import marshal
import zlib
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from itertools import chain
from pathlib import Path

from search_index.analysis.segment import cut, forgotten_with_segmenter, word_terms
from search_index.analysis.textnorm import is_han, key_of
from search_index.index.folder import write_private

FILE_NAME = "gxq-vocabulary.bin"
VERSION = 2  # 2: words counted as jieba cut them, their Han terms beside
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


def article_words(heading: str, text: str, words: Sequence[str] | None = None) -> set[str]:
    """The distinct default-mode jieba words of an article's search key (heading and text).
    ``words``: that key's words when the caller already has them (the entity tagger cuts the
    same key), else it is cut here."""
    if words is None:
        words = cut(key_of(f"{heading}\n{text}"))
    return set(words)


def stored_words(stored: dict) -> set[str]:
    """The words of a stored article (``text`` and the heading in its ``meta``), as indexed."""
    from search_index.index.schema import title_line  # schema imports this module

    meta = json.loads(stored.get("meta") or "{}")
    heading = title_line(meta.get("kicker"), meta.get("title") or "", meta.get("subtitle"))
    return article_words(heading, stored.get("text") or "")


class Vocabulary:
    """Word → the files using it (``files``), and term → the counted words yielding it
    (:meth:`terms`, worked out from the words when first asked for after a build)."""

    def __init__(self, files: Counter | None = None, terms: Counter | None = None) -> None:
        self._files: Counter = Counter() if files is None else files
        self._terms = terms

    @property
    def files(self) -> Counter:
        """Word → the files using it, for the words that yield a term (after :meth:`terms`,
        so that it reads the same whenever it is asked)."""
        self.terms()
        return self._files

    def add(self, words: Collection[str]) -> None:
        """Count one file's distinct words."""
        if self._terms is None:  # a build: words only (the loop runs in C), terms when saved
            self._files.update(words)
            return
        files, terms = self._files, self._terms
        for word in words:
            if word in files:
                files[word] += 1
            elif found := _HAN_TERMS[word]:  # a word yielding no term is not kept
                files[word] = 1
                terms.update(found)

    def subtract(self, words: Iterable[str]) -> None:
        """Forget one file's words; a word no file uses any more leaves, and so does a term
        no word left yields."""
        terms, files = self.terms(), self._files
        for word in set(words):
            left = files.get(word, 0) - 1
            if left > 0:
                files[word] = left
            elif left == 0:
                del files[word]
                for term in _HAN_TERMS[word]:
                    if terms[term] > 1:
                        terms[term] -= 1
                    else:
                        terms.pop(term, None)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Vocabulary) and (self.terms(), self._files) == (other.terms(), other._files)

    __hash__ = None  # type: ignore[assignment]

    def terms(self) -> Counter:
        """Term → how many counted words yield it (its keys are the lexicon's words); the
        words that yield none are dropped when it is first worked out."""
        if self._terms is None:
            self._files = Counter({word: n for word, n in self._files.items() if _HAN_TERMS[word]})
            self._terms = Counter(chain.from_iterable(map(_HAN_TERMS.__getitem__, self._files)))
        return self._terms


def source_words(searcher, source: str) -> set[str]:
    """The words of every stored article of one source file."""
    words: set[str] = set()
    for stored in searcher.documents(source=source):
        words |= stored_words(stored)
    return words


def rebuilt(searcher) -> Vocabulary:
    """Counts read back from every stored article (when the saved file cannot be used)."""
    by_source: dict[str, set[str]] = {}
    for stored in searcher.all_stored_fields():
        by_source.setdefault(stored.get("source", ""), set()).update(stored_words(stored))
    counts = Vocabulary()
    for words in by_source.values():
        counts.add(words)
    return counts


def save(counts: Vocabulary, folder: Path, tag: str) -> None:
    """Write atomically (owner-only) for index state ``tag``; an unwritable folder is no error."""
    raw = marshal.dumps((dict(counts.files), dict(counts.terms())))
    head = marshal.dumps({"version": VERSION, "tag": tag, "size": len(raw), "crc": zlib.crc32(raw)})
    write_private(folder / FILE_NAME, lambda fh: fh.writelines((head, raw)))


def load(folder: Path, tag: str) -> Vocabulary | None:
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
        files, terms = marshal.loads(raw)
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        return None
    if not isinstance(files, dict) or not isinstance(terms, dict):
        return None
    return Vocabulary(Counter(files), Counter(terms))


def discard(folder: Path) -> None:
    """Remove the saved counts (an update that cannot keep them exact); a folder that cannot
    be written keeps them, and their tag no longer matches once the index changes."""
    with contextlib.suppress(OSError):
        (folder / FILE_NAME).unlink(missing_ok=True)


forgotten_with_segmenter(_HAN_TERMS.clear)  # what it holds came from the segmenter's dictionary
