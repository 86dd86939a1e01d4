"""Articles: every feed entry or ingested line we have handled, and what came of it.

Writes use plain SQL rather than sqlite-utils' table helpers: a first poll of thousands
of feeds writes tens of thousands of rows, and the helpers re-read the table's shape on
every call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database


@dataclass(frozen=True)
class ArticleRecord:
    entry_key: str
    fingerprint: str
    url: str
    title: str
    outlet: str
    published: str | None
    seen: str
    feed_id: int | None = None


@dataclass(frozen=True)
class KnownArticle:
    """A stored article that shares an entry key or a content fingerprint with a new one."""

    id: int
    entry_key: str
    fingerprint: str
    feed_id: int | None
    outlet: str


def article_id_for(db: Database, entry_key: str, fingerprint: str) -> int | None:
    """The stored article with this entry key or, failing that, the same content."""
    row = db.execute(
        "SELECT id FROM articles WHERE entry_key = ? "
        "UNION ALL SELECT id FROM articles WHERE fingerprint = ? LIMIT 1",
        [entry_key, fingerprint],
    ).fetchone()
    return row[0] if row else None


def articles_matching(db: Database, entry_keys: Sequence[str],
                      fingerprints: Sequence[str]) -> list[KnownArticle]:
    """Every stored article with one of these entry keys or content fingerprints."""
    found: dict[int, KnownArticle] = {}
    for column, values in (("entry_key", entry_keys), ("fingerprint", fingerprints)):
        values = list(dict.fromkeys(values))
        for start in range(0, len(values), 500):
            chunk = values[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in db.execute(
                    "SELECT id, entry_key, fingerprint, feed_id, outlet FROM articles "
                    f"WHERE {column} IN ({marks})", chunk):
                found[row[0]] = KnownArticle(*row)
    return list(found.values())


def insert_article(db: Database, record: ArticleRecord) -> int:
    cursor = db.execute(
        "INSERT INTO articles (feed_id, entry_key, fingerprint, url, title, outlet, "
        "published, seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [record.feed_id, record.entry_key, record.fingerprint, record.url, record.title,
         record.outlet, record.published, record.seen])
    return cursor.lastrowid


def update_article_content(db: Database, article_id: int, *, fingerprint: str, title: str,
                           url: str) -> None:
    """An entry we know was edited: remember its new content, keep its identity."""
    db.execute("UPDATE articles SET fingerprint = ?, title = ?, url = ? WHERE id = ?",
               [fingerprint, title, url, article_id])


def set_article_outcome(db: Database, article_id: int, *, claims_found: int,
                        outcome: str) -> None:
    db.execute("UPDATE articles SET claims_found = ?, outcome = ? WHERE id = ?",
               [claims_found, outcome, article_id])


def recent_articles(db: Database, feed_id: int, limit: int = 20) -> list[dict]:
    """The feed's latest articles with what happened to each, newest first."""
    return list(
        db["articles"].rows_where("feed_id = ?", [feed_id], order_by="id desc", limit=limit)
    )
