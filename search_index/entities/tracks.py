"""Track mentions: names and aliases are strong, related terms weak."""

from __future__ import annotations

from search_index.entities.table import PhraseTable
from search_index.reference.gazetteer import Gazetteer

# Phrases that contain a track term but do not mean the track (organ-on-chip is no IC).
BLOCKERS = ("器官芯片", "芯片级实验室")


def build_track_table(gaz: Gazetteer) -> PhraseTable:
    """Payloads: (track, strong: bool); blockers carry ('', False). A related term that
    contains the track's own name or alias (量子计算机 holds 量子计算) is strong."""
    table = PhraseTable()
    for phrase in BLOCKERS:
        table.add(phrase, ("", False))
    for track in gaz.tracks.values():
        for form in (track.name, *track.aliases):
            table.add(form, (track.name, True))
    for track in gaz.tracks.values():
        names = (track.name, *track.aliases)
        for form in track.related:
            table.add(form, (track.name, any(n.lower() in form.lower() for n in names)))
    return table


OFF_TOPIC = {
    "低空经济": ("战场", "袭击", "空袭", "军方", "军用", "导弹", "作战", "战争", "前线", "击落", "航拍", "新闻画面"),
    "高端医疗器械": ("病人", "患者", "做了一次", "检查发现", "确诊"),
}
# Off-topic words count only against these terms of a track (a patient's CT scan is not the
# industry, a patient's new pacemaker may well be its news).
OFF_TOPIC_TERMS = {"高端医疗器械": frozenset(("ct", "mri", "pet-ct", "医学影像", "影像设备"))}
SENTENCE_END = "。！？!?\n"
MANY = 3  # mentions of a related term, one of them in the lead, that make an article about its track
LEAD = 150  # characters after the headline that make the lead
PER_MENTION = 600  # and at least one mention per this many characters (an overview lists many subjects)


def weigh_tracks(found: list, key: str, headline: int, single) -> None:
    """Related terms (人形机器人 → 具身智能, 神经蕾丝 → 脑机接口) are the track when they point at
        that track alone and the headline names them, or the lead does and the text mentions them
    ``MANY`` times in all; a
        mention in an off-topic sentence (war drones, a patient's CT scan, a news helicopter) is
        dropped."""
    weak: dict[str, list[int]] = {}
    for i, (_s, _e, kind, value, strong, _info) in enumerate(found):
        if kind == "track" and not strong:
            weak.setdefault(value, []).append(i)
    named = any(kind == "track" and strong for _s, _e, kind, _v, strong, _i in found)
    drop = set()
    for track, idx in weak.items():
        on_topic = [i for i in idx if not _off_topic(key, found[i], track)]
        drop.update(set(idx) - set(on_topic))
        sole = [i for i in on_topic if single(key[found[i][0] : found[i][1]])]
        lead = found[sole[0]][0] < headline + LEAD if sole else False
        many = not named and len(sole) >= MANY and len(sole) * PER_MENTION >= len(key)
        if sole and (found[sole[0]][0] < headline or (lead and many)):
            for i in on_topic:
                s, e, kind, value, _strong, info = found[i]
                found[i] = (s, e, kind, value, True, info)
    for i in sorted(drop, reverse=True):
        del found[i]


def _off_topic(key: str, mention: tuple, track: str) -> bool:
    """The mention's sentence has a word that takes it off the track's subject."""
    words = OFF_TOPIC.get(track)
    if not words:
        return False  # no word takes this track off its subject
    terms = OFF_TOPIC_TERMS.get(track)
    if terms is not None and key[mention[0] : mention[1]] not in terms:
        return False
    pos = mention[0]
    start = max(key.rfind(c, 0, pos) for c in SENTENCE_END) + 1
    ends = [i for i in (key.find(c, pos) for c in SENTENCE_END) if i != -1]
    sentence = key[start : min(ends) if ends else len(key)]
    return any(w in sentence for w in words)


QUOTES = {"“": "”", '"': '"', "「": "」", "‘": "’", "'": "'"}


def quoted_metaphor(key: str, s: int, e: int) -> bool:
    """种业是农业的“芯片”: a track word alone in quotes after 的 or 是 is a figure of speech."""
    before, after = key[s - 1 : s], key[e : e + 1]
    return bool(before) and QUOTES.get(before) == after and key[s - 2 : s - 1] in ("的", "是", "为", "当")
