"""Events to read models, exactly once: the only code that writes read models.

Each batch of events is applied in one database transaction that also moves the tracking
position, so a crash anywhere leaves either the whole batch applied or none of it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields as dataclass_fields
from dataclasses import replace
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import F

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
    """Insert new timeline rows without the ORM's per-field preparation: COPY on PostgreSQL,
    one executemany of adapted values on SQLite."""
    if not rows:
        return
    from django.db import connection

    table = connection.ops.quote_name(TimelineEntry._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in TIMELINE_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        ops = connection.ops
        adapted = [
            (
                r[0],
                r[1].hex,
                r[2],
                r[3],
                ops.adapt_datefield_value(r[4]),
                r[5],
                ops.adapt_datetimefield_value(r[6]),
                *r[7:],
            )
            for r in rows
        ]
        marks = ", ".join(["%s"] * len(TIMELINE_COLUMNS))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", adapted)


class Batch:
    """The read-model writes of a batch of events, gathered in memory and written at the end
    in bulk: one INSERT per table for the new rows, one UPDATE per process touched.

    Each event is applied exactly as on its own (the same functions, the process row as the
    state between events), so a batch of any size leaves the same rows; only the number of
    statements changes. An amendment writes what is gathered first and then re-derives its
    process from the stored rows, as it always has.
    """

    def __init__(self, history: History | None = None) -> None:
        self.history = history
        self.processes: dict[UUID, Process] = {}
        self.new: list[Process] = []
        self.dirty: dict[UUID, Process] = {}
        self.timeline: list[tuple[Any, ...]] = []
        self.periods: list[StatusPeriod] = []
        self.last_period: dict[UUID, StatusPeriod | None] = {}
        self.period_updates: dict[int, StatusPeriod] = {}
        self.participants: dict[UUID, Process] = {}
        self.status_log: list[StatusChange] = []
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
            row = _period_row(process, period)
            self.periods.append(row)
            self.last_period[process_id] = row
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
            last = self._last_period(process)
            if last is not None:
                close_period(last, period.starts_on)
                if last.pk is not None:
                    self.period_updates[last.pk] = last
            row = _period_row(process, period)
            self.periods.append(row)
            self.last_period[process_id] = row
            self.status_log.append(_log_row(process, recorded_row(period), position))
        if entry.type in PARTICIPATION_EVENTS:
            self.participants[process_id] = process

    def _last_period(self, process: Process) -> StatusPeriod | None:
        if process.id not in self.last_period:
            self.last_period[process.id] = (
                StatusPeriod.objects.filter(process=process).order_by("-sequence").first()
            )
        return self.last_period[process.id]

    def flush(self) -> None:
        """Write what is gathered (inside the caller's transaction)."""
        new_ids = {p.id for p in self.new}
        for process_id in [*new_ids, *self.dirty]:
            _write_situation(self.processes[process_id], self.situations[process_id])
        Process.objects.bulk_create(self.new)
        if self.new:
            _add_to_tally(Tally.PROCESSES, len(self.new))
        for process_id, process in self.dirty.items():
            if process_id not in new_ids:
                process.save()
        _insert_timeline(self.timeline)
        for pk, last in self.period_updates.items():
            StatusPeriod.objects.filter(pk=pk).update(
                ends_on=last.ends_on, starts_on=last.starts_on
            )
        StatusPeriod.objects.bulk_create(self.periods, batch_size=500)
        StatusChange.objects.bulk_create(self.status_log, batch_size=500)
        for process_id, process in self.participants.items():
            situation = self.situations[process_id]
            if process_id in new_ids:
                _insert_participants(process, situation)
            else:
                _write_participants(process, situation)
        # What was new is stored now; the process rows stay the state for the next events.
        for process in self.new:
            process._state.adding = False
        self.new, self.dirty, self.timeline, self.periods = [], {}, [], []
        self.period_updates, self.participants = {}, {}
        self.status_log = []
        self.last_period = {k: v for k, v in self.last_period.items() if v is None or v.pk}


def _add_to_tally(name: str, n: int) -> None:
    if not Tally.objects.filter(name=name).update(value=F("value") + n):
        Tally.objects.create(name=name, value=n)


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


def catch_up(
    app: PeaceProcesses,
    *,
    batch_size: int = 500,
    max_batches: int | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Apply every event not yet applied; return how many were applied."""
    applied = batches = 0
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
            batch = Batch(store_history(app))
            for notification in notifications:
                event = app.mapper.to_domain_event(notification)
                if isinstance(event, PeaceProcess.Recorded):
                    apply_entry(event.entry(), event.originator_id, notification.id, batch)
            batch.flush()
            tracking.position = notifications[-1].id
            tracking.save(update_fields=["position"])
        applied += len(notifications)
        batches += 1
        if on_batch:
            on_batch(len(notifications))
    return applied


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
    claimed = ProjectionPosition.objects.filter(
        name=PROJECTION, position=min(positions) - 1
    ).update(position=max(positions))
    if not claimed:
        catch_up(app)
        return
    batch = Batch(store_history(app))
    if process is not None and before is not None:
        batch.processes[process.id] = _row_before(process, before)
        batch.situations[process.id] = before
    for recording in recordings:
        event = recording.domain_event
        if isinstance(event, PeaceProcess.Recorded):
            apply_entry(event.entry(), event.originator_id, recording.notification.id, batch)
    batch.flush()


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
