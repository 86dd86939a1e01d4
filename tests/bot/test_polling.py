"""Feed -> poll -> extract -> store -> compare -> alert, over real HTTP on 127.0.0.1."""

import asyncio
import io
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from aiohttp import web
from rich.console import Console

from bot.console import ConsoleSender
from bot.delivery import deliver_due
from bot.demo import sample_feed_items
from bot.fetching import Fetcher
from bot.polling import poll_feeds
from handlers.commands import Actor, subscribe
from storage.feeds import add_feed, get_feed
from storage.outbox import list_alerts
from tests.feeds.server import FeedServer

CLOCK = lambda: datetime(2025, 6, 16, 12, tzinfo=UTC)  # noqa: E731


def test_first_poll_records_quietly_then_new_entries_alert(db_with_topics):
    db = db_with_topics
    subscribe(db, Actor("console", "stdout", can_manage=True), "dprk")
    root, items = sample_feed_items()
    channel = root.find("channel")
    for item in items[:2]:
        channel.append(item)
    documents = {"feed": ET.tostring(root)}
    printed = io.StringIO()
    senders = {"console": ConsoleSender(Console(file=printed, width=120))}

    async def feed(request: web.Request) -> web.Response:
        return web.Response(body=documents["feed"], content_type="application/rss+xml")

    async def scenario():
        async with FeedServer(routes={"feed.xml": feed}) as server:
            return await poll_twice(server.url("feed.xml"))

    async def poll_twice(url: str):
        fetcher = Fetcher()
        try:
            add_feed(db, url)
            first = await poll_feeds(db, fetcher, now=CLOCK)
            channel.append(items[3])  # the article with Zelenskyy's 3,000 and Kirby's 1,000
            documents["feed"] = ET.tostring(root)
            second = await poll_feeds(db, fetcher, now=CLOCK)
            report = await deliver_due(db, senders, now=CLOCK)
            return url, first, second, report
        finally:
            await fetcher.close()

    url, first, second, report = asyncio.run(scenario())

    assert first[0].new_articles == 2 and first[0].alerts == 0
    assert second[0].new_articles == 1 and second[0].alerts == 2
    assert report.sent == 2 and all(a.status == "sent" for a in list_alerts(db))
    assert "more than 3,000" in printed.getvalue()
    assert get_feed(db, url).initialized and get_feed(db, url).title == "claimwatch sample wire"
