"""Notices: plain operational messages to channels, e.g. "a feed you get news from was
paused, here is why and how to resume". Queued in the same transaction as the event that
causes them, under a unique key, so each is queued once and survives a restart until
it is posted (`bot.delivery.deliver_notices`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from storage.models import Subscription

PENDING, SENT, FAILED = "pending", "sent", "failed"


@dataclass(frozen=True)
class Notice:
    id: int
    key: str
    text: str
    status: str
    attempts: int
    created: str
    sent: str | None
    last_error: str
    subscription: Subscription


def queue_notice(db: Database, *, key: str, subscription_id: int, text: str,
                 created: str) -> bool:
    """Queue a notice once; False when one with this key was already queued."""
    cursor = db.execute(
        "INSERT OR IGNORE INTO notices (key, subscription_id, text, created, next_attempt) "
        "VALUES (?, ?, ?, ?, ?)", [key, subscription_id, text, created, created])
    return cursor.rowcount > 0


def due_notices(db: Database, *, now: str, platform: str | None = None) -> list[Notice]:
    where = "n.status = 'pending' AND (n.next_attempt IS NULL OR n.next_attempt <= ?)"
    params: list = [now]
    if platform:
        where += " AND s.platform = ?"
        params.append(platform)
    return _notices(db, where, params)


def list_notices(db: Database) -> list[Notice]:
    return _notices(db, "1", [])


def has_due_notices(db: Database, *, now: str) -> bool:
    return db.execute("SELECT 1 FROM notices WHERE status = 'pending' AND "
                      "(next_attempt IS NULL OR next_attempt <= ?) LIMIT 1",
                      [now]).fetchone() is not None


def mark_notice_sent(db: Database, notice_id: int, *, sent: str) -> None:
    with db.atomic():
        db.execute("UPDATE notices SET status = 'sent', sent = ?, last_error = '' "
                   "WHERE id = ?", [sent, notice_id])


def mark_notice_retry(db: Database, notice_id: int, *, error: str, next_attempt: str,
                      count_attempt: bool = True) -> None:
    with db.atomic():
        db.execute("UPDATE notices SET attempts = attempts + ?, last_error = ?, "
                   "next_attempt = ? WHERE id = ?",
                   [int(count_attempt), error[:300], next_attempt, notice_id])


def mark_notice_failed(db: Database, notice_id: int, *, error: str) -> None:
    with db.atomic():
        db.execute("UPDATE notices SET status = 'failed', attempts = attempts + 1, "
                   "last_error = ? WHERE id = ?", [error[:300], notice_id])


def feed_audience(db: Database, feed_id: int) -> list[Subscription]:
    """One subscription per channel that gets this feed's news: channels subscribed to a
    topic the feed has produced claims for or, when it has produced none, every channel."""
    rows = _subscription_rows(db, "topic IN (SELECT DISTINCT c.topic FROM claims c "
                              "JOIN claim_sources cs ON cs.claim_id = c.id "
                              "JOIN articles a ON a.id = cs.article_id WHERE a.feed_id = ?)",
                              [feed_id])
    if not rows:
        rows = _subscription_rows(db, "1", [])
    per_channel: dict[tuple[str, str, str], Subscription] = {}
    for subscription in rows:
        place = (subscription.platform, subscription.workspace, subscription.channel)
        per_channel.setdefault(place, subscription)
    return list(per_channel.values())


_SUBSCRIPTION_COLUMNS = ("id, platform, workspace, channel, topic, mode, digest_hour, "
                         "paused, paused_reason")


def _subscription_rows(db: Database, where: str, params: list) -> list[Subscription]:
    rows = db.execute(f"SELECT {_SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE paused = 0 "
                      f"AND {where} ORDER BY id", params).fetchall()
    return [_subscription(row) for row in rows]


def _subscription(row) -> Subscription:
    return Subscription(id=row[0], platform=row[1], workspace=row[2], channel=row[3],
                        topic=row[4], mode=row[5], digest_hour=row[6], paused=bool(row[7]),
                        paused_reason=row[8])


def _notices(db: Database, where: str, params: list) -> list[Notice]:
    columns = ", ".join(f"s.{name.strip()}" for name in _SUBSCRIPTION_COLUMNS.split(","))
    rows = db.execute(
        "SELECT n.id, n.key, n.text, n.status, n.attempts, n.created, n.sent, n.last_error, "
        f"{columns} FROM notices n JOIN subscriptions s ON s.id = n.subscription_id "
        f"WHERE {where} ORDER BY n.id", params).fetchall()
    return [Notice(*row[:8], subscription=_subscription(row[8:])) for row in rows]
