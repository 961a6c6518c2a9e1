"""Entity extraction: parks, sub-parks and new areas, tracks (strong/weak), companies,
organisations, people and places — with display offsets for colouring."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter

from search_index.analysis.pos import tags_cut_words
from search_index.analysis.segment import renew_segmenter
from search_index.analysis.textnorm import Key, search_key
from search_index.entities.by_sentence import parts
from search_index.entities.names import NameHit, find_names, known_table
from search_index.entities.ner import Tagged, find_entities, name_start
from search_index.entities.people import find_people, remention_spans
from search_index.entities.table import PhraseTable
from search_index.entities.tracks import build_track_table, quoted_metaphor, weigh_tracks
from search_index.entities.zones import build_zone_table
from search_index.facets import ENTITY_FACETS, TYPE_FACET
from search_index.reference.gazetteer import Gazetteer, Mention, load_gazetteer

_SPAN = itemgetter(0, 1)  # a found mention's (start, end)
WHOLE_NAME_ENDS = ("大学", "学院", "研究院", "研究所", "科学院", "公司", "集团", "委员会", "部", "局", "协会", "学会")
SHORT_NAME_TAILS = ("机器人", "科技", "集团", "电气", "创造", "生物", "航天")


@dataclass
class Extraction:
    """Everything found in one text."""

    mentions: list[Mention] = field(default_factory=list)
    facets: dict[str, list[str]] = field(default_factory=dict)
    aliases: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    people: list[dict] = field(default_factory=list)
    # The default-mode jieba words of the text's search key, when tagging gave them (see
    # ``pos.tags_cut_words``): the vocabulary takes them instead of cutting the text again.
    words: Sequence[str] | None = None


class Extractor:
    """Tables built once per gazetteer; ``run`` is pure."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.zones = build_zone_table(gaz)
        self.tracks = build_track_table(gaz)
        self.known = known_table(gaz.extra_names)
        self._single: dict[str, bool] = {}  # related term → whether it points at one track

    def run(self, text: str, authors: tuple[str, ...] = (), headline: int = 0, marks: bool = True) -> Extraction:
        """Extract every entity of a display text (whose first ``headline`` characters are
        its headline). ``marks``: whether to list the mentions (False leaves
        ``Extraction.mentions`` empty: a build stores the facets, aliases and people only)."""
        key = search_key(text)
        headline = bisect_left(key.offsets, headline)  # key characters shown before that offset
        found: list[tuple[int, int, str, str, bool, dict]] = []  # key spans
        tagged_words = Tagged(key.text)
        zone_hits, known, track_hits = self._phrases(tagged_words)
        names = find_names(key.text, [(s, e) for s, e, _ in zone_hits], [(s, e) for s, e, _ in known])
        entities = find_entities(key.text, tagged_words)
        names = _trimmed(names, tagged_words, [f for f in entities if f.type in ("org", "company")])
        companies = [(n.start, n.end) for n in names if n.type == "company"]
        for s, e, (kind, value) in zone_hits:
            if kind == "generic" or (kind == "park" and (_inside(s, e, companies) or _names_other(key.text, s, e))):
                continue
            found.append((s, e, kind, value, True, {}))
        for s, e, ps in track_hits:
            strong_ok = not quoted_metaphor(key.text, s, e)
            found += [(s, e, "track", track, strong and strong_ok, {}) for track, strong in ps if track]
        weigh_tracks(found, key.text, headline, self._single_track)
        org_spans = []
        for n in names:
            value = _display(text, key, n.start, n.end)
            found.append((n.start, n.end, n.type, value, True, {}))
            org_spans.append((n.start, n.end, value))
        for s, e, (kind, value) in known:
            found.append((s, e, kind, value, True, {}))
            org_spans.append((s, e, value))
        people = find_people(key.text, sorted(org_spans))
        shown = {p.name: _display(text, key, p.start, p.end) for p in people if key.text[p.start : p.end] == p.name}
        for p in people:
            found.append((p.start, p.end, "person", shown.get(p.name, p.name), True, {"role": p.role, "org": p.org}))
        tagged = _add_tagged(found, entities, text, key)
        names_seen = {p.name for p in people} | tagged | {a for a in authors if len(a) >= 2}
        taken = list(map(_SPAN, found))  # (start, end) of each, taken in C
        for s, e, name in remention_spans(key.text, names_seen, taken):
            found.append((s, e, "person", shown.get(name, name), True, {}))
        _link_short_names(found, key.text)
        out = self._assemble(text, key, found, people, authors, shown, marks)
        out.words = tagged_words.words.texts if tags_cut_words() else None
        return out

    def _phrases(self, t: Tagged) -> tuple[list, list, list]:
        """The zones' and known names' hits (start, end, payload) and the tracks' hits (start,
        end, payloads) in a tagged key, found sentence by sentence (``by_sentence.parts``) where
        the text and the tables allow it: the hits in a sentence are remembered with it."""
        tables = (self.zones, self.known, self.tracks)
        cut = parts(t) if all(table.within_sentences() for table in tables) else None
        if cut is None:
            return _phrase_hits(t.text, tables)
        # one string (its hash is kept with it) for the look-up in every sentence, not a tuple hashed each time
        memo = f"phrases {self.zones.version()} {self.known.version()} {self.tracks.version()}"
        found: tuple[list, list, list] = ([], [], [])
        for part in cut:
            at = part.start
            got = part.sentence.derived.get(memo)
            if got is None:
                got = part.sentence.derived[memo] = _phrase_hits(part.sentence.text, tables)
            for into, hits in zip(found, got, strict=True):  # type: ignore[call-overload]
                if hits:
                    into += [(s + at, e + at, p) for s, e, p in hits] if at else hits
        return found

    def _single_track(self, term: str) -> bool:
        """Whether a related term points at one track only (智能体 points at two)."""
        single = self._single.get(term)
        if single is None:
            single = self._single[term] = len({t for t, _strong in self.tracks.payloads(term) if t}) == 1
        return single

    def _assemble(self, text, key: Key, found, people, authors, shown: dict[str, str], marks: bool) -> Extraction:
        out = Extraction()
        counts: dict[str, dict[str, int]] = {}  # facet → value → mentions, values in first-seen order
        aliases: dict[str, dict[str, set[str]]] = {}
        strong_tracks = {v for _s, _e, t, v, strong, _i in found if t == "track" and strong}
        mentions = out.mentions
        offsets = key.offsets  # key.span(s, e), without a call per mention
        _in_text_order(found)
        for s, e, kind, value, strong, _info in found:
            ds = offsets[s]
            de = offsets[e - 1] + 1 if e > s else ds
            surface = text[ds:de]
            if marks:
                mentions.append(Mention(ds, de, kind, value, surface, strong))
            facet = TYPE_FACET[kind] if strong or value in strong_tracks else "tracks_weak"
            seen = counts.get(facet)
            if seen is None:
                seen = counts[facet] = {}
                written = aliases[facet] = {}
            else:
                written = aliases[facet]
            seen[value] = seen.get(value, 0) + 1
            surfaces = written.get(value)
            if surfaces is None:
                surfaces = written[value] = set()
            surfaces.add(surface.replace(" ", "") if " " in surface else surface)
        if authors:
            named = counts.setdefault("people", {})
            for a in authors:
                named[a] = named.get(a, 0) + 1
        out.facets = {f: _most_first(counts.get(f)) for f in ENTITY_FACETS}
        regions = [self.gaz.park_region(z) for z in out.facets["parks"]]
        out.facets["provinces"] = list(dict.fromkeys(p for p, _c in regions if p))
        out.facets["cities"] = list(dict.fromkeys(c for _p, c in regions if c))
        out.aliases = {f: {v: _others(a, v) for v, a in aliases.get(f, {}).items()} for f in ENTITY_FACETS}
        out.people = [{"name": shown.get(p.name, p.name), "role": p.role, "org": p.org} for p in people]
        return out


def _in_text_order(found: list[tuple]) -> None:
    """Sort mentions in text order, a longer one first where two start together (as by the
    key (start, -end)): by end, longest first, then by start; both sorts keep the order of
    ties, and their keys are taken in C."""
    found.sort(key=itemgetter(1), reverse=True)
    found.sort(key=itemgetter(0))


def _others(surfaces: set[str], value: str) -> list[str]:
    """The surfaces a value was written as besides itself, sorted (most values have one)."""
    if len(surfaces) == 1:
        return [] if value in surfaces else list(surfaces)
    return sorted(surfaces - {value})


def _most_first(counts: dict[str, int] | None) -> list[str]:
    """Values by how often they were seen, most first, ties in first-seen order (as
    ``Counter.most_common`` orders them)."""
    return sorted(counts, key=counts.__getitem__, reverse=True) if counts else []


def _phrase_hits(key: str, tables: tuple[PhraseTable, PhraseTable, PhraseTable]) -> tuple[list, list, list]:
    zones, known, tracks = tables
    return (
        [(s, e, p) for s, e, ps in zones.find(key) for p in ps],
        [(s, e, p) for s, e, ps in known.find(key) for p in ps],
        list(tracks.find(key)),
    )


def _trimmed(names: list[NameHit], t: Tagged, tagged_orgs: list) -> list[NameHit]:
    """Names found by their suffix, cut after any verb or clause the walk back took in, or
    where the tagged words start the same name when nothing proper comes before that
    (本报讯新华社 → 新华社)."""
    out = []
    for n in names:
        start = name_start(t, n.start, n.end)
        if start is not None:
            start = _tagged_start(t, start, n.end, tagged_orgs)
        if start is not None:
            out.append(n if start == n.start else NameHit(start, n.end, n.type, t.text[start : n.end]))
    return out


def _tagged_start(t: Tagged, start: int, end: int, tagged_orgs: list) -> int:
    for f in tagged_orgs:
        if f.end == end and start < f.start and not t.has_proper(start, f.start):
            return f.start
    return start


def _add_tagged(found: list, tagged, text: str, key: Key) -> set[str]:
    """Add what the tagged words give (people, organisations, places) where the rules above
    found nothing, or an organisation that covers all they found there (德国宝马汽车公司 over
    宝马); returns the people's names."""
    taken = bytearray(len(key.text) + 1)
    for s, e in map(_SPAN, found):
        taken[s:e] = b"\1" * (e - s)
    names = set()
    people = {f[3] for f in found if f[2] == "person"} | {f.value for f in tagged if f.type == "person"}
    joined = "\0".join(people)
    for f in tagged:
        if any(taken[f.start : f.end]) and not (f.type in ("org", "company") and _replace_inside(found, f)):
            continue
        if f.type == "person" and joined.count(f.value) > (f.value in people):
            continue  # 夏立 where 夏立雪 is named
        value = f.value
        if f.type in ("org", "company") and value == key.text[f.start : f.end]:
            value = _display(text, key, f.start, f.end)
        found.append((f.start, f.end, f.type, value, True, {}))
        if f.type == "person":
            names.add(f.value)
    return names


def _replace_inside(found: list, f) -> bool:
    """Drop the names, places and people found inside organisation ``f`` when every one that
    overlaps it lies inside it and one is shorter (or is the same span of another kind)."""
    start, end = f.start, f.end
    overlapping = [i for i, (s, e) in enumerate(map(_SPAN, found)) if s < end and start < e]
    kinds = {"company", "org", "person", "place"}
    if not all(found[i][2] in kinds and f.start <= found[i][0] and found[i][1] <= f.end for i in overlapping):
        return False
    if all((found[i][0], found[i][1]) == (f.start, f.end) and found[i][2] == f.type for i in overlapping):
        return False
    for i in reversed(overlapping):
        if found[i][2] in ("company", "org") and found[i][3].endswith(WHOLE_NAME_ENDS):
            continue  # 山东大学 inside 山东大学齐鲁医院 names it too
        del found[i]
    return True


BODY_AFTER_ZONE = re.compile(r"(?:[一二三四五六七八九十]+|\d+)(?:小|中)|院区|校区|分院|分校|附小|附中|小学|中学|幼儿园")


def _names_other(key: str, s: int, e: int) -> bool:
    """A zone's name that names something else: a hospital campus or school (同济医院光谷院区,
    中关村三小), or the district that contains the zone (广州黄埔区 is not 广州高新区)."""
    if BODY_AFTER_ZONE.match(key, e):
        return True
    district = key[e : e + 1] in ("区", "县", "镇", "街", "路") and key[e : e + 2] != "区域"
    return district and not key[s:e].endswith(("区", "园"))


def _inside(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= s and e <= b and (a, b) != (s, e) for a, b in spans)


def _display(text: str, key: Key, s: int, e: int) -> str:
    ds, de = key.span(s, e)
    return text[ds:de].replace(" ", "").replace("\n", "")


def _link_short_names(found: list, key_text: str) -> None:
    """A short company name counts as the legal name when the legal name in the same text
    contains it (智元机器人 → 上海智元新创技术有限公司); otherwise it stays itself."""
    legal = [f for f in found if f[2] == "company" and f[3].endswith(("公司", "集团"))]
    for i, (s, e, kind, value, strong, info) in enumerate(found):
        if kind != "company" or value.endswith(("公司",)):
            continue
        core = value
        for tail in SHORT_NAME_TAILS:
            if core.endswith(tail) and len(core) > len(tail) + 1:
                core = core[: -len(tail)]
        surface = key_text[s:e]
        for _ls, _le, _k, lvalue, _st, _inf in legal:
            if lvalue != value and (core in lvalue or surface in lvalue):
                found[i] = (s, e, kind, lvalue, strong, {**info, "short": value})
                break


@cache
def _extractor(fingerprint: str) -> Extractor:
    return Extractor(load_gazetteer())


def extractor() -> Extractor:
    """The extractor for the current gazetteer (rebuilt when the user dictionary changes, and
    the segmenter with it)."""
    fingerprint = load_gazetteer().fingerprint()
    renew_segmenter(fingerprint)
    return _extractor(fingerprint)


def extract(
    title: str, text: str, authors: tuple[str, ...] = (), using: Extractor | None = None, marks: bool = True
) -> Extraction:
    """Entities of an article (title and text together); ``using`` saves looking up the
    current extractor when many articles are done at once; ``marks=False`` leaves out the
    mentions (only the facets, aliases, people and words: what a build stores)."""
    return (using or extractor()).run(f"{title}\n{text}", tuple(authors), len(title), marks)


def mentions(text: str) -> list[Mention]:
    """Mentions with display offsets in ``text``, in text order."""
    return extractor().run(text).mentions
