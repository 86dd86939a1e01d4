"""One poll cycle: fetch feeds concurrently, parse and extract off the loop, store per feed.

Each feed goes through fetch -> parse -> drop entries seen before -> (article pages) ->
extract claims -> store, as its own little pipeline; up to `max_concurrency` feeds are in
flight at once, so memory stays bounded however many feeds there are. Parsing and
extraction run in `WorkPool` (worker processes once the cycle is busy); storage runs on
the loop thread, which owns the SQLite connection, one transaction per feed. Feeds that
answer 304 are recorded in batches.

The first successful poll of a feed records what is there (claims included, for history)
without alerting. Failures back off exponentially with jitter (at least as long as a
Retry-After asks); after `pause_after_failures` in a row the feed is paused and every
channel that gets its news is sent a notice, once, saying why and how to resume.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.feed_parsing import FeedEntry, FeedError, ParsedFeed
from bot.fetching import Fetcher, FetchResult
from bot.poll_workers import WorkPool, extract_job, parse_job
from storage import feeds as feed_store
from storage import transaction
from storage.database import to_text
from storage.models import Feed

log = logging.getLogger(__name__)

MAX_BACKOFF = 6 * 3600.0
MAX_RETRY_AFTER = 7 * 24 * 3600.0
NOT_MODIFIED_BATCH = 250
COMMIT_EVERY = 0.25
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


@dataclass(frozen=True)
class PollOptions:
    interval: int = 300
    pause_after_failures: int = 10
    fetch_article_pages: bool = False
    workers: int | None = None


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
                     interval: int = 300, only_due: bool = False,
                     options: PollOptions | None = None,
                     pool: WorkPool | None = None) -> list[FeedPollResult]:
    """Poll active feeds, returning what happened to each.

    `only_due` polls only feeds whose next poll time has come (the scheduler); otherwise
    every active feed is polled except those backing off after failures or asked to wait
    by the server (`claimwatch poll --once`).
    """
    options = options or PollOptions(interval=interval)
    moment = to_text(now())
    feeds = [feed for feed in feed_store.feeds_to_poll(db, now=moment if only_due else None)
             if only_due or not _backing_off(feed, moment)]
    cycle = _Cycle(db, fetcher, pool or WorkPool(options.workers), options, now)
    try:
        return await cycle.run(feeds)
    finally:
        cycle.flush_not_modified()
        cycle.commit(force=True)
        if pool is None:
            cycle.pool.close()


def _backing_off(feed: Feed, moment: str) -> bool:
    return feed.failures > 0 and bool(feed.next_poll) and feed.next_poll > moment


def failure_delay(interval: float, failures: int, retry_after: float | None = None, *,
                  rand: Callable[[], float] = random.random) -> float:
    """Seconds to wait after the `failures`-th failure in a row: the interval doubled per
    failure (capped), jittered to between half and all of it so feeds on one host do not
    retry in step, and never sooner than the server's Retry-After."""
    base = min(interval * 2 ** max(failures - 1, 0), MAX_BACKOFF)
    delay = base * (0.5 + rand() / 2)
    if retry_after is not None:
        delay = max(delay, min(retry_after, MAX_RETRY_AFTER))
    return delay


class _Cycle:
    def __init__(self, db, fetcher: Fetcher, pool: WorkPool, options: PollOptions,
                 now: Callable[[], datetime]) -> None:
        self.db, self.fetcher, self.pool = db, fetcher, pool
        self.options, self.now = options, now
        self.topics: list | None = None
        self.not_modified: list[tuple[int, dict]] = []
        self.batch_started = 0.0

    def writing(self):
        """One feed's writes: a savepoint inside a transaction that spans several feeds
        and is committed every `COMMIT_EVERY` seconds. A feed's writes still stand or
        fall together, and thousands of feeds cost a handful of disk syncs, not one each.
        """
        if not self.db.conn.in_transaction:
            self.db.execute("BEGIN")
            self.batch_started = time.monotonic()
            # Never hold the write lock while every lane waits on a slow server.
            asyncio.get_running_loop().call_later(COMMIT_EVERY, self.commit)
        return transaction(self.db)

    def commit(self, *, force: bool = False) -> None:
        due = force or time.monotonic() - self.batch_started >= COMMIT_EVERY
        if due and self.db.conn.in_transaction:
            self.db.execute("COMMIT")

    async def run(self, feeds: Sequence[Feed]) -> list[FeedPollResult]:
        queue: asyncio.Queue[tuple[int, Feed]] = asyncio.Queue()
        for item in enumerate(feeds):
            queue.put_nowait(item)
        results: list[FeedPollResult | None] = [None] * len(feeds)

        async def worker() -> None:
            while not queue.empty():
                index, feed = queue.get_nowait()
                results[index] = await self.poll_one(feed)

        lanes = max(1, min(self.fetcher.max_concurrency, len(feeds)))
        await asyncio.gather(*(worker() for _ in range(lanes)))
        return [result for result in results if result is not None]

    async def poll_one(self, feed: Feed) -> FeedPollResult:
        try:
            fetch = await self.fetcher.fetch(feed.url, etag=feed.etag,
                                             last_modified=feed.last_modified,
                                             added_by=feed.added_by)
            if fetch.not_modified:
                return self._record_not_modified(feed, fetch)
            if fetch.error:
                return self._failed(feed, fetch.error, fetch)
            parsed, digests = await self.pool.run(parse_job, fetch.body, feed.url, feed.title,
                                                  fetch.content_type, weight=0)
            fresh = self._unseen(feed, parsed.entries, digests)
            pages = await self._pages(feed, fresh)
            extracted = (await self.pool.run(extract_job, [e.article for e in fresh],
                                             self._topics(), pages, weight=len(fresh))
                         if fresh else [])
            return self._store(feed, parsed, fresh, extracted, fetch)
        except FeedError as error:
            return self._failed(feed, str(error), None)
        except Exception as error:  # whatever one feed does, its neighbours go on
            log.exception("polling %s failed unexpectedly", feed.url)
            return self._failed(feed, f"internal error: {type(error).__name__}: {error}"[:300],
                                None)

    def _topics(self) -> list:
        if self.topics is None:
            from storage.topics import list_topics

            self.topics = list_topics(self.db)
        return self.topics

    def _unseen(self, feed: Feed, entries: Sequence[FeedEntry],
                digests: Sequence[str]) -> list[FeedEntry]:
        """Entries that need extraction: new, edited, or syndicated from elsewhere."""
        from handlers.articles import already_seen
        from storage.articles import articles_matching

        matches = articles_matching(self.db, [e.key for e in entries], digests)
        return [entry for entry, digest in zip(entries, digests)
                if not already_seen(matches, entry.key, digest, feed_id=feed.id,
                                    outlet=entry.article.outlet)]

    async def _pages(self, feed: Feed, entries: Sequence[FeedEntry]) -> list[bytes | None]:
        """Article pages for teaser-only entries, when settings.fetch_article_pages is on."""
        if not self.options.fetch_article_pages:
            return [None] * len(entries)

        async def page(entry: FeedEntry) -> bytes | None:
            if not entry.summary_only:
                return None
            fetched = await self.fetcher.fetch(entry.article.url, added_by=feed.added_by,
                                               accept=PAGE_ACCEPT)
            if fetched.error:
                log.info("article page %s: %s", entry.article.url, fetched.error)
                return None
            return fetched.body

        return list(await asyncio.gather(*(page(entry) for entry in entries)))

    def _store(self, feed: Feed, parsed: ParsedFeed, fresh: Sequence[FeedEntry],
               extracted: Sequence, fetch: FetchResult) -> FeedPollResult:
        """Everything one fetch brought, in one transaction: articles, claims, alerts,
        the feed's validators and poll times."""
        from handlers.articles import SEEN_BEFORE, handle_article

        moment = self.now()
        result = FeedPollResult(feed, "ok", entries=len(parsed.entries))
        pairs = sorted(zip(fresh, extracted),
                       key=lambda pair: pair[1][0].published or moment.date())
        with self.writing():
            for entry, (article, claims) in pairs:
                try:
                    outcome = handle_article(self.db, article, self._topics(), now=moment,
                                             alerting=feed.initialized, feed_id=feed.id,
                                             entry_key=entry.key, claims=claims)
                except Exception as error:  # one bad entry never stops the rest
                    log.exception("entry %s of %s could not be stored", entry.key, feed.url)
                    result.outcomes.append(f"not stored: {type(error).__name__}")
                    continue
                result.new_articles += outcome.outcome != SEEN_BEFORE
                result.alerts += outcome.alerts
                result.outcomes.append(outcome.outcome)
            feed_store.record_poll_success(
                self.db, feed.id, polled=to_text(moment), title=parsed.title,
                etag=fetch.etag, last_modified=fetch.last_modified,
                next_poll=self._next_poll(moment), warning=_warning(parsed, fetch))
        self.commit()
        return result

    def _next_poll(self, moment: datetime) -> str:
        # A little under the interval, so a feed polled late in one cycle is due in the next.
        return to_text(moment + timedelta(seconds=self.options.interval * 0.9))

    def _record_not_modified(self, feed: Feed, fetch: FetchResult) -> FeedPollResult:
        moment = self.now()
        self.not_modified.append((feed.id, {
            "polled": to_text(moment), "etag": fetch.etag,
            "last_modified": fetch.last_modified, "next_poll": self._next_poll(moment)}))
        if len(self.not_modified) >= NOT_MODIFIED_BATCH:
            self.flush_not_modified()
        return FeedPollResult(feed, "not modified")

    def flush_not_modified(self) -> None:
        """Record the 304s gathered so far, in one transaction."""
        batch, self.not_modified = self.not_modified, []
        if not batch:
            return
        with self.writing():
            for feed_id, fields in batch:
                feed_store.record_poll_success(self.db, feed_id, **fields)
        self.commit()

    def _failed(self, feed: Feed, error: str, fetch: FetchResult | None) -> FeedPollResult:
        moment = self.now()
        failures = feed.failures + 1
        delay = failure_delay(self.options.interval, failures,
                              fetch.retry_after if fetch else None)
        with self.writing():
            feed_store.record_poll_failure(self.db, feed.id, polled=to_text(moment),
                                           error=error,
                                           next_poll=to_text(moment + timedelta(seconds=delay)))
            paused = failures >= self.options.pause_after_failures
            if paused:
                told = pause_and_tell(self.db, feed, failures, error, moment)
        self.commit()
        if paused:
            log.warning("paused feed %s after %d failures in a row (%s); %d channels told",
                        feed.url, failures, error, told)
        else:
            log.warning("feed %s failed (%d in a row, next try in %.0fs): %s", feed.url,
                        failures, delay, error)
        return FeedPollResult(feed, "paused" if paused else "error", error=error)


def _warning(parsed: ParsedFeed, fetch: FetchResult) -> str:
    notes = []
    if fetch.truncated:
        notes.append(f"response cut at {len(fetch.body):,} bytes (the size cap)")
    if parsed.warning:
        notes.append(parsed.warning)
    if parsed.skipped:
        notes.append(f"{len(parsed.skipped)} unreadable entries skipped")
    return f"recovered: {'; '.join(notes)}"[:500] if notes else ""


def pause_and_tell(db, feed: Feed, failures: int, error: str, moment: datetime) -> int:
    """Pause `feed` and queue one notice per channel that gets its news; returns how many.

    Call inside a transaction: the pause and its notices are stored together, under keys
    unique to this pause, so channels are told once even across restarts.
    """
    from storage.notices import feed_audience, queue_notice

    feed_store.pause_feed(db, feed.id, reason=f"paused after {failures} failures in a row: "
                                              f"{error}")
    text = pause_notice(feed, failures, error)
    told = 0
    for subscription in feed_audience(db, feed.id):
        told += queue_notice(db, key=f"feed-paused:{feed.id}:{to_text(moment)}:"
                                     f"{subscription.id}",
                             subscription_id=subscription.id, text=text,
                             created=to_text(moment))
    return told


def pause_notice(feed: Feed, failures: int, error: str) -> str:
    name = f"{feed.title} ({feed.url})" if feed.title else feed.url
    return (f"Feed paused: {name} failed {failures} times in a row, so claimwatch stopped "
            f"polling it. Last error: {error[:200]}. News from this feed will not be "
            f"checked until it is resumed: an admin can run `claimwatch feeds resume "
            f"{feed.url}` or add it again with `/feeds add {feed.url}`.")
