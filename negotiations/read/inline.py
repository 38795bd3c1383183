"""The inline projection (the default mode): a command's events applied to the read models
inside the command's own transaction, from memory, with the tracking position claimed."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db import connection

from negotiations.domain.history import AMENDMENTS, Entry, Situation
from negotiations.domain.process import PeaceProcess
from negotiations.read import projections
from negotiations.read.models import ProjectionPosition
from negotiations.read.projections import PROJECTION, Batch, catch_up, claim, store_history
from negotiations.read.rows import row_before
from negotiations.read.rowwriter import Computed, Guarded, guarded, prepared_cursor
from negotiations.write.application import Append, PeaceProcesses


def project_write(
    app: PeaceProcesses, append: Append, process: PeaceProcess, before: Situation | None
) -> list[Any]:
    """The inline projection of a command: append its events and apply them to the read
    models in the command's own transaction, from memory (nothing is read back).

    On PostgreSQL the read-model rows are made before the append and go to the server in
    the event insert's own pipeline (see `RowsWithInsert`): the store's table lock is then
    held for that one round trip and the commit. An amendment reads and writes as it
    applies, so it is applied after the append, as on SQLite.
    """
    entries = [
        (event.entry(), event.originator_id, event.originator_version)
        for event in process.pending_events
        if isinstance(event, PeaceProcess.Recorded)
    ]
    if connection.vendor != "postgresql" or any(e.type in AMENDMENTS for e, *_ in entries):
        recordings = append()
        project_recorded(app, recordings, process=process, before=before)
        return recordings
    position = app.recorder.position_sql()  # type: ignore[attr-defined]  # our Lent* recorder (eventstore.py)
    batch = _inline_batch(
        app,
        [(e, pid, Computed(position, (pid, version))) for e, pid, version in entries],
        process,
        before,
    )
    with RowsWithInsert(batch, position) as rows:
        try:
            recordings = append(with_insert=rows)
        except Exception as e:
            if rows.claim_ran:  # the events went in; the projection's statements failed
                raise InlineProjectionFailed(str(e)) from e
            raise  # the append's own refusal (a lost race, the key used meanwhile)
        claimed = rows.claimed
        savepoint = rows.savepoint
    if not claimed:
        # Earlier events are not applied yet (an import, an async node, the first event
        # ever): drop these rows (if they were written) and catch up from the tracking
        # position, these included.
        if savepoint:
            with connection.cursor() as cursor:
                cursor.execute(f"ROLLBACK TO SAVEPOINT {INLINE_SAVEPOINT}")
        catch_up(app)
    return recordings


class InlineProjectionFailed(RuntimeError):
    """The read-model rows of a command failed to go in: the whole command fails."""


def project_recorded(
    app: PeaceProcesses,
    recordings: list[Any],
    *,
    process: PeaceProcess | None = None,
    before: Situation | None = None,
) -> None:
    """Apply a command's stored events in its own transaction, after the append.

    Moving the tracking position from just before them to their last one both checks that
    every earlier event is applied and claims these; when it does not match (the first
    event ever, events appended by an import or by an async node, a gap the store's
    sequence left after a rollback) the ordinary catch-up applies everything pending,
    these included. With the aggregate and its situation `before` the command, the process
    row is not read either.
    """
    if not recordings:
        return
    positions = [r.notification.id for r in recordings]
    if not claim(min(positions) - 1, max(positions)):
        catch_up(app)
        return
    entries = [
        (r.domain_event.entry(), r.domain_event.originator_id, r.notification.id)
        for r in recordings
        if isinstance(r.domain_event, PeaceProcess.Recorded)
    ]
    _inline_batch(app, entries, process, before).flush()


def _inline_batch(
    app: PeaceProcesses,
    entries: list[tuple[Entry, UUID, Any]],
    process: PeaceProcess | None,
    before: Situation | None,
) -> Batch:
    batch = Batch(store_history(app))
    if process is not None and before is not None:
        batch.processes[process.id] = row_before(process, before)
        batch.situations[process.id] = before
    for entry, process_id, position in entries:
        projections.apply_entry(entry, process_id, position, batch)
    return batch


INLINE_SAVEPOINT = "inline_projection"


class RowsWithInsert:
    """PostgreSQL: a batch's rows sent with the event insert (the recorder calls this with
    the events it is inserting, in its pipeline): the claim of the tracking position from
    just before the first event to the last, then the rows, their store positions computed
    by the server. After the append, `claimed` tells whether the claim matched.

    A batch of events on existing processes (every write but an opening or a change of
    participants) sends its rows as one statement that writes them only if the claim took
    (`rowwriter.Guarded`): two statements in all. Any other batch is written as it comes,
    after a savepoint that the caller rolls back to if the claim did not take."""

    def __init__(self, batch: Batch, position_sql: str) -> None:
        self.batch = batch
        self.position_sql = position_sql
        self.cursor: Any = None
        self.rows: Any = None
        self.savepoint = False

    def __call__(self, stored_events: list[Any]) -> None:
        first, last = stored_events[0], stored_events[-1]
        table = connection.ops.quote_name(ProjectionPosition._meta.db_table)
        self.cursor = prepared_cursor()
        self.savepoint = not self.batch.guardable()
        if self.savepoint:
            self.cursor.execute(f"SAVEPOINT {INLINE_SAVEPOINT}")
        self.cursor.execute(
            f"UPDATE {table} SET position = {self.position_sql} "  # noqa: S608 - names from the models' metadata and the library's table
            f"WHERE name = %s AND position = {self.position_sql} - 1",
            (
                last.originator_id,
                last.originator_version,
                PROJECTION,
                first.originator_id,
                first.originator_version,
            ),
            prepare=True,
        )
        if self.savepoint:
            self.batch.flush()
            return
        # The claim moved the position to the last event's exactly when it took.
        gathered = Guarded(
            f"SELECT 1 FROM {table} WHERE name = %s AND position = {self.position_sql}",  # noqa: S608 - as above
            (PROJECTION, last.originator_id, last.originator_version),
        )
        with guarded(gathered):
            self.batch.flush()
        if gathered.parts:
            sql, params = gathered.statement()
            self.rows = prepared_cursor()
            self.rows.execute(sql, params, prepare=True)

    @property
    def claim_ran(self) -> bool:
        return self.cursor is not None and self.cursor.rowcount >= 0

    @property
    def claimed(self) -> bool:
        return self.cursor is not None and self.cursor.rowcount == 1

    def __enter__(self) -> RowsWithInsert:
        return self

    def __exit__(self, *exc: object) -> None:
        for cursor in (self.cursor, self.rows):
            if cursor is not None:
                cursor.close()
