"""Precision and recall of entity extraction: on the seed pages against
tests/data/entities_gold.json, and on the People's Daily set ``shared/data/ner-dev`` (people,
organisations with companies, places; per document over distinct names, see its README).

python -m bench.entity_quality [--json] [--errors] [--ner-dev PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path

from search_index.engine import default_corpus
from search_index.entities import extract
from search_index.ingest.articles import split_page

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "entities_gold.json"
FACETS = ("parks", "tracks", "companies", "orgs", "people")
NER_FACETS = {"PER": ("people",), "ORG": ("orgs", "companies"), "LOC": ("places",)}
PLACE_SUFFIX = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "省", "市", "县")


def _row() -> dict:
    return {"tp": 0, "fp": 0, "fn": 0, "false": [], "missed": []}


def _add(row: dict, got: set[str], want: set[str]) -> None:
    row["tp"] += len(got & want)
    row["fp"] += len(got - want)
    row["fn"] += len(want - got)
    row["false"] += sorted(got - want)
    row["missed"] += sorted(want - got)


def _rates(table: dict[str, dict]) -> dict[str, dict]:
    for row in table.values():
        row["precision"] = row["tp"] / (row["tp"] + row["fp"]) if row["tp"] + row["fp"] else 1.0
        row["recall"] = row["tp"] / (row["tp"] + row["fn"]) if row["tp"] + row["fn"] else 1.0
    return table


def score(corpus: Path | None = None) -> dict[str, dict]:
    """Per facet: true/false positives, false negatives, precision, recall, and the errors."""
    gold = {k: v for k, v in json.loads(GOLD.read_text(encoding="utf-8")).items() if not k.startswith("_")}
    table = {f: _row() for f in FACETS}
    for path in sorted((corpus or default_corpus()).glob("*.txt")):
        for art in split_page(path.name, path.read_text(encoding="utf-8")):
            want = gold.get(f"{path.name}#{art.order}")
            if want is None:
                continue
            got = extract(art.title, art.text, tuple(art.authors)).facets
            for f in FACETS:
                _add(table[f], set(got[f]), set(want[f]))
    return _rates(table)


SENTENCES = ROOT / "tests" / "data" / "park_track_sentences.json"


def score_sentences() -> dict[str, dict]:
    """Parks, strong tracks and weak tracks on the judged sentences (the traps of issue 16; a
    sentence may come with its headline):
    each sentence's expected values, where it lists them, against what extraction gives."""
    table = {f: _row() for f in ("parks", "tracks", "tracks_weak")}
    for item in json.loads(SENTENCES.read_text(encoding="utf-8"))["sentences"]:
        got = extract(item.get("title", ""), item["text"]).facets
        for f, row in table.items():
            if f in item:
                _add(row, set(got[f]), set(item[f]))
    return _rates(table)


def ner_dev_dir() -> Path | None:
    """The ner-dev folder: $GXQ_NER_DEV, or shared/data/ner-dev beside the checkout or its parent."""
    env = os.environ.get("GXQ_NER_DEV")
    candidates = [Path(env)] if env else []
    candidates += [p / "shared" / "data" / "ner-dev" for p in (ROOT.parent, ROOT.parent.parent, Path("/work"))]
    return next((p for p in candidates if (p / "gold.json").is_file()), None)


def place_key(name: str) -> str:
    """A place without one administrative suffix that leaves two characters (北京市 = 北京)."""
    for suffix in PLACE_SUFFIX:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def score_ner(folder: Path | None = None, part: str = "all") -> dict[str, dict]:
    """PER/ORG/LOC scored per document over distinct names; ``part`` is all, even or odd
    (by document number) to see whether rules tuned on one half hold on the other."""
    folder = folder or ner_dev_dir()
    if folder is None:
        raise FileNotFoundError("ner-dev not found (set GXQ_NER_DEV)")
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    table = {t: _row() for t in NER_FACETS}
    for name in sorted(gold):
        number = int(re.sub(r"\D", "", name) or 0)
        if part != "all" and number % 2 != (0 if part == "even" else 1):
            continue
        found = extract("", (folder / "docs" / name).read_text(encoding="utf-8"))
        for t, fs in NER_FACETS.items():
            norm = place_key if t == "LOC" else str
            want = {norm(v) for v in gold[name][t]}
            got = {v: {norm(v), *(norm(a) for a in found.aliases[f].get(v, ()))} for f in fs for v in found.facets[f]}
            _add_forms(table[t], got, want)
    return _ner_rates(table)


def _add_forms(row: dict, got: dict[str, set[str]], want: set[str]) -> None:
    """A value is right when it or one of its written forms (北京市 written 北京 or 京) is
    annotated; an annotated name is found when some value was written so."""
    right = {v for v, forms in got.items() if forms & want}
    seen = set().union(*got.values()) if got else set()
    row["found"] = row.get("found", 0) + len(got)
    row["tp"] += len(right)
    row["fp"] += len(got) - len(right)
    row["fn"] += len(want - seen)
    row["gold"] = row.get("gold", 0) + len(want)
    row["false"] += sorted(set(got) - right)
    row["missed"] += sorted(want - seen)


def _ner_rates(table: dict[str, dict]) -> dict[str, dict]:
    for row in table.values():
        row["precision"] = row["tp"] / row["found"] if row.get("found") else 1.0
        row["recall"] = (row["gold"] - row["fn"]) / row["gold"] if row.get("gold") else 1.0
    return table


def _print(title: str, table: dict[str, dict], errors: bool) -> None:
    print(title)
    print(f"{'facet':<10} {'precision':>9} {'recall':>7} {'tp':>5} {'fp':>5} {'fn':>5}")
    for f, row in table.items():
        print(f"{f:<10} {row['precision']:>9.3f} {row['recall']:>7.3f} {row['tp']:>5} {row['fp']:>5} {row['fn']:>5}")
    if errors:
        for f, row in table.items():
            if row["false"] or row["missed"]:
                print(f"{f}: false {row['false']}\n{f}: missed {row['missed']}")
    print()


def main() -> None:
    """Print the tables (or JSON)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--errors", action="store_true", help="list false and missed names")
    ap.add_argument("--ner-dev", type=Path, default=None, help="the ner-dev folder (default: shared/data/ner-dev)")
    args = ap.parse_args()
    tables = {"seed": score(), "judged sentences": score_sentences()}
    folder = args.ner_dev or ner_dev_dir()
    if folder:
        for part in ("all", "even", "odd"):
            tables[f"ner-dev {part}"] = score_ner(folder, part)
    if args.json:
        print(json.dumps(tables, ensure_ascii=False, indent=2))
        return
    for title, table in tables.items():
        _print(title, table, args.errors or not title.startswith("ner-dev"))


if __name__ == "__main__":
    main()
