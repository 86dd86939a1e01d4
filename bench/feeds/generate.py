"""Generated feeds for the polling bench: our own made-up wire copy, some with casualty
claims, as RSS 2.0 files (and a few Atom) that a static server can serve with validators.

    python -m bench.feeds.generate DIR --feeds 2000 --entries 20
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

PLACES = {
    "dprk": ["North Korean soldiers", "North Korean troops"],
    "ukraine-war": ["Ukrainian soldiers", "Russian troops", "civilians in Kharkiv"],
    "gaza": ["Palestinians in Gaza", "people in Rafah"],
    "sudan": ["civilians in El Fasher", "people in Darfur"],
    "quake": ["people in the earthquake zone", "residents after the quake"],
}
CLAIMANTS = ["The health ministry", "Officials in Kyiv", "South Korea's intelligence service",
             "The United Nations", "A military spokesperson", "Local authorities",
             "The Red Crescent", "Monitoring group Airwars"]
METRICS = ["killed", "wounded", "missing"]
FILLER = [
    "The council met on Monday to discuss the new budget for roads and schools.",
    "Markets rose slightly in early trading as investors weighed the latest data.",
    "Weather forecasters expect mild temperatures for the rest of the week.",
    "The minister is due to travel abroad later this month for trade talks.",
    "Residents said the power supply had been restored in most districts.",
    "A spokesperson declined to comment on the details of the negotiations.",
    "Analysts said the figures were broadly in line with expectations.",
    "The report will be presented to parliament at the next session.",
    "Schools reopened after a short break, according to the education office.",
    "The company said it would publish its full results next quarter.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
START = datetime(2025, 5, 1, 8, tzinfo=UTC)


def claim_sentence(rng: random.Random, topic: str, figure: int) -> str:
    subject = rng.choice(PLACES[topic])
    return (f"{rng.choice(CLAIMANTS)} said on {rng.choice(WEEKDAYS)} that about {figure:,} "
            f"{subject} had been {rng.choice(METRICS)} since the fighting began.")


def article(rng: random.Random, feed: int, number: int, *, claim: bool,
            figure: int | None = None) -> tuple[str, str]:
    sentences = rng.sample(FILLER, k=rng.randint(5, 8))
    title = f"{rng.choice(['Update', 'Report', 'Briefing', 'Analysis'])} {feed}-{number}: " \
            f"{sentences[0][:40]}"
    if claim:
        topic = rng.choice(list(PLACES))
        sentences.insert(1, claim_sentence(rng, topic, figure or rng.randint(10, 5000)))
        title = f"Casualty figures updated in {topic} ({feed}-{number})"
    half = len(sentences) // 2
    body = f"<p>{' '.join(sentences[:half])}</p><p>{' '.join(sentences[half:])}</p>"
    return title, body


def rss_item(feed: int, number: int, title: str, body: str, when: datetime) -> str:
    link = f"https://news{feed}.example/story/{number}"
    return (f"<item><title>{escape(title)}</title><link>{link}</link>"
            f"<guid isPermaLink='true'>{link}</guid><pubDate>{format_datetime(when)}</pubDate>"
            f"<description>{escape(body)}</description></item>")


def write_feed(directory: Path, feed: int, items: list[str]) -> None:
    document = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                f"<title>Bench Wire {feed}</title><link>https://news{feed}.example/</link>"
                f"<description>Generated wire copy</description>{''.join(items)}"
                f"</channel></rss>")
    (directory / f"feed{feed}.xml").write_text(document, encoding="utf-8")


def entries_for(rng: random.Random, feed: int, count: int) -> list[str]:
    items = []
    for number in range(count, 0, -1):
        title, body = article(rng, feed, number, claim=rng.random() < 0.3)
        items.append(rss_item(feed, number, title, body, START + timedelta(hours=number)))
    return items


def generate(directory: Path, *, feeds: int = 2000, entries: int = 20, seed: int = 1) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for feed in range(feeds):
        write_feed(directory, feed, entries_for(random.Random(seed * 100_003 + feed), feed,
                                                entries))
    del rng


def add_new_entries(directory: Path, *, feeds: int, entries: int, fraction: float,
                    round_number: int, seed: int = 1) -> int:
    """Give `fraction` of the feeds one new entry with a new, larger casualty figure."""
    rng = random.Random(seed + round_number)
    chosen = rng.sample(range(feeds), k=max(1, int(feeds * fraction)))
    for feed in chosen:
        items = entries_for(random.Random(seed * 100_003 + feed), feed, entries)
        extra = []
        for extra_round in range(1, round_number + 1):
            number = entries + extra_round
            title, body = article(random.Random(feed * 7 + extra_round), feed, number,
                                  claim=True, figure=90_000 + extra_round * 1000 + feed)
            extra.insert(0, rss_item(feed, number, title, body,
                                     START + timedelta(days=30 + extra_round)))
        write_feed(directory, feed, (extra + items)[:entries])
    return len(chosen)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=20)
    arguments = parser.parse_args()
    generate(arguments.directory, feeds=arguments.feeds, entries=arguments.entries)
