"""Feeds: where articles come from, with HTTP validators and failure counts."""

from __future__ import annotations

from sqlite_utils import Database

from storage.database import to_text, utc_now
from storage.models import Feed


def add_feed(db: Database, url: str, *, added_by: str = "operator", title: str = "") -> Feed:
    """Add a feed (or return the existing one with that URL)."""
    existing = get_feed(db, url)
    if existing:
        return existing
    with db.atomic():
        db["feeds"].insert(
            {"url": url, "title": title, "added_by": added_by, "created": to_text(utc_now())}
        )
    return get_feed(db, url)  # type: ignore[return-value]


def get_feed(db: Database, url: str) -> Feed | None:
    rows = list(db["feeds"].rows_where("url = ?", [url]))
    return _feed(rows[0]) if rows else None


def get_feed_by_id(db: Database, feed_id: int) -> Feed | None:
    rows = list(db["feeds"].rows_where("id = ?", [feed_id]))
    return _feed(rows[0]) if rows else None


def list_feeds(db: Database) -> list[Feed]:
    return [_feed(row) for row in db["feeds"].rows_where(order_by="id")]


def remove_feed(db: Database, url: str) -> bool:
    with db.atomic():
        cursor = db.execute("DELETE FROM feeds WHERE url = ?", [url])
    return cursor.rowcount > 0


def update_feed(db: Database, feed_id: int, **fields: object) -> None:
    """Set columns of one feed (validators, state, failure count, poll times...)."""
    with db.atomic():
        db["feeds"].update(feed_id, fields)


def record_poll_success(
    db: Database,
    feed_id: int,
    *,
    polled: str,
    title: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    next_poll: str | None = None,
) -> None:
    fields: dict[str, object] = {
        "last_polled": polled,
        "last_success": polled,
        "failures": 0,
        "last_error": "",
        "initialized": 1,
        "etag": etag,
        "last_modified": last_modified,
        "next_poll": next_poll,
    }
    if title:
        fields["title"] = title
    update_feed(db, feed_id, **fields)


def record_poll_failure(
    db: Database, feed_id: int, *, polled: str, error: str, next_poll: str | None = None
) -> int:
    """Count one more consecutive failure; returns the new count."""
    with db.atomic():
        db.execute(
            "UPDATE feeds SET failures = failures + 1, last_error = ?, last_polled = ?, "
            "next_poll = ? WHERE id = ?",
            [error, polled, next_poll, feed_id],
        )
    return db.execute("SELECT failures FROM feeds WHERE id = ?", [feed_id]).fetchone()[0]


def _feed(row: dict) -> Feed:
    return Feed(
        id=row["id"],
        url=row["url"],
        title=row["title"],
        added_by=row["added_by"],
        state=row["state"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        initialized=bool(row["initialized"]),
        failures=row["failures"],
        last_error=row["last_error"],
        last_polled=row["last_polled"],
        last_success=row["last_success"],
        next_poll=row["next_poll"],
    )
