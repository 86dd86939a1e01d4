"""One poll cycle: fetch due feeds concurrently, then handle their entries in order.

Fetching runs concurrently; parsing and handling run one feed at a time on the calling
thread, which owns the SQLite connection. The first successful poll of a feed records
what is there (claims included, for history) without alerting.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.feed_parsing import FeedError, parse_feed
from bot.fetching import Fetcher, FetchResult
from handlers.articles import SEEN_BEFORE, handle_article
from storage import feeds as feed_store
from storage import topics as topic_store
from storage.database import to_text
from storage.models import Feed

log = logging.getLogger(__name__)


@dataclass
class FeedPollResult:
    feed: Feed
    status: str
    entries: int = 0
    new_articles: int = 0
    alerts: int = 0
    error: str = ""
    outcomes: list[str] = field(default_factory=list)


async def poll_feeds(db, fetcher: Fetcher, *, now: Callable[[], datetime],
                     interval: int = 300, only_due: bool = False) -> list[FeedPollResult]:
    """Poll every active feed (or only those due), returning what happened to each."""
    moment = now()
    feeds = [feed for feed in feed_store.list_feeds(db) if feed.state == "active"
             and (not only_due or not feed.next_poll or feed.next_poll <= to_text(moment))]
    fetched = await asyncio.gather(
        *(fetcher.fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified)
          for feed in feeds))
    topics = topic_store.list_topics(db)
    results = []
    for feed, fetch in zip(feeds, fetched):
        results.append(handle_fetch(db, feed, fetch, topics, now=now(), interval=interval))
    return results


def handle_fetch(db, feed: Feed, fetch: FetchResult, topics, *, now: datetime,
                 interval: int) -> FeedPollResult:
    """Store what one fetch brought: new articles, validators, or the error."""
    polled, next_poll = to_text(now), to_text(now + timedelta(seconds=interval))
    if fetch.not_modified:
        feed_store.record_poll_success(db, feed.id, polled=polled, etag=fetch.etag,
                                       last_modified=fetch.last_modified, next_poll=next_poll)
        return FeedPollResult(feed, "not modified")
    try:
        if fetch.error:
            raise FeedError(fetch.error)
        parsed = parse_feed(fetch.body, url=feed.url, outlet=feed.title)
    except FeedError as error:
        failures = feed_store.record_poll_failure(db, feed.id, polled=polled,
                                                  error=str(error), next_poll=next_poll)
        log.warning("feed %s failed (%d in a row): %s", feed.url, failures, error)
        return FeedPollResult(feed, "error", error=str(error))
    result = FeedPollResult(feed, "ok", entries=len(parsed.entries))
    alerting = feed.initialized
    for entry in sorted(parsed.entries, key=lambda e: e.article.published or now.date()):
        outcome = handle_article(db, entry.article, topics, now=now, alerting=alerting,
                                 feed_id=feed.id, entry_key=entry.key)
        if outcome.outcome != SEEN_BEFORE:
            result.new_articles += 1
        result.alerts += outcome.alerts
        result.outcomes.append(outcome.outcome)
    feed_store.record_poll_success(db, feed.id, polled=polled, title=parsed.title,
                                   etag=fetch.etag, last_modified=fetch.last_modified,
                                   next_poll=next_poll)
    if parsed.warning:
        feed_store.update_feed(db, feed.id, last_error=f"recovered: {parsed.warning}")
    return result
