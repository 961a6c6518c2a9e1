"""jieba, loaded once per process with the gazetteer's names as words.

Two builds of the same algorithm and dictionary can do the work: ``rjieba`` (jieba-rs, the
Rust port: about 18× faster and loaded in a fifth of the time) when it is installed, else the
Python ``jieba`` package. ``GXQ_SEGMENTER=jieba`` forces the Python one. They cut alike but
for hyphenated Latin words (``E-Cabin`` stays whole in rjieba), so the segmenter's name is
part of the index format and a change rebuilds the index.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from search_index.analysis.textnorm import is_han

MIN_NAME_FREQ = 100_000  # high enough that a gazetteer name beats any split of it


class Segmenter(Protocol):
    """What the index needs of jieba."""

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """Default-mode (HMM) words with character offsets."""

    def cut(self, text: str) -> list[str]:
        """Default-mode (HMM) words."""

    def has_word(self, word: str) -> bool:
        """True when the dictionary holds ``word``."""

    def add_name(self, word: str) -> None:
        """Add a name that must stay one word."""


class RustJieba:
    """jieba-rs through rjieba."""

    def __init__(self) -> None:
        self._jieba = _rust_dictionary()
        self.tokenize = self._jieba.tokenize
        self.has_word = self._jieba.has_word

    def cut(self, text: str) -> list[str]:
        """Default-mode (HMM) words."""
        return self._jieba.cut(text, True)

    def add_name(self, word: str) -> None:
        """Add a name that must stay one word."""
        self._jieba.add_word(word, max(self._jieba.suggest_freq(word), MIN_NAME_FREQ), None)


_rjieba_own_taken = False  # rjieba's module instance has been handed to a RustJieba


def _rust_dictionary():
    """A jieba-rs instance with the default dictionary and nothing added. Importing rjieba
    builds one for its module-level functions (which this program never calls): the first
    segmenter takes that one instead of building the dictionary a second time (a tenth of a
    second); any later one gets a new instance."""
    global _rjieba_own_taken
    import rjieba

    own = getattr(rjieba, "_DEFAULT_JIEBA", None)
    if _rjieba_own_taken or not isinstance(own, rjieba.Jieba):
        return rjieba.Jieba()
    _rjieba_own_taken = True
    return own


class PythonJieba:
    """The Python jieba package."""

    def __init__(self) -> None:
        import logging  # only for the Python jieba's chatter

        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._tk = jieba.Tokenizer()
        self._tk.initialize()
        self._freq = self._tk.FREQ

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """Default-mode (HMM) words with character offsets."""
        return list(self._tk.tokenize(text, mode="default", HMM=True))

    def cut(self, text: str) -> list[str]:
        """Default-mode (HMM) words."""
        return self._tk.lcut(text, HMM=True)

    def has_word(self, word: str) -> bool:
        """True when the dictionary holds ``word``."""
        return bool(self._freq.get(word))

    def add_name(self, word: str) -> None:
        """Add a name that must stay one word."""
        self._tk.add_word(word, freq=max(self._tk.suggest_freq(word, tune=False), MIN_NAME_FREQ))


_lock = threading.Lock()
_segmenter: Segmenter | None = None
_word_terms: dict[str, tuple[str, ...]] = {}  # word → its index terms (see index_terms)
WORD_TERMS_MAX = 200_000  # distinct words remembered before the memory starts over


def backend_name() -> str:
    """Which build will segment, without loading its dictionary: 'rjieba' or 'jieba'."""
    if os.environ.get("GXQ_SEGMENTER", "").lower() == "jieba":
        return "jieba"
    return "rjieba" if importlib.util.find_spec("rjieba") else "jieba"


def segmenter_id() -> str:
    """Name and version of the segmenter, as recorded with an index."""
    module = backend_name()
    return f"{module}-{_version(module)}"


def segmenter() -> Segmenter:
    """The shared segmenter, loaded once with gazetteer names as words (thread-safe); made
    anew when :func:`renew_segmenter` finds the names changed."""
    global _segmenter
    if _segmenter is not None:
        return _segmenter
    with _lock:
        if _segmenter is None:
            seg = RustJieba() if backend_name() == "rjieba" else PythonJieba()
            from search_index.reference.gazetteer import load_gazetteer  # not needed to open an index

            gazetteer = load_gazetteer()
            for word in sorted(gazetteer.words()):
                seg.add_name(word)
            _word_terms.clear()
            _names_of[0] = gazetteer.fingerprint()
            _segmenter = seg
    return _segmenter


_names_of: list[str | None] = [None]  # the fingerprint of the gazetteer whose names the segmenter holds
_forgetting: list[Callable[[], object]] = []  # what is cleared when the segmenter is made anew


def forgotten_with_segmenter(*clears: Callable[[], object]) -> None:
    """Register memories of the segmenter's answers (each a cache's ``clear``): they are
    cleared when the segmenter is made anew."""
    _forgetting.extend(clears)


def renew_segmenter(names: str) -> None:
    """When the gazetteer (``names``: its fingerprint; the user edited their dictionary)
    differs from the one the shared segmenter was loaded with, drop that segmenter and every
    registered memory of its answers: the next :func:`segmenter` loads the names afresh, as a
    new process would."""
    global _segmenter
    with _lock:
        if _segmenter is None or _names_of[0] == names:
            return
        _segmenter = None
        _word_terms.clear()
        for clear in _forgetting:
            clear()


def cut(text: str) -> list[str]:
    """Default-mode jieba words of a text."""
    return segmenter().cut(text)


def words_with_subwords(text: str) -> Iterator[tuple[str, int, int, int]]:
    """(word, position, start, end): default-mode words, each followed by its dictionary
    sub-words (search mode) at the same position, so phrases over words still work."""
    seg = segmenter()
    pos = 0
    for word, start, _end in seg.tokenize(text):
        parts = _word_parts(seg, word)
        if not parts:
            continue
        for term, offset in parts:
            yield term, pos, start + offset, start + offset + len(term)
        pos += 1


def index_terms(key: str) -> list[str]:
    """The terms :func:`words_with_subwords` yields for a search key, without positions or
    offsets: what a frequency-only index field needs, at a fraction of the cost (each
    distinct word's sub-words are looked up once per process)."""
    terms: list[str] = []
    get = _word_terms.get
    for word in segmenter().cut(key):
        found = get(word)
        terms += word_terms(word) if found is None else found
    return terms


def word_terms(word: str) -> tuple[str, ...]:
    """The index terms of one default-mode word (its dictionary sub-words, then itself; none
    for punctuation), looked up once per process."""
    found = _word_terms.get(word)
    if found is None:
        if len(_word_terms) >= WORD_TERMS_MAX:
            _word_terms.clear()
        found = _word_terms[word] = tuple(term for term, _offset in _word_parts(segmenter(), word))
    return found


def _word_parts(seg: Segmenter, word: str) -> tuple[tuple[str, int], ...]:
    """(term, offset in the word) of one jieba word: its dictionary sub-words of a Chinese
    word longer than two characters (shorter first, left to right), then the word itself;
    nothing for whitespace or punctuation."""
    if not word.strip() or not any(ch.isalnum() for ch in word):
        return ()
    n = len(word)
    if n <= 2 or not any(is_han(c) for c in word):
        return ((word, 0),)
    grams = ((word[i : i + size], i) for size in range(2, n) for i in range(n - size + 1))
    return (*(gram for gram in grams if seg.has_word(gram[0])), (word, 0))


def spans_boundary(left: str, right: str) -> bool:
    """True when jieba joins the end of ``left`` and the start of ``right`` into one word."""
    a, b = left[-4:], right[:4]
    if not a or not b:
        return False
    offset = 0
    for w in cut(a + b):
        if offset < len(a) < offset + len(w) and len(w) >= 2:
            return True
        offset += len(w)
    return False


def _version(module: str) -> str:
    """The installed version of ``module``: read from the one ``METADATA`` beside it when
    there is one (importing importlib.metadata costs 40 ms of every build), else asked of
    importlib.metadata."""
    found = _version_beside(module)
    if found:
        return found
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(module)
    except PackageNotFoundError:
        return "?"


def _version_beside(module: str) -> str:
    """The ``Version`` field of the only ``MODULE-*.dist-info`` in the folder the module is
    installed in, or "" when that is not a plain ``Version: X`` line (none, several, folded,
    spaced; importlib.metadata's parser then decides)."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        return ""
    origin = Path(spec.origin)
    folder = origin.parent.parent if spec.submodule_search_locations is not None else origin.parent
    found = [d for d in folder.glob(f"{module}-*.dist-info") if d.name.split("-", 1)[0] == module]
    if len(found) != 1:
        return ""
    try:
        lines = (found[0] / "METADATA").read_text(encoding="utf-8").split("\n")
    except (OSError, ValueError):
        return ""
    for i, line in enumerate(lines):
        if not line.strip():
            return ""  # the end of the headers
        if line[:8].lower() == "version:":
            value = line[9:] if line.startswith("Version: ") else ""
            folded = i + 1 < len(lines) and lines[i + 1][:1] in (" ", "\t")
            return value if value and value == value.strip() and not folded else ""
    return ""
