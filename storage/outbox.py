"""The alert outbox: one row per claim x destination, written with the claim itself.

Delivery reads due rows, posts them and marks them; a row is never deleted, so the
outbox doubles as the record of what was decided and for whom. Status moves
pending -> sent, or pending -> failed after too many attempts (kept for inspection).
"""

from __future__ import annotations

from sqlite_utils import Database

from storage.claims import get_claim
from storage.models import OutboxAlert, Subscription
from storage.subscriptions import _subscription

PENDING, SENT, FAILED, HELD = "pending", "sent", "failed", "held"


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


def mark_sent(db: Database, alert_id: int, *, sent: str, external_id: str = "") -> None:
    with db.atomic():
        db.execute(
            "UPDATE alerts SET status = ?, sent = ?, external_id = ?, attempts = attempts + 1, "
            "last_error = '' WHERE id = ?",
            [SENT, sent, external_id, alert_id],
        )


def mark_retry(db: Database, alert_id: int, *, error: str, next_attempt: str,
               count_attempt: bool = True) -> None:
    with db.atomic():
        db.execute(
            "UPDATE alerts SET attempts = attempts + ?, last_error = ?, next_attempt = ? "
            "WHERE id = ?",
            [int(count_attempt), error, next_attempt, alert_id],
        )


def mark_failed(db: Database, alert_id: int, *, error: str) -> None:
    with db.atomic():
        db.execute(
            "UPDATE alerts SET status = ?, attempts = attempts + 1, last_error = ? WHERE id = ?",
            [FAILED, error, alert_id],
        )


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
            srow = next(db["subscriptions"].rows_where("id = ?", [sid]))
            subscriptions[sid] = _subscription(srow)
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
