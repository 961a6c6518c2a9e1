"""An index's committed state and stored documents, read without importing Whoosh.

A search reads two things from Whoosh's files: the table of contents (the generation and its
segments, which name the row cache's tag: ``memo.index_tag``) and the stored documents of the
rows it shows. Opening them through Whoosh imports its index, codec, fields, analysers and
matchers (some 60 ms of a cold search at 74,000 articles) for neither. :func:`read_toc`
reads the table of contents of Whoosh's version -111 (skipping its pickled schema; the
segments are unpickled as plain records), and :class:`LightReader` reads a stored document
from its segment's ``_stored`` column (W3 codec: variable-length values, each compressed with
zlib and pickled), as Whoosh's reader does, and hands every other question to a Whoosh reader
opened on first use. Anything else (another version, a compound segment, a class it does not
know) gives None, and the caller opens the index with Whoosh as before."""

from __future__ import annotations

import io
import os
import pickle
import re
import struct
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

INDEX_NAME = "MAIN"  # Whoosh's default index name, the one every index here has
TOC_VERSION = -111  # whoosh.index._CURRENT_TOC_VERSION
_TOC_FILE = re.compile(rf"^_{INDEX_NAME}_([0-9]+)\.toc$")
_INT = struct.Struct("!i")
_SEGMENT = "whoosh.codec.whoosh3.W3Segment"
_LITTLE = array("H", [1]).tobytes()[0] == 1


class Segment(NamedTuple):
    """One segment of a committed index: its id (its files' prefix) and documents (deleted
    ones included: they keep their numbers)."""

    ident: str
    docs: int


class Toc(NamedTuple):
    """What a table of contents says: the generation and its segments, in Whoosh's order."""

    generation: int
    segments: tuple[Segment, ...]

    @property
    def tag(self) -> str:
        """The index state's name, as ``memo.index_tag`` gives it from Whoosh's index."""
        return f"g{self.generation}-" + ",".join(sorted(s.ident for s in self.segments))


class _Record:
    """A Whoosh object of the table of contents, unpickled as its attributes."""

    def __setstate__(self, state: Any) -> None:
        if isinstance(state, tuple):  # (dict, slots)
            for part in state:
                self.__dict__.update(part or {})
        else:
            self.__dict__.update(state)


class _Unpickler(pickle.Unpickler):
    """Whoosh's classes become records named after them (none of its modules is imported)."""

    def find_class(self, module: str, name: str) -> Any:
        if module.split(".")[0] == "whoosh":
            return type(name, (_Record,), {"whoosh_class": f"{module}.{name}"})
        return super().find_class(module, name)


def read_toc(folder: Path) -> Toc | None:
    """The latest table of contents in ``folder`` (as Whoosh finds it: the highest generation
    of its ``_MAIN_<n>.toc`` files); None when there is none or it is not one this module
    reads (Whoosh then opens the index, and reports what is wrong)."""
    try:
        found = [int(m[1]) for name in os.listdir(folder) if (m := _TOC_FILE.match(name))]
        if not found:
            return None
        generation = max(found)
        data = (folder / f"_{INDEX_NAME}_{generation}.toc").read_bytes()
        return _parsed(data, generation)
    except Exception:  # unreadable or unexpected: Whoosh's own reading decides
        return None


def _parsed(data: bytes, generation: int) -> Toc | None:
    stream = io.BytesIO(data)
    sizes = [_varint(stream) for _ in range(3)]  # int, long and float sizes
    if sizes != [4, 8, 4] or _int(stream) != -12345 or _int(stream) != TOC_VERSION:
        return None
    for _ in range(3):  # the release
        _varint(stream)
    stream.seek(_varint(stream), os.SEEK_CUR)  # the pickled schema: not needed
    if _int(stream) != generation:
        return None
    _int(stream)  # unused
    segments = []
    for seg in _Unpickler(stream).load():
        fields = seg.__dict__
        if getattr(seg, "whoosh_class", "") != _SEGMENT or fields.get("compound") or "name" in fields:
            return None
        if fields.get("indexname") != INDEX_NAME or not isinstance(fields.get("_doccount"), int):
            return None
        segments.append(Segment(f"{INDEX_NAME}_{fields['segid']}", fields["_doccount"]))
    return Toc(generation, tuple(segments))


def _varint(stream: io.BytesIO) -> int:
    value = shift = 0
    while True:
        byte = stream.read(1)[0]
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value
        shift += 7


def _int(stream: io.BytesIO) -> int:
    return _INT.unpack(stream.read(4))[0]


class _StoredColumn:
    """One segment's ``_stored`` column file (whoosh.columns.VarBytesColumn, its values
    compressed): every document's length, and offsets, at the end of the file."""

    def __init__(self, path: Path, docs: int) -> None:
        self.fd = os.open(path, os.O_RDONLY)
        self.docs = docs
        self._offsets: array | None = None
        self._lengths: array | None = None

    def close(self) -> None:
        os.close(self.fd)

    def _tables(self) -> tuple[array, array]:
        if self._offsets is None or self._lengths is None:
            last = os.fstat(self.fd).st_size - 1
            code = chr(self._get(last, 1)[0])
            offsets = None
            if code == "X":  # offsets written too: their type and the lengths' before the X
                lengths_code, offsets_code = chr(self._get(last - 2, 1)[0]), chr(self._get(last - 1, 1)[0])
                start = last - 2 - self.docs * struct.calcsize(offsets_code)
                offsets, last, code = self._array(start, offsets_code), start, lengths_code
            lengths = self._array(last - struct.calcsize(code) * self.docs, code)
            if offsets is None:
                offsets, total = array("q"), 0
                for length in lengths:
                    offsets.append(total)
                    total += length
            self._offsets, self._lengths = offsets, lengths
        return self._offsets, self._lengths

    def _array(self, start: int, code: str) -> array:
        values = array(code)
        raw = self._get(start, values.itemsize * self.docs)
        if start < 0 or len(raw) != values.itemsize * self.docs:
            raise ValueError("a stored column's tables do not fit its file")
        values.frombytes(raw)
        if _LITTLE:  # written big-endian
            values.byteswap()
        return values

    def _get(self, offset: int, size: int) -> bytes:
        if offset < 0:
            raise ValueError("a stored column's tables do not fit its file")
        return os.pread(self.fd, size, offset)

    def document(self, docnum: int) -> dict:
        offsets, lengths = self._tables()
        length = lengths[docnum]
        if not length:
            return {}
        raw = self._get(offsets[docnum], length)
        if len(raw) != length:
            raise ValueError("a stored document runs past its file")
        return pickle.loads(zlib.decompress(raw))


class LightReader:
    """The stored documents of a committed index (``toc``), read as Whoosh's reader reads
    them; every other attribute is the Whoosh reader's, opened (by ``open_whoosh``) on first
    use. The segments' column files are opened now, so a commit that removes them meanwhile
    does not take them away."""

    def __init__(self, folder: Path, toc: Toc, open_whoosh: Callable[[], Any]) -> None:
        self._open_whoosh = open_whoosh
        self._whoosh: Any = None
        self._columns: list[_StoredColumn] = []
        try:
            for seg in toc.segments:
                self._columns.append(_StoredColumn(folder / f"{seg.ident}._stored.col", seg.docs))
        except OSError:
            self.close()
            raise
        self._starts = [0]
        for seg in toc.segments:
            self._starts.append(self._starts[-1] + seg.docs)

    def stored_fields(self, docnum: int) -> dict:
        """The stored fields of document ``docnum`` (numbered across segments, as Whoosh does)."""
        if not 0 <= docnum < self._starts[-1]:
            raise IndexError(f"no document {docnum}")
        segment = bisect_right(self._starts, docnum) - 1
        return self._columns[segment].document(docnum - self._starts[segment])

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if self._whoosh is None:
            self._whoosh = self._open_whoosh()
        return getattr(self._whoosh, name)

    def close(self) -> None:
        """Close the column files and the Whoosh reader (if one was opened)."""
        columns, self._columns = self._columns, []
        for column in columns:
            column.close()
        if self._whoosh is not None:
            self._whoosh.close()
            self._whoosh = None
