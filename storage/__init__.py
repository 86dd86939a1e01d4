"""SQLite storage behind a small API: open a database, then call the module functions.

    from storage import open_database
    from storage import claims, feeds, outbox, subscriptions, topics

Every function takes the `Database` first and returns plain dataclasses from
`storage.models`. Writes that must happen together run inside `transaction(db)`.
"""

from storage.database import StorageError, open_database, transaction

__all__ = ["StorageError", "open_database", "transaction"]
