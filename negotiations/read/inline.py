"""The inline projection (the default mode): a command's events applied to the read models
inside the command's own transaction, from memory, with the tracking position claimed.

One path on both databases, through the library's documented hook for writing other rows in
the events' own transaction (its searchable-content example writes its table the same way):

1. before the append, `rows` folds the command's events into read-model rows, from the
   aggregate in memory and its situation before the command (nothing is read);
2. the application hands them to `save(..., read_model_rows=...)`, and the recorder writes
   them with each stored event's store position: on SQLite its `_insert_events`
   (write/eventstore.py) calls `CommandRows.write` after the insert; on PostgreSQL
   (write/pgstore.py) `stage` makes them before the insert's pipeline, with the positions
   as SQL, and its `_insert_events` sends them in it, once the event table is locked;
3. they claim the tracking position from just before the first event to the last, and the
   rows are written under the claim (`claim.under_claim`): nothing if it did not take
   (on PostgreSQL the claim and the rows are one statement, two for a status change);
4. after the append, `settle` catches up from the tracking position if the claim did not take
   (events before these not applied yet: an import, an async node, the first event ever, a
   gap left by a rolled-back sequence value), these events included.

An amendment (correction, retraction) re-derives its process from the stored rows, and an
agreement event rewrites its agreement's rows whole (`agreement_rows`, not under the claim),
so their commands send no rows: `settle` applies them with the ordinary catch-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from negotiations.domain.agreement_lifecycle import AGREEMENT_TYPES
from negotiations.domain.history import AMENDMENTS, Entry, Situation
from negotiations.domain.process import PeaceProcess
from negotiations.read import projections
from negotiations.read.claim import Claim, Guard, Position, Statement, sql_of, under_claim
from negotiations.read.models import ProjectionPosition
from negotiations.read.projections import IMPORT_BATCH, PROJECTION, Batch, catch_up
from negotiations.read.rows import row_before
from negotiations.write.application import PeaceProcesses
from negotiations.write.eventstore import Computed

# The events whose rows the catch-up writes, after the append (see above).
BY_CATCH_UP = AMENDMENTS | AGREEMENT_TYPES


class ReadModelsInline:
    """The inline projection handed to the application (`runtime.Hooks.projection`)."""

    def rows(
        self, app: PeaceProcesses, process: PeaceProcess, before: Situation | None
    ) -> CommandRows | None:
        entries = [
            (event.entry(), event.originator_id, event.originator_version)
            for event in process.pending_events
            if isinstance(event, PeaceProcess.Recorded)
        ]
        if not entries or any(entry.type in BY_CATCH_UP for entry, *_ in entries):
            return None  # applied by the catch-up, after the append
        return CommandRows(app, process, before, entries)

    def settle(self, app: PeaceProcesses, rows: CommandRows | None) -> None:
        if rows is None or not rows.claimed():
            catch_up(app)

    def after_import(self, app: PeaceProcesses) -> None:
        catch_up(app, batch_size=IMPORT_BATCH)


class CommandRows:
    """A command's read-model rows, written by the recorder with its events (`write`)."""

    def __init__(
        self,
        app: PeaceProcesses,
        process: PeaceProcess,
        before: Situation | None,
        entries: list[tuple[Entry, UUID, int]],
    ) -> None:
        self.app = app
        self.process = process
        self.before = before
        self.entries = entries
        self.claim: Claim | None = None

    def write(
        self,
        stored_events: Sequence[Any],
        positions: Sequence[Position],
        unstored: Computed | None = None,
    ) -> None:
        """Claim the tracking position and write the rows under the claim (each written
        only if it took): `stage`, then send."""
        self.stage(stored_events, positions, unstored).send()

    def stage(
        self,
        stored_events: Sequence[Any],
        positions: Sequence[Position],
        unstored: Computed | None = None,
    ) -> Claim:
        """The claim and the rows, made; on PostgreSQL sent by the answer's `send` (on
        SQLite as they are made). `positions` are the stored events' store positions:
        numbers (SQLite, after the insert) or SQL computing them (PostgreSQL, before it,
        under the table's lock); `unstored`, SQL true while the insert can take
        (PostgreSQL: the claim waits for it, so that the rows never refuse what is the
        insert's to refuse)."""
        at = {
            (e.originator_id, e.originator_version): p
            for e, p in zip(stored_events, positions, strict=True)
        }
        batch = Batch(projections.store_history(self.app))
        if self.before is not None:
            batch.processes[self.process.id] = row_before(self.process, self.before)
            batch.situations[self.process.id] = self.before
        for entry, process_id, version in self.entries:
            projections.apply_entry(entry, process_id, at[(process_id, version)], batch)  # type: ignore[arg-type]  # a position the database computes
        taken = claim(positions[0], positions[-1], unstored)
        with under_claim(taken, claimed_guard(positions[-1])) as self.claim:
            batch.flush()
        return self.claim

    def claimed(self) -> bool:
        """After the append: whether the claim took (the rows went in with the events)."""
        cursor = self.claim.cursor if self.claim is not None else None
        if cursor is None:
            return False
        with cursor:
            return bool(cursor.rowcount == 1)


def claim(after_first: Position, last: Position, also: Computed | None = None) -> Statement:
    """The one claim: move the tracking position from just before `after_first` to `last`,
    if it is there (and `also` holds). One UPDATE of one row: this runs on every write."""
    table = ProjectionPosition._meta.db_table
    last_sql, last_params = sql_of(last)
    first_sql, first_params = sql_of(after_first)
    also_sql, also_params = (f" AND {also.sql}", also.params) if also else ("", ())
    return Statement(
        f"UPDATE {quoted(table)} SET position = {last_sql} "  # noqa: S608 - names from the models' metadata
        f"WHERE name = %s AND position = {first_sql} - 1{also_sql}",
        (*last_params, PROJECTION, *first_params, *also_params),
    )


def claimed_guard(last: Position) -> Guard:
    """True once the claim moved the tracking position to the command's last event."""
    table = ProjectionPosition._meta.db_table
    last_sql, last_params = sql_of(last)
    return Guard(
        f"EXISTS (SELECT 1 FROM {quoted(table)} WHERE name = %s AND position = {last_sql})",  # noqa: S608 - as above
        (PROJECTION, *last_params),
    )


def quoted(name: str) -> str:
    from django.db import connection

    return str(connection.ops.quote_name(name))
