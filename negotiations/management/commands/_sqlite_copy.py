"""Copying a whole SQLite database with SQLite's online backup API, for `backup` and `restore`.

The tracker keeps everything in one file (read models, the event store's table, users, tokens,
webhook endpoints, digest subscriptions), so one copy of that file is one consistent backup.

The copy reads inside one read transaction: in WAL mode writers go on meanwhile, and the copy
is the database as it was when the transaction began. Without it, SQLite restarts a copy made
in steps whenever another connection writes between two steps, and under a steady trickle of
writes it never ends (seen here: a writer between every step of 500 pages kept it at the
first step forever).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connections

STEP_PAGES = 1024  # 4 MiB a step at SQLite's default page size

Progress = Callable[[int, int], None]  # (pages copied, pages in all)


@dataclass(frozen=True)
class Contents:
    """What a tracker database holds, to say what was copied or what a restore replaces."""

    events: int
    users: int

    def __str__(self) -> str:
        return f"{self.events:,} stored events and {self.users:,} users"


def database_path() -> Path:
    """The tracker's SQLite database file (DATABASE_URL); PostgreSQL is refused by the caller."""
    return Path(connections["default"].settings_dict["NAME"])


# The library's SQLite recorder's table (a test checks the application's is this one). Named
# here, not asked of the application, which would create it in the database it opens.
EVENTS_TABLE = "stored_events"


def open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)


def tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {name for (name,) in rows}


def contents(conn: sqlite3.Connection) -> Contents:
    """Stored events and users in a tracker database (0 for a table it lacks)."""
    present = tables(conn)

    def count(table: str) -> int:
        if table not in present:
            return 0
        return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])  # noqa: S608 - names from sqlite_master

    return Contents(events=count(EVENTS_TABLE), users=count("auth_user"))


def check_tracker_database(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a file that is not a readable SQLite database of this tracker."""
    try:
        verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
        present = tables(conn)
    except sqlite3.DatabaseError as e:
        raise CommandError(f"{path} is not a SQLite database ({e}).") from None
    if verdict != "ok":
        raise CommandError(f"{path} is damaged (SQLite's quick_check: {verdict}).")
    missing = sorted({"django_migrations", "auth_user", "negotiations_process"} - present)
    if missing:
        raise CommandError(
            f"{path} is not a backup of this tracker (no table {', '.join(missing)})."
        )


def copy(source: sqlite3.Connection, target: sqlite3.Connection, on_step: Progress) -> None:
    """Every page of `source` into `target`, in steps, inside one read transaction of the
    source (a snapshot, whatever is written meanwhile)."""
    source.execute("BEGIN")
    try:
        contents(source)  # the first read starts the snapshot
        source.backup(
            target,
            pages=STEP_PAGES,
            progress=lambda _status, remaining, total: on_step(total - remaining, total),
        )
    finally:
        source.execute("ROLLBACK")
