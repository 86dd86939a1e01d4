"""The SQLite schema, as numbered migrations that upgrade an older file in place.

Each migration runs in a transaction together with its record (sqlite-utils
`Migrations`). To change the schema, append a new `migration_NNNN_...` function; never
edit one that has shipped. `PRAGMA user_version` mirrors the number applied, so
`sqlite3 claimwatch.db 'pragma user_version'` tells which schema a file has.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("claimwatch")


@migrations()
def m0001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE topics (
            key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            added_by TEXT NOT NULL DEFAULT 'operator',
            state TEXT NOT NULL DEFAULT 'active',
            etag TEXT,
            last_modified TEXT,
            initialized INTEGER NOT NULL DEFAULT 0,
            failures INTEGER NOT NULL DEFAULT 0,
            last_error TEXT NOT NULL DEFAULT '',
            last_polled TEXT,
            last_success TEXT,
            next_poll TEXT,
            created TEXT NOT NULL
        );
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
            entry_key TEXT NOT NULL UNIQUE,
            fingerprint TEXT NOT NULL,
            url TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            outlet TEXT NOT NULL DEFAULT '',
            published TEXT,
            seen TEXT NOT NULL,
            claims_found INTEGER NOT NULL DEFAULT 0,
            outcome TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX articles_fingerprint ON articles(fingerprint);
        CREATE INDEX articles_feed ON articles(feed_id, seen);
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            topic TEXT NOT NULL,
            metric TEXT NOT NULL,
            low INTEGER,
            high INTEGER,
            approx INTEGER NOT NULL DEFAULT 0,
            qualifier TEXT NOT NULL DEFAULT '',
            figure TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL DEFAULT '',
            series TEXT NOT NULL DEFAULT '',
            claimant TEXT NOT NULL DEFAULT '',
            claimant_key TEXT NOT NULL DEFAULT '',
            period TEXT NOT NULL DEFAULT '',
            claim_date TEXT NOT NULL DEFAULT '',
            hedge TEXT NOT NULL DEFAULT '',
            increment INTEGER NOT NULL DEFAULT 0,
            evidence TEXT NOT NULL DEFAULT '',
            article_id INTEGER NOT NULL REFERENCES articles(id),
            made_on TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            dedupe_key TEXT NOT NULL UNIQUE
        );
        CREATE INDEX claims_series ON claims(topic, metric, series, made_on);
        CREATE TABLE claim_sources (
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            evidence TEXT NOT NULL DEFAULT '',
            seen TEXT NOT NULL,
            PRIMARY KEY (claim_id, article_id)
        );
        CREATE INDEX claim_sources_article ON claim_sources(article_id);
        CREATE TABLE subscriptions (
            id INTEGER PRIMARY KEY,
            platform TEXT NOT NULL,
            workspace TEXT NOT NULL DEFAULT '',
            channel TEXT NOT NULL,
            topic TEXT NOT NULL REFERENCES topics(key) ON DELETE CASCADE,
            mode TEXT NOT NULL DEFAULT 'immediate',
            digest_hour INTEGER,
            paused INTEGER NOT NULL DEFAULT 0,
            paused_reason TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            UNIQUE (platform, workspace, channel, topic)
        );
        CREATE INDEX subscriptions_topic ON subscriptions(topic);
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
            previous_claim_id INTEGER REFERENCES claims(id) ON DELETE SET NULL,
            status TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt TEXT,
            last_error TEXT NOT NULL DEFAULT '',
            external_id TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            sent TEXT
        );
        CREATE INDEX alerts_due ON alerts(status, next_attempt);
        """
    )


@migrations()
def m0002_feed_notices(db: Database) -> None:
    """Operational notices to channels (a feed they get news from was paused), kept
    until posted so "told once" holds across restarts; `key` makes queuing idempotent."""
    db.executescript(
        """
        CREATE TABLE notices (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt TEXT,
            last_error TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            sent TEXT
        );
        CREATE INDEX notices_due ON notices(status, next_attempt);
        """
    )



@migrations()
def m0003_figure_lookup_index(db: Database) -> None:
    """Finding an earlier report of the same figure (corroboration) was a scan of the
    topic's whole history per claim; this index makes it a lookup."""
    db.execute("CREATE INDEX claims_figure ON claims(topic, metric, low, high)")


@migrations()
def m0004_series_index_newest_first(db: Database) -> None:
    """The rule reads a series' latest statements (newest rowids first); ending the index
    at `series` lets SQLite walk it backwards instead of sorting the whole series."""
    db.executescript(
        """
        DROP INDEX claims_series;
        CREATE INDEX claims_series ON claims(topic, metric, series);
        """
    )

def apply_migrations(db: Database) -> int:
    """Bring `db` up to the newest schema; returns the schema version."""
    migrations.apply(db)
    version = len(migrations.applied(db))
    db.execute(f"PRAGMA user_version = {version}")
    return version


def schema_version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]
