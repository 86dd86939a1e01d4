"""The jobs behind the CLI: one poll, an ingest, and the long-running service."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from pathlib import Path

from bot.delivery import DeliveryReport, Sender, deliver_due
from bot.settings import Settings
from handlers.commands import Reply
from storage.database import to_text

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


def build_senders(settings: Settings) -> dict[str, Sender]:
    """The console always; Discord and Slack when their tokens are set."""
    from bot.console import ConsoleSender

    senders: dict[str, Sender] = {"console": ConsoleSender()}
    if settings.discord_enabled:
        from bot.discord_app.sender import DiscordSender

        senders["discord"] = DiscordSender(settings)
    if settings.slack_enabled:
        from bot.slack_app.sender import SlackSender

        senders["slack"] = SlackSender(settings)
    return senders


async def close_senders(senders: dict[str, Sender]) -> None:
    for sender in senders.values():
        close = getattr(sender, "close", None)
        if close is not None:
            await close()


async def deliver_with(settings: Settings, db) -> DeliveryReport:
    senders = build_senders(settings)
    try:
        return await deliver_due(db, senders, now=utc_now)
    finally:
        await close_senders(senders)


def build_fetcher(settings: Settings):
    from bot.fetching import Fetcher

    return Fetcher(max_bytes=settings.max_feed_bytes, timeout=settings.fetch_timeout,
                   max_concurrency=settings.max_concurrency,
                   per_host=settings.per_host_concurrency,
                   allow_private_from_chat=settings.allow_private_feeds_from_chat)


def poll_options(settings: Settings):
    from bot.polling import PollOptions

    return PollOptions(interval=settings.poll_interval,
                       pause_after_failures=settings.pause_after_failures,
                       fetch_article_pages=settings.fetch_article_pages)


async def deliver_pending(settings: Settings, db) -> DeliveryReport:
    """Deliver due alerts and notices; senders (and their libraries) load only if any."""
    from bot.delivery import deliver_notices
    from storage.notices import has_due_notices
    from storage.outbox import due_alerts

    moment = to_text(utc_now())
    if not due_alerts(db, now=moment, limit=1) and not has_due_notices(db, now=moment):
        return DeliveryReport()
    senders = build_senders(settings)
    try:
        report = await deliver_due(db, senders, now=utc_now)
        notices = await deliver_notices(db, senders, now=utc_now)
    finally:
        await close_senders(senders)
    report.sent += notices.sent
    return report


def poll_once(settings: Settings, db) -> str:
    """Poll every active feed once, deliver due alerts, and say what happened."""
    from bot.polling import poll_feeds

    async def job():
        fetcher = build_fetcher(settings)
        try:
            results = await poll_feeds(db, fetcher, now=utc_now,
                                       options=poll_options(settings))
        finally:
            await fetcher.close()
        return results, await deliver_pending(settings, db)

    results, report = asyncio.run(job())
    errors = [f"  {r.feed.url}: {r.error}" for r in results if r.error]
    new = sum(r.new_articles for r in results)
    lines = [f"polled {len(results)} feeds: {new} new articles, "
             f"{sum(r.alerts for r in results)} alerts decided, {report.sent} sent"]
    return "\n".join(lines + (["feed errors:"] + errors if errors else []))


def ingest_file(settings: Settings, db, file: str) -> str:
    """Handle a JSON-lines file of articles in published order, then deliver."""
    import sys

    from bot.inputs import read_article_lines
    from handlers.articles import SEEN_BEFORE, handle_article
    from storage.topics import list_topics

    stream = sys.stdin if file == "-" else Path(file).open(encoding="utf-8", errors="replace")
    with stream:
        lines = list(read_article_lines(stream))
    for line in lines:
        if line.error:
            print(f"{file}: {line.error}; skipped", file=sys.stderr)
    articles = sorted((line.article for line in lines if line.article),
                      key=lambda a: a.published.isoformat() if a.published else "9999")
    topics = list_topics(db)
    handled = alerts = 0
    for article in articles:
        outcome = handle_article(db, article, topics, now=utc_now())
        if outcome.outcome != SEEN_BEFORE:
            handled += 1
        alerts += outcome.alerts
        if outcome.outcome == "no text":
            print(f"{file}: article {article.id!r} has no text; recorded, nothing extracted",
                  file=sys.stderr)
    report = asyncio.run(deliver_with(settings, db))
    skipped = sum(1 for line in lines if line.error)
    return (f"ingested {handled} new articles ({len(articles) - handled} seen before, "
            f"{skipped} bad lines): {alerts} alerts decided, {report.sent} sent")


def add_feed_checked(settings: Settings, db, url: str, *, added_by: str) -> Reply:
    """Fetch a feed once to check it, then add it; the reply says what was found."""
    from bot.feed_admin import check_and_add_feed

    async def check():
        fetcher = build_fetcher(settings)
        try:
            return await check_and_add_feed(db, fetcher, url, added_by=added_by)
        finally:
            await fetcher.close()

    return asyncio.run(check())


def explain_feed_now(settings: Settings, db, url: str) -> Reply:
    """Fetch a feed now and say why its recent entries did or did not alert."""
    from bot.feed_admin import explain_feed_live

    async def explain():
        fetcher = build_fetcher(settings)
        try:
            return await explain_feed_live(db, fetcher, url)
        finally:
            await fetcher.close()

    return asyncio.run(explain())


def run_forever(settings: Settings, db, *, chat: bool = True) -> None:
    """Scheduler plus chat adapters on one event loop, until Ctrl-C or SIGTERM."""
    from bot.service import serve

    try:
        asyncio.run(serve(settings, db, chat=chat))
    except KeyboardInterrupt:
        log.info("stopped")
