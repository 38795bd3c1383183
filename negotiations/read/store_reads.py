"""Events read from the store for the projection: a batch of notifications, and the recorded
events among them decoded into entries, each with its process and store position."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from negotiations.domain.history import Entry
from negotiations.domain.process import PeaceProcess
from negotiations.write.application import PeaceProcesses

# (store position, the event's entry and process) for each recorded event of a read.
Decoded = list[tuple[int, Entry, UUID]]


@dataclass(frozen=True)
class Part:
    """One of `parts` shares of the processes, by their ids: a process's events all fall in
    the same part, so each part can be folded on its own (the rebuild's parallel load)."""

    index: int
    parts: int

    def holds(self, process_id: UUID) -> bool:
        return process_id.int % self.parts == self.index


@dataclass(frozen=True)
class Read:
    """Events read from the store: how many notifications (none at the head), the first and
    last positions, and the recorded events among them, decoded."""

    count: int
    first: int
    last: int
    decoded: Decoded


def select(app: PeaceProcesses, start: int, limit: int, stop: int | None = None) -> list[Any]:
    """Up to `limit` notifications from store position `start` on (up to `stop`, if given:
    positions are not contiguous, so a limit alone may reach past it)."""
    return list(app.recorder.select_notifications(start=start, limit=limit, stop=stop))


def decoded(
    notifications: list[Any], start: int, app: PeaceProcesses, part: Part | None = None
) -> Read:
    """What `select` read from `start`, its recorded events decoded (by the application's
    mapper: the library's own decoding, as every read of the store); with `part`, only the
    events of the processes in that part (the others are not decoded)."""
    to_domain_event, recorded = app.mapper.to_domain_event, PeaceProcess.Recorded
    found: Decoded = []
    for notification in notifications:
        if part is not None and not part.holds(notification.originator_id):
            continue
        event = to_domain_event(notification)
        if isinstance(event, recorded):
            found.append((notification.id, event.entry(), event.originator_id))
    if not notifications:
        return Read(0, start, start - 1, found)
    return Read(len(notifications), notifications[0].id, notifications[-1].id, found)
