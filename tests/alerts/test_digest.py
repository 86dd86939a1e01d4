"""Digest subscriptions: nothing immediate, one message at their hour with every change."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

from bot.delivery import SendResult, deliver_due, send_digests
from handlers.articles import handle_article
from handlers.commands import Actor, subscribe
from storage import outbox
from tests.alerts.helpers import DPRK, article, seeded_db

DESK = Actor("console", "desk", can_manage=True)
LIVE = Actor("console", "live", can_manage=True)
MORNING = datetime(2024, 12, 24, 8, 0, tzinfo=UTC)


class RecordingSender:
    """A real Sender implementation that keeps what it was asked to post."""

    platform = "console"

    def __init__(self) -> None:
        self.alerts: list[tuple[str, str]] = []
        self.notices: list[tuple[str, str]] = []

    async def send(self, alert, view) -> SendResult:
        self.alerts.append((alert.subscription.channel, view.figure))
        return SendResult(True, external_id=f"rec-{alert.id}")

    async def send_notice(self, subscription, text: str) -> SendResult:
        self.notices.append((subscription.channel, text))
        return SendResult(True)


def _two_changes(db) -> None:
    stories = [
        ("a", "Ukraine's intelligence agency said about 30 North Korean soldiers were killed "
              "or wounded.", date(2024, 12, 16)),
        ("b", "President Zelenskyy said more than 3,000 North Korean soldiers had been "
              "killed or wounded.", date(2024, 12, 23)),
    ]
    for ident, text, published in stories:
        handle_article(db, article(ident, text, published), [DPRK],
                       now=datetime(2024, 12, 23, 12, 0, tzinfo=UTC))


def test_digest_subscribers_get_one_message_at_their_hour(tmp_path):
    db = seeded_db(tmp_path)
    assert subscribe(db, DESK, "dprk", digest_hour=8).ok
    assert subscribe(db, LIVE, "dprk").ok
    _two_changes(db)
    sender = RecordingSender()
    senders = {"console": sender}

    asyncio.run(deliver_due(db, senders, now=lambda: MORNING))
    assert {channel for channel, _ in sender.alerts} == {"live"}, "no immediate digest alert"

    early = MORNING.replace(hour=7)
    assert asyncio.run(send_digests(db, senders, now=lambda: early)) == 0
    assert asyncio.run(send_digests(db, senders, now=lambda: MORNING)) == 1
    [(channel, text)] = sender.notices
    assert channel == "desk"
    assert "2 changes" in text
    assert "more than 3,000" in text and "previous: about 30" in text and "×" in text
    held = [a for a in outbox.list_alerts(db) if a.subscription.channel == "desk"]
    assert {a.status for a in held} == {outbox.DIGESTED}

    tomorrow = MORNING.replace(day=25)
    asyncio.run(send_digests(db, senders, now=lambda: tomorrow))
    assert "No estimate changed" in sender.notices[-1][1]


def test_a_failed_digest_keeps_its_changes_for_the_next(tmp_path):
    db = seeded_db(tmp_path)
    subscribe(db, DESK, "dprk", digest_hour=8)
    _two_changes(db)

    class Down(RecordingSender):
        async def send_notice(self, subscription, text):
            raise ConnectionError("platform down")

    assert asyncio.run(send_digests(db, {"console": Down()}, now=lambda: MORNING)) == 0
    sender = RecordingSender()
    next_day = MORNING.replace(day=25)
    assert asyncio.run(send_digests(db, {"console": sender}, now=lambda: next_day)) == 1
    assert "2 changes" in sender.notices[0][1]


def test_a_long_day_is_shortened_with_a_pointer_to_the_history(tmp_path):
    from handlers.digest import MAX_DIGEST_CHARS, digest_text, digest_view
    from storage.subscriptions import list_subscriptions

    db = seeded_db(tmp_path)
    subscribe(db, DESK, "dprk", digest_hour=8)
    for day in range(1, 28):
        text = (f"Kyiv said {day * 1000} North Korean soldiers had been killed or wounded "
                f"<@everyone> " + "in heavy fighting " * 10)
        handle_article(db, article(f"s{day}", text, date(2024, 12, day)), [DPRK],
                       now=datetime(2024, 12, 28, tzinfo=UTC))
    [subscription] = list_subscriptions(db)
    view = digest_view(db, subscription, now=datetime(2024, 12, 28, 8, tzinfo=UTC))
    assert len(view.changes) > 5
    text = digest_text(view)
    assert len(text) <= MAX_DIGEST_CHARS
    assert "/claims dprk" in text
