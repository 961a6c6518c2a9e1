"""The display form of a text: what is shown to users, cleaned line by line as the corpus is
read (full-width letters and digits folded to ASCII, half-width punctuation after Chinese made
full-width, invisible characters dropped, OCR letter-spacing removed). Apart from
:mod:`~search_index.analysis.textnorm` (the search key), because only reading the corpus
needs it: a search does not compile its patterns."""

from __future__ import annotations

import re

from search_index.analysis.textnorm import ZERO_WIDTH, fold_width, is_ascii_word, is_wide

_ZERO_WIDTH_CHARS = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")

# Full-width ASCII kept as Chinese punctuation in the display form.
_CJK_PUNCT_KEPT = set("，。：；！？（）“”‘’＂＇【】「」《》〈〉、")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}

TERMINAL = set("。！？!?…")
CLOSERS = set("”’」』）)》")


def strip_invisible(text: str) -> str:
    """Remove zero-width characters, NULs, other C0 controls and private-use code points."""
    if _ZERO_WIDTH_CHARS.search(text):  # translate looks up every character: only when needed
        text = text.translate(ZERO_WIDTH)
    return _INVISIBLE.sub("", text)


_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ue000-\uf8ff]")
# fold_width for every character but the full-width punctuation kept as Chinese punctuation
_DISPLAY_FOLD = {code: fold_width(chr(code)) for code in (*range(0xFF01, 0xFF5F), 0x3000)}
_DISPLAY_FOLD = {code: ch for code, ch in _DISPLAY_FOLD.items() if chr(code) not in _CJK_PUNCT_KEPT}
_DISPLAY_FOLD_CHARS = re.compile("[" + "".join(re.escape(chr(code)) for code in _DISPLAY_FOLD) + "]")
_SPACE_RUNS = re.compile(r" {2,}")


_LETTER_SPACED = re.compile(r"(?:[\u3400-\u9fff，。、：；！？（）“”][ \t]){2,}[\u3400-\u9fff，。、：；！？（）“”]")


def letter_spaced(text: str) -> bool:
    """True when :func:`collapse_letter_spacing` would change the text. A line cleaned with
    ``ocr=False`` for which this is False is also what ``clean_line`` with ``ocr=True``
    gives (the steps between keep every such run intact)."""
    return (" " in text or "\t" in text) and _LETTER_SPACED.search(text) is not None  # a space first: no scan


def collapse_letter_spacing(text: str) -> str:
    """Join runs of three or more single Chinese characters separated by single spaces."""
    return _LETTER_SPACED.sub(lambda m: m.group(0).replace(" ", "").replace("\t", ""), text)


_HALF_PUNCT = re.compile(r"[,;:?!()]")


def _fullwidth_punct(text: str) -> str:
    """Half-width punctuation after Chinese (a parenthesis beside it) made full-width; only
    the punctuation is visited, and a mark widened counts as Chinese for the next one."""
    out: list[str] | None = None
    for m in _HALF_PUNCT.finditer(text):
        i, ch = m.start(), m.group()
        prev = ((out or text)[i - 1]) if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch in _HALF_TO_FULL and prev and is_wide(prev) and not nxt.isdigit():
            wide = _HALF_TO_FULL[ch]
        elif ch in "()" and ((prev and is_wide(prev)) or (nxt and is_wide(nxt))):
            wide = "（" if ch == "(" else "）"
        else:
            continue
        out = out or list(text)
        out[i] = wide
    return text if out is None else "".join(out)


# any character one of clean_line's steps changes, or a run of spaces: a line without one is
# only stripped (each step finds nothing to do, so none changes what the next one sees)
_CLEANED_CHARS = re.compile(
    "["
    + "".join(p.pattern[1:-1] for p in (_ZERO_WIDTH_CHARS, _INVISIBLE, _SPACES, _DISPLAY_FOLD_CHARS, _HALF_PUNCT))
    + "]| {2}"
)


def clean_line(raw: str, ocr: bool = True) -> str:
    """Display-clean one source line (no reflow): widths, invisible characters, spacing.
    ``ocr=False`` (clean text) keeps single spaces between Chinese words as written."""
    if not _CLEANED_CHARS.search(raw) and not (ocr and letter_spaced(raw)):
        return raw.strip()  # what the steps below give such a line, in one search instead of six
    return _cleaned(raw, ocr)


def _cleaned(raw: str, ocr: bool) -> str:
    """:func:`clean_line` step by step."""
    text = strip_invisible(raw)
    text = _SPACES.sub(" ", text)
    if _DISPLAY_FOLD_CHARS.search(text):
        text = text.translate(_DISPLAY_FOLD)
    if ocr:
        text = collapse_letter_spacing(text)
    text = _fullwidth_punct(text)
    return _SPACE_RUNS.sub(" ", text).strip()


def _drop_space(left: str, right: str) -> bool:
    if not left or not right:
        return True
    if is_ascii_word(left) and is_ascii_word(right):
        return False
    if is_wide(left) and is_wide(right):
        return True
    # Chinese next to a digit: OCR spacing ("2025 年"); Chinese next to Latin letters is kept.
    return (
        (is_wide(left) and right.isdigit())
        or (left.isdigit() and is_wide(right))
        or ((is_wide(left) or is_wide(right)) and not (left.isalpha() or right.isalpha()))
    )


_SPACE_RUN = re.compile(" +")


def tighten_body(text: str) -> str:
    """Remove OCR spaces inside body text: between Chinese characters and next to digits.
    Each run of spaces becomes one space or none, by the characters on either side of it."""
    if " " not in text:
        return text

    def one_or_none(run: re.Match) -> str:
        start, end = run.span()
        left = text[start - 1] if start else ""
        right = text[end] if end < len(text) else ""
        return "" if _drop_space(left, right) else " "

    return _SPACE_RUN.sub(one_or_none, text)


def ends_terminal(text: str) -> bool:
    """True when a line ends a sentence: 。！？… or such punctuation inside closing quotes."""
    t = text.rstrip()
    while t and t[-1] in CLOSERS:
        t = t[:-1]
    return bool(t) and t[-1] in TERMINAL
