"""Feeds: where articles come from, with HTTP validators, failure counts and poll times.

A feed is 'active' or 'paused'. The poller pauses a feed after too many failures in a row
(the reason stays in `last_error`); `resume_feed` makes it active again. Updates use
plain SQL: a poll cycle updates thousands of rows, in batches the caller groups in one
transaction.
"""

from __future__ import annotations

from sqlite_utils import Database

from storage.database import to_text, utc_now
from storage.models import Feed

ACTIVE, PAUSED = "active", "paused"
_UPDATABLE = {"title", "state", "etag", "last_modified", "initialized", "failures",
              "last_error", "last_polled", "last_success", "next_poll", "added_by"}


def add_feed(db: Database, url: str, *, added_by: str = "operator", title: str = "") -> Feed:
    """Add a feed (or return the existing one with that URL)."""
    existing = get_feed(db, url)
    if existing:
        return existing
    with db.atomic():
        db.execute("INSERT INTO feeds (url, title, added_by, created) VALUES (?, ?, ?, ?)",
                   [url, title, added_by, to_text(utc_now())])
    return get_feed(db, url)  # type: ignore[return-value]


def get_feed(db: Database, url: str) -> Feed | None:
    rows = _feeds(db, "url = ?", [url])
    return rows[0] if rows else None


def get_feed_by_id(db: Database, feed_id: int) -> Feed | None:
    rows = _feeds(db, "id = ?", [feed_id])
    return rows[0] if rows else None


def list_feeds(db: Database) -> list[Feed]:
    return _feeds(db, "1", [])


def feeds_to_poll(db: Database, *, now: str | None = None) -> list[Feed]:
    """Active feeds, or only those due at `now` (never polled, or next_poll reached)."""
    if now is None:
        return _feeds(db, "state = 'active'", [])
    return _feeds(db, "state = 'active' AND (next_poll IS NULL OR next_poll <= ?)", [now])


def remove_feed(db: Database, url: str) -> bool:
    with db.atomic():
        cursor = db.execute("DELETE FROM feeds WHERE url = ?", [url])
    return cursor.rowcount > 0


def update_feed(db: Database, feed_id: int, **fields: object) -> None:
    """Set columns of one feed (validators, state, failure count, poll times...)."""
    unknown = set(fields) - _UPDATABLE
    if unknown:
        raise ValueError(f"not feed columns: {', '.join(sorted(unknown))}")
    if not fields:
        return
    assignments = ", ".join(f"{name} = ?" for name in fields)
    with db.atomic():
        db.execute(f"UPDATE feeds SET {assignments} WHERE id = ?", [*fields.values(), feed_id])


def record_poll_success(
    db: Database,
    feed_id: int,
    *,
    polled: str,
    title: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    next_poll: str | None = None,
    warning: str = "",
) -> None:
    """A good poll: failures reset; `warning` (e.g. a recovered parse error) is kept as
    the last error so `feeds list` still shows it."""
    fields: dict[str, object] = {
        "last_polled": polled,
        "last_success": polled,
        "failures": 0,
        "last_error": warning,
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
            [error[:500], polled, next_poll, feed_id],
        )
    return db.execute("SELECT failures FROM feeds WHERE id = ?", [feed_id]).fetchone()[0]


def pause_feed(db: Database, feed_id: int, *, reason: str) -> None:
    update_feed(db, feed_id, state=PAUSED, last_error=reason[:500], next_poll=None)


def resume_feed(db: Database, url: str) -> Feed | None:
    """Make a paused feed active again, due at once with a clean failure count."""
    feed = get_feed(db, url)
    if feed is None:
        return None
    update_feed(db, feed.id, state=ACTIVE, failures=0, next_poll=None)
    return get_feed_by_id(db, feed.id)


_COLUMNS = ("id, url, title, added_by, state, etag, last_modified, initialized, failures, "
            "last_error, last_polled, last_success, next_poll")


def _feeds(db: Database, where: str, params: list) -> list[Feed]:
    rows = db.execute(f"SELECT {_COLUMNS} FROM feeds WHERE {where} ORDER BY id", params)
    return [_feed(row) for row in rows]


def _feed(row) -> Feed:
    return Feed(*row[:7], bool(row[7]), *row[8:])
