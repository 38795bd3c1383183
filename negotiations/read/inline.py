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
from negotiations.write.application import PeaceProcesses


def project_recorded(
    app: PeaceProcesses,
    recordings: list[Any],
    *,
    process: PeaceProcess | None = None,
    before: Situation | None = None,
) -> None:
    """The inline projection: apply a command's events in its own transaction.

    The events are in memory, so nothing is read back from the store. Moving the tracking
    position from just before them to their last one both checks that every earlier event
    is applied and claims these; when it does not match (the first event ever, events
    appended by an import or by an async node, a gap the store's sequence left after a
    rollback) the ordinary catch-up applies everything pending, these included. With the
    aggregate and its situation `before` the command, the process row is not read either.
    """
    if not recordings:
        return
    positions = [r.notification.id for r in recordings]
    entries = [
        (r.domain_event.entry(), r.domain_event.originator_id, r.notification.id)
        for r in recordings
        if isinstance(r.domain_event, PeaceProcess.Recorded)
    ]
    if connection.vendor == "postgresql" and not any(e.type in AMENDMENTS for e, *_ in entries):
        # An amendment reads and writes as it applies, so it is applied after the claim.
        batch = _inline_batch(app, entries, process, before)
        if not _claim_and_flush(min(positions) - 1, max(positions), batch):
            catch_up(app)
        return
    if not claim(min(positions) - 1, max(positions)):
        catch_up(app)
        return
    _inline_batch(app, entries, process, before).flush()


def _inline_batch(
    app: PeaceProcesses,
    entries: list[tuple[Entry, UUID, int]],
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


def _claim_and_flush(after: int, last: int, batch: Batch) -> bool:
    """PostgreSQL: the claim and the batch's rows in one round trip (psycopg's pipeline),
    after a savepoint. If the claim did not match, the rows are rolled back to the savepoint
    (the caller then catches up); an error with the claim made fails the unit of work.
    The store's table lock, taken by the event insert just before, is held that much less.
    """
    table = connection.ops.quote_name(ProjectionPosition._meta.db_table)
    raw = connection.connection
    claim = raw.cursor()
    try:
        return _pipelined_claim(claim, table, after, last, batch)
    finally:
        claim.close()


def _pipelined_claim(claim: Any, table: str, after: int, last: int, batch: Batch) -> bool:
    try:
        with connection.connection.pipeline():
            claim.execute(f"SAVEPOINT {INLINE_SAVEPOINT}")
            claim.execute(
                f"UPDATE {table} SET position = %s WHERE name = %s AND position = %s",  # noqa: S608 - names from the models' metadata
                (last, PROJECTION, after),
            )
            batch.flush()
    except Exception:
        if claim.rowcount == 1:
            raise
    if claim.rowcount == 1:
        return True
    with connection.cursor() as cursor:
        cursor.execute(f"ROLLBACK TO SAVEPOINT {INLINE_SAVEPOINT}")
    return False
