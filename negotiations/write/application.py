"""The write side: the only code that appends events. One method per command."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, cast
from uuid import UUID

from django.conf import settings
from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Snapshot
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Transcoding

from negotiations.domain.actor_refs import referenced_actors
from negotiations.domain.errors import (
    DuplicateProcess,
    IdempotencyConflict,
    InvalidEvent,
    ProcessNotFound,
    VersionConflict,
    WriteContended,
    unknown_actors,
)
from negotiations.domain.history import Entry, Situation
from negotiations.domain.process import PeaceProcess, process_id_for
from negotiations.domain.registry import COMMANDS, OPENING
from negotiations.domain.specs import parse_body, refuse_uuid_slug, utc_day
from negotiations.write.eventstore import ROWS
from negotiations.write.receipts import CommandReceipt, fingerprint, new_receipt, receipt_id

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


ActorCheck = Callable[[Iterable[str]], set[str]]
# One unit of work: the command's reads and writes, its receipt and (inline) the read models
# commit together or not at all. Django's `transaction.atomic` in production (runtime.py).
UnitOfWork = Callable[[], AbstractContextManager[Any]]


class InlineProjection(Protocol):
    """The read models kept current by each command (the inline mode), handed to the
    application by the one factory (runtime.build_application); the write side never imports
    the read side.

    `rows` makes a command's read-model rows from the aggregate in memory, before the
    append; `save` hands them to the recorder, which writes them in the events' own insert
    (`write/eventstore.py`, the library's `_insert_events` hook). `settle` runs after the
    append, in the same unit of work (catching up when the rows could not claim the tracking
    position); `after_import` brings the read models up after a bulk import."""

    def rows(self, app: PeaceProcesses, process: PeaceProcess, before: Situation | None) -> Any:
        """What the recorder writes with the events, or None: `write(stored events,
        positions)` (SQLite, after the insert), or `stage(stored events, positions as SQL,
        unstored)` made before the insert and its `send()` in it (PostgreSQL)."""

    def settle(self, app: PeaceProcesses, rows: Any) -> None:
        """After the append: nothing if the rows went in, else catch up from the store."""

    def after_import(self, app: PeaceProcesses) -> None:
        """After a bulk import's append."""


def unknown_actors_in_registry(slugs: Iterable[str]) -> set[str]:
    from negotiations.write.models import Actor

    wanted = set(slugs)
    if not wanted:
        return set()
    return wanted - set(Actor.objects.filter(slug__in=wanted).values_list("slug", flat=True))


def private_copy(process: PeaceProcess) -> PeaceProcess:
    """A copy of a cached aggregate that a command may change without touching the cache.

    The library's own snapshot makes it (`Snapshot.take` then `mutate`: the aggregate's
    state shallow, a list of pending events of its own); entries are frozen and shared, the
    list holding them and the situation are the copy's own. The library's deepcopy costs
    time in proportion to the history (about 10 ms per 1,000 events); this costs the same at
    any length.
    """
    clone = cast(PeaceProcess, Snapshot.take(process).mutate(None))
    clone.entries = list(process.entries)
    clone.situation = process.situation.copy()
    return clone


class PeaceProcesses(Application):
    """Peace processes and the events that make their history."""

    name = "tracker"
    env = {"DEEPCOPY_FROM_AGGREGATE_CACHE": "y"}

    def __init__(
        self,
        env: dict[str, str] | None = None,
        *,
        unknown_actors: ActorCheck = unknown_actors_in_registry,
        projection: InlineProjection | None = None,
        unit_of_work: UnitOfWork = nullcontext,
    ) -> None:
        super().__init__(env)
        self.unknown_actors = unknown_actors
        self.projection = projection
        self.unit_of_work = unit_of_work

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    # -- commands --------------------------------------------------------------------------

    def open_process(
        self, body: dict[str, Any], *, recorded_by: str, idempotency_key: str | None = None
    ) -> Recorded:
        """Open a process from the body of its first event (name, conflict, mediators, ...)."""
        values = parse_body(OPENING, body)
        refuse_uuid_slug(values["slug"])
        values.setdefault("occurred_on", None)
        if values["occurred_on"] is None:
            values["occurred_on"] = utc_day()
        self._check_actors(values)
        print_ = fingerprint(OPENING, body) if idempotency_key else ""
        replay = self._replay(recorded_by, idempotency_key, print_)
        if replay:
            return replay
        try:
            with self._writing(process_id_for(values["slug"])):
                process = PeaceProcess.open(
                    values, recorded_by=recorded_by, earliest=settings.EARLIEST_DATE
                )
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
        """Record an event of any type but the opening (`open_process`) on a process."""
        if event_type == OPENING:
            raise InvalidEvent({"type": ["Open a process with open_process (POST processes/)."]})
        values = parse_body(event_type, body)
        self._check_actors(values)
        # Only a command with a key is compared with an earlier one.
        print_ = (
            fingerprint(event_type, str(process_id), body, expected_version)
            if idempotency_key
            else ""
        )
        replay = self._replay(recorded_by, idempotency_key, print_)
        if replay:
            return replay
        for attempt in range(WRITE_RETRIES):
            if attempt:
                time.sleep(random.uniform(0, 0.002 * min(attempt, 10)))  # noqa: S311 - jitter
            try:
                with self._writing(process_id):
                    process = self.get_process(process_id)
                    if "corrects" in values:
                        self._check_corrected_actors(process, values)
                    before = process.situation.copy()
                    # The domain refuses what cannot be, then a version other than expected.
                    entry = process.record(
                        event_type,
                        values,
                        recorded_by=recorded_by,
                        earliest=settings.EARLIEST_DATE,
                        expected_version=expected_version,
                    )
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
        raise WriteContended()  # (with an expected version, the first lost race refuses it)

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

    def _check_actors(self, values: dict[str, Any], *, prefix: str = "") -> None:
        named = referenced_actors(values)
        unknown = self.unknown_actors(named)
        if unknown:
            raise unknown_actors({prefix + named[s]: s for s in sorted(unknown)})

    def _check_corrected_actors(self, process: PeaceProcess, values: dict[str, Any]) -> None:
        """The actors a correction's `changes` name are known, as a new event's must be (the
        README: a correction leaves an event that would be accepted new). Changes the domain
        refuses anyway, or a number that is no event of the process, are left to it to name."""
        corrected = next((e for e in process.entries if e.sequence == values["corrects"]), None)
        if corrected is None:
            return
        try:
            changes = parse_body(corrected.type, values["changes"], partial=True)
        except InvalidEvent:
            return
        self._check_actors(changes, prefix="changes.")

    @contextmanager
    def _writing(self, process_id: UUID) -> Iterator[None]:
        """A command's unit of work. If it fails, the cached aggregate is dropped: it may
        have been brought forward over events that the rollback has just removed. Not when
        the store refused the insert (a lost race, a key used meanwhile): the library gives
        the cache an aggregate only once its events are stored, and the command worked on a
        copy, so the cached one is as the store has it and the retry brings it forward over
        the winner's events alone. Dropped, it was loaded again from its first event on every
        lost race, and a writer of a long history lost again to writers with warm caches
        (an operator's outside test: 2 of 800 writes lost 50 races in a row). Unless it is
        ahead of the store (a backup restored under a running server: the store's gap
        trigger refused the event), when only the store can say where the process is."""
        try:
            with self.unit_of_work():
                yield
        except IntegrityError:
            self._drop_if_ahead(process_id)
            raise
        except BaseException:
            if self.repository.cache is not None:
                try:
                    self.repository.cache.get(process_id, evict=True)
                except KeyError:
                    pass
            raise

    def _drop_if_ahead(self, process_id: UUID) -> None:
        cache = self.repository.cache
        if cache is None:
            return
        try:
            cached = cache.get(process_id)
        except KeyError:
            return
        last = self.recorder.select_events(process_id, desc=True, limit=1)
        if not last or last[0].originator_version < cached.version:
            cache.get(process_id, evict=True)

    def _save(
        self,
        process: PeaceProcess,
        user: str,
        key: str | None,
        print_: str,
        before: Situation | None = None,
    ) -> list[Any]:
        """Append the process's new events and the command's receipt (in the caller's unit
        of work) with the inline projection's rows, then let the projection settle. A store
        refusal (the key used meanwhile, a lost race on the version) is raised as the
        library's IntegrityError."""
        receipt = new_receipt(user, key, print_, process)
        if self.projection is None:
            return self.save(process, receipt)
        rows = self.projection.rows(self, process, before)
        recordings = self.save(process, receipt, **{ROWS: rows})
        self.projection.settle(self, rows)
        return recordings

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


def _named_command(name: str, event_type: str) -> Callable[..., Recorded]:
    def command(self: PeaceProcesses, process_id: UUID, **kw: Any) -> Recorded:
        return self._command(process_id, event_type, kw)

    command.__name__ = command.__qualname__ = name
    command.__doc__ = f"Record a `{event_type}` event: `record_event` in the domain's words."
    return command


# The named commands, so that a scenario reads in the domain's words (`resume_talks(pid,
# occurred_on=..., sources=..., recorded_by=...)`): each registry entry names its command.
for _name, _event_type in COMMANDS.items():
    if not hasattr(PeaceProcesses, _name):  # open_process is written out above
        setattr(PeaceProcesses, _name, _named_command(_name, _event_type))
