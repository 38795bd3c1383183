"""Which of a delivery run's endpoints sends next (`Turns`), and when its time is over
(`RunClock`)."""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, Protocol, TypeVar


class _Endpoint(Protocol):
    created_by_id: Any


class _Run(Protocol):
    """What Turns reads of a delivery run (`delivery.Run`): whose endpoint it sends to."""

    @property
    def endpoint(self) -> _Endpoint: ...


Run = TypeVar("Run", bound=_Run)


class Turns(Generic[Run]):
    """Which runs send next: each owner's runs wait in a queue of its own, the owners take
    turns, and no owner has more than its share of the sending places in flight
    (WEBHOOK_PARALLEL_REQUESTS among the owners with runs). The sending threads take requests
    in the order given: one editor's twenty slow receivers held every place, and another
    editor's deliveries waited behind them (an attacker's outside test)."""

    def __init__(self, runs: list[Run], places: int) -> None:
        owners = {run.endpoint.created_by_id for run in runs}
        self.places = places
        self.share = max(1, -(-places // max(1, len(owners))))  # rounded up
        self.waiting: dict[Any, deque[Run]] = {}
        self.in_flight: Counter[Any] = Counter()

    def ready(self, run: Run) -> None:
        """`run` has its next request to send."""
        self.waiting.setdefault(run.endpoint.created_by_id, deque()).append(run)

    def done(self, run: Run) -> None:
        self.in_flight[run.endpoint.created_by_id] -= 1

    def left(self) -> list[Run]:
        """The runs that waited for a turn that did not come (their run ran out of time)."""
        return [run for queue in self.waiting.values() for run in queue]

    def due(self) -> Iterator[Run]:
        """The runs whose turn has come, one of each owner's in turn, each within its share,
        and no more in all than the places (the rest waited in the threads' queue, and began
        past the run's time: a review)."""
        going = True
        while going:
            going = False
            for owner, queue in self.waiting.items():
                if sum(self.in_flight.values()) >= self.places:
                    return
                if queue and self.in_flight[owner] < self.share:
                    self.in_flight[owner] += 1
                    going = True
                    yield queue.popleft()


@dataclass
class RunClock:
    """A run's time (WEBHOOK_RUN_SECONDS): over once it has passed and the run has begun a
    request, so that every run sends (a review: a run that took its time to read its events
    paused every endpoint unsent, and queued the next to do the same)."""

    ends_at: float
    begun: bool = False

    def over(self) -> bool:
        return self.begun and time.monotonic() >= self.ends_at


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
