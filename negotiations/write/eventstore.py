"""The event store on Django's own database connection.

The `eventsourcing` library's recorders write and read the events (their classes, their SQL);
only the connection they get is Django's, lent to them for the call. So a command's events, its
idempotency receipt, the read-model rows and the projection's tracking position commit in one
transaction on one connection, and a failure anywhere stores nothing (docs/architecture.md).

- SQLite: the library's table lives in the same database file as the read models.
- PostgreSQL: it lives in the same database, in its own schema (`eventstore`). The schema and
  the library's tables and types are created by the library itself on a connection of its own,
  committed at once, so that every later transaction (Django's) sees them.

Inside `django.db.transaction.atomic()` a recorder's write is a savepoint of the caller's
transaction; outside one, it is a transaction of its own, as with the library's connections.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db import connections, transaction
from eventsourcing import persistence as es
from eventsourcing.persistence import InfrastructureFactory, StoredEvent
from eventsourcing.sqlite import (
    SQLiteApplicationRecorder,
    SQLiteCursor,
    SQLiteDatastore,
    SQLiteFactory,
)

ALIAS = "default"

# The library's error classes, by the name DB-API drivers share.
_ERRORS = (
    "IntegrityError",
    "InterfaceError",
    "DataError",
    "OperationalError",
    "InternalError",
    "ProgrammingError",
    "NotSupportedError",
    "DatabaseError",
)


def translated(error: Exception) -> Exception:
    """A driver's error as the library's error of the same name (what its callers catch)."""
    for klass in type(error).__mro__:
        if klass.__name__ in _ERRORS:
            return getattr(es, klass.__name__)(str(error))
    return es.PersistenceError(str(error))


@contextmanager
def writing(commit: bool) -> Iterator[None]:
    """Django's transaction for a write; none for a read. Inside the caller's transaction
    (a command's unit of work) no savepoint either: a failed write fails the whole unit,
    which rolls back, so a savepoint would only cost two more statements per write."""
    with transaction.atomic(using=ALIAS, savepoint=False) if commit else nullcontext():
        yield


def raw_connection() -> Any:
    """The DB-API connection under Django's connection of this thread."""
    wrapper = connections[ALIAS]
    wrapper.ensure_connection()
    return wrapper.connection


def postgres_conninfo(db: dict) -> str:
    """libpq connection string for a Django database's settings."""
    parts = {
        "dbname": db["NAME"],
        "host": db.get("HOST") or "127.0.0.1",
        "port": db.get("PORT") or 5432,
        "user": db.get("USER") or "postgres",
        "password": db.get("PASSWORD") or "",
    }
    return " ".join(f"{k}='{v}'" for k, v in parts.items() if v != "")


# -- SQLite -------------------------------------------------------------------------------


class LentSQLiteDatastore(SQLiteDatastore):
    """What the library's SQLite recorders ask of a datastore, on Django's connection."""

    def __init__(self) -> None:
        # No pool: Django owns the connection. These are the attributes recorders read.
        self.single_row_tracking = True
        self.originator_id_type = "uuid"

    @contextmanager
    def transaction(self, *, commit: bool) -> Iterator[SQLiteCursor]:
        try:
            with writing(commit):
                cursor = raw_connection().cursor()
                cursor.row_factory = sqlite3.Row  # the recorders read columns by name
                try:
                    yield SQLiteCursor(cursor)
                finally:
                    cursor.close()
        except sqlite3.Error as e:
            raise translated(e) from e

    def close(self) -> None:
        """Django owns the connection."""


# The keyword of `Application.save` whose value (the inline projection's rows: `write(stored
# events, positions)`) the recorders write in the events' own transaction.
ROWS = "read_model_rows"


@dataclass(frozen=True)
class Computed:
    """A value the database computes as the row goes in: `sql` (an expression with its own
    placeholders) and `params`. The store positions of a PostgreSQL append's events, before
    the insert (`LentPostgresApplicationRecorder.insert_events`)."""

    sql: str
    params: tuple[Any, ...]


class RowsFailed(RuntimeError):
    """The read-model rows sent with the events failed: the whole command fails (never
    taken for the store's refusal of the events, a lost race that a retry would repeat)."""


@contextmanager
def rows_failing() -> Iterator[None]:
    """Around the rows' making and writing: their failure is the command's (`RowsFailed`),
    not the store's refusal."""
    try:
        yield
    except Exception as e:
        raise RowsFailed(str(e)) from e


# The message of the database's refusal of an event whose aggregate's previous event is not
# in the store (`write.application` tells it to the writer).
GAP_REFUSED = "event_store_gap"


class LentSQLiteApplicationRecorder(SQLiteApplicationRecorder):
    def construct_create_table_statements(self) -> list[str]:
        """The library's tables, and a trigger refusing an event whose aggregate's previous
        event is not stored (`GAP_REFUSED`). A process's events are numbered 1, 2, 3...;
        a server whose cached aggregate was ahead of the store (a backup restored under a
        running server: an operator's outside test) appended 22 after 19, and the process
        could never be loaded again. The database refuses it; the command's cached aggregate
        is then dropped and its retry reads the store."""
        table = self.events_table_name
        return [
            *super().construct_create_table_statements(),
            f"CREATE TRIGGER IF NOT EXISTS {table}_follow_on BEFORE INSERT ON {table} "  # noqa: S608 - the library's table
            "WHEN NEW.originator_version > 1 AND NOT EXISTS ("
            f"SELECT 1 FROM {table} WHERE originator_id = NEW.originator_id "
            "AND originator_version = NEW.originator_version - 1) "
            f"BEGIN SELECT RAISE(ABORT, '{GAP_REFUSED}'); END",
        ]

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """The library's insert, then the rows `save` was given, with the events' store
        positions (the library's documented hook, as its searchable-content example)."""
        ids = super()._insert_events(c, stored_events, **kwargs)
        rows = kwargs.get(ROWS)
        if rows is not None and ids:
            with rows_failing():
                rows.write(stored_events, ids)
        return ids

    def position_of(self, originator_id: UUID, version: int) -> int | None:
        """The store position (notification id) of one stored event."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT rowid FROM {self.events_table_name} "  # noqa: S608 - the library's table
                "WHERE originator_id=? AND originator_version=?",
                (originator_id.hex, version),
            )
            row = c.fetchone()
        return row[0] if row else None


class DjangoSQLiteFactory(SQLiteFactory):
    """The library's SQLite recorders, writing through Django's connection."""

    application_recorder_class = LentSQLiteApplicationRecorder

    def __init__(self, env: Any) -> None:
        InfrastructureFactory.__init__(self, env)
        self.datastore = LentSQLiteDatastore()


# -- PostgreSQL ---------------------------------------------------------------------------
