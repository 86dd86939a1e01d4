"""Opening the database: one file, WAL mode, foreign keys on, schema up to date."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from storage.schema import apply_migrations


class StorageError(Exception):
    """The database file cannot be opened or is not a claimwatch database."""


def open_database(path: str | Path) -> Database:
    """Open (creating if needed) and migrate the database at `path`; ":memory:" works too."""
    try:
        if str(path) == ":memory:":
            db = Database(memory=True)
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            db = Database(str(path))
            db.enable_wal()
            # With WAL, NORMAL still survives a process crash (kill -9); only a power cut
            # can lose the last commits. It saves a disk sync per transaction.
            db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 5000")
        apply_migrations(db)
    except sqlite3.DatabaseError as error:
        raise StorageError(f"cannot use database {path}: {error}") from error
    return db


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_text(moment: datetime) -> str:
    """Timestamps are stored as ISO text in UTC, which sorts in time order."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_text(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def transaction(db: Database):
    """Group writes: everything inside commits together or not at all (nests safely)."""
    return db.atomic()
