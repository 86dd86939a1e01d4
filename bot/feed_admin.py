"""Feed administration that needs the network: add (after one check), resume, explain.

Shared by the CLI and the chat adapters; each returns a neutral `Reply`.
"""

from __future__ import annotations

from bot.feed_parsing import FeedError, parse_feed
from bot.fetching import Fetcher
from bot.url_safety import CHAT, scheme_error
from handlers.commands import EntrySummary, Reply, explain_feed
from storage.feeds import PAUSED, add_feed, get_feed, resume_feed


async def check_and_add_feed(db, fetcher: Fetcher, url: str, *, added_by: str) -> Reply:
    """Fetch `url` once; add it only if it parses as a feed. The reply says what was found.

    `added_by` is "operator" (config, CLI, OPML) or "chat"; chat-added feeds are held to
    the stricter URL rules. Adding a paused feed again resumes it once it checks out.
    """
    url = url.strip()
    existing = get_feed(db, url)
    if existing and existing.state != PAUSED:
        return Reply(f"Already watching {url}.", ephemeral=True)
    refused = scheme_error(url, added_by)
    if refused:
        return Reply(f"Could not add {url}: {refused}", ok=False, ephemeral=True)
    fetched = await fetcher.fetch(url, added_by=added_by)
    try:
        if fetched.error:
            raise FeedError(fetched.error)
        parsed = parse_feed(fetched.body, url=url, content_type=fetched.content_type)
    except FeedError as error:
        return Reply(f"Could not add {url}: {error}", ok=False, ephemeral=True)
    if existing:
        resume_feed(db, url)
        return Reply(f"Resumed {url} ({parsed.title or 'untitled'}): it answers again and "
                     "will be polled on the next cycle.")
    add_feed(db, url, added_by=CHAT if added_by == CHAT else "operator", title=parsed.title)
    return Reply(f"Watching {url} ({parsed.title or 'untitled'}): {len(parsed.entries)} "
                 "entries now; they are recorded on the first poll and only new ones alert.")


def resume(db, url: str) -> Reply:
    """Make a paused feed active again (no check: the next poll is the check)."""
    feed = resume_feed(db, url.strip())
    if feed is None:
        return Reply(f"No feed with URL {url[:200]}.", ok=False, ephemeral=True)
    return Reply(f"Resumed {feed.url}: it will be polled on the next cycle.")


async def explain_feed_live(db, fetcher: Fetcher, url: str, *, limit: int = 10) -> Reply:
    """Why the feed's recent entries did or did not alert: fetch it now, then answer for
    each entry from what is stored (seen before, no claim, no topic, not a change...)."""
    feed = get_feed(db, url.strip())
    if feed is None:
        return Reply(f"No feed with URL {url[:200]}.", ok=False, ephemeral=True)
    fetched = await fetcher.fetch(feed.url, added_by=feed.added_by)
    entries, problem = None, fetched.error
    if not problem:
        from handlers.articles import fingerprint

        try:
            parsed = parse_feed(fetched.body, url=feed.url, outlet=feed.title,
                                content_type=fetched.content_type)
            entries = [EntrySummary(key=entry.key, fingerprint=fingerprint(entry.article),
                                    title=entry.article.title, outlet=entry.article.outlet)
                       for entry in parsed.entries[:limit]]
        except FeedError as error:
            problem = str(error)
    return explain_feed(db, feed.url, current=entries, fetch_error=problem, limit=limit)
