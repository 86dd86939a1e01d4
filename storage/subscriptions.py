"""Subscriptions: a channel on a platform that wants alerts for a topic."""

from __future__ import annotations

from sqlite_utils import Database

from storage.database import to_text, utc_now
from storage.models import Subscription


def subscribe(
    db: Database, *, platform: str, channel: str, topic: str, workspace: str = ""
) -> tuple[Subscription, bool]:
    """Subscribe a channel to a topic; returns the subscription and whether it is new."""
    existing = find_subscription(db, platform=platform, workspace=workspace,
                                 channel=channel, topic=topic)
    if existing:
        return existing, False
    with db.atomic():
        db["subscriptions"].insert(
            {
                "platform": platform,
                "workspace": workspace,
                "channel": channel,
                "topic": topic,
                "created": to_text(utc_now()),
            }
        )
    created = find_subscription(db, platform=platform, workspace=workspace,
                                channel=channel, topic=topic)
    return created, True  # type: ignore[return-value]


def unsubscribe(db: Database, *, platform: str, channel: str, topic: str,
                workspace: str = "") -> bool:
    with db.atomic():
        cursor = db.execute(
            "DELETE FROM subscriptions WHERE platform = ? AND workspace = ? AND channel = ? "
            "AND topic = ?",
            [platform, workspace, channel, topic],
        )
    return cursor.rowcount > 0


def find_subscription(db: Database, *, platform: str, workspace: str, channel: str,
                      topic: str) -> Subscription | None:
    rows = list(
        db["subscriptions"].rows_where(
            "platform = ? AND workspace = ? AND channel = ? AND topic = ?",
            [platform, workspace, channel, topic],
        )
    )
    return _subscription(rows[0]) if rows else None


def get_subscription(db: Database, subscription_id: int) -> Subscription | None:
    rows = list(db["subscriptions"].rows_where("id = ?", [subscription_id]))
    return _subscription(rows[0]) if rows else None


def channel_subscriptions(db: Database, *, platform: str, channel: str,
                          workspace: str = "") -> list[Subscription]:
    rows = db["subscriptions"].rows_where(
        "platform = ? AND workspace = ? AND channel = ?", [platform, workspace, channel],
        order_by="topic",
    )
    return [_subscription(row) for row in rows]


def topic_subscriptions(db: Database, topic: str) -> list[Subscription]:
    rows = db["subscriptions"].rows_where("topic = ?", [topic], order_by="id")
    return [_subscription(row) for row in rows]


def list_subscriptions(db: Database) -> list[Subscription]:
    return [_subscription(row) for row in db["subscriptions"].rows_where(order_by="id")]


def set_paused(db: Database, subscription_id: int, paused: bool, reason: str = "") -> None:
    with db.atomic():
        db["subscriptions"].update(
            subscription_id, {"paused": int(paused), "paused_reason": reason if paused else ""}
        )


def set_mode(db: Database, subscription_id: int, mode: str,
             digest_hour: int | None = None) -> None:
    with db.atomic():
        db["subscriptions"].update(subscription_id, {"mode": mode, "digest_hour": digest_hour})


def _subscription(row: dict) -> Subscription:
    return Subscription(
        id=row["id"],
        platform=row["platform"],
        workspace=row["workspace"],
        channel=row["channel"],
        topic=row["topic"],
        mode=row["mode"],
        digest_hour=row["digest_hour"],
        paused=bool(row["paused"]),
        paused_reason=row["paused_reason"],
    )
