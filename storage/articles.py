"""Articles: every feed entry or ingested line we have handled, and what came of it."""

from __future__ import annotations

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


def article_id_for(db: Database, entry_key: str, fingerprint: str) -> int | None:
    """The stored article with this entry key or, failing that, the same content."""
    row = db.execute(
        "SELECT id FROM articles WHERE entry_key = ? "
        "UNION ALL SELECT id FROM articles WHERE fingerprint = ? LIMIT 1",
        [entry_key, fingerprint],
    ).fetchone()
    return row[0] if row else None


def insert_article(db: Database, record: ArticleRecord) -> int:
    return db["articles"].insert(
        {
            "feed_id": record.feed_id,
            "entry_key": record.entry_key,
            "fingerprint": record.fingerprint,
            "url": record.url,
            "title": record.title,
            "outlet": record.outlet,
            "published": record.published,
            "seen": record.seen,
        }
    ).last_pk


def set_article_outcome(db: Database, article_id: int, *, claims_found: int,
                        outcome: str) -> None:
    db["articles"].update(article_id, {"claims_found": claims_found, "outcome": outcome})


def recent_articles(db: Database, feed_id: int, limit: int = 20) -> list[dict]:
    """The feed's latest articles with what happened to each, newest first."""
    return list(
        db["articles"].rows_where("feed_id = ?", [feed_id], order_by="id desc", limit=limit)
    )
