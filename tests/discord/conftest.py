"""Fixtures for the Discord adapter: a real database with claims, and the fake Discord."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

import pytest
from discord.http import Route

from bot.settings import Settings
from handlers.articles import handle_article
from handlers.models import Article
from storage import open_database
from storage.models import Topic
from storage.subscriptions import subscribe
from storage.topics import list_topics, save_topic
from tests.discord.fake_discord import CHANNEL_ID, GUILD_ID, FakeDiscord
from tests.stories import kursk_stories

MANAGER_ROLE = "Claim Editors"
HANDLED_AT = datetime(2024, 12, 30, 9, 0, tzinfo=UTC)
DPRK = Topic("dprk", "North Korean troops in Russia's war",
             ("North Korea", "North Korean", "North Koreans", "DPRK"))
QUAKE = Topic("quake", "Earthquakes", ("earthquake", "quake"))

# Our own short write-ups of how the estimates were reported, oldest first.
STORIES = [
    *kursk_stories("s"),
    Article("s4", "Spy agency updates its count",
            "South Korea's spy agency said on Friday that about 300 North Korean soldiers "
            "had been killed in the Kursk region.",
            date(2024, 12, 27), "Harbour Post", "https://harbour.example/s4"),
]


def run(coroutine):
    """Tests drive discord.py's asyncio code with a fresh loop each."""
    return asyncio.run(coroutine)


def add_story(db, article: Article) -> None:
    handle_article(db, article, list_topics(db), now=HANDLED_AT)


def subscribe_channel(db, topic: str = "dprk", channel: int = CHANNEL_ID):
    subscription, _ = subscribe(db, platform="discord", channel=str(channel), topic=topic,
                                workspace=str(GUILD_ID))
    return subscription


def settings_for(fake: FakeDiscord, **overrides) -> Settings:
    values = {"discord_token": "fake-bot-token", "discord_api_base": fake.api_base,
              "discord_guild_id": GUILD_ID, "discord_manager_role": MANAGER_ROLE,
              "allow_private_feeds_from_chat": True, **overrides}
    return Settings(**values)


@pytest.fixture
def discord_db(tmp_path):
    """A database with the dprk and quake topics and no claims yet."""
    database = open_database(tmp_path / "discord.db")
    save_topic(database, DPRK)
    save_topic(database, QUAKE)
    yield database
    database.close()


@pytest.fixture(autouse=True)
def restore_route_base():
    """`Route.BASE` is process-wide in discord.py; put it back after each test."""
    original = Route.BASE
    yield
    Route.BASE = original
