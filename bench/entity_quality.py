"""Precision and recall of entity extraction on the seed pages against tests/data/entities_gold.json.

python -m bench.entity_quality [--json]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from search_index.articles import split_page
from search_index.engine import default_corpus
from search_index.entities import extract

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "entities_gold.json"
FACETS = ("parks", "tracks", "companies", "orgs", "people")


def score(corpus: Path | None = None) -> dict[str, dict]:
    """Per facet: true/false positives, false negatives, precision, recall, and the errors."""
    gold = {k: v for k, v in json.loads(GOLD.read_text(encoding="utf-8")).items() if not k.startswith("_")}
    table = {f: {"tp": 0, "fp": 0, "fn": 0, "false": [], "missed": []} for f in FACETS}
    for path in sorted((corpus or default_corpus()).glob("*.txt")):
        for art in split_page(path.name, path.read_text(encoding="utf-8")):
            want = gold.get(f"{path.name}#{art.order}")
            if want is None:
                continue
            got = extract(art.title, art.text, tuple(art.authors)).facets
            for f in FACETS:
                g, w = set(got[f]), set(want[f])
                row = table[f]
                row["tp"] += len(g & w)
                row["fp"] += len(g - w)
                row["fn"] += len(w - g)
                row["false"] += sorted(g - w)
                row["missed"] += sorted(w - g)
    for row in table.values():
        row["precision"] = row["tp"] / (row["tp"] + row["fp"]) if row["tp"] + row["fp"] else 1.0
        row["recall"] = row["tp"] / (row["tp"] + row["fn"]) if row["tp"] + row["fn"] else 1.0
    return table


def main() -> None:
    """Print the table (or JSON)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    table = score()
    if args.json:
        print(json.dumps(table, ensure_ascii=False, indent=2))
        return
    print(f"{'facet':<10} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}")
    for f, row in table.items():
        print(f"{f:<10} {row['precision']:>9.3f} {row['recall']:>7.3f} {row['tp']:>4} {row['fp']:>4} {row['fn']:>4}")
    for f, row in table.items():
        if row["false"] or row["missed"]:
            print(f"{f}: false {row['false']} missed {row['missed']}")


if __name__ == "__main__":
    main()
