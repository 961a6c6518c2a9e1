"""A leftmost-longest phrase matcher over search keys; one phrase may carry several values."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..textnorm import is_ascii_word, key_of


class PhraseTable:
    """Map phrases (in key form) to lists of payloads and find them in a key."""

    def __init__(self) -> None:
        self._entries: dict[str, list] = {}
        self._regex: re.Pattern | None = None

    def add(self, phrase: str, payload) -> None:
        """Register ``payload`` for ``phrase`` (width/case/space-blind)."""
        key = key_of(phrase)
        if len(key) < 2 and not key.isascii():
            return
        bucket = self._entries.setdefault(key, [])
        if payload not in bucket:
            bucket.append(payload)
        self._regex = None

    def __contains__(self, phrase: str) -> bool:
        return key_of(phrase) in self._entries

    def payloads(self, phrase: str) -> list:
        """Payloads of an exact phrase."""
        return self._entries.get(key_of(phrase), [])

    def _compile(self) -> re.Pattern:
        parts = []
        for form in sorted(self._entries, key=len, reverse=True):
            pat = re.escape(form)
            if is_ascii_word(form[0]):
                pat = r"(?<![a-z0-9])" + pat
            if is_ascii_word(form[-1]):
                pat += r"(?![a-z0-9])"
            parts.append(pat)
        return re.compile("|".join(parts) or r"(?!x)x")

    def find(self, key: str) -> Iterator[tuple[int, int, list]]:
        """(start, end, payloads) of non-overlapping leftmost-longest matches."""
        if self._regex is None:
            self._regex = self._compile()
        for m in self._regex.finditer(key):
            yield m.start(), m.end(), self._entries[m.group(0)]
