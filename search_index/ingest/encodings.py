"""Which encoding a file's bytes are in: UTF-8 first, then the Chinese legacy encodings, then
charset-normalizer; a handful of bad bytes is read with replacement characters.

The fast path costs one strict decode per file. GB18030 accepts nearly any byte string, Big5
included, so a legacy decode is kept only when its text reads like Chinese (a share of the
most frequent characters); charset-normalizer is asked only when neither reads, since it
costs tens of milliseconds a file.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

PARAGRAPH_MARK = "\ue40c"  # a portal export's paragraph break (GBK byte pair A1A0 region → U+E40C)
LEGACY = ("gb18030", "big5hkscs")
MAX_BAD_BYTES = 64  # "a handful": more than this (or 1 % of the file) and the file is not text in one encoding
MIN_COMMON_SHARE = 0.25  # real Chinese prose: 0.45–0.7 of its characters are among COMMON; mojibake: < 0.1
_COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好"
    "应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道"
    "命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长"
    "求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色"
    "光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教"
    "速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记"
    "需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史"
    "感劳便团往历市克何除消构府称太准精值号率族维划选标写存候亲快效院查江型眼王按格养易置派层片始却专状育厂京识"
    "适属圆包火住调满县局照参红细引听该铁价严龙飞"
    "這個們來時為說國對會發動過產種後學經進著實現體當從應開還與關間樣頭長問員將組見計別給門則處隊東導壓爭濟階"
    "術極聯認權證轉單風帶場車務積議聲報離華確張馬節話溫傳許廣記須際驗斷難礦幾區強決戰規熱領業資邊級圖統較運農"
    "鐵價嚴龍飛縣調滿屬圓專狀廠識擴區網灣臺兩歲總統選舉標準灣陸"
)


SAMPLE_CHARS = 2000  # characters judged: enough to tell Chinese from mojibake (real news: 0.45–0.7 common)
_CJK = re.compile("[\u4e00-\u9fff\ue000-\ue40b\ue40d-\uf8ff]")  # U+E40C, a paragraph mark, is not counted
_PLAIN = re.compile("[\t\n\r\f\x20-\x7e\u2010-\u2027\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]*")  # short UTF-16
_CONTROL = bytes(b for b in range(32) if b not in (0, 9, 10, 12, 13, 27))  # not in text
_PRIVATE = re.compile("[\ue000-\ue40b\ue40d-\uf8ff]")


@dataclass(frozen=True)
class Decoded:
    """A decode: the text (None when unreadable), the encoding or the reason, bad bytes replaced."""

    text: str | None
    encoding: str
    bad_bytes: int = 0


def decode(data: bytes) -> Decoded:
    """Decode a file's bytes, or say why they are not text."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc.replace("-sig", " (BOM)"))
            except UnicodeDecodeError:
                return Decoded(None, f"not valid {enc} despite its byte-order mark")
    wide = _utf16_without_bom(data)
    if wide:
        return wide
    if looks_binary(data):  # all-CJK UTF-16 has control bytes too ("，" is 0C FF)
        return _utf16_without_bom(data, zeros=False) or Decoded(None, "binary file (control bytes)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for enc in LEGACY:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if reads_as_chinese(text):
            return Decoded(text, enc)
    return _utf16_without_bom(data, zeros=False) or _detected(data) or _with_bad_bytes(data)


def reads_as_chinese(text: str) -> bool:
    """True when the text has little CJK, or its CJK is mostly common characters (not mojibake)."""
    sample = text[:SAMPLE_CHARS]
    cjk = _CJK.findall(sample)
    if len(cjk) < 20:
        return len(_PRIVATE.findall(sample)) <= 2
    return sum(map(_COMMON.__contains__, cjk)) >= MIN_COMMON_SHARE * len(cjk)


def looks_binary(data: bytes) -> bool:
    """Many NULs or control bytes: an image, an archive, an executable."""
    sample = data[:65536]
    nul = sample.count(b"\x00")
    if nul > len(sample) // 100 + 2:
        return True
    control = len(sample) - len(sample.translate(None, _CONTROL))
    return control > len(sample) // 20 + 2


def _utf16_without_bom(data: bytes, zeros: bool = True) -> Decoded | None:
    """UTF-16 without a byte-order mark: with ``zeros``, text whose ASCII puts its zero bytes
    all on odd (little-endian) or even offsets; without, all-CJK text, judged by its characters."""
    sample = data[:65536]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if zeros and (not max(even, odd) or min(even, odd) > max(even, odd) // 20):
        return None
    for enc in ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and (_chinese_share(text) >= MIN_COMMON_SHARE or (zeros and _short_and_plain(text))):
            return Decoded(text, f"{enc} (no BOM)")
    return None


def _short_and_plain(text: str) -> bool:
    """A text with under 20 CJK characters (too few to judge by) that reads as plain text:
    ASCII, CJK and their punctuation only, its CJK (if any) mostly common characters. Used
    with the zero bytes of UTF-16's ASCII all on one side, which are evidence enough."""
    sample = text[:SAMPLE_CHARS]
    cjk = _CJK.findall(sample)
    if len(cjk) >= 20 or not _PLAIN.fullmatch(sample):
        return False
    return sum(map(_COMMON.__contains__, cjk)) >= MIN_COMMON_SHARE * len(cjk)


def _chinese_share(text: str) -> float:
    """Share of common characters among the CJK ones (0 when there are fewer than 20)."""
    cjk = _CJK.findall(text[:SAMPLE_CHARS])
    return sum(map(_COMMON.__contains__, cjk)) / len(cjk) if len(cjk) >= 20 else 0.0


def _detected(data: bytes) -> Decoded | None:
    """charset-normalizer's best guess, when it reads as text."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    best = from_bytes(data[:200_000]).best()
    if best is None or not best.encoding:
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return Decoded(text, best.encoding) if reads_as_chinese(text) else None


def _with_bad_bytes(data: bytes) -> Decoded:
    """The encoding that needs the fewest replacements, if that is a handful."""
    limit = min(MAX_BAD_BYTES, max(4, len(data) // 100))
    best: Decoded | None = None
    for enc in ("utf-8", *LEGACY):
        text, bad = decode_counting(data, enc, limit)
        if text is not None and reads_as_chinese(text) and (best is None or bad < best.bad_bytes):
            best = Decoded(text, enc, bad)
    return best or Decoded(None, "undecodable (not UTF-8, UTF-16, GB18030/GBK or Big5)")


def decode_counting(data: bytes, enc: str, limit: int) -> tuple[str | None, int]:
    """Decode with U+FFFD for bad bytes, counting them; (None, n) past ``limit``."""
    parts: list[str] = []
    bad, pos = 0, 0
    while True:
        try:
            parts.append(data[pos:].decode(enc))
            return "".join(parts), bad
        except UnicodeDecodeError as exc:
            parts.append(data[pos : pos + exc.start].decode(enc, errors="replace"))
            parts.append("\ufffd")
            bad += exc.end - exc.start
            pos += exc.end
            if bad > limit:
                return None, bad
