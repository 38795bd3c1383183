"""The parts of an event type's registry entry (`registry.Kind`): its status effect
(`Moves`), its participation effect (`Participation`) and the entry itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from . import bodies as b
from . import telling as t
from .codes import CodedBy, EventCodes
from .vocabulary import Status as S


@dataclass(frozen=True)
class Moves:
    """A status change: the status it leads to, and the statuses it may follow (in the
    order the status machine lists them)."""

    to: S
    after: tuple[S, ...]


@dataclass(frozen=True)
class Participation:
    """Who the event's `actor` is, and whether it comes in (joins, is appointed) or goes."""

    role: Literal["party", "mediator", ""]  # "" for none: NO_PARTICIPATION
    comes_in: bool


# Declared explicitly for an entry that has no such effect (by its family's function in
# registry.py), so that no part is left out by forgetting it: the completeness test reads
# `None` as a missing part.
NO_STATUS_CHANGE = Moves(S.PLANNED, after=())  # it follows no status
NO_PARTICIPATION = Participation("", comes_in=False)  # about no actor


@dataclass(frozen=True)
class Kind:
    """One event type, every part of it."""

    body: type[b.Body]
    label: str  # in words, for pages, feeds and digests
    codes: EventCodes | CodedBy
    status: Moves  # NO_STATUS_CHANGE for a type that does not move the status
    participation: Participation  # NO_PARTICIPATION for a type that is about no actor
    command: str  # the application's method that records it (`PeaceProcesses.<command>`)
    tell: t.Teller  # how it is told: the board's line and the digest's detail (`telling.py`)
    # The parts only a few types have: the other layers ask for them, not for a type's name.
    # `opens`: a process's first event, recorded by `open_process`, never on a process.
    # `amends`: its field naming the event it corrects or retracts (an amendment).
    # `announces`: its field holding a date for the calendar: the day of the talks it
    # schedules, or of the resumption a pause expects.
    opens: bool = False
    amends: Literal["", "corrects", "retracts"] = ""
    announces: Literal["", "scheduled_for", "expected_resumption_on"] = ""
    # `added`: the fields added after its events were first stored, by the class version that
    # added them, with the value an event stored before holds (the library's upcasting: an
    # older stored event is brought up to date as it is read, never rewritten).
    added: dict[int, dict[str, Any]] = field(default_factory=dict)
    # `names`: it gives a name in a language (`language`, `name`, and `actor`, empty for the
    # process itself): the fold keeps the latest per language (`Situation.names`).
    names: bool = False

    @property
    def type(self) -> str:
        return self.body.event_type

    @property
    def changes_status(self) -> bool:
        return bool(self.status.after)

    @property
    def moves_actor(self) -> bool:
        return bool(self.participation.role)

    def codes_of(self, values: dict[str, Any] | None = None) -> EventCodes:
        """Its codes; for a type coded by a field, those of the value in `values`, or its
        default (first) variant without one."""
        if isinstance(self.codes, EventCodes):
            return self.codes
        return self.codes.of(values)
