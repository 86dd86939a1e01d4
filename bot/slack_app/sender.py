"""Posting outbox alerts to Slack through the Web API only (no Socket Mode needed).

`claimwatch poll --once` from cron delivers with just `SLACK_BOT_TOKEN`. Slack's answers
become a `SendResult` that `bot/delivery.py` acts on:

- ok -> the message `ts` is kept as the alert's external id;
- `ratelimited` / HTTP 429 -> retry after Slack's `Retry-After`, without counting an attempt;
- the channel is gone or closed to the bot -> `gone`, which pauses the subscription;
- anything else -> an ordinary failure, retried with backoff.

Every alert carries message metadata with its outbox key. When an alert was tried before
(`attempts > 0`), the sender first looks for that key in the channel's recent history and
reports the message it finds instead of posting it a second time.
"""

from __future__ import annotations

import logging

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.delivery import SendResult
from bot.settings import Settings
from bot.slack_app.blocks import ALERT_EVENT_TYPE, alert_message, notice_message
from handlers.alerts import AlertView
from storage.models import OutboxAlert, Subscription

log = logging.getLogger(__name__)

GONE_ERRORS = {
    "channel_not_found": "the channel was deleted, or the bot cannot see it",
    "not_in_channel": "the bot is not a member of the channel (invite it with /invite)",
    "is_archived": "the channel is archived",
    "channel_is_archived": "the channel is archived",
}
DEFAULT_RETRY_AFTER = 30.0
UNREACHABLE = (aiohttp.ClientError, TimeoutError)
HISTORY_WINDOW = 200  # recent messages searched for an earlier post of the same alert


class SlackSender:
    """The Slack `Sender` for `bot/delivery.py`."""

    platform = "slack"

    def __init__(self, settings: Settings, client: AsyncWebClient | None = None) -> None:
        self.client = client or AsyncWebClient(token=settings.slack_bot_token,
                                               base_url=settings.slack_api_url)

    async def send(self, alert: OutboxAlert, view: AlertView) -> SendResult:
        channel = alert.subscription.channel
        try:
            if alert.attempts > 0:
                earlier = await self._find_posted(channel, alert)
                if earlier:
                    log.info("alert %s was already posted as %s; not posting again",
                             alert.key, earlier)
                    return SendResult(True, external_id=earlier)
            response = await self.client.chat_postMessage(
                channel=channel, unfurl_links=False, unfurl_media=False, **alert_message(view))
        except SlackApiError as error:
            return result_for_error(error)
        except UNREACHABLE as error:
            return unreachable(error)
        return SendResult(True, external_id=str(response.get("ts", "")))

    async def send_notice(self, subscription: Subscription, text: str) -> SendResult:
        try:
            response = await self.client.chat_postMessage(
                channel=subscription.channel, unfurl_links=False, unfurl_media=False,
                **notice_message(text))
        except SlackApiError as error:
            return result_for_error(error)
        except UNREACHABLE as error:
            return unreachable(error)
        return SendResult(True, external_id=str(response.get("ts", "")))

    async def close(self) -> None:
        """Nothing to release: the client opens a session per call unless given one."""

    async def _find_posted(self, channel: str, alert: OutboxAlert) -> str:
        """The `ts` of a message in `channel` that carries this alert's key, or ""."""
        # No `oldest` bound: the newest messages are the ones to search, and Slack's clock
        # need not agree with ours.
        history = await self.client.conversations_history(
            channel=channel, limit=HISTORY_WINDOW, include_all_metadata=True)
        for message in history.get("messages") or []:
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if (metadata.get("event_type") == ALERT_EVENT_TYPE
                    and payload.get("alert_key") == alert.key):
                return str(message.get("ts", ""))
        return ""


def result_for_error(error: SlackApiError) -> SendResult:
    """Slack's error answer as a `SendResult` the delivery loop understands."""
    response = error.response
    code = str(response.get("error") or f"HTTP {response.status_code}")
    if response.status_code == 429 or code == "ratelimited":
        wait = _retry_after(response.headers)
        return SendResult(False, retry_after=wait, error=f"rate limited by Slack for {wait:g}s")
    if code in GONE_ERRORS:
        return SendResult(False, gone=True, error=f"Slack said {code}: {GONE_ERRORS[code]}")
    return SendResult(False, error=f"Slack said {code}")


def unreachable(error: Exception) -> SendResult:
    """Slack could not be reached (DNS, refused, timeout): an ordinary, retried failure."""
    return SendResult(False, error=f"cannot reach Slack: {type(error).__name__}: {error}"[:300])


def _retry_after(headers) -> float:
    for name, value in (headers or {}).items():
        if name.lower() == "retry-after":
            try:
                return max(float(value), 0.0)
            except (TypeError, ValueError):
                break
    return DEFAULT_RETRY_AFTER
