"""Topics: a key users type, a display name, and the aliases that match claims to it."""

from __future__ import annotations

import json

from sqlite_utils import Database

from storage.models import Topic


def save_topic(db: Database, topic: Topic) -> None:
    """Insert or replace a topic."""
    db["topics"].upsert(
        {"key": topic.key, "name": topic.name, "aliases": json.dumps(list(topic.aliases))},
        pk="key",
    )


def list_topics(db: Database) -> list[Topic]:
    return [_topic(row) for row in db["topics"].rows_where(order_by="key")]


def get_topic(db: Database, key: str) -> Topic | None:
    rows = list(db["topics"].rows_where("key = ?", [key]))
    return _topic(rows[0]) if rows else None


def remove_topic(db: Database, key: str) -> bool:
    """Delete a topic and, by cascade, its subscriptions. False when there was none."""
    with db.atomic():
        cursor = db.execute("DELETE FROM topics WHERE key = ?", [key])
    return cursor.rowcount > 0


def _topic(row: dict) -> Topic:
    return Topic(key=row["key"], name=row["name"], aliases=tuple(json.loads(row["aliases"])))
