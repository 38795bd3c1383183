"""The status machine of the talks, exactly as the design's table has it."""

from __future__ import annotations

from datetime import date

from .errors import InvalidTransition
from .registry import KINDS
from .vocabulary import EventType as E
from .vocabulary import Status as S

# The design's table, read from the registry's status effects (`Moves`): status -> the event
# types that may follow it -> the status after them. In the design's order:
#   planned:   convened -> active, collapsed -> collapsed
#   active:    paused, suspended, concluded, collapsed
#   paused:    resumed -> active, suspended, concluded, collapsed
#   suspended: resumed -> active, concluded, collapsed
#   collapsed, concluded: convened or resumed -> active
TRANSITIONS: dict[S, dict[E, S]] = {
    status: {E(kind.type): kind.status.to for kind in KINDS.values() if status in kind.status.after}
    for status in (S.PLANNED, S.ACTIVE, S.PAUSED, S.SUSPENDED, S.COLLAPSED, S.CONCLUDED)
}


def allowed_events(status: str) -> list[str]:
    return [str(e) for e in TRANSITIONS[S(status)]]


# The same table by plain strings: the fold asks it twice an event (check, apply), and making
# the two enum members from their values costs more than the lookup.
_NEXT: dict[tuple[str, str], str] = {
    (str(status), str(event)): str(after)
    for status, row in TRANSITIONS.items()
    for event, after in row.items()
}


def next_status(status: str, event_type: str) -> str:
    """The status after `event_type`, or `InvalidTransition` naming what is allowed."""
    after = _NEXT.get((status, event_type))
    if after is not None:
        return after
    try:
        return str(TRANSITIONS[S(status)][E(event_type)])
    except KeyError:
        raise InvalidTransition(status, event_type, allowed_events(status)) from None


def is_overdue(
    status: str | None, expected_resumption_on: date | None, on: date, precision: str = "day"
) -> bool:
    """The overdue rule, the one definition: paused, and the day the resumption was expected
    has passed (a pause due back today is not overdue yet); a resumption expected in a month
    (month precision) is overdue once that month has ended: "May 2016" from 1 June.
    `overdue_filter` in the read side is this rule as a database query."""
    if status != S.PAUSED or expected_resumption_on is None:
        return False
    return expected_resumption_on < overdue_threshold(on, precision)


def overdue_threshold(on: date, precision: str) -> date:
    """On `on`, an expected resumption of this precision is overdue if it is before this day:
    `on` itself for a day, the 1st of `on`'s month for a month (stored as its 1st)."""
    return on.replace(day=1) if precision == "month" else on
