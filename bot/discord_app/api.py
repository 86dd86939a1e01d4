"""Where discord.py sends its REST calls, and the settings shared by every client we make."""

from __future__ import annotations

import discord
from discord.http import Route

# Nobody is ever pinged by what claimwatch posts: article text may contain "@everyone".
NO_MENTIONS = discord.AllowedMentions.none()
# Longer rate-limit waits than this raise `RateLimited` instead of sleeping inside a send,
# so a cron run is not stuck for an hour; delivery reschedules the alert instead.
MAX_RATELIMIT_WAIT = 60.0


def use_api_base(api_base: str) -> None:
    """Send every discord.py REST call (and so the gateway lookup) to `api_base`.

    discord.py builds each URL from the class attribute `Route.BASE`, so this applies to
    every client in the process; `DISCORD_API_BASE` is one setting for the whole bot.
    """
    Route.BASE = api_base.rstrip("/")
