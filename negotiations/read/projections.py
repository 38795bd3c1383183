"""Events to read models, exactly once: the only code that writes read models.

Each batch of events is applied in one database transaction that also moves the tracking
position, so a crash anywhere leaves either the whole batch applied or none of it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields as dataclass_fields
from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

from django.db import IntegrityError, connection, transaction

from negotiations.domain.change_log import LogRow, amendment_rows, recorded_row
from negotiations.domain.history import (
    AMENDMENTS,
    Entry,
    Period,
    Situation,
    View,
    close_period,
    replay,
)
from negotiations.domain.process import PeaceProcess
from negotiations.domain.vocabulary import EventType as E
from negotiations.read.models import (
    Participant,
    Process,
    ProjectionPosition,
    StatusChange,
    StatusPeriod,
    Tally,
    TimelineEntry,
)
from negotiations.read.rowwriter import insert_rows, update_rows
from negotiations.write.application import PeaceProcesses
from negotiations.write.records import RecordTimeEncoder, jsonable

# The entries of a process up to a version (an amendment re-derives its process from them).
History = Callable[[UUID, int], list[Entry]]

PROJECTION = "read_models"
PARTICIPATION_EVENTS = frozenset(
    {E.PARTY_JOINED, E.PARTY_WITHDREW, E.MEDIATOR_APPOINTED, E.MEDIATOR_STEPPED_DOWN}
)


# Fields the process summary row and the domain's Situation share under the same name.
SITUATION_FIELDS = (
    "version",
    "name",
    "slug",
    "conflict",
    "description",
    "opened_on",
    "status",
    "status_since",
    "status_sequence",
    "expected_resumption_on",
    "latest_change_on",
    "last_event_on",
    "opened_on_precision",
    "status_since_precision",
    "latest_change_precision",
    "last_event_on_precision",
)


def situation_from_row(process: Process) -> Situation:
    return Situation(
        **{name: getattr(process, name) for name in SITUATION_FIELDS},
        status_causes=process.status_causes,
        mediators=list(process.mediators),
        parties={p["actor"]: p["participation"] for p in process.parties},
    )


def _write_situation(process: Process, s: Situation) -> None:
    for name in SITUATION_FIELDS:
        setattr(process, name, getattr(s, name))
    process.status_causes = jsonable(s.status_causes)
    process.mediators = list(s.mediators)
    process.parties = [{"actor": a, "participation": p} for a, p in s.parties.items()]


def _write_participants(process: Process, s: Situation) -> None:
    Participant.objects.filter(process=process).delete()
    _insert_participants(process, s)


def _insert_participants(process: Process, s: Situation) -> None:
    Participant.objects.bulk_create(
        [Participant(process=process, actor_slug=m, role="mediator") for m in s.mediators]
        + [
            Participant(process=process, actor_slug=a, role="party", participation=p)
            for a, p in s.parties.items()
        ]
    )


PARTICIPANT_COLUMNS = ("process_id", "actor_slug", "role", "participation")


def _participant_values(process_id: UUID, s: Situation) -> list[tuple[Any, ...]]:
    """The rows `_insert_participants` writes, as plain values."""
    return [(process_id, m, "mediator", "active") for m in s.mediators] + [
        (process_id, a, "party", p) for a, p in s.parties.items()
    ]


def _shallow(record: Any) -> dict[str, Any]:
    """A dataclass's fields, causes as stored (dataclasses.asdict deep-copies every value)."""
    fields = {f.name: getattr(record, f.name) for f in dataclass_fields(record)}
    fields["causes"] = jsonable(fields["causes"])
    return fields


def _period_row(process: Process, p: Period) -> StatusPeriod:
    return StatusPeriod(process=process, **_shallow(p))


def _log_row(process: Process, row: LogRow, position: int) -> StatusChange:
    return StatusChange(process=process, position=position, **_shallow(row))


def _view_fields(view: View) -> dict[str, Any]:
    return {
        "current": jsonable(view.values),
        "corrections": jsonable(view.corrections),
        "retraction": jsonable(view.retraction),
        "occurred_on": view.values.get("occurred_on"),
        "date_precision": view.values.get("date_precision", "day"),
    }


def summary_row(process: PeaceProcess) -> Process:
    """The summary row the projection writes for a process, built in memory from the
    aggregate (a command's answer is this, not a read of the read model)."""
    row = Process(
        id=process.id,
        slug=process.situation.slug,
        created_at=process.created_on,
        updated_at=process.modified_on,
        version=process.version,
    )
    _write_situation(row, process.situation)
    return row


def _row_before(process: PeaceProcess, before: Situation) -> Process:
    """The stored summary row of a process as it was before a command (what the read model
    holds, since every earlier event is applied), rebuilt from the domain's situation."""
    row = Process(
        id=process.id,
        slug=before.slug,
        created_at=process.created_on,
        updated_at=process.created_on,
        version=before.version,
    )
    _write_situation(row, before)
    row._state.adding = False
    return row


def timeline_row(process: Process, entry: Entry, position: int | None) -> TimelineEntry:
    """The timeline row the projection writes for an event just recorded (in memory)."""
    return _timeline_row(process, entry, position)


def _timeline_row(process: Process, entry: Entry, position: int | None) -> TimelineEntry:
    amendment = entry.type in AMENDMENTS
    values = jsonable(entry.values)
    return TimelineEntry(
        position=position,
        process=process,
        sequence=entry.sequence,
        type=entry.type,
        occurred_on=entry.occurred_on,
        date_precision=entry.values.get("date_precision", "day"),
        recorded_at=entry.recorded_at,
        recorded_by=entry.recorded_by,
        recorded=values,
        current=None if amendment else values,
    )


def _timeline_values(process_id: UUID, entry: Entry, position: int) -> tuple[Any, ...]:
    """A new timeline row as the fast writer takes it: the columns of `TIMELINE_COLUMNS`, the
    event's values encoded to JSON once (the ORM would encode, decode and encode again)."""
    recorded = json.dumps(entry.values, cls=RecordTimeEncoder)
    return (
        position,
        process_id,
        entry.sequence,
        entry.type,
        entry.occurred_on,
        entry.values.get("date_precision", "day"),
        entry.recorded_at,
        entry.recorded_by,
        recorded,
        None if entry.type in AMENDMENTS else recorded,
        "[]",
        None,
    )


TIMELINE_COLUMNS = (
    "position",
    "process_id",
    "sequence",
    "type",
    "occurred_on",
    "date_precision",
    "recorded_at",
    "recorded_by",
    "recorded",
    "current",
    "corrections",
    "retraction",
)


def _insert_timeline(rows: list[tuple[Any, ...]]) -> None:
    """Insert new timeline rows without the ORM's per-field preparation."""
    insert_rows(TimelineEntry, TIMELINE_COLUMNS, rows)


PERIOD_COLUMNS = (
    "process_id",
    "sequence",
    "from_status",
    "status",
    "starts_on",
    "ends_on",
    "occurred_on",
    "date_precision",
    "causes",
    "expected_resumption_on",
    "recorded_at",
)
LOG_COLUMNS = (
    "position",
    "process_id",
    "kind",
    "sequence",
    "amends",
    "reason",
    "from_status",
    "to_status",
    "occurred_on",
    "date_precision",
    "causes",
    "expected_resumption_on",
    "recorded_at",
)
# The process row's columns a later event may change (its id, slug and creation never do).
PROCESS_UPDATE_COLUMNS = (
    *SITUATION_FIELDS,
    "status_causes",
    "mediators",
    "parties",
    "updated_at",
)


def _period_values(process_id: UUID, p: Period) -> tuple[Any, ...]:
    return (
        process_id,
        p.sequence,
        p.from_status,
        p.status,
        p.starts_on,
        p.ends_on,
        p.occurred_on,
        p.date_precision,
        json.dumps(p.causes, cls=RecordTimeEncoder),
        p.expected_resumption_on,
        p.recorded_at,
    )


def _log_values(process_id: UUID, row: LogRow, position: int) -> tuple[Any, ...]:
    return (
        position,
        process_id,
        row.kind,
        row.sequence,
        row.amends,
        row.reason,
        row.from_status,
        row.to_status,
        row.occurred_on,
        row.date_precision,
        json.dumps(row.causes, cls=RecordTimeEncoder),
        row.expected_resumption_on,
        row.recorded_at,
    )


def _process_values(process: Process, s: Situation) -> tuple[Any, ...]:
    """The UPDATE of a process row from its situation (then its id, the key)."""
    return (
        *(getattr(s, name) for name in SITUATION_FIELDS),
        json.dumps(s.status_causes, cls=RecordTimeEncoder),
        json.dumps(list(s.mediators)),
        json.dumps([{"actor": a, "participation": p} for a, p in s.parties.items()]),
        process.updated_at,
        process.id,
    )


def _close_last_periods(closes: dict[UUID, date]) -> None:
    """End each process's last stored period where its next one starts (and let it start no
    later than that): keyed by (process, its highest sequence), nothing read first."""
    period = connection.ops.quote_name(StatusPeriod._meta.db_table)
    update_rows(
        StatusPeriod,
        ("ends_on", "starts_on", "starts_on", "process_id", "process_id"),
        (),
        [(day, day, day, pid, pid) for pid, day in closes.items()],
        assignments=(
            "ends_on = %s",
            # domain.history.close_period, as a statement keyed by (process, last sequence)
            "starts_on = CASE WHEN starts_on > %s THEN %s ELSE starts_on END",
        ),
        where=(
            f"process_id = %s AND sequence = (SELECT MAX(p.sequence) FROM {period} p "
            "WHERE p.process_id = %s)"
        ),
    )


class Batch:
    """The read-model writes of a batch of events, gathered in memory and written at the end
    in bulk: one statement per table for the new rows (COPY on PostgreSQL, executemany on
    SQLite, values encoded once), one UPDATE per process touched.

    Each event is applied exactly as on its own (the same functions, the process's situation
    as the state between events), so a batch of any size leaves the same rows; only the
    number of statements changes. An amendment writes what is gathered first and then
    re-derives its process from the stored rows, as it always has.
    """

    def __init__(self, history: History | None = None) -> None:
        self.history = history
        self.processes: dict[UUID, Process] = {}
        self.new: list[Process] = []
        self.dirty: dict[UUID, Process] = {}
        self.timeline: list[tuple[Any, ...]] = []
        # New periods (process id, period) and, per process, its last one while unwritten;
        # a process whose last period is stored already has it closed by `closes`.
        self.periods: list[tuple[UUID, Period]] = []
        self.open_periods: dict[UUID, Period] = {}
        self.closes: dict[UUID, date] = {}
        self.participants: dict[UUID, Process] = {}
        self.status_log: list[tuple[Any, ...]] = []
        # Each touched process's situation, kept live between its events and written to its
        # row at the flush (not converted from and to the row at every event).
        self.situations: dict[UUID, Situation] = {}

    def situation(self, process_id: UUID) -> Situation:
        situation = self.situations.get(process_id)
        if situation is None:
            situation = situation_from_row(self.process(process_id))
            self.situations[process_id] = situation
        return situation

    def process(self, process_id: UUID) -> Process:
        process = self.processes.get(process_id)
        if process is None:
            process = self.processes[process_id] = Process.objects.get(id=process_id)
        return process

    def apply(self, entry: Entry, process_id: UUID, position: int) -> None:
        if entry.type == E.PROCESS_OPENED:
            situation = Situation()
            period = situation.apply(entry)
            process = Process(
                id=process_id,
                slug=entry.values["slug"],
                created_at=entry.recorded_at,
                updated_at=entry.recorded_at,
                version=1,
            )
            self.processes[process_id] = process
            self.situations[process_id] = situation
            self.new.append(process)
            self.timeline.append(_timeline_values(process_id, entry, position))
            self.periods.append((process_id, period))
            self.open_periods[process_id] = period
            self.participants[process_id] = process
            return
        if entry.type in AMENDMENTS:
            self.flush()
            process = Process.objects.get(id=process_id)
            _timeline_row(process, entry, position).save(force_insert=True)
            process.updated_at = entry.recorded_at
            if self.history is None:
                raise RuntimeError("An amendment needs the history from the store.")
            _refresh_whole_process(
                process, entry, position, self.history(process_id, entry.sequence)
            )
            self.__init__(self.history)  # the stored rows are the state now
            return
        process = self.process(process_id)
        self.timeline.append(_timeline_values(process_id, entry, position))
        process.updated_at = entry.recorded_at
        situation = self.situation(process_id)
        period = situation.apply(entry)
        situation.version = entry.sequence
        self.dirty[process_id] = process
        if period is not None:
            last = self.open_periods.get(process_id)
            if last is not None:
                close_period(last, period.starts_on)
            else:
                self.closes[process_id] = period.starts_on
            self.periods.append((process_id, period))
            self.open_periods[process_id] = period
            self.status_log.append(_log_values(process_id, recorded_row(period), position))
        if entry.type in PARTICIPATION_EVENTS:
            self.participants[process_id] = process

    def flush(self) -> None:
        """Write what is gathered (inside the caller's transaction)."""
        new_ids = {p.id for p in self.new}
        for process in self.new:
            _write_situation(process, self.situations[process.id])
        if self.new:
            Process.objects.bulk_create(self.new)
            _add_to_tally(Tally.PROCESSES, len(self.new))
        update_rows(
            Process,
            PROCESS_UPDATE_COLUMNS,
            ("id",),
            [
                _process_values(process, self.situations[process_id])
                for process_id, process in self.dirty.items()
                if process_id not in new_ids
            ],
        )
        _insert_timeline(self.timeline)
        _close_last_periods(self.closes)
        insert_rows(
            StatusPeriod,
            PERIOD_COLUMNS,
            [_period_values(process_id, p) for process_id, p in self.periods],
        )
        insert_rows(StatusChange, LOG_COLUMNS, self.status_log)
        # Participants of every process touched, rewritten whole: two statements a batch.
        stored = [pid for pid in self.participants if pid not in new_ids]
        if stored:
            Participant.objects.filter(process_id__in=stored).delete()
        insert_rows(
            Participant,
            PARTICIPANT_COLUMNS,
            [
                row
                for pid in self.participants
                for row in _participant_values(pid, self.situations[pid])
            ],
        )
        # What was new is stored now; the process rows stay the state for the next events.
        for process in self.new:
            process._state.adding = False
        self.new, self.dirty, self.timeline, self.periods = [], {}, [], []
        self.open_periods, self.closes, self.participants = {}, {}, {}
        self.status_log = []


def _add_to_tally(name: str, n: int) -> None:
    """Add `n` to a tally, creating it at `n`: one upsert, which needs no row count (a
    pipelined statement has none until the pipeline ends)."""
    table = connection.ops.quote_name(Tally._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (name, value) VALUES (%s, %s) "
            f"ON CONFLICT (name) DO UPDATE SET value = {table}.value + excluded.value",
            (name, n),
        )


def apply_entry(entry: Entry, process_id: UUID, position: int, batch: Batch) -> None:
    """Apply one event to the read models, gathered into `batch` (written by its flush)."""
    batch.apply(entry, process_id, position)


def _refresh_whole_process(
    process: Process, amendment: Entry, position: int, entries: list[Entry]
) -> None:
    """After a correction or retraction, derive everything again from the raw history (the
    stored events as recorded, never validated again), and log each status change it
    removed or changed."""
    before = list(StatusPeriod.objects.filter(process=process).order_by("sequence"))
    rows = list(TimelineEntry.objects.filter(process=process).order_by("sequence"))
    result = replay(entries)
    for row in rows:
        view = result.views.get(row.sequence)
        if view is None:
            continue
        fields = _view_fields(view)
        if any(getattr(row, k) != v for k, v in fields.items()):
            TimelineEntry.objects.filter(pk=row.pk).update(**fields)
    _write_situation(process, result.situation)
    process.save()
    StatusPeriod.objects.filter(process=process).delete()
    StatusPeriod.objects.bulk_create([_period_row(process, p) for p in result.periods])
    after = [replace(p, causes=jsonable(p.causes)) for p in result.periods]
    StatusChange.objects.bulk_create(
        [_log_row(process, r, position) for r in amendment_rows(before, after, amendment)]
    )
    _write_participants(process, result.situation)


def pending(app: PeaceProcesses) -> int:
    position = (
        ProjectionPosition.objects.filter(name=PROJECTION)
        .values_list("position", flat=True)
        .first()
        or 0
    )
    return max(0, app.recorder.max_notification_id() or 0) - position


def store_history(app: PeaceProcesses) -> History:
    """The entries of a process up to a version, read from the event store."""
    return lambda process_id, version: app.get_process_at(process_id, version).entries


CARRIED_PROCESSES = 5000


def catch_up(
    app: PeaceProcesses,
    *,
    batch_size: int = 500,
    max_batches: int | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Apply every event not yet applied; return how many were applied.

    The processes' rows and situations carry over from one batch to the next (not read
    again) while no one else has moved the tracking position in between, and while they
    are fewer than `CARRIED_PROCESSES` (memory stays flat however long the store).
    """
    applied = batches = 0
    batch: Batch | None = None
    applied_up_to: int | None = None
    while max_batches is None or batches < max_batches:
        with transaction.atomic():
            tracking, _ = ProjectionPosition.objects.select_for_update().get_or_create(
                name=PROJECTION
            )
            notifications = app.recorder.select_notifications(
                start=tracking.position + 1, limit=batch_size
            )
            if not notifications:
                return applied
            if TimelineEntry.objects.filter(position__gte=notifications[0].id).exists():
                # A stale tracking position: refuse the batch as the timeline's unique
                # position would, before any of it is applied again.
                raise IntegrityError("Events from this position are applied already.")
            if (
                batch is None
                or tracking.position != applied_up_to
                or len(batch.processes) > CARRIED_PROCESSES
            ):
                batch = Batch(store_history(app))
            for notification in notifications:
                event = app.mapper.to_domain_event(notification)
                if isinstance(event, PeaceProcess.Recorded):
                    apply_entry(event.entry(), event.originator_id, notification.id, batch)
            batch.flush()
            applied_up_to = tracking.position = notifications[-1].id
            tracking.save(update_fields=["position"])
        applied += len(notifications)
        batches += 1
        if on_batch:
            on_batch(len(notifications))
    return applied


def _claim(after: int, last: int) -> bool:
    """Move the tracking position from `after` to `last`, if it is at `after` (one plain
    UPDATE: this runs on every write)."""
    table = connection.ops.quote_name(ProjectionPosition._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET position = %s WHERE name = %s AND position = %s",
            (last, PROJECTION, after),
        )
        return cursor.rowcount == 1


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
    if not _claim(min(positions) - 1, max(positions)):
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
        batch.processes[process.id] = _row_before(process, before)
        batch.situations[process.id] = before
    for entry, process_id, position in entries:
        apply_entry(entry, process_id, position, batch)
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
                f"UPDATE {table} SET position = %s WHERE name = %s AND position = %s",
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


def wipe_read_models() -> None:
    """Empty every read model and the tracking position (rebuild starts from here)."""
    with transaction.atomic():
        for model in (
            StatusChange,
            StatusPeriod,
            TimelineEntry,
            Participant,
            Process,
            ProjectionPosition,
            Tally,
        ):
            model.objects.all().delete()


# Row order for a stable checksum; `id`s of rows other than processes are store-local.
CHECKSUM_ORDER = {
    Process: ["id"],
    Participant: ["process_id", "role", "actor_slug"],
    TimelineEntry: ["process_id", "sequence"],
    StatusPeriod: ["process_id", "sequence"],
    Tally: ["name"],
    StatusChange: ["process_id", "sequence", "amends"],
}


def rows_checksum(*, positions: bool = True) -> str:
    """A digest over every read-model row, to compare two builds of the read models.

    Without `positions`, the store positions are left out: two stores holding the same
    histories (say, SQLite and the PostgreSQL it was migrated to) then give the same digest.
    """
    import hashlib

    digest = hashlib.sha256()
    for model, order in CHECKSUM_ORDER.items():
        skip = {"id"} if model is not Process else set()
        if not positions:
            skip.add("position")
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in skip]
        for row in model.objects.order_by(*order).values_list(*fields):
            digest.update(json.dumps(row, cls=RecordTimeEncoder, sort_keys=True).encode())
    return digest.hexdigest()
