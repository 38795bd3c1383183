"""What is expected next of a process, as of a date: the one rule that the calendar, the API's
`overdue`, the board and the digests share.

A date is *announced*: a pause announces the day it expects the talks to resume, a
scheduling of talks the day of its talks. A newer announcement replaces the older ones still
pending: talks scheduled while a pause lasts replace its expected resumption (and the talks
scheduled before them), talks scheduled before earlier talks took place move them. "Newer"
is by the announcement's world date, then by record order.

Talks scheduled with no date (postponed, no new date set yet) are an announcement too: they
replace what was pending as any newer one does, and leave nothing expected in its place.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Announced:
    """A date announced on `announced_on` (event `sequence`): talks on `on`, or, for a pause,
    the resumption expected on `on`. `on` is None for talks postponed with no new date."""

    sequence: int
    announced_on: date
    on: date | None
    kind: str = "talks"  # "talks" or "resumption"
    precision: str = "day"  # of `on`: "day", or "month" (`on` is the 1st of its month)

    @property
    def order(self) -> tuple[date, int]:
        return (self.announced_on, self.sequence)

    @property
    def last_day(self) -> date:
        """The last day `on` may fall on: itself, or the last of its month."""
        return last_day(self.day, self.precision)

    @property
    def day(self) -> date:
        """`on`, of an announcement known to have a date (what a pause expects does)."""
        if self.on is None:
            raise ValueError(f"event {self.sequence} announced no date")
        return self.on


def last_day(on: date, precision: str) -> date:
    """The last day a date of this precision covers: the day, or the last day of its month
    (a month-precise date is stored as the 1st)."""
    if precision != "month":
        return on
    return on.replace(day=monthrange(on.year, on.month)[1])  # December 9999 too


def expected_on(pause: Announced, talks: Iterable[Announced], as_of: date | None) -> Announced:
    """What a pause expects as of `as_of` (None: with everything announced so far): its own
    date, or that of the newest talks announced since the pause (by `as_of`)."""
    newest = pause
    for t in talks:
        if t.order > newest.order and (as_of is None or t.announced_on <= as_of):
            newest = t
    return newest


def superseded_by(
    item: Announced, pending_until: date | None, talks: Iterable[Announced]
) -> Announced | None:
    """The first talks announced after `item` while it was still pending (on or before
    `pending_until`; None: still pending now), which replace it; None if nothing did.
    Scheduled talks are pending until their day; a pause's expected resumption until the
    pause ends, overdue or not."""
    later = [
        t
        for t in talks
        if t.order > item.order and (pending_until is None or t.announced_on <= pending_until)
    ]
    return min(later, key=lambda t: t.order) if later else None


def confirmations(talks: Announced, announced: list[Announced]) -> list[Announced]:
    """The talks announced after `talks`, while pending, for the same date (as precise): each
    says the same meeting again (Kuwait, 1 April 2016: "on track for 18 April"). The meeting
    keeps its one calendar item (`board.calendar`): a confirmation neither cancels it nor
    makes another."""
    found: list[Announced] = []
    newer = superseded_by(talks, last_day(talks.day, talks.precision), announced)
    while newer is not None and (newer.on, newer.precision) == (talks.on, talks.precision):
        found.append(newer)
        newer = superseded_by(newer, last_day(talks.day, talks.precision), announced)
    return found


def pause_expects(
    sequence: int,
    paused_on: date,
    expected: date | None,
    talks: Iterable[Announced],
    as_of: date | None,
) -> date | None:
    """The day a pause (event `sequence`, on `paused_on`, expecting `expected`) expects the
    talks back as of `as_of` (`pause_expectation`'s date)."""
    found = pause_expectation(sequence, paused_on, expected, talks, as_of)
    return found.on if found else None


def pause_expectation(
    sequence: int,
    paused_on: date,
    expected: date | None,
    talks: Iterable[Announced],
    as_of: date | None,
    precision: str = "day",
) -> Announced | None:
    """What a pause (event `sequence`, on `paused_on`, expecting `expected` at `precision`)
    expects as of `as_of`: `expected_on`, the pause's own date unless talks were announced
    since, with that date's precision. A pause that named no date expects the talks announced
    since, if any; talks postponed since with no new date leave it expecting nothing."""
    pause = Announced(sequence, paused_on, expected, "resumption", precision)
    found = expected_on(pause, talks, as_of)
    return found if found.on is not None else None
