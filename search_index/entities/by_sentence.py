"""Rules run sentence by sentence, what they find in a sentence remembered with its tagged
words.

What the place, organisation and people rules find in a sentence depends on its words, on
the word before it and on what they ask of the whole text (whether a name is mentioned
twice), nothing else: no place's or fixed name's form and no set phrase holds a mark that
ends a sentence (。!?;), so a name never runs across one, the rules look back past a
sentence's start only to test the marks that end the sentence before (the last word of a
sentence is its marks: jieba never glues a mark to another character, and it cuts a text
into the words of its sentences one after another), and they look ahead at most two words
(a list of names asks whether the word after a mark joins another: 张伟、徐起。和 …). So a text
most of whose sentences were tagged before (news repeats its sentences: credits, standard
paragraphs, templates) is cut into sentences, and a rule runs once per (word before,
sentence, two words after), with those words around the sentence as the whole text has
them; what it finds in the words after belongs to the next sentence's run, what runs into
them sends the text to the rules whole, and what it found is taken again where the whole
text answers its questions as before. Any other text is given to the
rules whole, as it would be without this module.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from search_index.analysis.pos import SENTENCE_MARKS, Sentence, Words
from search_index.entities.lexicon import org_names, place_forms, set_phrases
from search_index.entities.tagged import Found, Tagged

Pair = tuple[str, str]  # a word and its tag
AFTER = 2  # words after a sentence that a rule may look at


class Part:
    """One sentence of a text: its first character in the text, its tagged words, the
    (word, tag) before it (None at the start) and the first ``AFTER`` after it (none at
    the end)."""

    __slots__ = ("_view", "after", "before", "sentence", "start")

    def __init__(self, start: int, sentence: Sentence, before: Pair | None, after: tuple[Pair, ...]):
        self.start, self.sentence, self.before, self.after = start, sentence, before, after
        self._view: Tagged | None = None

    def view(self, whole: Tagged) -> Tagged:
        """The sentence's words with the word before and the words after them, as a text of
        their own that is part of ``whole`` (made once, for every rule)."""
        if self._view is None:
            around = [self.sentence]
            if self.before is not None:
                around.insert(0, Sentence(self.before[0], [self.before]))
            if self.after:
                around.append(Sentence("".join(word for word, _tag in self.after), list(self.after)))
            self._view = Tagged.of("".join(s.text for s in around), Words(around), whole)
        self._view.asked = []
        return self._view


REPEATED_SHARE = 0.5  # of a text's sentences tagged before, from which it is cut into sentences


def parts(t: Tagged) -> list[Part] | None:
    """The sentences of a tagged text, or None when it must be taken whole (one sentence,
    fewer than ``REPEATED_SHARE`` of them seen before, an empty one, or a form holding a
    mark); worked out once per text."""
    if "parts" not in t.memo:
        t.memo["parts"] = _cut(t.words)
    return t.memo["parts"]  # type: ignore[return-value]


def _cut(words: Words) -> list[Part] | None:
    sentences = words.sentences
    if len(sentences) <= 1 or sum(s.seen > 1 for s in sentences) < REPEATED_SHARE * len(sentences):
        return None
    if not all(s.pairs for s in sentences) or not _marks_stand_alone():
        return None
    out: list[Part] = []
    starts = words.starts
    first = 0
    before: Pair | None = None
    for sentence, following in zip(sentences, [*sentences[1:], None], strict=True):
        after = tuple(following.pairs[:AFTER]) if following is not None else ()
        out.append(Part(starts[first], sentence, before, after))
        first += len(sentence.pairs)
        before = sentence.pairs[-1]
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
        memo = (name, part.before, part.after, t.dotted)
        kept: tuple[Findings, tuple[tuple[str, bool], ...]] | None = part.sentence.derived.get(memo)  # type: ignore[assignment]
        if kept is None:
            got, asked = _run(rule, part, t)
            part.sentence.derived[memo] = (got, asked)
        elif all(t.repeated(word) == answer for word, answer in kept[1]):
            got = kept[0]
        else:
            got = _run(rule, part, t)[0]
        if got is NOT_ALONE:
            return None
        out.append((part.start, got))
    return out


NOT_ALONE: Findings = ([],)  # (this very object) a part whose finding starts before it or runs past its end


def _run(
    rule: Callable[[Tagged], Findings], part: Part, whole: Tagged
) -> tuple[Findings, tuple[tuple[str, bool], ...]]:
    """The rule on one part of ``whole`` with the words around it, placed from the part's
    start, and what it asked about the whole text: ``NOT_ALONE`` if it found something that
    starts in the word before or runs past the sentence's end; what starts in the words after
    is left to the next part's run."""
    view = part.view(whole)
    found = rule(view)
    asked = tuple(view.asked or ())
    pad = len(part.before[0]) if part.before is not None else 0
    end = pad + len(part.sentence.text)
    if any(f.start < pad or f.start < end < f.end for some in found for f in some):
        return NOT_ALONE, ()
    if part.after:
        found = tuple([f for f in some if f.start < end] for some in found)
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
