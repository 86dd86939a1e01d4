"""The alert outbox: one row per claim x destination, written with the claim itself.

Delivery reads due rows, posts them and marks them; a row is never deleted, so the
outbox doubles as the record of what was decided and for whom. Status moves
pending -> sent, or pending -> failed after too many attempts (kept for inspection);
a digest subscription's rows move held -> digested when its daily digest goes out.
"""

from __future__ import annotations

from sqlite_utils import Database

from storage.claims import get_claim
from storage.models import OutboxAlert, Subscription
from storage.subscriptions import get_subscription

PENDING, SENT, FAILED, HELD, DIGESTED = "pending", "sent", "failed", "held", "digested"


def enqueue_alert(db: Database, *, claim_id: int, subscription_id: int,
                  previous_claim_id: int | None, created: str,
                  status: str = PENDING) -> bool:
    """Queue one alert; the key (destination x claim) makes a second enqueue a no-op."""
    cursor = db.execute(
        "INSERT OR IGNORE INTO alerts (key, claim_id, subscription_id, previous_claim_id, "
        "status, created, next_attempt) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [alert_key(subscription_id, claim_id), claim_id, subscription_id, previous_claim_id,
         status, created, created],
    )
    return cursor.rowcount > 0


def alert_key(subscription_id: int, claim_id: int) -> str:
    return f"cw-{subscription_id}-{claim_id}"


def due_alerts(db: Database, *, now: str, platform: str | None = None,
               limit: int = 500) -> list[OutboxAlert]:
    """Pending alerts whose time has come, oldest first, for unpaused subscriptions."""
    where = "a.status = ? AND (a.next_attempt IS NULL OR a.next_attempt <= ?) AND s.paused = 0"
    params: list = [PENDING, now]
    if platform:
        where += " AND s.platform = ?"
        params.append(platform)
    return _alerts(db, where, params, limit=limit)


def list_alerts(db: Database, *, limit: int | None = None) -> list[OutboxAlert]:
    return _alerts(db, "1 = 1", [], limit=limit)


def get_alert(db: Database, alert_id: int) -> OutboxAlert | None:
    found = _alerts(db, "a.id = ?", [alert_id], limit=1)
    return found[0] if found else None


SENDING_NOTE = "being sent (a post may have happened)"


def mark_sending(db: Database, alert: OutboxAlert, *, lease_until: str) -> bool:
    """Count an attempt BEFORE posting, committed, so a restart knows a post may exist.

    The row stays pending with `attempts` raised and is not due again until
    `lease_until`, so a second delivery process does not post it at the same time.
    Returns False when another process took the row first (it is no longer as read).
    """
    with db.atomic():
        cursor = db.execute(
            "UPDATE alerts SET attempts = attempts + 1, next_attempt = ?, last_error = ? "
            "WHERE id = ? AND status = ? AND attempts = ?",
            [lease_until, SENDING_NOTE, alert.id, PENDING, alert.attempts],
        )
    return cursor.rowcount > 0


def mark_sent(db: Database, alert_id: int, *, sent: str, external_id: str = "") -> None:
    """The platform accepted the post (the attempt was counted by `mark_sending`)."""
    with db.atomic():
        db.execute(
            "UPDATE alerts SET status = ?, sent = ?, external_id = ?, last_error = '' "
            "WHERE id = ?",
            [SENT, sent, external_id, alert_id],
        )


def mark_retry(db: Database, alert_id: int, *, error: str, next_attempt: str,
               count_attempt: bool = True, give_back: bool = False) -> None:
    """Try again at `next_attempt`. Delivery counts attempts in `mark_sending`, so it
    passes `count_attempt=False`; `give_back=True` (rate limited, channel gone: the
    platform certainly posted nothing) also returns the attempt `mark_sending` counted."""
    delta = int(count_attempt) - int(give_back)
    with db.atomic():
        db.execute(
            "UPDATE alerts SET attempts = max(attempts + ?, 0), last_error = ?, "
            "next_attempt = ? WHERE id = ?",
            [delta, error, next_attempt, alert_id],
        )


def mark_failed(db: Database, alert_id: int, *, error: str) -> None:
    with db.atomic():
        db.execute(
            "UPDATE alerts SET status = ?, last_error = ? WHERE id = ?",
            [FAILED, error, alert_id],
        )


def held_alerts(db: Database, subscription_id: int, *, since: str) -> list[OutboxAlert]:
    """Alerts held for a digest subscription, created at or after `since`, oldest first."""
    return _alerts(db, "a.subscription_id = ? AND a.status = ? AND a.created >= ?",
                   [subscription_id, HELD, since], limit=None)


def mark_digested(db: Database, alert_ids: list[int], *, sent: str, digest_key: str) -> None:
    """The held alerts went out in one digest; `digest_key` names that digest."""
    with db.atomic():
        for alert_id in alert_ids:
            db.execute("UPDATE alerts SET status = ?, sent = ?, external_id = ?, "
                       "attempts = attempts + 1 WHERE id = ? AND status = ?",
                       [DIGESTED, sent, digest_key, alert_id, HELD])


def _alerts(db: Database, where: str, params: list, *, limit: int | None) -> list[OutboxAlert]:
    sql = ("SELECT a.*, s.id AS s_id FROM alerts a JOIN subscriptions s "
           f"ON s.id = a.subscription_id WHERE {where} ORDER BY a.id")
    if limit:
        sql += f" LIMIT {int(limit)}"
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    subscriptions: dict[int, Subscription] = {}
    alerts = []
    for row in rows:
        sid = row["subscription_id"]
        if sid not in subscriptions:
            subscriptions[sid] = get_subscription(db, sid)
        previous = row["previous_claim_id"]
        alerts.append(
            OutboxAlert(
                id=row["id"],
                key=row["key"],
                status=row["status"],
                attempts=row["attempts"],
                next_attempt=row["next_attempt"],
                last_error=row["last_error"],
                external_id=row["external_id"],
                created=row["created"],
                sent=row["sent"],
                subscription=subscriptions[sid],
                claim=get_claim(db, row["claim_id"]),  # type: ignore[arg-type]
                previous=get_claim(db, previous) if previous else None,
            )
        )
    return alerts
