"""Blue/green rebuild of the read models: built beside the serving tables, switched in one
transaction, so that readers never see a partial read model.

1. The next tables are made from the models, as `migrate` makes them (Django's schema editor,
   asked for its SQL only): on PostgreSQL in the schema `read_models_next` under the serving
   names, on SQLite beside them as `<table>__next`. They start with their primary keys and
   unique constraints only (the projection reads through them); plain indexes and foreign
   keys cost less built once than kept up to date row by row.
2. The projection fills them from the store (`catch_up`, in batches, each committed with the
   next tables' own tracking position), this process's connection pointed at the next
   tables (`next_tables.into_next_tables`; the models are not changed). On a large store,
   several processes fill them at once, each the processes whose ids fall to its part, up
   to the store's head when the load began (`parallel_load`). Writers meanwhile keep
   projecting into the serving tables.
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

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from negotiations.read import models as tables

# What the tests and the commands compare builds with, kept importable from here.
from negotiations.read.checksum import rows_checksum, wipe_read_models
from negotiations.read.layout import record_layout
from negotiations.read.loading import execute, fewer_collections, loading
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
from negotiations.read.parallel_load import LoadPartFailed, load_in_parts, workers_for
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
    "LoadPartFailed",
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


def _drop_next_tables() -> None:
    if postgres():
        execute([f"DROP SCHEMA IF EXISTS {connection.ops.quote_name(NEXT_SCHEMA)} CASCADE"])
        return
    execute(
        [
            f"DROP TABLE IF EXISTS {connection.ops.quote_name(next_table(m))}"
            for m in reversed(READ_MODELS)
        ]
    )


def _make_next_tables(ddl: Definitions) -> None:
    with transaction.atomic():
        _drop_next_tables()
        if postgres():
            execute([f"CREATE SCHEMA {connection.ops.quote_name(NEXT_SCHEMA)}"])
        execute([on_next(sql) for sql in ddl.tables])


def _finish_next_tables(ddl: Definitions) -> None:
    """PostgreSQL: the plain indexes and foreign keys, and statistics, built beside the
    serving tables (outside the switch: writers and readers go on meanwhile)."""
    if not postgres():
        return  # SQLite cannot rename an index: they are built at the switch
    with transaction.atomic():
        execute([on_next(sql) for sql in ddl.indexes + ddl.foreign_keys])
    # No ANALYZE (1.7 s of 15 at 100,000 events): autovacuum analyses tables this new.


def _lock_out_writers(app: PeaceProcesses) -> None:
    if postgres():
        recorder: Any = app.recorder
        table = f'"{recorder.datastore.schema}"."{recorder.events_table_name}"'
        execute([f"LOCK TABLE {table} IN EXCLUSIVE MODE"])
        return
    # SQLite: a write takes the database's write lock (at BEGIN already with the settings'
    # IMMEDIATE transactions); the store's head cannot move until the commit.
    tracking = connection.ops.quote_name(next_table(tables.ProjectionPosition))
    execute([f"UPDATE {tracking} SET position = position"])  # noqa: S608 - our table's name


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
        execute(statements)
        record_layout()  # the read models switched to are this version's layout
    return applied


def _current_schema() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        return str(cursor.fetchone()[0])


@dataclass(frozen=True)
class Rebuilt:
    events: int  # applied into the next tables, those of the switch included
    at_switch: int  # applied in the switch, writers locked out
    switch_seconds: float  # how long writers were locked out
    processes: int  # how many processes loaded the next tables (`parallel_load`)


def rebuild(
    app: PeaceProcesses,
    *,
    batch_size: int = 5000,
    on_batch: Callable[[int], None] | None = None,
    workers: int | None = None,
) -> Rebuilt:
    """Build the read models again from the store beside the serving ones and switch to
    them (see the module's docstring). `workers`: how many processes load the next tables
    (`parallel_load`); by default `settings.REBUILD_WORKERS` for a store of
    `parallel_load.PARALLEL_FROM` events or more, else this process alone."""
    ddl = definitions()
    with rebuild_lock():
        parts = workers_for(app, workers)  # a refused count leaves nothing made
        _make_next_tables(ddl)
        with loading(), into_next_tables(), fewer_collections():
            if parts > 1:
                applied = load_in_parts(app, parts, batch_size=batch_size, on_batch=on_batch)
            else:
                # Reading ahead pays on PostgreSQL only: SQLite's executemany releases the GIL
                # at every row, so a decoding thread would take it at every row
                # (docs/performance.md).
                applied = catch_up(
                    app, batch_size=batch_size, on_batch=on_batch, read_ahead=postgres()
                )
        _finish_next_tables(ddl)
        started = time.perf_counter()
        at_switch = _switch(app, ddl, batch_size)
        seconds = time.perf_counter() - started
    return Rebuilt(applied + at_switch, at_switch, seconds, parts)
