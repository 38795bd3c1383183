"""Events to read models, exactly once: the only code that writes read models.

Each batch of events is applied in one database transaction that also moves the tracking
position, so a crash anywhere leaves either the whole batch applied or none of it.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import Any
from uuid import UUID

from django.db import IntegrityError, connection, transaction
from django.db.models import Max

from negotiations.domain.change_log import amendment_rows, recorded_row
from negotiations.domain.entries import close_period
from negotiations.domain.history import (
    AMENDMENTS,
    Entry,
    Period,
    Situation,
    replay,
)
from negotiations.domain.registry import OPENING, PARTICIPATION_EVENTS
from negotiations.read.agreement_rows import AgreementChanges, replace_agreements
from negotiations.read.models import (
    Participant,
    Process,
    ProjectionPosition,
    StatusChange,
    StatusPeriod,
    Tally,
    TimelineEntry,
)
from negotiations.read.rows import (
    LOG_COLUMNS,
    PARTICIPANT_COLUMNS,
    PERIOD_COLUMNS,
    PROCESS_INSERT_COLUMNS,
    PROCESS_UPDATE_COLUMNS,
    OpenPeriod,
    insert_timeline,
    log_row,
    log_values,
    new_process_values,
    participant_values,
    period_row,
    period_values,
    process_values,
    situation_from_row,
    timeline_row,
    timeline_values,
    view_fields,
    write_participants,
    write_situation,
)
from negotiations.read.rowwriter import delete_rows, insert_rows, run_guarded, update_rows
from negotiations.read.store_reads import Decoded, Read, decoded, select
from negotiations.write.application import PeaceProcesses
from negotiations.write.records import jsonable

# The entries of a process up to a version (an amendment re-derives its process from them).
History = Callable[[UUID, int], list[Entry]]

PROJECTION = "read_models"


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
        # a process whose last period is stored already has it closed in `closes`.
        self.periods: list[tuple[UUID, Period]] = []
        self.open_periods: dict[UUID, Period] = {}
        self.closes: dict[UUID, OpenPeriod] = {}
        self.participants: dict[UUID, Process] = {}
        self.status_log: list[tuple[Any, ...]] = []
        # Each touched process's situation, kept live between its events and written to its
        # row at the flush (not converted from and to the row at every event).
        self.situations: dict[UUID, Situation] = {}
        self.agreement_changes = AgreementChanges()

    def situation(self, process_id: UUID) -> Situation:
        situation = self.situations.get(process_id)
        if situation is None:
            situation = situation_from_row(self.process(process_id))
            self.situations[process_id] = situation
            self.agreement_changes.unread.add(process_id)
        return situation

    def process(self, process_id: UUID) -> Process:
        process = self.processes.get(process_id)
        if process is None:
            process = self.processes[process_id] = Process.objects.get(id=process_id)
        return process

    def apply(self, entry: Entry, process_id: UUID, position: int) -> None:
        if entry.type == OPENING:
            situation = Situation()
            period = situation.apply(entry)
            if period is None:  # an opening always starts the planned period
                raise RuntimeError(f"No period from {entry.type} #{entry.sequence}.")
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
            self.timeline.append(timeline_values(process_id, entry, position))
            self.periods.append((process_id, period))
            self.open_periods[process_id] = period
            self.participants[process_id] = process
            return
        if entry.type in AMENDMENTS:
            self.flush()
            process = Process.objects.get(id=process_id)
            timeline_row(process, entry, position).save(force_insert=True)
            process.updated_at = entry.recorded_at
            if self.history is None:
                raise RuntimeError("An amendment needs the history from the store.")
            _refresh_whole_process(
                process, entry, position, self.history(process_id, entry.sequence)
            )
            self.__init__(self.history)  # type: ignore[misc]  # reset: the stored rows are the state now
            return
        process = self.process(process_id)
        self.timeline.append(timeline_values(process_id, entry, position))
        process.updated_at = entry.recorded_at
        situation = self.situation(process_id)
        # The last period as stored: begun by the latest status change, on its effective day
        # (the planned period, which no change has followed, on the opening's date).
        sequence, started = situation.status_sequence, situation.latest_change_on
        started = started or situation.opened_on
        self.agreement_changes.before(entry, process, situation)
        period = situation.apply(entry)
        situation.version = entry.sequence
        self.agreement_changes.after(entry, process_id)
        self.dirty[process_id] = process
        if period is not None:
            last = self.open_periods.get(process_id)
            if last is not None:
                close_period(last, period.starts_on)
            elif started is not None:
                # Stored already: closed here by the domain's rule, and stored as decided.
                stored = self.closes[process_id] = OpenPeriod(sequence, started)
                close_period(stored, period.starts_on)
            self.periods.append((process_id, period))
            self.open_periods[process_id] = period
            self.status_log.append(log_values(process_id, recorded_row(period), position))
        if entry.type in PARTICIPATION_EVENTS:
            self.participants[process_id] = process

    def flush(self) -> None:
        """Write what is gathered (inside the caller's transaction; under its guard, if any:
        `claim.under_claim`)."""
        new_ids = {p.id for p in self.new}
        insert_rows(
            Process,
            PROCESS_INSERT_COLUMNS,
            [new_process_values(p, self.situations[p.id]) for p in self.new],
        )
        update_rows(
            Process,
            PROCESS_UPDATE_COLUMNS,
            ("id",),
            [
                process_values(process, self.situations[process_id])
                for process_id, process in self.dirty.items()
                if process_id not in new_ids
            ],
        )
        insert_timeline(self.timeline)
        update_rows(
            StatusPeriod,
            ("ends_on", "starts_on"),
            ("process_id", "sequence"),
            [(p.ends_on, p.starts_on, pid, p.sequence) for pid, p in self.closes.items()],
        )
        insert_rows(
            StatusPeriod,
            PERIOD_COLUMNS,
            [period_values(process_id, p) for process_id, p in self.periods],
        )
        insert_rows(StatusChange, LOG_COLUMNS, self.status_log)
        # Participants of every process touched, rewritten whole: two statements a batch.
        delete_rows(Participant, "process_id", [p for p in self.participants if p not in new_ids])
        insert_rows(
            Participant,
            PARTICIPANT_COLUMNS,
            [
                row
                for pid in self.participants
                for row in participant_values(pid, self.situations[pid])
            ],
        )
        self.agreement_changes.write(self.situations)
        if self.new:  # last: the tally's row is shared by the parallel load's parts
            _add_to_tally(Tally.PROCESSES, len(self.new))
        # The process rows stay the state for the next events.
        self.new, self.dirty, self.timeline, self.periods = [], {}, [], []
        self.open_periods, self.closes, self.participants = {}, {}, {}
        self.status_log = []


def _add_to_tally(name: str, n: int) -> None:
    """Add `n` to a tally, creating it at `n`: one upsert, which needs no row count (a
    pipelined statement has none until the pipeline ends)."""
    table = connection.ops.quote_name(Tally._meta.db_table)
    run_guarded(
        f"INSERT INTO {table} (name, value) SELECT %s, CAST(%s AS BIGINT) {{where}} "  # noqa: S608 - names from the models' metadata
        f"ON CONFLICT (name) DO UPDATE SET value = {table}.value + excluded.value",
        (name, n),
    )


def apply_entry(entry: Entry, process_id: UUID, position: int, batch: Batch) -> None:
    """Apply one event to the read models, gathered into `batch` (written by its flush)."""
    batch.apply(entry, process_id, position)


def apply_all(events: Decoded, batch: Batch) -> None:
    """Apply a read's decoded events in their order, gathered into `batch`."""
    for position, entry, process_id in events:
        apply_entry(entry, process_id, position, batch)


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
        fields = view_fields(view)
        if any(getattr(row, k) != v for k, v in fields.items()):
            TimelineEntry.objects.filter(pk=row.pk).update(**fields)
    write_situation(process, result.situation)
    process.save()
    StatusPeriod.objects.filter(process=process).delete()
    StatusPeriod.objects.bulk_create([period_row(process, p) for p in result.periods])
    after = [replace(p, causes=jsonable(p.causes)) for p in result.periods]
    StatusChange.objects.bulk_create(
        [log_row(process, r, position) for r in amendment_rows(before, after, amendment)]
    )
    write_participants(process, result.situation)
    replace_agreements(process.id, result.situation.agreements, amendment.recorded_at)


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

# An import's events are applied in the rebuild's batches, not catch_up's default of 500: per
# batch a few statements, one UPDATE per process touched and one commit (a file interleaving
# 100 processes: 88 us of CPU an event at 500, 58 at 5,000, on SQLite). Writers projecting
# inline wait for the tracking position a batch at a time (~0.3 s) while they are applied.
IMPORT_BATCH = 5000


def catch_up(
    app: PeaceProcesses,
    *,
    batch_size: int = 500,
    max_batches: int | None = None,
    on_batch: Callable[[int], None] | None = None,
    read_ahead: bool = False,
) -> int:
    """Apply every event not yet applied; return how many were applied.

    The processes' rows and situations carry over from one batch to the next (not read
    again) while no one else has moved the tracking position in between, and while they
    are fewer than `CARRIED_PROCESSES` (memory stays flat however long the store).

    With `read_ahead` (the rebuild's load), the next batch's events are read from the store
    before this one's are applied, and decoded in a thread of their own while this one's
    are applied and written: the decoding then overlaps the database's work (the GIL is
    released while a statement or a commit runs). The store is read on this thread (an
    in-memory SQLite store is one connection's). They are used only if the next batch
    starts where the read began; otherwise, or at the head of the store, it reads again.
    """
    applied = batches = 0
    batch: Batch | None = None
    applied_up_to: int | None = None
    pool = (
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="read-ahead") if read_ahead else None
    )
    ahead: tuple[int, Future[Read]] | None = None
    try:
        while max_batches is None or batches < max_batches:
            with transaction.atomic():
                tracking, _ = ProjectionPosition.objects.select_for_update().get_or_create(
                    name=PROJECTION
                )
                start = tracking.position + 1
                read: Read | None = None
                if ahead is not None:
                    ahead_start, future = ahead
                    ahead = None
                    read = future.result()
                    if ahead_start != start or not read.count:
                        read = None  # moved by someone else, or the head then: read again
                if read is None:
                    read = decoded(select(app, start, batch_size), start, app)
                if not read.count:
                    return applied
                if _last_applied() >= read.first:
                    # A stale tracking position: refuse the batch as the timeline's unique
                    # position would, before any of it is applied again.
                    raise IntegrityError("Events from this position are applied already.")
                if pool is not None and (max_batches is None or batches + 1 < max_batches):
                    following = read.last + 1
                    selected = select(app, following, batch_size)
                    ahead = (following, pool.submit(decoded, selected, following, app))
                if (
                    batch is None
                    or tracking.position != applied_up_to
                    or len(batch.processes) > CARRIED_PROCESSES
                ):
                    batch = Batch(store_history(app))
                apply_all(read.decoded, batch)
                batch.flush()
                applied_up_to = tracking.position = read.last
                tracking.save(update_fields=["position"])
            applied += read.count
            batches += 1
            if on_batch:
                on_batch(read.count)
        return applied
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _last_applied() -> int:
    """The highest position in the timeline (0 if empty): one step down the unique index's
    end. (`position >= n` with EXISTS was planned as a sequential scan on PostgreSQL while
    the table had no statistics, as during a rebuild: a scan of the whole table per batch.)"""
    return TimelineEntry.objects.aggregate(last=Max("position"))["last"] or 0
