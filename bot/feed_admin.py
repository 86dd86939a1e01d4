"""Adding a feed after checking it once, from the CLI or from chat."""

from __future__ import annotations

from bot.feed_parsing import FeedError, parse_feed
from bot.fetching import Fetcher
from handlers.commands import Reply
from storage.feeds import add_feed, get_feed


async def check_and_add_feed(db, fetcher: Fetcher, url: str, *, added_by: str) -> Reply:
    """Fetch `url` once; add it only if it parses as a feed. The reply says what was found.

    `added_by` is "operator" (config, CLI) or "chat"; chat-added feeds are held to the
    stricter URL rules.
    """
    url = url.strip()
    if get_feed(db, url):
        return Reply(f"Already watching {url}.", ephemeral=True)
    fetched = await fetcher.fetch(url)
    try:
        if fetched.error:
            raise FeedError(fetched.error)
        parsed = parse_feed(fetched.body, url=url)
    except FeedError as error:
        return Reply(f"Could not add {url}: {error}", ok=False, ephemeral=True)
    add_feed(db, url, added_by=added_by, title=parsed.title)
    return Reply(f"Watching {url} ({parsed.title or 'untitled'}): {len(parsed.entries)} "
                 "entries now; they are recorded on the first poll and only new ones alert.")
