"""Throughput of `extract_claims` on one core: ~5 KB articles, articles/s, peak RSS.

    taskset -c 0 python bench/extraction_speed.py [--articles 1000] [--size 5000] [--rounds 3]

Three corpora, each timed `--rounds` times in this one process (the engine loads once,
import and regex compilation happen before any clock starts):

- news:  realistic ~5 KB news copy, mostly prose with some numeric noise and 3-6
         casualty sentences per article. THE ISSUE'S TARGET (>= 500 articles/s) IS THIS ONE.
- dense: the claim-dense stress text (~15 claims per article), much denser than real news.
- dev:   the shared eval dev articles (if /work/shared/eval/dev.jsonl exists), whole
         articles concatenated to ~5 KB, each composite starting at a different article.

Text is generated here from small varied grammars, so no two articles share their prose.
Each round reports wall-clock and CPU (process) time; the machine is shared, so the CPU
figure is the steadier one. Best and median over the rounds are printed per corpus.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handlers.extraction import extract_claims  # noqa: E402
from handlers.models import Article, Topic  # noqa: E402

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev.jsonl"
if not DEV.exists():
    DEV = Path("/work/shared/eval/dev.jsonl")

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

# News prose from a small grammar: subject + predicate + tail, with names and places.
PLACES = ("Velmar", "the northern valley", "Ostrava Bay", "the capital", "Kestrel Ridge",
          "the river port", "Lindholm", "the eastern provinces", "Saran", "the border towns")
PEOPLE = ("Prime Minister Ilse Varga", "the foreign minister", "Mayor Tomas Brell",
          "opposition leader Nadia Okoro", "the UN envoy", "a spokesperson for the army",
          "the interior ministry", "local officials", "aid workers", "residents of {place}")
PREDICATES = ("met representatives of the rival factions in {place}",
              "called for calm after a night of unrest in {place}",
              "visited the damaged bridge near {place} on {day}",
              "criticised the pace of reconstruction in {place}",
              "promised new funding for schools and clinics in {place}",
              "described the situation in {place} as tense but stable",
              "warned that supplies to {place} could run short within weeks",
              "rejected calls for an early election",
              "welcomed the reopening of the railway line to {place}",
              "said talks with neighbouring governments would continue")
TAILS = ("", ", according to a statement", " on {day}", ", reporters were told",
         " during a visit that lasted several hours", ", despite heavy rain",
         " amid growing pressure from parliament", ", officials said",
         " as negotiators prepared for another round", ", a move welcomed by business groups")
QUOTES = ("“We are doing everything we can,” {person} said.",
          "“This is not the time for politics,” {person} told a local radio station.",
          "Asked about the delays, {person} said the work would take longer than planned.",
          "Photographs shared online showed long queues outside shops in {place}.",
          "Schools in {place} will stay closed until further notice, {person} said.",
          "The weather service expects more rain over {place} later in the week.")


def _fill(rng: random.Random, template: str) -> str:
    n = rng.randint(2, 40_000)
    return template.format(
        n=f"{n:,}", m=f"{rng.randint(2, 900):,}", source=rng.choice(SOURCES),
        group=rng.choice(GROUPS), day=rng.choice(DAYS), place=rng.choice(PLACES),
        person=rng.choice(PEOPLE).format(place=rng.choice(PLACES)),
    )


def _prose_sentence(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return _fill(rng, rng.choice(QUOTES))
    subject = rng.choice(PEOPLE).format(place=rng.choice(PLACES))
    sentence = f"{subject} {rng.choice(PREDICATES)}{rng.choice(TAILS)}."
    return _fill(rng, sentence[0].upper() + sentence[1:])


def make_dense_article(rng: random.Random, index: int, size: int) -> Article:
    """Claim-dense stress text: ~20% casualty sentences, ~25% numeric noise."""
    def sentence() -> str:
        roll = rng.random()
        templates = CLAIMS if roll < 0.2 else NOISE if roll < 0.45 else PROSE
        return _fill(rng, rng.choice(templates))
    return _assemble(rng, index, size, sentence)


def make_news_article(rng: random.Random, index: int, size: int) -> Article:
    """News-like copy: 3-6 casualty sentences, ~10% numeric noise, the rest varied prose."""
    claim_slots = rng.randint(3, 6)
    budget = {"left": claim_slots}

    def sentence() -> str:
        roll = rng.random()
        if budget["left"] and roll < 0.09:
            budget["left"] -= 1
            return _fill(rng, rng.choice(CLAIMS))
        if roll < 0.2:
            return _fill(rng, rng.choice(NOISE))
        return _prose_sentence(rng)
    return _assemble(rng, index, size, sentence)


def _assemble(rng: random.Random, index: int, size: int, sentence: Callable[[], str]) -> Article:
    paragraphs, length = [], 0
    while length < size:
        paragraph = " ".join(sentence() for _ in range(rng.randint(1, 4)))
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return Article(id=f"bench-{index}", title="Bench", text="\n\n".join(paragraphs)[:size],
                   published=date(2025, 3, 14))


def dev_articles(size: int) -> list[Article]:
    """Dev articles joined end to end until ~`size` characters, one composite per start."""
    if not DEV.exists():
        return []
    records = [json.loads(line) for line in DEV.open(encoding="utf-8") if line.strip()]
    composites = []
    for first in range(len(records)):
        texts, length, index = [], 0, first
        while length < size:
            record = records[index % len(records)]
            texts.append(record["text"])
            length += len(record["text"]) + 2
            index += 1
        text = "\n\n".join(texts)
        cut = text.rfind("\n", 0, size)  # end on a paragraph boundary near `size`
        text = text[:cut] if cut > size // 2 else text[:size]
        published = records[first].get("published") or None
        composites.append(Article(
            id=f"dev-{first}", title="", text=text,
            published=date.fromisoformat(published) if published else None))
    return composites


def time_round(articles: list[Article]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and claims found for one pass over `articles`."""
    wall, cpu = time.perf_counter(), time.process_time()
    claims = sum(len(extract_claims(article, TOPICS)) for article in articles)
    return time.perf_counter() - wall, time.process_time() - cpu, claims


def report(name: str, articles: list[Article], rounds: int) -> None:
    walls, cpus = [], []
    claims = 0
    for _ in range(rounds):
        wall, cpu, claims = time_round(articles)
        walls.append(len(articles) / wall)
        cpus.append(len(articles) / max(cpu, 1e-9))
    mean_kb = sum(len(a.text) for a in articles) / len(articles) / 1000
    print(f"{name:<6} articles={len(articles)} mean_size={mean_kb:.1f}KB "
          f"claims/article={claims / len(articles):.1f}  articles/s wall: "
          f"best={max(walls):.0f} median={statistics.median(walls):.0f}  "
          f"cpu: best={max(cpus):.0f} median={statistics.median(cpus):.0f}  "
          f"(ms/article best {1000 / max(walls):.2f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--size", type=int, default=5000, help="characters per article")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    news = [make_news_article(rng, i, args.size) for i in range(args.articles)]
    dense = [make_dense_article(rng, i, args.size) for i in range(args.articles)]
    dev = dev_articles(args.size)
    extract_claims(news[0], TOPICS)  # warm the per-topic-set cache
    report("news", news, args.rounds)
    report("dense", dense, args.rounds)
    if dev:
        # few distinct composites: repeat them so a round lasts long enough to time
        report("dev", dev * max(1, args.articles // (4 * len(dev))), args.rounds)
    else:
        print("dev    skipped (no shared eval dev.jsonl)")
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak_rss={peak_kb / 1024:.1f}MB  target: news >= 500 articles/s (one core)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
