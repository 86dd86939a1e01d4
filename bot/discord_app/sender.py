"""Posting alerts to Discord channels over the REST API only (no gateway connection).

`claimwatch poll --once` from cron delivers through this, so it logs in with the bot
token and posts; nothing else. discord.py's own HTTP client does the work, including
waiting out 429s as Discord says (up to `MAX_RATELIMIT_WAIT`; longer waits come back as a
`retry_after` for delivery to reschedule).

Each alert is posted with a nonce derived from its outbox key and `enforce_nonce`, so if
claimwatch crashes after Discord accepted a message but before the outbox row was marked
sent, the repeat post a few minutes later is de-duplicated by Discord itself.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging

import aiohttp
import discord

from bot.delivery import SendResult
from bot.discord_app.api import MAX_RATELIMIT_WAIT, NO_MENTIONS, use_api_base
from bot.discord_app.embeds import alert_embed
from bot.discord_app.text import neutralise_mentions, shorten
from bot.settings import Settings
from handlers.alerts import AlertView
from storage.models import OutboxAlert, Subscription

log = logging.getLogger(__name__)

NONCE_LIMIT = 25  # Discord's maximum nonce length
CONTENT_LIMIT = 2000


class DiscordSender:
    """Delivers alerts for Discord subscriptions; `subscription.channel` is a channel id."""

    platform = "discord"

    def __init__(self, settings: Settings) -> None:
        self._token = settings.discord_token
        self._api_base = settings.discord_api_base
        self._client: discord.Client | None = None
        # A rejected token stays rejected for this run: asking again for every alert
        # would only add invalid requests, which Discord answers with an IP ban.
        self._login_refused = ""

    async def send(self, alert: OutboxAlert, view: AlertView) -> SendResult:
        return await self._post(alert.subscription, embed=alert_embed(view),
                                nonce=alert_nonce(alert.key))

    async def send_notice(self, subscription: Subscription, text: str) -> SendResult:
        content = shorten(neutralise_mentions(text), CONTENT_LIMIT)
        return await self._post(subscription, content=content)

    async def close(self) -> None:
        if self._client is not None:
            await self._client.close()
            self._client = None

    async def _post(self, subscription: Subscription, **message) -> SendResult:
        channel_id = _channel_id(subscription.channel)
        if channel_id is None:
            return SendResult(False, gone=True,
                              error=f"{subscription.channel[:40]!r} is not a Discord channel id")
        if self._login_refused:
            return SendResult(False, error=self._login_refused)
        try:
            client = await self._logged_in()
        except discord.LoginFailure:
            self._login_refused = "Discord rejected the bot token (DISCORD_TOKEN)"
            return SendResult(False, error=self._login_refused)
        except (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError) as error:
            return SendResult(False, error=f"cannot log in to Discord: {_describe(error)}")
        channel = client.get_partial_messageable(channel_id)
        try:
            posted = await channel.send(allowed_mentions=NO_MENTIONS, **message)
        except (discord.Forbidden, discord.NotFound) as error:
            return SendResult(False, gone=True, error=(
                f"channel {channel_id} is gone or the bot lacks Send Messages there "
                f"(Discord said {error.status}: {shorten(error.text, 120)})"))
        except discord.RateLimited as error:
            return SendResult(False, retry_after=error.retry_after,
                              error=f"rate limited for {error.retry_after:.0f}s")
        except (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError) as error:
            return SendResult(False, error=_describe(error))
        return SendResult(True, external_id=str(posted.id))

    async def _logged_in(self) -> discord.Client:
        """A REST-only client, logged in on first use (the gateway is never opened)."""
        if self._client is None:
            use_api_base(self._api_base)
            client = discord.Client(intents=discord.Intents.none(),
                                    allowed_mentions=NO_MENTIONS,
                                    max_ratelimit_timeout=MAX_RATELIMIT_WAIT)
            try:
                await client.login(self._token)
            except BaseException:
                await client.close()
                raise
            self._client = client
        return self._client


def alert_nonce(key: str) -> str:
    """A nonce unique to the alert, within Discord's 25 characters."""
    if len(key) <= NONCE_LIMIT:
        return key
    return "cw" + hashlib.sha256(key.encode()).hexdigest()[: NONCE_LIMIT - 2]


def _channel_id(channel: str) -> int | None:
    return int(channel) if channel.isdigit() else None


def _describe(error: BaseException) -> str:
    if isinstance(error, discord.HTTPException):
        return f"Discord answered {error.status}: {shorten(error.text, 200)}"
    if isinstance(error, asyncio.TimeoutError):
        return "Discord did not answer in time"
    return f"cannot reach Discord: {type(error).__name__}: {shorten(str(error), 200)}"
