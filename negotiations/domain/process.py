"""The PeaceProcess aggregate and its events, on the eventsourcing library."""

from __future__ import annotations

import copy
import dataclasses
import types
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from operator import itemgetter
from typing import Any, ClassVar, cast

from eventsourcing.domain import Aggregate

from .amending import check_amendment
from .bodies import Body
from .errors import InvalidEvent, VersionConflict
from .history import AMENDMENTS, Entry, Replay, Situation, replay
from .registry import BODIES, KINDS, OPENING
from .specs import EARLIEST_DATE, refuse_impossible, utc_day
from .vocabulary import gettext_noop

# Process ids are derived from the slug, so the event store itself refuses a second process
# with the same slug (its version 1 already exists).
PROCESS_NAMESPACE = uuid.UUID("6f1c8a52-3d0e-4c57-9a53-2b1f0f6c4e11")


@lru_cache(maxsize=4096)
def process_id_for(slug: str) -> uuid.UUID:
    """The process's id, from its slug (a SHA-1 each time: an import asks once a line)."""
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
        event_type = OPENING
        name: str
        slug: str
        conflict: str
        description: str
        mediators: list[str]
        parties: list[str]

    # The other events, one class per type (PeaceProcess.TalksPaused, ...), are defined below
    # the class from the registry's body models (`_own_fields`).

    def __init__(self, **_: Any) -> None:
        self.entries: list[Entry] = []
        self.situation = Situation()

    # -- commands -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        values: dict[str, Any],
        *,
        recorded_by: str,
        recorded_at: datetime | None = None,
        earliest: date = EARLIEST_DATE,
    ) -> PeaceProcess:
        """Open a process from the validated values of its first event."""
        refuse_impossible(OPENING, values, recorded_on=utc_day(recorded_at), earliest=earliest)
        return cls._create(
            cls.ProcessOpened,
            id=process_id_for(values["slug"]),
            recorded_by=recorded_by,
            timestamp=recorded_at,
            **_complete(OPENING, values),
        )

    def record(
        self,
        event_type: str,
        values: dict[str, Any],
        *,
        recorded_by: str,
        recorded_at: datetime | None = None,
        earliest: date = EARLIEST_DATE,
        expected_version: int | None = None,
    ) -> Entry:
        """Record an event of `event_type` with validated values, or refuse it.

        A refusal raises a DomainError and leaves the aggregate as it was. `recorded_at` is
        the system's clock unless an import restores the time of an exported history;
        `earliest` is the earliest date a new event may carry (EARLIEST_DATE). With
        `expected_version`, a process at another version refuses it (`VersionConflict`),
        after the impossible facts: a body that cannot be is refused as such whatever the
        version it was sent for.
        """
        event_class = EVENT_CLASSES[event_type]
        values = _complete(event_type, values)
        version = self.version + 1
        timestamp = recorded_at or event_class.create_timestamp()
        entry = Entry(version, event_type, values, timestamp, recorded_by)
        recorded_on = utc_day(timestamp)
        refuse_impossible(event_type, values, recorded_on=recorded_on, earliest=earliest)
        if expected_version is not None and expected_version != self.version:
            raise VersionConflict(expected_version, self.version)
        if event_type in AMENDMENTS:
            candidate = Entry(version, event_type, values, None, recorded_by)  # type: ignore[arg-type]
            check_amendment(  # restored from an export: its changes met older rules
                self.entries,
                candidate,
                recorded_on=recorded_on,
                earliest=earliest,
                restoring=recorded_at is not None,
            )
        else:
            self.situation.check_new(entry)
        if recorded_at is not None:
            _check_restored_time(recorded_at, self.entries, now=event_class.create_timestamp())
        # What the library's trigger_event would do, without its round trip through the
        # event (kwargs copies, then `mutate` -> `apply` -> `entry()` rebuilding the values):
        # the event is built once, the fold takes the entry already made.
        event = event_class(  # type: ignore[call-arg]  # a dataclass's fields, by the metaclass
            originator_id=self.id,
            originator_version=version,
            timestamp=timestamp,
            recorded_by=recorded_by,
            **values,
        )
        self.take(entry)
        self.version = version
        self.modified_on = timestamp
        self.pending_events.append(event)
        return entry

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


_EVENT_ENVELOPE = frozenset(
    {"originator_id", "originator_version", "timestamp", "originator_topic"}
)
# An event's attributes that are not its values (recorded_by is the entry's own field).
_NOT_VALUES = (*sorted(_EVENT_ENVELOPE), "recorded_by")


def _own_fields(body: type[Body]) -> dict[str, Any]:
    """The fields of an event type after those of Recorded, in their stored order: its body
    model's own fields, with its `causes` (when it has them) last."""
    own = {n: f.annotation for n, f in body.model_fields.items() if n not in Body.model_fields}
    causes = own.pop("causes", None)
    return own if causes is None else {**own, "causes": causes}


def _upcast(added: dict[str, Any]) -> staticmethod[[dict[str, Any]], None]:
    def upcast(state: dict[str, Any]) -> None:
        for name, value in added.items():
            state.setdefault(name, copy.deepcopy(value))  # no list shared between events

    return staticmethod(upcast)


def _define_event_class(event_type: str, fields: dict[str, Any]) -> type[PeaceProcess.Recorded]:
    """PeaceProcess.<Name>, a Recorded event with these fields, as if written in its body."""
    name = "".join(word.capitalize() for word in event_type.split("_"))
    versions = KINDS[event_type].added  # the upcasting of its older stored events

    def body(namespace: dict[str, Any]) -> None:
        namespace["__module__"] = __name__
        namespace["__qualname__"] = f"{PeaceProcess.__qualname__}.{name}"
        namespace["__annotations__"] = fields
        namespace["event_type"] = event_type
        for version, added in versions.items():
            namespace["class_version"] = max(version, namespace.get("class_version", 1))
            namespace[f"upcast_v{version - 1}_v{version}"] = _upcast(added)

    event_class = types.new_class(name, (PeaceProcess.Recorded,), exec_body=body)
    setattr(PeaceProcess, name, event_class)
    return cast("type[PeaceProcess.Recorded]", event_class)


# Each type's class is PeaceProcess.<TypeInCamelCase> (PeaceProcess.TalksPaused): its module
# and qualified name are the topic the store keeps with every event, so they must never change.
EVENT_CLASSES: dict[str, type[PeaceProcess.Recorded]] = {
    OPENING: PeaceProcess.ProcessOpened,
    **{t: _define_event_class(t, _own_fields(body)) for t, body in BODIES.items() if t != OPENING},
}


def _complete(event_type: str, values: dict[str, Any]) -> dict[str, Any]:
    """Fill optional fields with their empty value, so every event of a type has all fields.

    The values come in the event's field order: the order `Recorded.values()` reads them
    back in, so that an entry made when recording equals the one replayed from the store.
    """
    fields = _FIELDS[event_type]
    if values.keys() == fields.known:  # a parsed body: every field there
        return dict(zip(fields.names, fields.values_of(values)))  # noqa: B905 - same length
    unknown = values.keys() - fields.known
    if unknown:
        raise AssertionError(f"{event_type} has no field {sorted(unknown)}")
    return {name: values[name] if name in values else _empty(name) for name in fields.names}


def _empty(name: str) -> Any:
    if name in ("causes", "sources", "mediators", "parties"):
        return []
    if name in ("expected_resumption_precision", "scheduled_for_precision"):
        return "day"
    return None if name in ("expected_resumption_on", "scheduled_for", "occurred_on") else ""


@dataclass(frozen=True)
class _Fields:
    names: tuple[str, ...]  # the event's own fields (its values), in order
    known: frozenset[str]
    values_of: Callable[[dict[str, Any]], tuple[Any, ...]]


def _fields(event_class: type[PeaceProcess.Recorded]) -> _Fields:
    every = (f.name for f in dataclasses.fields(event_class))
    names = tuple(n for n in every if n not in _EVENT_ENVELOPE and n != "recorded_by")
    if len(names) < 2:  # itemgetter of one name answers the value, not a tuple
        raise TypeError(f"{event_class.__name__} has fewer fields than every event has")
    return _Fields(names, frozenset(names), itemgetter(*names))


_FIELDS = {t: _fields(c) for t, c in EVENT_CLASSES.items()}


# How far ahead of this machine's clock a restored record time may be: the clock of the
# machine that exported it may run a little ahead (a review: 2 seconds refused an export).
CLOCKS_APART = timedelta(minutes=5)


def _check_restored_time(recorded_at: datetime, entries: list[Entry], *, now: datetime) -> None:
    """A restored record time (an import's) may not come before the event before it, nor
    after now, give or take `CLOCKS_APART`: the next event recorded live would then come
    before it, and the history's export could no longer be imported."""
    if entries and recorded_at < entries[-1].recorded_at:
        raise InvalidEvent({"recorded_at": [gettext_noop("Earlier than the event before it.")]})
    if recorded_at > now + CLOCKS_APART:
        raise InvalidEvent(
            {
                "recorded_at": [
                    gettext_noop("Later than now: a record time cannot be in the future.")
                ]
            }
        )
