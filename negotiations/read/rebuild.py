"""Blue/green rebuild of the read models: built beside the serving tables, switched in one
transaction, so that readers never see a partial read model.

1. The next tables are made from the models, as `migrate` makes them (Django's schema editor,
   asked for its SQL only): on PostgreSQL in the schema `read_models_next` under the serving
   names, on SQLite beside them as `<table>__next`. They start with their primary keys and
   unique constraints only (the projection reads through them); plain indexes and foreign
   keys cost less built once than kept up to date row by row.
2. The projection fills them from the store (`catch_up`, in batches, each committed with the
   next tables' own tracking position), this process's connection pointed at the next
   tables (`next_tables.into_next_tables`; the models are not changed). Writers meanwhile
   keep projecting into the serving tables.
3. PostgreSQL: the plain indexes and foreign keys are built, still beside the serving ones.
4. The switch, one transaction: writers are locked out (PostgreSQL: the event table's
   `EXCLUSIVE` lock, the one every append takes; SQLite: the write lock), the next tables
   catch up from where the build stopped to the head of the store, the serving tables are
   dropped and the next ones take their place (PostgreSQL: `ALTER TABLE ... SET SCHEMA`;
   SQLite: `ALTER TABLE ... RENAME`, then the plain indexes under their own names). Readers
   see the old tables until the commit and the new ones after it.

A rebuild killed anywhere leaves the serving tables as they were and the next tables behind;
`rebuild_status` reports them (`manage.py check`, `/healthz`) and the next rebuild drops them
and starts again. Only one rebuild runs at a time: on PostgreSQL it holds an advisory lock for
its session, on SQLite a lock on a file beside the database (`rebuild_state`).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from negotiations.read import models as tables

# What the tests and the commands compare builds with, kept importable from here.
from negotiations.read.checksum import rows_checksum, wipe_read_models
from negotiations.read.next_tables import (
    NEXT_SCHEMA,
    READ_MODELS,
    Definitions,
    definitions,
    into_next_tables,
    next_table,
    on_next,
    postgres,
    serving_table,
)
from negotiations.read.projections import catch_up
from negotiations.read.rebuild_state import (
    RebuildRunning,
    leftover_tables,
    rebuild_lock,
    rebuild_status,
)
from negotiations.write.application import PeaceProcesses

__all__ = [
    "READ_MODELS",
    "RebuildRunning",
    "Rebuilt",
    "leftover_tables",
    "next_table",
    "rebuild",
    "rebuild_status",
    "rows_checksum",
    "wipe_read_models",
]


# -- the rebuild -----------------------------------------------------------------------------


def _execute(statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _drop_next_tables() -> None:
    if postgres():
        _execute([f"DROP SCHEMA IF EXISTS {connection.ops.quote_name(NEXT_SCHEMA)} CASCADE"])
        return
    _execute(
        [
            f"DROP TABLE IF EXISTS {connection.ops.quote_name(next_table(m))}"
            for m in reversed(READ_MODELS)
        ]
    )


def _make_next_tables(ddl: Definitions) -> None:
    with transaction.atomic():
        _drop_next_tables()
        if postgres():
            _execute([f"CREATE SCHEMA {connection.ops.quote_name(NEXT_SCHEMA)}"])
        _execute([on_next(sql) for sql in ddl.tables])


def _finish_next_tables(ddl: Definitions) -> None:
    """PostgreSQL: the plain indexes and foreign keys, and statistics, built beside the
    serving tables (outside the switch: writers and readers go on meanwhile)."""
    if not postgres():
        return  # SQLite cannot rename an index: they are built at the switch
    with transaction.atomic():
        _execute([on_next(sql) for sql in ddl.indexes + ddl.foreign_keys])
    # No ANALYZE (1.7 s of 15 at 100,000 events): autovacuum analyses tables this new.


def _lock_out_writers(app: PeaceProcesses) -> None:
    if postgres():
        recorder: Any = app.recorder
        table = f'"{recorder.datastore.schema}"."{recorder.events_table_name}"'
        _execute([f"LOCK TABLE {table} IN EXCLUSIVE MODE"])
        return
    # SQLite: a write takes the database's write lock (at BEGIN already with the settings'
    # IMMEDIATE transactions); the store's head cannot move until the commit.
    tracking = connection.ops.quote_name(next_table(tables.ProjectionPosition))
    _execute([f"UPDATE {tracking} SET position = position"])  # noqa: S608 - our table's name


def _switch(app: PeaceProcesses, ddl: Definitions, batch_size: int) -> int:
    """Catch the next tables up to the head of the store and put them in place, in one
    transaction with writers locked out; return how many events that catch-up applied."""
    quote = connection.ops.quote_name
    with transaction.atomic():
        _lock_out_writers(app)
        with into_next_tables():
            applied = catch_up(app, batch_size=batch_size)
        statements = [f"DROP TABLE {quote(serving_table(m))}" for m in reversed(READ_MODELS)]
        if postgres():
            # No deferred foreign-key checks may be pending when a table is altered.
            connection.check_constraints()
            schema = quote(_current_schema())
            statements += [
                f"ALTER TABLE {quote(next_table(m))} SET SCHEMA {schema}" for m in READ_MODELS
            ]
            statements.append(f"DROP SCHEMA {quote(NEXT_SCHEMA)}")
        else:
            statements += [
                f"ALTER TABLE {quote(next_table(m))} RENAME TO {quote(serving_table(m))}"
                for m in READ_MODELS
            ]
            statements += ddl.indexes
        _execute(statements)
    return applied


def _current_schema() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        return str(cursor.fetchone()[0])


# SQLite: the page cache of the rebuild's connection while it loads (KiB, as a negative
# cache_size): the next tables' unique indexes stay in memory instead of being read back.
LOAD_CACHE_KIB = 65536
# SQLite: the load's WAL is checkpointed every this many pages (64 MB) instead of SQLite's
# 1,000: a page the load rewrites (an index's) is copied into the database once per
# checkpoint, and fewer checkpoints sync the file fewer times (24 commits at 100,000
# events: 1.3-1.5 s in them against 2.1-3.0 s, profiled on a busy machine).
LOAD_CHECKPOINT_PAGES = 16384


@contextmanager
def _loading() -> Iterator[None]:
    """The load's commits need not reach the disk one by one: a crash loses at most the last
    batches of next tables that a crash leaves aside anyway. This connection only, and
    restored before the switch, whose commit is durable as every write's is.

    PostgreSQL: `synchronous_commit` off for the session. SQLite (WAL): `synchronous =
    NORMAL`, not OFF: the WAL is still synced before a checkpoint writes it into the database
    file, so a power cut can lose the load's last commits but cannot corrupt the serving
    tables in the same file, which other connections keep writing (their own `synchronous`
    stands). And a larger page cache, for the next tables' unique indexes, and a larger
    WAL between checkpoints."""
    if postgres():
        _execute(["SET synchronous_commit TO off"])
        try:
            yield
        finally:
            _execute(["RESET synchronous_commit"])
        return
    if connection.in_atomic_block:  # SQLite refuses to change them inside a transaction
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        wal = str(cursor.fetchone()[0]).lower() == "wal"
        cursor.execute("PRAGMA synchronous")
        synchronous = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA cache_size")
        cache_size = int(cursor.fetchone()[0])
        # Without WAL, NORMAL could leave a corrupt database after a power cut: keep it.
        if wal:
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute(f"PRAGMA cache_size = {-LOAD_CACHE_KIB}")
        cursor.execute("PRAGMA wal_autocheckpoint")
        autocheckpoint = int(cursor.fetchone()[0])
        if wal:
            cursor.execute(f"PRAGMA wal_autocheckpoint = {LOAD_CHECKPOINT_PAGES}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous = {synchronous}")
            cursor.execute(f"PRAGMA cache_size = {cache_size}")
            cursor.execute(f"PRAGMA wal_autocheckpoint = {autocheckpoint}")
            if wal:  # the load's last pages, checkpointed here rather than by a writer
                cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")


# The load's cyclic garbage collections: one when this many more container objects are alive
# than at the last (Python's default is 700).
LOAD_GC_THRESHOLD = 100_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """The load makes millions of short-lived objects (events, entries, rows), freed by
    reference counting as each batch ends; it makes almost no cycles (334 objects found by the
    collector in a rebuild of 100,000 events). At Python's default threshold (a collection
    each time 700 more container objects are alive), the batch's live objects still set off
    full collections, which scan every object of the process: 17 of them, 1.2-1.5 s of a
    6 s load's CPU on SQLite (docs/performance.md, "B3, third pass"). At 100,000 they are 2,
    and memory stays bounded should cycles appear. The thresholds are restored after."""
    thresholds = gc.get_threshold()
    gc.set_threshold(LOAD_GC_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


@dataclass(frozen=True)
class Rebuilt:
    events: int  # applied into the next tables, those of the switch included
    at_switch: int  # applied in the switch, writers locked out
    switch_seconds: float  # how long writers were locked out


def rebuild(
    app: PeaceProcesses,
    *,
    batch_size: int = 5000,
    on_batch: Callable[[int], None] | None = None,
) -> Rebuilt:
    """Build the read models again from the store beside the serving ones and switch to
    them (see the module's docstring)."""
    ddl = definitions()
    with rebuild_lock():
        _make_next_tables(ddl)
        with _loading(), into_next_tables(), _fewer_collections():
            # Reading ahead pays on PostgreSQL only: SQLite's executemany releases the GIL at
            # every row, so a decoding thread would take it at every row (docs/performance.md).
            applied = catch_up(app, batch_size=batch_size, on_batch=on_batch, read_ahead=postgres())
        _finish_next_tables(ddl)
        started = time.perf_counter()
        at_switch = _switch(app, ddl, batch_size)
        seconds = time.perf_counter() - started
    return Rebuilt(applied + at_switch, at_switch, seconds)
