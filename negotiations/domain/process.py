"""The PeaceProcess aggregate and its events, on the eventsourcing library."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from eventsourcing.domain import Aggregate

from .errors import InvalidEvent
from .history import AMENDMENTS, Entry, Replay, Situation, check_amendment, replay
from .specs import refuse_impossible
from .vocabulary import EventType as E

# Process ids are derived from the slug, so the event store itself refuses a second process
# with the same slug (its version 1 already exists).
PROCESS_NAMESPACE = uuid.UUID("6f1c8a52-3d0e-4c57-9a53-2b1f0f6c4e11")


def process_id_for(slug: str) -> uuid.UUID:
    return uuid.uuid5(PROCESS_NAMESPACE, slug)


class PeaceProcess(Aggregate):
    """A named negotiation track about a conflict, with its whole recorded history."""

    class_version = 1

    class Recorded(Aggregate.Event):
        """Fields every recorded event has; `event_type` names it in the design's words."""

        class_version = 1
        event_type: ClassVar[str]
        occurred_on: date
        date_precision: str
        sources: list[dict[str, Any]]
        note: str
        recorded_by: str

        def values(self) -> dict[str, Any]:
            data = self.__dict__.copy()  # then drop: a third of the time of a filtered copy
            for key in _NOT_VALUES:
                data.pop(key, None)
            return data

        def entry(self) -> Entry:
            return Entry(
                self.originator_version,
                self.event_type,
                self.values(),
                self.timestamp,
                self.recorded_by,
            )

        def apply(self, aggregate: PeaceProcess) -> None:
            aggregate.take(self.entry())

    class ProcessOpened(Aggregate.Created, Recorded):
        event_type = E.PROCESS_OPENED
        name: str
        slug: str
        conflict: str
        description: str
        mediators: list[str]
        parties: list[str]

    class TalksScheduled(Recorded):
        event_type = E.TALKS_SCHEDULED
        scheduled_for: date
        venue: str

    class TalksConvened(Recorded):
        event_type = E.TALKS_CONVENED
        venue: str
        format: str
        round: str

    class TalksPaused(Recorded):
        event_type = E.TALKS_PAUSED
        expected_resumption_on: date
        causes: list[dict[str, Any]]

    class TalksResumed(Recorded):
        event_type = E.TALKS_RESUMED
        venue: str

    class TalksSuspended(Recorded):
        event_type = E.TALKS_SUSPENDED
        causes: list[dict[str, Any]]

    class TalksConcluded(Recorded):
        event_type = E.TALKS_CONCLUDED
        outcome: str
        agreement_title: str
        causes: list[dict[str, Any]]

    class TalksCollapsed(Recorded):
        event_type = E.TALKS_COLLAPSED
        causes: list[dict[str, Any]]

    class PartyJoined(Recorded):
        event_type = E.PARTY_JOINED
        actor: str

    class PartyWithdrew(Recorded):
        event_type = E.PARTY_WITHDREW
        actor: str
        causes: list[dict[str, Any]]

    class MediatorAppointed(Recorded):
        event_type = E.MEDIATOR_APPOINTED
        actor: str

    class MediatorSteppedDown(Recorded):
        event_type = E.MEDIATOR_STEPPED_DOWN
        actor: str

    class StatementMade(Recorded):
        event_type = E.STATEMENT_MADE
        actor: str
        stance: str
        summary: str
        quote: str
        causes: list[dict[str, Any]]

    class EventCorrected(Recorded):
        event_type = E.EVENT_CORRECTED
        corrects: int
        changes: dict[str, Any]
        reason: str

    class EventRetracted(Recorded):
        event_type = E.EVENT_RETRACTED
        retracts: int
        reason: str

    def __init__(self, **_: Any) -> None:
        self.entries: list[Entry] = []
        self.situation = Situation()

    # -- commands -------------------------------------------------------------------------

    @classmethod
    def open(
        cls, values: dict[str, Any], *, recorded_by: str, recorded_at: datetime | None = None
    ) -> PeaceProcess:
        """Open a process from validated `process_opened` values."""
        refuse_impossible(E.PROCESS_OPENED, values, recorded_on=_recorded_on(recorded_at))
        return cls._create(
            cls.ProcessOpened,
            id=process_id_for(values["slug"]),
            recorded_by=recorded_by,
            timestamp=recorded_at,
            **_complete(E.PROCESS_OPENED, values),
        )

    def record(
        self,
        event_type: str,
        values: dict[str, Any],
        *,
        recorded_by: str,
        recorded_at: datetime | None = None,
    ) -> Entry:
        """Record an event of `event_type` with validated values, or refuse it.

        A refusal raises a DomainError and leaves the aggregate as it was. `recorded_at` is
        the system's clock unless an import restores the time of an exported history.
        """
        event_class = EVENT_CLASSES[event_type]
        values = _complete(event_type, values)
        candidate = Entry(self.version + 1, event_type, values, None, recorded_by)  # type: ignore[arg-type]
        recorded_on = _recorded_on(recorded_at)
        refuse_impossible(event_type, values, recorded_on=recorded_on)
        if event_type in AMENDMENTS:
            check_amendment(self.entries, candidate, recorded_on=recorded_on)
        else:
            self.situation.check(candidate)
        if recorded_at is not None and self.entries and recorded_at < self.entries[-1].recorded_at:
            raise InvalidEvent({"recorded_at": ["Earlier than the event before it."]})
        self.trigger_event(event_class, recorded_by=recorded_by, timestamp=recorded_at, **values)
        return self.entries[-1]

    # -- state ----------------------------------------------------------------------------

    def take(self, entry: Entry) -> None:
        """Apply a recorded entry: the one mutator, used when recording and when replaying."""
        self.entries.append(entry)
        if entry.type in AMENDMENTS:
            self.situation = replay(self.entries).situation
        else:
            self.situation.apply(entry)
            self.situation.version = entry.sequence

    def corrected(self) -> Replay:
        return replay(self.entries)


def _recorded_on(recorded_at: datetime | None) -> date:
    """The UTC day an event is recorded: now, or the restored time of an imported one."""
    return (recorded_at or datetime.now(UTC)).astimezone(UTC).date()


_EVENT_ENVELOPE = frozenset(
    {"originator_id", "originator_version", "timestamp", "originator_topic"}
)
# An event's attributes that are not its values (recorded_by is the entry's own field).
_NOT_VALUES = (*sorted(_EVENT_ENVELOPE), "recorded_by")

EVENT_CLASSES: dict[str, type[PeaceProcess.Recorded]] = {
    cls.event_type: cls
    for cls in vars(PeaceProcess).values()
    if isinstance(cls, type)
    and issubclass(cls, PeaceProcess.Recorded)
    and cls is not PeaceProcess.Recorded
}


def _complete(event_type: str, values: dict[str, Any]) -> dict[str, Any]:
    """Fill optional fields with their empty value, so every event of a type has all fields."""
    import dataclasses

    event_class = EVENT_CLASSES[event_type]
    names = {f.name for f in dataclasses.fields(event_class)} - _EVENT_ENVELOPE - {"recorded_by"}
    unknown = set(values) - names
    if unknown:
        raise AssertionError(f"{event_type} has no field {sorted(unknown)}")
    empty: dict[str, Any] = {}
    for name in names - set(values):
        empty[name] = (
            []
            if name in ("causes", "sources", "mediators", "parties")
            else (
                None if name in ("expected_resumption_on", "scheduled_for", "occurred_on") else ""
            )
        )
    return {**empty, **values}
