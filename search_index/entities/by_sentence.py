"""Rules run on a text's parts, their findings in a sentence seen before remembered with the
sentence's tagged words.

What the place and organisation rules find in a stretch of whole sentences depends on its
words and on the word before it, nothing else: no place's or fixed name's form holds a mark
that ends a sentence (。!?;), so a name never runs across one, and the rules look back past
a stretch's start only to test the marks that end the sentence before (the last word of a
sentence is its marks: jieba never glues a mark to another character, and it cuts a text
into the words of its sentences one after another). So a text is cut into parts: each
sentence that was tagged before (news repeats its sentences: credits, standard paragraphs)
is a part of its own, whose findings are remembered for (the word before it, the sentence);
the sentences between them go together, as one part, to the rule. A text of new sentences
only is one part: the rule gets it whole, as it would without this module.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from search_index.analysis.pos import SENTENCE_MARKS, Sentence, Words
from search_index.entities.lexicon import org_names, place_forms, set_phrases
from search_index.entities.tagged import Found, Tagged


class Part:
    """Whole sentences of a text: the first one's first character in the text, the
    sentences, the (word, tag) before them (None at the start), and whether the part is one
    sentence seen before (what is found in it is remembered with it)."""

    __slots__ = ("_view", "before", "remembered", "sentences", "start")

    def __init__(self, start: int, sentences: list[Sentence], before: tuple[str, str] | None, remembered: bool):
        self.start, self.sentences, self.before, self.remembered = start, sentences, before, remembered
        self._view: Tagged | None = None

    def view(self, whole: Tagged) -> Tagged:
        """The part's words with the word before them, as a text of their own that is part of
        ``whole`` (made once, for every rule)."""
        if self._view is None:
            text = "".join(s.text for s in self.sentences)
            if self.before is None:
                self._view = Tagged.of(text, Words(self.sentences), whole)
            else:
                word = self.before[0]
                self._view = Tagged.of(word + text, Words([Sentence(word, [self.before]), *self.sentences]), whole)
        self._view.asked = []
        return self._view


def parts(t: Tagged) -> list[Part] | None:
    """The parts of a tagged text, or None when it must be taken whole (one sentence, no
    sentence seen before, an empty sentence, or a form holding a mark); worked out once
    per text."""
    if "parts" not in t.memo:
        t.memo["parts"] = _cut(t.words)
    return t.memo["parts"]  # type: ignore[return-value]


GROUP_NEW = False


def _cut(words: Words) -> list[Part] | None:
    sentences = words.sentences
    if len(sentences) <= 1 or all(s.seen == 1 for s in sentences) or not all(s.pairs for s in sentences):
        return None
    if not _marks_stand_alone():
        return None
    out: list[Part] = []
    starts = words.starts
    first, i = 0, 0
    before: tuple[str, str] | None = None
    while i < len(sentences):
        j = i + 1
        if GROUP_NEW and sentences[i].seen == 1:
            while j < len(sentences) and sentences[j].seen == 1:
                j += 1
        group = sentences[i:j]
        out.append(Part(starts[first], group, before, j == i + 1))
        for s in group:
            first += len(s.pairs)
        before = group[-1].pairs[-1]
        i = j
    return out


Findings = tuple[list[Found], ...]  # what a rule finds, in one or more lists


def in_parts(t: Tagged, name: str, rule: Callable[[Tagged], Findings]) -> list[tuple[int, Findings]] | None:
    """``rule`` run on each part of ``t``: (the part's first character in ``t``, what the
    rule found there, placed from the part's start), or None when ``t`` must be given to the
    rule whole. What the rule asks about the whole text (``Tagged.repeated``) is remembered
    with its findings in a sentence, and they are taken again only where the answers are the
    same."""
    cut = parts(t)
    if cut is None:
        return None
    out: list[tuple[int, Findings]] = []
    for part in cut:
        got: Findings | None = None
        if part.remembered:
            sentence, memo = part.sentences[0], (name, part.before, t.dotted)
            kept: tuple[Findings, tuple[tuple[str, bool], ...]] | None = sentence.derived.get(memo)  # type: ignore[assignment]
            if kept is None:
                got, asked = _run(rule, part, t)
                sentence.derived[memo] = (got, asked)
            elif all(t.repeated(word) == answer for word, answer in kept[1]):
                got = kept[0]
        if got is None:
            got = _run(rule, part, t)[0]
        if got is NOT_ALONE:
            return None
        out.append((part.start, got))
    return out


NOT_ALONE: Findings = ([],)  # (this very object) a part the rule found something in the word before


def _run(
    rule: Callable[[Tagged], Findings], part: Part, whole: Tagged
) -> tuple[Findings, tuple[tuple[str, bool], ...]]:
    """The rule on one part of ``whole`` with the word before it, placed from the part's
    start (``NOT_ALONE`` if it found something that starts in that word), and what it asked
    about the whole text."""
    view = part.view(whole)
    found = rule(view)
    asked = tuple(view.asked or ())
    if part.before is None:
        return found, asked
    pad = len(part.before[0])
    if any(f.start < pad for some in found for f in some):
        return NOT_ALONE, ()
    return tuple(shifted(some, -pad) for some in found), asked


def shifted(found: list[Found], by: int) -> list[Found]:
    """Entities found in a part, placed in the text (``by``: the part's start)."""
    return [Found(f.start + by, f.end + by, f.type, f.value) for f in found] if by and found else found


@cache
def _marks_stand_alone() -> bool:
    """No place's or fixed organisation name's form, and no set phrase inside which no name
    is found, holds a mark that ends a sentence."""
    forms = (*place_forms(), *org_names(), *set_phrases())
    return not any(m in form for form in forms for m in SENTENCE_MARKS)
