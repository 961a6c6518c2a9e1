"""Cost of entity extraction per article (warm tables, one process).

python -m bench.entity_speed [--articles 400] [--repeat 3]

Times ``extract`` on generated news items (bench.gen_news, ten header layouts) and on the
People's Daily documents of ner-dev when it is present; prints the median ms per article of
``--repeat`` passes. The machine is shared: compare runs made side by side, not across days.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from bench.entity_quality import ner_dev_dir
from bench.gen_news import news_item
from search_index.entities import extract, extractor


def _per_article(texts: list[str], repeat: int) -> float:
    """Median over ``repeat`` passes of the CPU ms per text (CPU time: the machine is shared)."""
    using = extractor()
    runs = []
    for _ in range(repeat):
        began = time.process_time()
        for text in texts:
            extract("", text, using=using)
        runs.append((time.process_time() - began) * 1000 / len(texts))
    return statistics.median(runs)


def main() -> None:
    """Print ms per article for each set."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rng = random.Random(11)
    sets = {"generated news": [news_item(rng).text for _ in range(args.articles)]}
    folder = ner_dev_dir()
    if folder:
        sets["ner-dev documents"] = [p.read_text(encoding="utf-8") for p in sorted((folder / "docs").glob("*.txt"))]
    extract("", "预热：张江高新区的人工智能企业。")  # tables and tagger built outside the timing
    for name, texts in sets.items():
        chars = sum(map(len, texts)) / len(texts)
        print(f"{name:<18} {len(texts):>5} texts, {chars:>6.0f} chars each: {_per_article(texts, args.repeat):.2f} ms")


if __name__ == "__main__":
    main()
