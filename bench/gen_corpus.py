"""Deterministic synthetic corpus: pages of stories built from seed paragraphs and gazetteer names.

python -m bench.gen_corpus OUT_DIR --articles 2000 [--seed 7] [--gb18030-share 0.2]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from search_index.engine import default_corpus
from search_index.ingest.articles import split_page
from search_index.reference.gazetteer import load_gazetteer

REPORTERS = ("张伟", "霍立峰", "李争粉", "郭倩", "王静", "陈晨")


def seed_paragraphs(corpus: Path | None = None) -> list[str]:
    """Body paragraphs of the bundled seed articles."""
    paras: list[str] = []
    for path in sorted((corpus or default_corpus()).glob("*.txt")):
        for art in split_page(path.name, path.read_text(encoding="utf-8")):
            paras += [art.text[s:e] for kind, s, e in art.blocks if kind == "p" and e - s > 30]
    return paras


def generate(out: Path, articles: int, seed: int = 7, gb18030_share: float = 0.2) -> int:
    """Write pages holding about ``articles`` stories into ``out``; return files written."""
    rng = random.Random(seed)
    gaz = load_gazetteer()
    parks = sorted(gaz.parks)
    tracks = sorted(gaz.tracks)
    paras = seed_paragraphs()
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    made = 0
    while made < articles:
        stories = min(rng.randint(3, 6), articles - made)
        page = "\n\n".join(_story(rng, parks, tracks, paras) for _ in range(stories))
        encoding = "gb18030" if rng.random() < gb18030_share else "utf-8"
        sub = out / f"{written // 200:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"page_{written:05d}.txt").write_bytes(page.encode(encoding))
        written += 1
        made += stories
    return written


def _story(rng: random.Random, parks: list[str], tracks: list[str], paras: list[str]) -> str:
    park, track = rng.choice(parks), rng.choice(tracks)
    title = rng.choice((f"{park}加快布局{track}新赛道", f"{track}：{park}跑出加速度", f"{park}培育{track}产业集群"))
    body = [f"{park}在{track}领域持续发力，已集聚相关企业{rng.randint(10, 500)}家。"]
    body += rng.sample(paras, rng.randint(2, 6))
    return "\n\n".join([title, f"► 本报记者 {rng.choice(REPORTERS)}", *body])


def main() -> None:
    """CLI entry."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--gb18030-share", type=float, default=0.2)
    args = ap.parse_args()
    files = generate(args.out, args.articles, args.seed, args.gb18030_share)
    print(f"wrote {files} files with about {args.articles} articles to {args.out}")


if __name__ == "__main__":
    main()
