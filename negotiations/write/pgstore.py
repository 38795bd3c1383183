"""The event store on PostgreSQL, on Django's connection (`eventstore` explains the lending):
the lent connection and datastore, the recorder whose `_insert_events` writes the read-model
rows in the events' transaction, the check of the positions given to them, and the factory."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from uuid import UUID

import psycopg
from django.db import connections, transaction
from eventsourcing import persistence as es
from eventsourcing.persistence import ApplicationRecorder, StoredEvent
from eventsourcing.postgres import (
    PostgresApplicationRecorder,
    PostgresDatastore,
    PostgresFactory,
)
from psycopg.rows import dict_row
from psycopg.types.composite import register_composite

from .eventstore import (
    ALIAS,
    GAP_REFUSED,
    ROWS,
    Computed,
    RowsFailed,
    postgres_conninfo,
    raw_connection,
    rows_failing,
    translated,
    writing,
)


class _NoPipeline:
    def sync(self) -> None:
        """Statements run at once on a lent connection: errors surface where they happen."""


class LentPostgresConnection:
    """Django's psycopg connection as the library's recorders use a pooled one: cursors
    that return rows as dicts, and transactions that are Django's (savepoints inside)."""

    def __init__(self, raw: psycopg.Connection) -> None:
        self.raw = raw

    def cursor(self, **kwargs: Any) -> psycopg.Cursor:
        # A server-side binding cursor whatever cursor class Django configured: the
        # library prepares its statements and sends composite arrays as parameters.
        return psycopg.Cursor(self.raw, row_factory=kwargs.get("row_factory", dict_row))

    @contextmanager
    def transaction(self, force_rollback: bool = False) -> Iterator[None]:
        with writing(not force_rollback):
            yield
            # The library catches a failed statement inside the block and raises it after
            # the block: roll the savepoint back rather than release an aborted one.
            if self.raw.info.transaction_status == psycopg.pq.TransactionStatus.INERROR:
                transaction.set_rollback(True, using=ALIAS)

    @contextmanager
    def pipeline(self) -> Iterator[Any]:
        """Inside the caller's transaction, psycopg's pipeline, as on the library's own
        connections: its lock, notify and insert go to the server in one round trip (the
        table lock is then held for less time). Outside one, statements run one by one."""
        if not connections[ALIAS].in_atomic_block:
            yield _NoPipeline()
            return
        try:
            with self.raw.pipeline() as pipeline:
                yield pipeline
        except (psycopg.errors.PipelineAborted, psycopg.errors.InFailedSqlTransaction):
            # The statements queued after one that failed (the insert after rows that
            # failed) are reported aborted when the pipeline ends. The failure itself was
            # raised where the pipeline synced, and the recorder raises it next
            # (LentPostgresApplicationRecorder.insert_events makes sure).
            if self.raw.info.transaction_status != psycopg.pq.TransactionStatus.INERROR:
                raise

    @property
    def autocommit(self) -> bool:
        return self.raw.autocommit


class LentPostgresDatastore(PostgresDatastore):
    """What the library's PostgreSQL recorders ask of a datastore, on Django's connection."""

    def __init__(self, *, schema: str, lock_timeout: int = 0) -> None:
        # No pool: Django owns the connection. These are the attributes recorders read.
        self.schema = schema
        self.lock_timeout = lock_timeout
        self.originator_id_type = "uuid"
        self.enable_db_functions = False
        self.single_row_tracking = True
        self.pre_ping = False
        self.pool_open_timeout = None
        self.idle_in_transaction_session_timeout = 0
        self.db_type_names: set[str] = set()
        self.psycopg_type_adapters: dict[str, Any] = {}
        self.psycopg_python_types: dict[str, Any] = {}

    def register_type_adapters(self) -> None:
        from psycopg.types.composite import CompositeInfo

        raw = raw_connection()
        for name in self.db_type_names - set(self.psycopg_type_adapters):
            info = CompositeInfo.fetch(raw, f"{self.schema}.{name}")
            if info is None:
                continue
            register_composite(info, raw)
            self.psycopg_type_adapters[name] = info
            self.psycopg_python_types[name] = info.python_type

    @contextmanager
    def get_connection(self) -> Iterator[LentPostgresConnection]:  # type: ignore[override]
        raw = raw_connection()
        for info in self.psycopg_type_adapters.values():
            if not raw.adapters.types.get(info.oid):
                register_composite(info, raw)
        try:
            yield LentPostgresConnection(raw)
        except psycopg.Error as e:
            raise translated(e) from e

    @contextmanager
    def transaction(self, *, commit: bool = False) -> Iterator[psycopg.Cursor[dict[str, Any]]]:
        with self.get_connection() as conn, conn.transaction(force_rollback=not commit):
            with conn.cursor() as cursor:
                yield cursor  # type: ignore[misc]  # rows as dicts: the connection's row factory

    def close(self) -> None:
        """Django owns the connection."""


class LentPostgresApplicationRecorder(PostgresApplicationRecorder):
    """The library's recorder, and the rows `save` was given written in the same pipeline
    and transaction as the events (the library's documented `_insert_events` hook, as its
    searchable-content example), ahead of the insert: so the store positions the rows carry
    are computed by the server (`NEXT_VALUE`), under the table lock taken first. The rows are
    made before the pipeline begins (`stage`), so that the table is locked only while they
    are sent, not while Python makes them.

    The table is locked once a write: `_insert_events` takes the library's own lock
    statements first, and the library's `lock_table_statements`, which its insert would run
    again on a table already locked, are left empty (two statements fewer in the pipeline)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.write_lock_statements, self.lock_table_statements = self.lock_table_statements, []

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        rows = kwargs.get(ROWS)
        check = None
        if rows is not None and stored_events:
            check = PositionCheck(self.staged(rows, stored_events))
        try:
            ids = super().insert_events(stored_events, position_check=check, **kwargs)
            if check is not None and ids:
                check.verify(ids)
        except es.PersistenceError as e:
            if check is not None and not check.rows_sent():
                # Sent before the insert: the failure was theirs, not the store's refusal.
                raise RowsFailed(str(e)) from e
            raise
        finally:
            if check is not None:
                check.close()
        if stored_events and ids is None:  # never silently: see LentPostgresConnection.pipeline
            raise es.PersistenceError("The events' insert failed without an error.")
        return ids

    def staged(self, rows: Any, stored_events: Sequence[StoredEvent]) -> Any:
        """The rows made, to be sent (`send()`), their store positions the next values of
        the table's sequence; written only if the insert will take (a lost race, a process
        opened twice, are the insert's to refuse, as the store's IntegrityError)."""
        sequence = self.notification_sequence()
        positions = [Computed(NEXT_VALUE, (sequence, k)) for k in range(1, len(stored_events) + 1)]
        first = stored_events[0]
        unstored = Computed(self.unstored_sql(), (first.originator_id, first.originator_version))
        with rows_failing():
            return rows.stage(stored_events, positions, unstored)

    def _insert_events(
        self, curs: psycopg.Cursor[Any], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> None:
        super()._insert_events(curs, stored_events, **kwargs)
        if not stored_events:
            return
        # The library's own lock, first: from here to the commit no other writer draws from
        # the table's sequence. Then the rows, if any, and the library's notify and insert.
        for statement in self.write_lock_statements:
            curs.execute(statement, prepare=True)
        check = kwargs.get("position_check")
        if check is not None:
            with rows_failing():
                check.staged.send()

    def unstored_sql(self) -> str:
        """True while no event is stored at (originator id, version)."""
        return (
            f'NOT EXISTS (SELECT 1 FROM "{self.datastore.schema}"."{self.events_table_name}" '  # noqa: S608 - the library's table
            "WHERE originator_id = %s AND originator_version = %s)"
        )

    def notification_sequence(self) -> str:
        """The qualified name of the sequence the events' table draws its positions from
        (its `bigserial` column's)."""
        return f'"{self.datastore.schema}"."{self.events_table_name}_notification_id_seq"'

    def position_of(self, originator_id: UUID, version: int) -> int | None:
        """The store position (notification id) of one stored event."""
        from psycopg.sql import SQL, Identifier

        statement = SQL(
            "SELECT notification_id FROM {}.{} WHERE originator_id=%s AND originator_version=%s"
        ).format(Identifier(self.datastore.schema), Identifier(self.events_table_name))
        with self.datastore.get_connection() as conn, conn.cursor() as cursor:
            cursor.execute(statement, (originator_id, version))
            row = cursor.fetchone()
        return row["notification_id"] if row else None


# With the table locked, the k-th value the table's sequence will hand out (after the one it
# handed out last, 0 before its first): the store position of the k-th event about to be
# inserted.
NEXT_VALUE = "(COALESCE(pg_sequence_last_value(%s::regclass), 0) + %s)"


class PositionCheck:
    """One PostgreSQL append with rows: the rows made (`staged`, the claim they are written
    under), and after the insert, whether they ran (a statement after one that failed is not
    run) and whether the positions they were given are the ones the events got. The claim
    answers the position it moved the tracking position to, computed like the rows' from the
    sequence: it took only if the first event's computed position followed the tracking one."""

    def __init__(self, staged: Any) -> None:
        self.staged = staged  # the rows, made: `send()` sends them

    def rows_sent(self) -> bool:
        return bool(self.staged.ran())

    def close(self) -> None:
        self.staged.close()

    def verify(self, ids: Sequence[int]) -> None:
        last = self.staged.claimed_position()
        if last is None:
            return  # the claim did not take: no row went in (the catch-up writes them)
        if list(ids) != list(range(last - len(ids) + 1, last + 1)):
            raise RowsFailed(f"The events got positions {ids}, not the ones up to {last}.")


def prepare_write_statements(sender: Any, connection: Any, **kwargs: Any) -> None:
    """PostgreSQL, on each new connection of Django's (`connection_created`): the statements
    sent with `prepare=True` (the library's insert and reads, the inline projection's claim
    and rows) are prepared once per connection and run on their generic plans.

    Django turns psycopg's prepared statements off (for connection poolers), so the server
    parsed and planned each of them on every write: 25-150 us of planning a statement, more
    than executing it. Each looks rows up by keys on indexes whatever its values, so the
    generic plan is the plan. Django's own queries are sent as text and are unaffected.
    `DATABASE_PREPARED_STATEMENTS=false` keeps Django's default."""
    from django.conf import settings

    if connection.vendor != "postgresql" or not settings.DATABASE_PREPARED_STATEMENTS:
        return
    connection.connection.prepare_threshold = PREPARE_THRESHOLD
    with connection.cursor() as cursor:
        cursor.execute("SET plan_cache_mode = force_generic_plan")


PREPARE_THRESHOLD = 5  # psycopg's own default: `prepare=True` prepares at the first run


CREATION_LOCK = 7_310_042_016  # an advisory lock key of this tracker's own


@contextmanager
def _creation_lock() -> Iterator[None]:
    """A session advisory lock on a connection of its own, held while the library creates
    the event store's schema objects."""
    with psycopg.connect(postgres_conninfo(connections[ALIAS].settings_dict), autocommit=True) as c:
        c.execute("SELECT pg_advisory_lock(%s)", (CREATION_LOCK,))
        try:
            yield
        finally:
            c.execute("SELECT pg_advisory_unlock(%s)", (CREATION_LOCK,))


def gap_guard_statements(schema: str, table: str) -> list[str]:
    """The trigger refusing an event whose aggregate's previous event is not stored, as on
    SQLite (`eventstore.LentSQLiteApplicationRecorder.construct_create_table_statements`)."""
    name = f'"{schema}"."{table}_follow_on"'
    return [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "  # noqa: S608 - the library's table
        "IF NEW.originator_version > 1 AND NOT EXISTS ("
        f'SELECT 1 FROM "{schema}"."{table}" WHERE originator_id = NEW.originator_id '
        "AND originator_version = NEW.originator_version - 1) THEN "
        f"RAISE EXCEPTION '{GAP_REFUSED}' USING ERRCODE = 'integrity_constraint_violation'; "
        "END IF; RETURN NEW; END $$",
        f'CREATE OR REPLACE TRIGGER "{table}_follow_on" BEFORE INSERT ON "{schema}"."{table}" '
        f"FOR EACH ROW EXECUTE FUNCTION {name}()",
    ]


class DjangoPostgresFactory(PostgresFactory):
    """The library's PostgreSQL recorders, writing through Django's connection.

    The library creates its schema objects first, with its own pooled connection (the
    environment names the database as Django's settings do); after that, every statement
    goes through Django's connection.
    """

    application_recorder_class = LentPostgresApplicationRecorder

    def application_recorder(self) -> ApplicationRecorder:
        if self.env_create_table():
            creator = PostgresApplicationRecorder(
                datastore=self.datastore, events_table_name=self._events_table_name()
            )
            # Several processes (gunicorn workers) start at once: one creates, the others
            # wait, since concurrent CREATE OR REPLACE of the same objects fails in PostgreSQL.
            with _creation_lock():
                with self.datastore.transaction(commit=True) as cursor:
                    cursor.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.datastore.schema}"')
                creator.create_table()
                with self.datastore.transaction(commit=True) as cursor:
                    for statement in gap_guard_statements(
                        self.datastore.schema, self._events_table_name()
                    ):
                        cursor.execute(statement)
        self.datastore.close()
        self.datastore = LentPostgresDatastore(
            schema=self.datastore.schema, lock_timeout=self.datastore.lock_timeout
        )
        recorder = self.application_recorder_class(
            datastore=self.datastore, events_table_name=self._events_table_name()
        )
        self.datastore.register_type_adapters()
        return recorder

    def _events_table_name(self) -> str:
        return (self.env.name.lower() or "stored") + "_events"
