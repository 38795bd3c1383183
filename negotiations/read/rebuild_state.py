"""One rebuild at a time, and what a rebuild left behind: the rebuild lock (PostgreSQL: an
advisory lock of the session; SQLite: a `flock` on a file beside the database, both released
when the process dies), and `rebuild_status` for `manage.py check` and `/healthz`."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from negotiations.read.next_tables import (
    NEXT_SCHEMA,
    NEXT_SUFFIX,
    READ_MODELS,
    definitions,
    postgres,
    serving_table,
    sqlite_file,
)

REBUILD_LOCK = 7_310_042_021  # an advisory lock key of this tracker's own (PostgreSQL)


class RebuildRunning(RuntimeError):
    """Another rebuild holds the rebuild lock."""


def _lock_file() -> Path | None:
    name = sqlite_file()
    return None if name is None else Path(f"{name}.rebuild-lock")


@contextmanager
def rebuild_lock() -> Iterator[None]:
    """Held while a rebuild runs; `RebuildRunning` if another holds it."""
    if postgres():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", (REBUILD_LOCK,))
            if not cursor.fetchone()[0]:
                raise RebuildRunning("Another rebuild of the read models is running.")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", (REBUILD_LOCK,))
        return
    path = _lock_file()
    if path is None:
        yield
        return
    with open(path, "a") as held:
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RebuildRunning("Another rebuild of the read models is running.") from None
        yield  # released when the file is closed (or the process dies)


def _lock_is_held() -> bool:
    if postgres():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                "AND classid = %s AND objid = %s AND objsubid = 1)",
                (REBUILD_LOCK >> 32, REBUILD_LOCK & 0xFFFFFFFF),
            )
            return bool(cursor.fetchone()[0])
    path = _lock_file()
    if path is None or not path.exists():
        return False
    with open(path) as probe:
        try:
            fcntl.flock(probe, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        return False


def leftover_tables() -> list[str]:
    """The next tables there are (a rebuild running, or one that died)."""
    if postgres():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s "
                "ORDER BY table_name",
                (NEXT_SCHEMA,),
            )
            return [f"{NEXT_SCHEMA}.{name}" for (name,) in cursor.fetchall()]
    return sorted(n for n in connection.introspection.table_names() if n.endswith(NEXT_SUFFIX))


def missing_indexes() -> list[str]:
    """Indexes and foreign keys of the serving read models that are not there (a rebuild
    of an older version, killed while it had them set aside)."""
    tables = [serving_table(model) for model in READ_MODELS]
    with connection.cursor() as cursor:
        if not set(tables) <= set(connection.introspection.table_names(cursor)):
            return []  # not migrated yet: `migrate` will make them
        if postgres():
            present = set()
            for table in tables:
                present |= set(connection.introspection.get_constraints(cursor, table))
        else:
            present = _sqlite_indexes(cursor, tables)
    return sorted(definitions().names() - present)


def _sqlite_indexes(cursor, tables: list[str]) -> set[str]:
    """The names of the indexes on `tables`, from SQLite's own catalogue: its foreign keys
    are part of each CREATE TABLE, so indexes are all a rebuild sets aside there. (Django's
    `get_constraints` parses each table's SQL: 120 ms of CPU a `/healthz` for nine tables.)"""
    cursor.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'")
    return {name for name, table in cursor.fetchall() if table in tables}


@dataclass(frozen=True)
class RebuildStatus:
    running: bool
    leftovers: list[str]
    missing: list[str]

    @property
    def interrupted(self) -> bool:
        return bool(self.leftovers) and not self.running

    @property
    def degraded(self) -> bool:
        return self.interrupted or bool(self.missing)

    def describe(self) -> str:
        if self.running:
            return "a rebuild is running"
        parts = []
        if self.interrupted:
            parts.append(f"a rebuild was interrupted, leaving {', '.join(self.leftovers)}")
        if self.missing:
            parts.append(f"missing indexes or keys: {', '.join(self.missing)}")
        return "; ".join(parts) or "ok"


def rebuild_status() -> RebuildStatus:
    return RebuildStatus(
        running=_lock_is_held(), leftovers=leftover_tables(), missing=missing_indexes()
    )
