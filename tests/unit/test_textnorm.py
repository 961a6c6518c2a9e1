import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search_index.analysis import display, textnorm
from search_index.analysis.display import clean_line, ends_terminal, tighten_body
from search_index.analysis.textnorm import key_from, key_of, search_key

# spaces of every kind, zero-width characters, NUL, ASCII words, full-width and traditional forms, Han
_KEY_ALPHABET = st.sampled_from(list(" \t\n\u3000\u00a0\u2003\u200b\u00ad\ufeff\x00aZ9_-ＡＢ１中關村区高新İΣ。，"))


def test_full_width_digits_and_letters_fold_to_ascii():
    assert clean_line("约占上海全市的 ６１％。") == "约占上海全市的 61%。"
    assert clean_line("语言大模型 DFM－2，可以") == "语言大模型 DFM-2，可以"


def test_chinese_punctuation_stays_full_width_and_half_width_after_chinese_is_widened():
    assert clean_line("强策源,国家高新区(长沙高新区)企业") == "强策源，国家高新区（长沙高新区）企业"
    assert clean_line("1,000家") == "1,000家"


def test_letter_spaced_ocr_runs_are_joined():
    assert clean_line("报 告 同 时 揭 示 了 热 点") == "报告同时揭示了热点"
    assert tighten_body(clean_line("的 3800 多 家 参 展 商 。")) == "的3800多家参展商。"


def test_headline_word_spacing_is_kept_but_body_spacing_is_removed():
    assert clean_line("新赛道 新协同 新机制") == "新赛道 新协同 新机制"
    assert tighten_body("规模发展到 200 多人") == "规模发展到200多人"
    assert tighten_body("DeepSeek 震惊全球") == "DeepSeek 震惊全球"


def test_search_key_is_width_case_and_space_blind():
    assert key_of("６１％") == key_of("61%") == "61%"
    assert key_of("DFM－2") == key_of("dfm-2")
    assert key_of("报 告") == key_of("报告")
    assert key_of("AI Agent") == "ai agent"


def test_key_offsets_map_back_to_display_text():
    display = "在 上海 张江高新区 , AI 大模型"
    key = search_key(display)
    start = key.text.index("张江高新区")
    s, e = key.span(start, start + len("张江高新区"))
    assert display[s:e] == "张江高新区"


def test_terminal_punctuation_inside_closing_quotes():
    assert ends_terminal("他说：“我们将继续。”")
    assert not ends_terminal("“十四五”")
    assert not ends_terminal("加强全周期全链条服务；")


@settings(max_examples=400, deadline=None)
@given(st.text(_KEY_ALPHABET, max_size=40))
def test_key_from_a_known_key_is_search_key(display):
    assert key_from(display, key_of(display)) == search_key(display)


def test_key_from_a_key_that_does_not_line_up_is_computed_afresh():
    assert key_from("ab cd\nef", "zz") == search_key("ab cd\nef")


def test_a_long_text_of_every_bmp_character_translates_as_the_dict_does():
    every = "".join(map(chr, range(0x10000)))  # surrogates, traditional forms mapped to astral ones too
    assert textnorm._key_forms(every) == every.translate(textnorm._KEY_TABLE)


# astral traditional forms, BMP forms whose simplified form is astral, and ordinary text
_LONG_ALPHABET = st.sampled_from(list("𠁞𠌥𫝈㑮㒓中關村區高新ＡＢ１İΣ \n\u3000\u200b。，aZ"))


@given(st.text(_LONG_ALPHABET, min_size=textnorm.LONG_TEXT - 5, max_size=textnorm.LONG_TEXT + 40))
@settings(max_examples=60)
def test_long_and_short_texts_key_as_through_the_dict(text):
    assert textnorm._key_forms(text) == text.translate(textnorm._KEY_TABLE)
    assert key_of(text) == search_key(text).text


# every kind of character a cleaning step changes, letter-spaced runs, and text none changes
_LINE_CHARS = "  \t\u3000\u00a0\u2003\u200b\u00ad\ufeff\x00\x07\x1f\ue123ＡＢ１％（），,;:?!()中关村。“”aZ9\n"
_LINE_PIECES = st.sampled_from([*_LINE_CHARS, *["中 ", "村\t", "。 "] * 8])


@given(st.lists(_LINE_PIECES, max_size=20).map("".join), st.booleans())
@settings(max_examples=400)
def test_a_line_clean_line_passes_over_is_what_every_step_makes_of_it(raw, ocr):
    assert clean_line(raw, ocr) == display._cleaned(raw, ocr)


def test_clean_lines_of_clean_text_take_the_short_way():
    for raw, ocr in (("  国家高新区 企业  ", False), ("报 告 同 时", False), ("中关村。", True)):
        assert clean_line(raw, ocr) == display._cleaned(raw, ocr) == raw.strip()


def _widened_char_by_char(text: str) -> str:
    """The punctuation widening as it was first written: every character visited."""
    out = list(text)
    for i, ch in enumerate(out):
        prev = out[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch in ",;:?!" and prev and textnorm.is_wide(prev) and not nxt.isdigit():
            out[i] = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}[ch]
        elif ch in "()" and ((prev and textnorm.is_wide(prev)) or (nxt and textnorm.is_wide(nxt))):
            out[i] = "（" if ch == "(" else "）"
    return "".join(out)


@given(st.text(st.sampled_from(list(",;:?!()中a1，( 。")), max_size=20))
@settings(max_examples=300)
def test_punctuation_is_widened_as_visiting_every_character_does(text):
    assert display._fullwidth_punct(text) == _widened_char_by_char(text)


@given(st.text(_KEY_ALPHABET, max_size=12), st.text(_KEY_ALPHABET, max_size=40), st.integers(0, 1))
@settings(max_examples=300)
def test_a_texts_key_cut_from_its_key_joined_to_a_head_is_its_own(head, text, long):
    text = text * (textnorm.LONG_TEXT if long else 1)  # a long one is remembered once keyed
    search_key(f"{head}\n{text}")
    assert textnorm.key_of_tail(head, text) == key_of(text)


def test_a_remembered_key_is_that_texts_key():
    text = "中關村 AI\u200b企业" * 40
    assert search_key(text) == search_key("".join(text)) == search_key(text[:-1] + text[-1])
    assert key_of(text[:10] + text[10:]) == search_key(text).text
    assert key_of("ＡＢ" * 200) == "ab" * 200 != key_of(text)


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(list("  \x00\x00a中 ")), max_size=60))
def test_gaps_found_by_scanning_for_their_first_character_are_the_regex_runs(mapped):
    """Runs of spaces and NULs anywhere (first, last, touching, alone, none at all)."""
    expected = [(m.span(), m.group()) for m in textnorm._GAPS.finditer(mapped)]
    assert [(m.span(), m.group()) for m in textnorm._gaps(mapped)] == expected


@settings(max_examples=200, deadline=None)
@given(st.text(_KEY_ALPHABET, min_size=300, max_size=400))
def test_key_from_a_known_key_is_search_key_for_long_texts(display):
    assert key_from(display, key_of(display)) == search_key(display)


class _CountingText(str):
    """A text that counts the characters its ``find`` calls scan."""

    scanned = 0

    def find(self, sub, start=0, end=None):  # type: ignore[override]
        found = str.find(self, sub, start)
        _CountingText.scanned += (len(self) if found < 0 else found + 1) - start
        return found


@pytest.mark.parametrize("many, few", [(" ", "\x00"), ("\x00", " ")])
def test_finding_gaps_scans_a_text_about_once_however_its_spaces_and_nuls_mix(many, few):
    """Many gaps of one kind and one of the other at the end: each kind's next place is
    looked for again only once passed (not from every gap, which is quadratic)."""
    text = _CountingText("字" + many) * 2000 + "字" + few
    _CountingText.scanned = 0
    assert len(list(textnorm._gaps(_CountingText(text)))) == 2001
    assert _CountingText.scanned <= 3 * len(text)
