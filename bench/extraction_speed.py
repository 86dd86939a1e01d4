"""Throughput of `extract_claims` on one core: ~5 KB generated articles, articles/s, peak RSS.

    python bench/extraction_speed.py [--articles 2000] [--size 5000]

The text is generated here (casualty sentences mixed with noise: money, dates, distances,
quotes, unrelated stories), so the benchmark needs no data files. Import and
regex compilation happen before the clock starts.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handlers.extraction import extract_claims  # noqa: E402
from handlers.models import Article, Topic  # noqa: E402

TOPICS = (
    Topic("front", "The war", ("Ruritania", "Ruritanian", "Kordavia", "Kordavian")),
    Topic("quake", "Earthquakes", ("earthquake", "quake", "tremor")),
    Topic("flood", "Floods", ("flood", "floods", "flooding")),
)
CLAIMS = (
    "{source} said {n} {group} soldiers were killed or wounded in the past 24 hours.",
    "At least {n} people died after the earthquake, {source} said on {day}.",
    "The strike killed {n} civilians and wounded {m}, according to {source}.",
    "“About {n} of our men were captured,” {source} told reporters.",
    "{source} estimated that {group} forces had sent {n} to {m} troops to the border.",
    "The flood death toll has risen to {n}, {source} said, with {m} people still missing.",
    "Several hundred {group} troops have been injured since March, {source} said.",
)
NOISE = (
    "The central bank set aside ${n}m for reconstruction and {m} km of new road.",
    "Ministers met in the capital on {day} to discuss a {n}-point plan.",
    "Some {n} protesters gathered outside parliament, waving flags and chanting.",
    "The {n}th brigade moved {m} miles north during the night, analysts said.",
    "Shares fell {n}% in early trading as investors weighed the news.",
    "Read more: why the talks stalled, and what comes next for the region.",
    "The ferry company operates {n} vessels on the route and employs {m} staff.",
)
PROSE = (
    "The talks resumed in the afternoon after a short break, diplomats said.",
    "Residents queued for bread and water while the power stayed off across the city.",
    "Analysts say the offensive has stalled along most of the front line.",
    "The president is expected to address parliament later this week.",
    "Aid agencies have warned that the roads into the valley remain blocked.",
    "Officials from both sides declined to comment on the reports.",
    "The region has been hit by repeated storms since the start of the season.",
)
SOURCES = ("the health ministry", "a senior Western official", "General Ana Roth",
           "the regional governor", "Kordavia's defence ministry", "local medics")
GROUPS = ("Ruritanian", "Kordavian", "allied", "enemy")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _sentence(rng: random.Random, templates: tuple[str, ...]) -> str:
    n = rng.randint(2, 40_000)
    return rng.choice(templates).format(
        n=f"{n:,}", m=f"{rng.randint(2, 900):,}", source=rng.choice(SOURCES),
        group=rng.choice(GROUPS), day=rng.choice(DAYS),
    )


def _pick(rng: random.Random) -> tuple[str, ...]:
    """News copy: mostly prose, some numeric noise, some casualty sentences."""
    roll = rng.random()
    return CLAIMS if roll < 0.2 else NOISE if roll < 0.45 else PROSE


def make_article(rng: random.Random, index: int, size: int) -> Article:
    paragraphs, length = [], 0
    while length < size:
        paragraph = " ".join(_sentence(rng, _pick(rng)) for _ in range(rng.randint(1, 4)))
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return Article(id=f"bench-{index}", title="Bench", text="\n\n".join(paragraphs)[:size],
                   published=date(2025, 3, 14))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--size", type=int, default=5000, help="characters per article")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    articles = [make_article(rng, i, args.size) for i in range(args.articles)]
    extract_claims(articles[0], TOPICS)  # warm the per-topic-set cache
    start = time.perf_counter()
    claims = sum(len(extract_claims(article, TOPICS)) for article in articles)
    elapsed = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"articles={len(articles)} size={args.size}B claims={claims} "
          f"seconds={elapsed:.2f} articles/s={len(articles) / elapsed:.0f} "
          f"ms/article={1000 * elapsed / len(articles):.2f} peak_rss={peak_kb / 1024:.1f}MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
