"""Fixtures shared by every test folder: a real database file and the bundled samples."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from bot.feed_parsing import parse_feed
from bot.inputs import read_topics_toml
from storage import open_database
from storage.topics import save_topic

SAMPLES = resources.files("bot") / "samples"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def db(tmp_path):
    """A migrated SQLite file of its own for each test."""
    database = open_database(tmp_path / "claimwatch.db")
    yield database
    database.close()


@pytest.fixture
def sample_topics():
    with resources.as_file(SAMPLES / "topics.toml") as path:
        return read_topics_toml(path)


@pytest.fixture
def db_with_topics(db, sample_topics):
    for topic in sample_topics:
        save_topic(db, topic)
    return db


def sample_articles():
    """The bundled sample feed's articles (our own retelling), oldest first."""
    parsed = parse_feed((SAMPLES / "dprk-feed.xml").read_bytes(), url="sample")
    return sorted((entry.article for entry in parsed.entries), key=lambda a: a.published)


def write_articles_jsonl(path: Path, articles) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps({
                "id": article.id, "title": article.title, "text": article.text,
                "published": article.published.isoformat() if article.published else "",
                "outlet": article.outlet, "url": article.url}) + "\n")
    return path
