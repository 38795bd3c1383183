"""The write side: the only code that appends events. One method per command."""

from __future__ import annotations

import copy
import hashlib
import json
import random
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Transcoding

from negotiations.domain.errors import (
    DomainError,
    DuplicateProcess,
    IdempotencyConflict,
    InvalidEvent,
    ProcessNotFound,
    VersionConflict,
)
from negotiations.domain.history import Entry, Situation
from negotiations.domain.process import PeaceProcess, process_id_for
from negotiations.domain.specs import parse_body, referenced_actors, refuse_impossible
from negotiations.domain.vocabulary import EventType as E

RECEIPT_NAMESPACE = uuid.UUID("0b7e2f7e-5a7d-4b8e-8f3e-7f4f1d2a9c30")
# Without an expected version a writer that loses a race reloads and appends after the
# winner; under heavy contention it may lose several times in a row.
WRITE_RETRIES = 50


class DateAsISO(Transcoding):
    type = date
    name = "date"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class CommandReceipt(Aggregate):
    """Proof that a command with an idempotency key ran: saved atomically with its events,
    so the event store's own uniqueness makes a repeated key impossible to record twice."""

    class_version = 1

    class Issued(Aggregate.Created):
        class_version = 1
        user: str
        key: str
        fingerprint: str
        process_id: UUID
        sequence: int

    def __init__(
        self, user: str, key: str, fingerprint: str, process_id: UUID, sequence: int
    ) -> None:
        self.user, self.key, self.fingerprint = user, key, fingerprint
        self.process_id, self.sequence = process_id, sequence


def receipt_id(user: str, key: str) -> UUID:
    return uuid.uuid5(RECEIPT_NAMESPACE, f"{user}\x00{key}")


@dataclass(frozen=True)
class Recorded:
    """What a command recorded: the event as recorded, the process as it stands after it
    (the aggregate at that version) and the event's store position. Answers (the API's 201,
    the admin's confirmation) are built from this, never from a read model."""

    process: PeaceProcess
    entry: Entry
    position: int | None
    replayed: bool = False

    @property
    def process_id(self) -> UUID:
        return self.process.id

    @property
    def sequence(self) -> int:
        return self.entry.sequence


@dataclass(frozen=True)
class ImportItem:
    """One line of an import file: which process, which event, recorded when and by whom."""

    line: int
    process: str
    type: str
    body: dict[str, Any]
    recorded_by: str
    recorded_at: datetime | None = None


@dataclass
class ImportPlan:
    aggregates: dict[UUID, PeaceProcess] = field(default_factory=dict)
    events: list[Any] = field(default_factory=list)
    errors: dict[int, str] = field(default_factory=dict)
    failed_openings: dict[str, int] = field(default_factory=dict)


def describe_refusal(error: DomainError) -> str:
    """A refusal in plain words, every field named."""
    if isinstance(error, InvalidEvent):
        return (
            "; ".join(f"{k}: {' '.join(m.rstrip('.') for m in v)}" for k, v in error.errors.items())
            + "."
        )
    return error.detail


ActorCheck = Callable[[Iterable[str]], set[str]]
# One unit of work: the command's reads and writes, its receipt and (inline) the read models
# commit together or not at all. Django's `transaction.atomic` in production (runtime.py).
UnitOfWork = Callable[[], AbstractContextManager[Any]]
# Called inside the unit of work with the recordings, the aggregate after the command and its
# situation before it: the inline projection applies them without reading anything back.
AfterWrite = Callable[["PeaceProcesses", list[Any], PeaceProcess, "Situation | None"], None]


def unknown_actors_in_registry(slugs: Iterable[str]) -> set[str]:
    from negotiations.write.models import Actor

    wanted = set(slugs)
    if not wanted:
        return set()
    return wanted - set(Actor.objects.filter(slug__in=wanted).values_list("slug", flat=True))


def private_copy(process: PeaceProcess) -> PeaceProcess:
    """A copy of a cached aggregate that a command may change without touching the cache.

    Entries are frozen and shared; the list holding them, the situation and the pending
    events are the copy's own. The library's deepcopy costs time in proportion to the
    history (about 10 ms per 1,000 events); this costs the same at any length.
    """
    clone = copy.copy(process)
    clone.entries = list(process.entries)
    clone.situation = copy.deepcopy(process.situation)
    clone._pending_events = []
    return clone


def fingerprint(*parts: Any) -> str:
    canonical = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class PeaceProcesses(Application):
    """Peace processes and the events that make their history."""

    name = "tracker"
    env = {"DEEPCOPY_FROM_AGGREGATE_CACHE": "y"}

    def __init__(
        self,
        env: dict[str, str] | None = None,
        *,
        unknown_actors: ActorCheck = unknown_actors_in_registry,
        after_write: AfterWrite | None = None,
        after_import: Callable[[PeaceProcesses], Any] | None = None,
        unit_of_work: UnitOfWork = nullcontext,
    ) -> None:
        super().__init__(env)
        self.unknown_actors = unknown_actors
        self.after_write = after_write
        self.after_import = after_import
        self.unit_of_work = unit_of_work

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    # -- commands --------------------------------------------------------------------------

    def open_process(
        self, body: dict[str, Any], *, recorded_by: str, idempotency_key: str | None = None
    ) -> Recorded:
        """Open a process from a `process_opened` body (name, conflict, mediators, ...)."""
        values = parse_body(E.PROCESS_OPENED, body)
        values.setdefault("occurred_on", None)
        if values["occurred_on"] is None:
            values["occurred_on"] = datetime.now(UTC).date()
        self._check_actors(values)
        print_ = fingerprint(E.PROCESS_OPENED, body)
        replay = self._replay(recorded_by, idempotency_key, print_)
        if replay:
            return replay
        try:
            with self._writing(process_id_for(values["slug"])):
                process = PeaceProcess.open(values, recorded_by=recorded_by)
                recordings = self._save(process, recorded_by, idempotency_key, print_)
        except IntegrityError:
            replay = self._replay(recorded_by, idempotency_key, print_)
            if replay:
                return replay
            raise DuplicateProcess(values["slug"]) from None
        return Recorded(process, process.entries[-1], recordings[0].notification.id)

    def record_event(
        self,
        process_id: UUID,
        *,
        event_type: str,
        body: dict[str, Any],
        recorded_by: str,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> Recorded:
        """Record an event of any type but `process_opened` on a process."""
        if event_type == E.PROCESS_OPENED:
            raise InvalidEvent({"type": ["Open a process with open_process (POST processes/)."]})
        values = parse_body(event_type, body)
        # Before the version check, as every refusal of the body (the aggregate checks again).
        refuse_impossible(event_type, values, recorded_on=datetime.now(UTC).date())
        self._check_actors(values)
        print_ = fingerprint(event_type, str(process_id), body, expected_version)
        replay = self._replay(recorded_by, idempotency_key, print_)
        if replay:
            return replay
        for attempt in range(WRITE_RETRIES):
            if attempt:
                time.sleep(random.uniform(0, 0.002 * min(attempt, 10)))
            try:
                with self._writing(process_id):
                    process = self.get_process(process_id)
                    if expected_version is not None and expected_version != process.version:
                        raise VersionConflict(expected_version, process.version)
                    before = copy.deepcopy(process.situation)
                    entry = process.record(event_type, values, recorded_by=recorded_by)
                    recordings = self._save(process, recorded_by, idempotency_key, print_, before)
            except IntegrityError:
                # The same key used meanwhile, or another writer got there first.
                replay = self._replay(recorded_by, idempotency_key, print_)
                if replay:
                    return replay
                if expected_version is not None:
                    raise VersionConflict(
                        expected_version, self.get_process(process_id).version
                    ) from None
                continue  # reload and apply after theirs
            return Recorded(process, entry, recordings[0].notification.id)
        raise VersionConflict(expected_version or 0, self.get_process(process_id).version)

    # Named commands, so that a scenario reads in the domain's words.
    def schedule_talks(self, process_id: UUID, **kw: Any) -> Recorded:
        return self._command(process_id, E.TALKS_SCHEDULED, kw)

    def convene_talks(self, process_id: UUID, **kw: Any) -> Recorded:
        return self._command(process_id, E.TALKS_CONVENED, kw)

    def pause_talks(self, process_id: UUID, **kw: Any) -> Recorded:
        return self._command(process_id, E.TALKS_PAUSED, kw)

    def resume_talks(self, process_id: UUID, **kw: Any) -> Recorded:
        return self._command(process_id, E.TALKS_RESUMED, kw)

    def suspend_talks(self, process_id: UUID, **kw: Any) -> Recorded:
        return self._command(process_id, E.TALKS_SUSPENDED, kw)

    def conclude_talks(self, process_id: UUID, **kw: Any) -> Recorded:
        return self._command(process_id, E.TALKS_CONCLUDED, kw)

    def collapse_talks(self, process_id: UUID, **kw: Any) -> Recorded:
        return self._command(process_id, E.TALKS_COLLAPSED, kw)

    def join_party(self, process_id: UUID, **kw: Any) -> Recorded:
        return self._command(process_id, E.PARTY_JOINED, kw)

    def withdraw_party(self, process_id: UUID, **kw: Any) -> Recorded:
        return self._command(process_id, E.PARTY_WITHDREW, kw)

    def appoint_mediator(self, process_id: UUID, **kw: Any) -> Recorded:
        return self._command(process_id, E.MEDIATOR_APPOINTED, kw)

    def step_down_mediator(self, process_id: UUID, **kw: Any) -> Recorded:
        return self._command(process_id, E.MEDIATOR_STEPPED_DOWN, kw)

    def make_statement(self, process_id: UUID, **kw: Any) -> Recorded:
        return self._command(process_id, E.STATEMENT_MADE, kw)

    def correct_event(self, process_id: UUID, **kw: Any) -> Recorded:
        return self._command(process_id, E.EVENT_CORRECTED, kw)

    def retract_event(self, process_id: UUID, **kw: Any) -> Recorded:
        return self._command(process_id, E.EVENT_RETRACTED, kw)

    # -- bulk import -----------------------------------------------------------------------

    def plan_import(self, items: Iterable[ImportItem], *, known_actors: set[str]) -> ImportPlan:
        """Check every item against the domain rules, in memory, recording nothing.

        Items are applied to aggregates (new ones for `process_opened` lines, stored ones
        otherwise) in order; a refused item is reported with its line and skipped, so one
        run reports every bad line.
        """
        plan = ImportPlan()
        for item in items:
            try:
                aggregate = self._plan_item(plan, item, known_actors)
            except DomainError as e:
                plan.errors[item.line] = describe_refusal(e)
                if item.type == E.PROCESS_OPENED:
                    plan.failed_openings.setdefault(
                        str(item.body.get("slug") or item.process), item.line
                    )
                continue
            plan.events.append(aggregate.pending_events[-1])
        return plan

    def save_import(
        self,
        plan: ImportPlan,
        *,
        batch_size: int = 1000,
        on_batch: Callable[[int], None] | None = None,
        project: bool = True,
    ) -> int:
        """Append a clean plan's events in batches (one multi-event save each)."""
        if plan.errors:
            raise ValueError("A plan with errors is never saved.")
        for aggregate in plan.aggregates.values():
            aggregate.collect_events()  # the plan holds them, in file order
        # One unit of work: a failure part way stores none of the file. The read models are
        # brought up once at the end (the rebuild's batched path), not batch by batch; with
        # `project=False` the caller does that itself (import_events, to time each step).
        with self.unit_of_work():
            for start in range(0, len(plan.events), batch_size):
                chunk = plan.events[start : start + batch_size]
                self.save(*chunk)
                if on_batch:
                    on_batch(len(chunk))
            if project and self.after_import is not None:
                self.after_import(self)
        return len(plan.events)

    def _plan_item(
        self, plan: ImportPlan, item: ImportItem, known_actors: set[str]
    ) -> PeaceProcess:
        values = parse_body(item.type, item.body)
        unknown = {s: f for s, f in referenced_actors(values).items() if s not in known_actors}
        if unknown:
            raise InvalidEvent({f: [f"Unknown actor '{s}'."] for s, f in unknown.items()})
        if item.type == E.PROCESS_OPENED:
            if values.get("occurred_on") is None:
                values["occurred_on"] = (item.recorded_at or datetime.now(UTC)).date()
            process_id = process_id_for(values["slug"])
            if process_id in plan.aggregates or self._exists(process_id):
                raise DuplicateProcess(values["slug"])
            opened = PeaceProcess.open(
                values, recorded_by=item.recorded_by, recorded_at=item.recorded_at
            )
            plan.aggregates[process_id] = opened
            return opened
        if not item.process:
            raise InvalidEvent({"process": ["Name the process (its slug)."]})
        process_id = process_id_for(item.process)
        aggregate = plan.aggregates.get(process_id)
        if aggregate is None:
            if item.process in plan.failed_openings:
                raise InvalidEvent(
                    {
                        "process": [
                            f"'{item.process}' could not be opened (line "
                            f"{plan.failed_openings[item.process]})."
                        ]
                    }
                )
            try:
                aggregate = self.get_process(process_id)
            except ProcessNotFound:
                raise InvalidEvent(
                    {
                        "process": [
                            f"No process '{item.process}' in the tracker or earlier in the file."
                        ]
                    }
                )
            plan.aggregates[process_id] = aggregate
        aggregate.record(
            item.type, values, recorded_by=item.recorded_by, recorded_at=item.recorded_at
        )
        return aggregate

    def _exists(self, process_id: UUID) -> bool:
        try:
            self.get_process(process_id)
        except ProcessNotFound:
            return False
        return True

    # -- queries ---------------------------------------------------------------------------

    def get_process(self, process_id: UUID) -> PeaceProcess:
        try:
            process: PeaceProcess = self.repository.get(process_id, deepcopy_from_cache=False)
        except AggregateNotFoundError:
            raise ProcessNotFound(f"No process with id {process_id}.") from None
        return private_copy(process) if self.repository.cache is not None else process

    def get_process_at(self, process_id: UUID, version: int) -> PeaceProcess:
        """The process as it stood after its event number `version` (read from the store)."""
        try:
            return self.repository.get(process_id, version=version)
        except AggregateNotFoundError:
            raise ProcessNotFound(f"No process with id {process_id}.") from None

    def process_id_for_slug(self, slug: str) -> UUID:
        return process_id_for(slug)

    # -- helpers ---------------------------------------------------------------------------

    def _command(self, process_id: UUID, event_type: str, kw: dict[str, Any]) -> Recorded:
        control = {
            k: kw.pop(k) for k in ("recorded_by", "expected_version", "idempotency_key") if k in kw
        }
        return self.record_event(process_id, event_type=event_type, body=kw, **control)

    def _check_actors(self, values: dict[str, Any]) -> None:
        named = referenced_actors(values)
        unknown = self.unknown_actors(named)
        if unknown:
            raise InvalidEvent({named[s]: [f"Unknown actor '{s}'."] for s in sorted(unknown)})

    @contextmanager
    def _writing(self, process_id: UUID) -> Iterator[None]:
        """A command's unit of work. If it fails, the cached aggregate is dropped: it may
        have been brought forward over events that the rollback has just removed."""
        try:
            with self.unit_of_work():
                yield
        except BaseException:
            if self.repository.cache is not None:
                try:
                    self.repository.cache.get(process_id, evict=True)
                except KeyError:
                    pass
            raise

    def _save(
        self,
        process: PeaceProcess,
        user: str,
        key: str | None,
        print_: str,
        before: Situation | None = None,
    ) -> list[Any]:
        """Append the process's new events and the command's receipt (in the caller's unit
        of work), then hand them to the inline projection. A store refusal (the key used
        meanwhile, a lost race on the version) is raised as the library's IntegrityError."""
        recordings = self.save(process, self._receipt(user, key, print_, process))
        if self.after_write is not None:
            self.after_write(self, recordings, process, before)
        return recordings

    def _receipt(
        self, user: str, key: str | None, print_: str, process: PeaceProcess
    ) -> CommandReceipt | None:
        if not key:
            return None
        return CommandReceipt._create(
            CommandReceipt.Issued,
            id=receipt_id(user, key),
            user=user,
            key=key,
            fingerprint=print_,
            process_id=process.id,
            sequence=process.version,
        )

    def _replay(self, user: str, key: str | None, print_: str) -> Recorded | None:
        if not key:
            return None
        try:
            receipt: CommandReceipt = self.repository.get(receipt_id(user, key))
        except AggregateNotFoundError:
            return None
        if receipt.fingerprint != print_:
            raise IdempotencyConflict(key)
        # The first answer again, from the store: the process at the version it made.
        process = self.get_process_at(receipt.process_id, receipt.sequence)
        position = self.recorder.position_of(receipt.process_id, receipt.sequence)  # type: ignore[attr-defined]  # our Lent* recorders add it (eventstore.py)
        return Recorded(process, process.entries[-1], position, replayed=True)
