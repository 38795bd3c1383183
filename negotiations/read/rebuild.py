"""Blue/green rebuild of the read models: built beside the serving tables, switched in one
transaction, so that readers never see a partial read model.

1. The next tables are made from the models, as `migrate` makes them (Django's schema editor,
   asked for its SQL only): on PostgreSQL in the schema `read_models_next` under the serving
   names, on SQLite beside them as `<table>__next`. They start with their primary keys and
   unique constraints only (the projection reads through them); plain indexes and foreign
   keys cost less built once than kept up to date row by row.
2. The projection fills them from the store (`catch_up`, in batches, each committed with the
   next tables' own tracking position), the models pointed at the next tables in this
   process only. Writers meanwhile keep projecting into the serving tables.
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
its session, on SQLite a lock on a file beside the database.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, models, transaction

from negotiations.read import models as tables
from negotiations.read.projections import catch_up
from negotiations.write.application import PeaceProcesses
from negotiations.write.records import RecordTimeEncoder

# Parents before children: the order the tables are made in and dropped in reverse.
READ_MODELS: tuple[type[models.Model], ...] = (
    tables.Process,
    tables.Participant,
    tables.Agreement,
    tables.AgreementActor,
    tables.TimelineEntry,
    tables.StatusPeriod,
    tables.StatusChange,
    tables.ProjectionPosition,
    tables.Tally,
)
NEXT_SCHEMA = "read_models_next"  # PostgreSQL
NEXT_SUFFIX = "__next"  # SQLite
REBUILD_LOCK = 7_310_042_021  # an advisory lock key of this tracker's own (PostgreSQL)


class RebuildRunning(RuntimeError):
    """Another rebuild holds the rebuild lock."""


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def next_table(model: type[models.Model]) -> str:
    """The name of `model`'s next table, as a `db_table` (Django quotes it)."""
    if _postgres():
        return f'{NEXT_SCHEMA}"."{model._meta.db_table}'
    return f"{model._meta.db_table}{NEXT_SUFFIX}"


@dataclass
class Definitions:
    """The read models' DDL as `migrate` would run it, by when a rebuild runs it."""

    tables: list[str] = field(default_factory=list)  # with keys and unique constraints
    indexes: list[str] = field(default_factory=list)  # plain CREATE INDEX
    foreign_keys: list[str] = field(default_factory=list)  # PostgreSQL's ALTER TABLE ... FK

    def names(self) -> set[str]:
        """The names of the indexes and foreign keys (what a killed old rebuild dropped)."""
        found = set()
        for statement in self.indexes + self.foreign_keys:
            match = re.search(r'(?:INDEX|CONSTRAINT) "([^"]+)"', statement)
            if match:
                found.add(match.group(1))
        return found


def definitions() -> Definitions:
    """Ask Django's schema editor for the SQL of `create_model` without running it (it is
    not entered: SQLite's editor refuses to enter inside a transaction, and nothing is
    executed through it; `deferred_sql` is what entering would set up)."""
    editor = connection.schema_editor(collect_sql=True, atomic=False)
    editor.deferred_sql = []
    for model in READ_MODELS:
        editor.create_model(model)
    out = Definitions()
    for statement in [*editor.collected_sql, *map(str, editor.deferred_sql)]:
        sql = statement.strip().rstrip(";")
        if sql.startswith("CREATE TABLE"):
            out.tables.append(sql)
        elif re.match(r"CREATE (UNIQUE )?INDEX", sql):
            out.indexes.append(sql)
        elif sql.startswith("ALTER TABLE") and "FOREIGN KEY" in sql:
            out.foreign_keys.append(sql)
        else:
            raise RuntimeError(f"A read model needs DDL the rebuild does not know: {sql}")
    return out


def _on_next(sql: str) -> str:
    """`sql` with each read model's table replaced by its next table."""
    for model in READ_MODELS:
        serving = connection.ops.quote_name(model._meta.db_table)
        sql = sql.replace(serving, connection.ops.quote_name(next_table(model)))
    return sql


@contextmanager
def into_next_tables() -> Iterator[None]:
    """Within: the read models (ORM and the projection's own SQL) are the next tables, in
    this process. Only the rebuild command does this, in a process of its own."""
    serving = {model: model._meta.db_table for model in READ_MODELS}
    for model in READ_MODELS:
        _point_at(model, next_table(model))
    try:
        yield
    finally:
        for model, name in serving.items():
            _point_at(model, name)


def _point_at(model: type[models.Model], table: str) -> None:
    model._meta.db_table = table
    for column in model._meta.concrete_fields:
        # A field's column reference names its table and is cached on first use.
        column.__dict__.pop("cached_col", None)


# -- the rebuild lock ------------------------------------------------------------------------


def _lock_file() -> Path | None:
    name = str(connection.settings_dict["NAME"] or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(f"{name}.rebuild-lock")


@contextmanager
def _rebuild_lock() -> Iterator[None]:
    if _postgres():
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
    import fcntl

    with open(path, "a") as held:
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RebuildRunning("Another rebuild of the read models is running.") from None
        yield  # released when the file is closed (or the process dies)


def _lock_is_held() -> bool:
    if _postgres():
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
    import fcntl

    with open(path) as probe:
        try:
            fcntl.flock(probe, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        return False


# -- what is there ---------------------------------------------------------------------------


def leftover_tables() -> list[str]:
    """The next tables there are (a rebuild running, or one that died)."""
    if _postgres():
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
    with connection.cursor() as cursor:
        existing_tables = set(connection.introspection.table_names(cursor))
        present: set[str] = set()
        for model in READ_MODELS:
            if model._meta.db_table not in existing_tables:
                return []  # not migrated yet: `migrate` will make them
            present |= set(connection.introspection.get_constraints(cursor, model._meta.db_table))
    return sorted(definitions().names() - present)


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


# -- the rebuild -----------------------------------------------------------------------------


def _execute(statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _drop_next_tables() -> None:
    if _postgres():
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
        if _postgres():
            _execute([f"CREATE SCHEMA {connection.ops.quote_name(NEXT_SCHEMA)}"])
        _execute([_on_next(sql) for sql in ddl.tables])


def _finish_next_tables(ddl: Definitions) -> None:
    """PostgreSQL: the plain indexes and foreign keys, and statistics, built beside the
    serving tables (outside the switch: writers and readers go on meanwhile)."""
    if not _postgres():
        return  # SQLite cannot rename an index: they are built at the switch
    with transaction.atomic():
        _execute([_on_next(sql) for sql in ddl.indexes + ddl.foreign_keys])
    # No ANALYZE (1.7 s of 15 at 100,000 events): autovacuum analyses tables this new.


def _lock_out_writers(app: PeaceProcesses) -> None:
    if _postgres():
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
        statements = [f"DROP TABLE {quote(m._meta.db_table)}" for m in reversed(READ_MODELS)]
        if _postgres():
            # No deferred foreign-key checks may be pending when a table is altered.
            connection.check_constraints()
            schema = quote(_current_schema())
            statements += [
                f"ALTER TABLE {quote(next_table(m))} SET SCHEMA {schema}" for m in READ_MODELS
            ]
            statements.append(f"DROP SCHEMA {quote(NEXT_SCHEMA)}")
        else:
            statements += [
                f"ALTER TABLE {quote(next_table(m))} RENAME TO {quote(m._meta.db_table)}"
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


@contextmanager
def _loading() -> Iterator[None]:
    """The load's commits need not reach the disk one by one: a crash loses at most the last
    batches of next tables that a crash leaves aside anyway. This connection only, and
    restored before the switch, whose commit is durable as every write's is.

    PostgreSQL: `synchronous_commit` off for the session. SQLite (WAL): `synchronous =
    NORMAL`, not OFF: the WAL is still synced before a checkpoint writes it into the database
    file, so a power cut can lose the load's last commits but cannot corrupt the serving
    tables in the same file, which other connections keep writing (their own `synchronous`
    stands). And a larger page cache, for the next tables' unique indexes."""
    if _postgres():
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
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous = {synchronous}")
            cursor.execute(f"PRAGMA cache_size = {cache_size}")


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
    with _rebuild_lock():
        _make_next_tables(ddl)
        with _loading(), into_next_tables():
            # Reading ahead pays on PostgreSQL only: SQLite's executemany releases the GIL at
            # every row, so a decoding thread would take it at every row (docs/performance.md).
            applied = catch_up(
                app, batch_size=batch_size, on_batch=on_batch, read_ahead=_postgres()
            )
        _finish_next_tables(ddl)
        started = time.perf_counter()
        at_switch = _switch(app, ddl, batch_size)
        seconds = time.perf_counter() - started
    return Rebuilt(applied + at_switch, at_switch, seconds)


def wipe_read_models() -> None:
    """Empty every read model and the tracking position (an incremental catch-up from
    nothing then builds them in place; tests compare that with what writes made)."""
    with transaction.atomic():
        for model in (
            tables.StatusChange,
            tables.StatusPeriod,
            tables.TimelineEntry,
            tables.Participant,
            tables.Process,
            tables.ProjectionPosition,
            tables.Tally,
        ):
            model.objects.all().delete()


# Row order for a stable checksum; `id`s of rows other than processes are store-local.
CHECKSUM_ORDER = {
    tables.Process: ["id"],
    tables.Participant: ["process_id", "role", "actor_slug"],
    tables.Agreement: ["process_id", "slug"],
    tables.AgreementActor: ["process_id", "agreement_slug", "actor_slug", "role"],
    tables.TimelineEntry: ["process_id", "sequence"],
    tables.StatusPeriod: ["process_id", "sequence"],
    tables.Tally: ["name"],
    tables.StatusChange: ["process_id", "sequence", "amends"],
}


def rows_checksum(*, positions: bool = True) -> str:
    """A digest over every read-model row, to compare two builds of the read models.

    Without `positions`, the store positions are left out: two stores holding the same
    histories (say, SQLite and the PostgreSQL it was migrated to) then give the same digest.
    """
    import hashlib

    digest = hashlib.sha256()
    for model, order in CHECKSUM_ORDER.items():
        skip = {"id"} if model is not tables.Process else set()
        if not positions:
            skip.add("position")
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in skip]
        for row in model._default_manager.order_by(*order).values_list(*fields):
            digest.update(json.dumps(row, cls=RecordTimeEncoder, sort_keys=True).encode())
    return digest.hexdigest()
