from sqlite_utils import Database

from storage import open_database
from storage.models import Topic
from storage.schema import migrations, schema_version
from storage.topics import get_topic, save_topic


def test_new_file_gets_every_table_in_wal_mode_with_foreign_keys(tmp_path):
    db = open_database(tmp_path / "new.db")
    assert {"feeds", "articles", "claims", "claim_sources", "topics", "subscriptions",
            "alerts"} <= set(db.table_names())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert schema_version(db) == len(migrations.pending(Database(memory=True)))


def test_an_older_file_is_upgraded_in_place_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.db"
    old = Database(str(path))
    every = [m.name for m in migrations.pending(old)]
    # An "older" file: every migration but the newest (the initial schema if only one).
    migrations.apply(old, stop_before=every[-1] if len(every) > 1 else None)
    old["topics"].insert({"key": "dprk", "name": "North Korea", "aliases": "[]"})
    old.close()

    upgraded = open_database(path)

    assert schema_version(upgraded) == len(every)
    assert get_topic(upgraded, "dprk").name == "North Korea"


def test_opening_twice_applies_nothing_again(tmp_path):
    open_database(tmp_path / "twice.db").close()
    db = open_database(tmp_path / "twice.db")
    assert migrations.pending(db) == []


def test_removing_a_topic_removes_its_subscriptions(db):
    from storage.subscriptions import list_subscriptions, subscribe

    save_topic(db, Topic("gaza", "Gaza war", ("Gaza",)))
    subscribe(db, platform="console", channel="stdout", topic="gaza")
    from storage.topics import remove_topic

    assert remove_topic(db, "gaza")
    assert list_subscriptions(db) == []
