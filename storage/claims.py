"""Claims: each distinct estimate stored once, with every article that reported it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from storage.models import Source, StoredClaim

_CLAIM_COLUMNS = """
    c.*, a.outlet AS outlet, a.url AS url, a.title AS title, a.published AS published,
    (SELECT count(*) FROM claim_sources s WHERE s.claim_id = c.id) AS sources
"""


@dataclass(frozen=True)
class ClaimRecord:
    """A claim to store; `dedupe_key` makes a repeat of it land on the same row."""

    dedupe_key: str
    topic: str
    metric: str
    low: int | None
    high: int | None
    approx: bool
    qualifier: str
    figure: str
    subject: str
    series: str
    claimant: str
    claimant_key: str
    period: str
    claim_date: str
    hedge: str
    increment: bool
    evidence: str
    made_on: str


def claim_by_key(db: Database, dedupe_key: str) -> StoredClaim | None:
    return _one(db, "c.dedupe_key = ?", [dedupe_key])


def get_claim(db: Database, claim_id: int) -> StoredClaim | None:
    return _one(db, "c.id = ?", [claim_id])


def insert_claim(db: Database, record: ClaimRecord, *, article_id: int, seen: str) -> int:
    row = {**record.__dict__, "article_id": article_id, "first_seen": seen}
    row["approx"] = int(record.approx)
    row["increment"] = int(record.increment)
    claim_id = db["claims"].insert(row).last_pk
    add_source(db, claim_id, article_id, evidence=record.evidence, seen=seen)
    return claim_id


def add_source(db: Database, claim_id: int, article_id: int, *, evidence: str,
               seen: str) -> bool:
    """Record that an article (re)reported a claim; False if it already had."""
    cursor = db.execute(
        "INSERT OR IGNORE INTO claim_sources (claim_id, article_id, evidence, seen) "
        "VALUES (?, ?, ?, ?)",
        [claim_id, article_id, evidence, seen],
    )
    return cursor.rowcount > 0


def series_claims(db: Database, *, topic: str, metric: str, series: str,
                  latest: int | None = None) -> list[StoredClaim]:
    """The claims of one series (only the `latest` stored, if given), oldest first."""
    recent = _many(
        db,
        "c.topic = ? AND c.metric = ? AND c.series = ?",
        [topic, metric, series],
        order="c.id DESC",
        limit=latest,
    )
    return sorted(recent, key=lambda claim: (claim.made_on, claim.id))


def same_figure_claims(db: Database, *, topic: str, metric: str, low: int | None,
                       high: int | None, period: str) -> list[StoredClaim]:
    return _many(
        db,
        "c.topic = ? AND c.metric = ? AND c.low IS ? AND c.high IS ? AND c.period = ?",
        [topic, metric, low, high, period],
        order="c.id",
    )


def topic_claims(db: Database, topic: str, *, metric: str | None = None,
                 since: str | None = None) -> list[StoredClaim]:
    """A topic's claims, newest statement first; `since` is an ISO date."""
    where, params = "c.topic = ?", [topic]
    if metric:
        where += " AND c.metric = ?"
        params.append(metric)
    if since:
        where += " AND c.made_on >= ?"
        params.append(since)
    return _many(db, where, params, order="c.made_on DESC, c.id DESC")


def claim_sources(db: Database, claim_id: int) -> list[Source]:
    rows = db.execute(
        "SELECT s.claim_id, s.article_id, a.outlet, a.url, a.title, a.published, s.seen "
        "FROM claim_sources s JOIN articles a ON a.id = s.article_id "
        "WHERE s.claim_id = ? ORDER BY coalesce(a.published, s.seen), s.seen",
        [claim_id],
    ).fetchall()
    return [Source(*row) for row in rows]


def article_claims(db: Database, article_id: int) -> list[StoredClaim]:
    """Claims the article reported, first-seen or corroborated."""
    return _many(
        db,
        "c.id IN (SELECT claim_id FROM claim_sources WHERE article_id = ?)",
        [article_id],
        order="c.id",
    )


def _one(db: Database, where: str, params: list) -> StoredClaim | None:
    found = _many(db, where, params, order="c.id", limit=1)
    return found[0] if found else None


def _many(db: Database, where: str, params: list, *, order: str,
          limit: int | None = None) -> list[StoredClaim]:
    sql = (f"SELECT {_CLAIM_COLUMNS} FROM claims c JOIN articles a ON a.id = c.article_id "
           f"WHERE {where} ORDER BY {order}")
    if limit:
        sql += f" LIMIT {int(limit)}"
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [stored_claim(dict(zip(names, row))) for row in cursor.fetchall()]


def stored_claim(row: dict) -> StoredClaim:
    fields = {name: row[name] for name in StoredClaim.__dataclass_fields__ if name in row}
    fields["approx"] = bool(fields["approx"])
    fields["increment"] = bool(fields["increment"])
    return StoredClaim(**fields)
