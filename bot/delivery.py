"""Posting due alerts from the outbox through whichever platforms are configured.

Guarantee (docs/alerts.md): every decided alert is posted at least once, and at most
once where the platform lets us check. Before a post the row's attempt is counted and
committed (`outbox.mark_sending`); it is marked sent only after the platform accepted
it. A crash in between leaves it pending with `attempts > 0`, which tells the sender
that a post may already exist: Discord dedupes on the message nonce (the alert key),
Slack looks for the key in the channel's recent message metadata before re-posting.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from handlers.alerts import AlertView, alert_view
from storage import outbox
from storage.database import to_text
from storage.models import OutboxAlert, Subscription
from storage.subscriptions import set_paused

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BASE_BACKOFF = 30.0
MAX_BACKOFF = 3600.0
# While one process posts an alert, no other picks it up; after a crash it is due again
# once the lease ends. Kept well inside Discord's nonce window (a few minutes).
SENDING_LEASE = 60.0


@dataclass(frozen=True)
class SendResult:
    """How a platform answered one post."""

    ok: bool
    external_id: str = ""
    retry_after: float | None = None
    gone: bool = False
    error: str = ""


class Sender(Protocol):
    """One chat platform's way of posting. Implementations translate; they decide nothing."""

    platform: str

    async def send(self, alert: OutboxAlert, view: AlertView) -> SendResult:
        """Post one alert to `alert.subscription`'s channel."""
        ...

    async def send_notice(self, subscription: Subscription, text: str) -> SendResult:
        """Post a plain operational notice (e.g. a feed was paused) to that channel."""
        ...


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    paused: int = 0


async def deliver_due(db, senders: Mapping[str, Sender], *,
                      now: Callable[[], datetime]) -> DeliveryReport:
    """Post every due alert for the platforms in `senders`, oldest first."""
    report = DeliveryReport()
    for platform, sender in senders.items():
        for alert in outbox.due_alerts(db, now=to_text(now()), platform=platform):
            if alert.subscription.paused:
                continue
            lease = to_text(now() + timedelta(seconds=SENDING_LEASE))
            if not outbox.mark_sending(db, alert, lease_until=lease):
                continue  # another delivery process is posting it
            try:
                result = await sender.send(alert, alert_view(alert))
            except Exception as error:  # a sender bug must not lose the alert
                log.exception("sending alert %s failed", alert.key)
                result = SendResult(False, error=f"{type(error).__name__}: {error}")
            _record(db, alert, result, now(), report)
    return report


async def send_digests(db, senders: Mapping[str, Sender], *,
                       now: Callable[[], datetime]) -> int:
    """Post the daily digest of every subscription whose hour it is; returns how many.

    A digest that fails stays held and goes out, with the next day's changes, tomorrow.
    """
    from handlers.digest import digest_text, due_digests

    sent = 0
    moment = now()
    for subscription, view in due_digests(db, now=moment):
        sender = senders.get(subscription.platform)
        if sender is None:
            continue
        try:
            result = await sender.send_notice(subscription, digest_text(view))
        except Exception as error:  # one channel's failure must not stop the others
            log.exception("sending digest %s failed", view.key)
            result = SendResult(False, error=f"{type(error).__name__}: {error}")
        if result.ok:
            outbox.mark_digested(db, view.alert_ids, sent=to_text(moment), digest_key=view.key)
            sent += 1
        else:
            log.warning("digest %s not sent, kept for tomorrow: %s", view.key, result.error)
    return sent


def _record(db, alert: OutboxAlert, result: SendResult, moment: datetime,
            report: DeliveryReport) -> None:
    if result.ok:
        outbox.mark_sent(db, alert.id, sent=to_text(moment), external_id=result.external_id)
        report.sent += 1
    elif result.gone:
        reason = result.error or "the channel is gone or the bot may not post there"
        set_paused(db, alert.subscription.id, True, reason)
        outbox.mark_retry(db, alert.id, error=reason, next_attempt=to_text(moment),
                          count_attempt=False, give_back=True)
        log.warning("paused subscription %s (%s #%s, topic %s): %s", alert.subscription.id,
                    alert.subscription.platform, alert.subscription.channel,
                    alert.subscription.topic, reason)
        report.paused += 1
    elif result.retry_after is not None:
        wait = timedelta(seconds=result.retry_after)
        outbox.mark_retry(db, alert.id, error=result.error or "rate limited",
                          next_attempt=to_text(moment + wait), count_attempt=False,
                          give_back=True)
        report.retried += 1
    elif alert.attempts + 1 >= MAX_ATTEMPTS:
        outbox.mark_failed(db, alert.id, error=result.error)
        log.error("giving up on alert %s after %d attempts: %s", alert.key, MAX_ATTEMPTS,
                  result.error)
        report.failed += 1
    else:
        backoff = min(BASE_BACKOFF * 2 ** alert.attempts, MAX_BACKOFF)
        outbox.mark_retry(db, alert.id, error=result.error, count_attempt=False,
                          next_attempt=to_text(moment + timedelta(seconds=backoff)))
        report.retried += 1


async def deliver_notices(db, senders: Mapping[str, Sender], *,
                          now: Callable[[], datetime]) -> DeliveryReport:
    """Post due operational notices (e.g. a feed was paused), with the alerts' retry rules.

    Each notice was queued once (storage/notices.py); it is marked sent only after the
    platform accepted it, so a crash before that posts it again on the next run.
    """
    from storage import notices

    report = DeliveryReport()
    for platform, sender in senders.items():
        for notice in notices.due_notices(db, now=to_text(now()), platform=platform):
            try:
                result = await sender.send_notice(notice.subscription, notice.text)
            except Exception as error:  # a sender bug must not lose the notice
                log.exception("sending notice %s failed", notice.key)
                result = SendResult(False, error=f"{type(error).__name__}: {error}")
            moment = now()
            if result.ok:
                notices.mark_notice_sent(db, notice.id, sent=to_text(moment))
                report.sent += 1
            elif result.gone or notice.attempts + 1 >= MAX_ATTEMPTS:
                notices.mark_notice_failed(db, notice.id, error=result.error or "gone")
                log.warning("gave up on notice %s: %s", notice.key, result.error)
                report.failed += 1
            else:
                wait = result.retry_after if result.retry_after is not None else min(
                    BASE_BACKOFF * 2 ** notice.attempts, MAX_BACKOFF)
                notices.mark_notice_retry(db, notice.id, error=result.error or "retry",
                                          next_attempt=to_text(moment + timedelta(seconds=wait)),
                                          count_attempt=result.retry_after is None)
                report.retried += 1
    return report
