"""The sentences of a tagged text, for what is found in each sentence alone and remembered
with it: the phrase tables' hits (zones, known names, tracks; see ``Extractor._phrases``).

No phrase of a table that allows this holds a mark that ends a sentence (。!?;), and jieba
cuts a text into the words of its sentences one after another, so a text's hits are its
sentences' hits placed from each sentence's start. A text most of whose sentences were
tagged before (news repeats its sentences: credits, standard paragraphs, templates) is
looked up sentence by sentence; any other text is looked up whole.

The entity rules (people, places, organisations) are run on the whole text: they look past
a sentence's end (a list of names asks whether the word after a mark joins another:
张伟、徐起。和 …), so what they find in a sentence is not the sentence's alone.
"""

from __future__ import annotations

from search_index.analysis.pos import Sentence, Words
from search_index.entities.tagged import Tagged


class Part:
    """One sentence of a text: its first character in the text and its tagged words."""

    __slots__ = ("sentence", "start")

    def __init__(self, start: int, sentence: Sentence):
        self.start, self.sentence = start, sentence


REPEATED_SHARE = 0.5  # of a text's sentences tagged before, from which it is cut into sentences


def parts(t: Tagged) -> list[Part] | None:
    """The sentences of a tagged text, or None when it is taken whole (one sentence, fewer
    than ``REPEATED_SHARE`` of them seen before, or an empty one); worked out once per text."""
    if "parts" not in t.memo:
        t.memo["parts"] = _cut(t.words)
    return t.memo["parts"]  # type: ignore[return-value]


def _cut(words: Words) -> list[Part] | None:
    sentences = words.sentences
    if len(sentences) <= 1 or sum(s.seen > 1 for s in sentences) < REPEATED_SHARE * len(sentences):
        return None
    if not all(s.pairs for s in sentences):
        return None
    out: list[Part] = []
    starts = words.starts
    first = 0
    for sentence in sentences:
        out.append(Part(starts[first], sentence))
        first += len(sentence.pairs)
    return out
