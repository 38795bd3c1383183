"""The status machine of the talks, exactly as the design's table has it."""

from __future__ import annotations

from datetime import date

from .errors import InvalidTransition
from .vocabulary import EventType as E
from .vocabulary import Status as S

TRANSITIONS: dict[S, dict[E, S]] = {
    S.PLANNED: {E.TALKS_CONVENED: S.ACTIVE, E.TALKS_COLLAPSED: S.COLLAPSED},
    S.ACTIVE: {
        E.TALKS_PAUSED: S.PAUSED,
        E.TALKS_SUSPENDED: S.SUSPENDED,
        E.TALKS_CONCLUDED: S.CONCLUDED,
        E.TALKS_COLLAPSED: S.COLLAPSED,
    },
    S.PAUSED: {
        E.TALKS_RESUMED: S.ACTIVE,
        E.TALKS_SUSPENDED: S.SUSPENDED,
        E.TALKS_CONCLUDED: S.CONCLUDED,
        E.TALKS_COLLAPSED: S.COLLAPSED,
    },
    S.SUSPENDED: {
        E.TALKS_RESUMED: S.ACTIVE,
        E.TALKS_CONCLUDED: S.CONCLUDED,
        E.TALKS_COLLAPSED: S.COLLAPSED,
    },
    S.COLLAPSED: {E.TALKS_CONVENED: S.ACTIVE, E.TALKS_RESUMED: S.ACTIVE},
    S.CONCLUDED: {E.TALKS_CONVENED: S.ACTIVE, E.TALKS_RESUMED: S.ACTIVE},
}


def allowed_events(status: str) -> list[str]:
    return [str(e) for e in TRANSITIONS[S(status)]]


def next_status(status: str, event_type: str) -> str:
    """The status after `event_type`, or `InvalidTransition` naming what is allowed."""
    # The members are str: a known status and event type find their entry as they are
    # (the fold's every status change comes here; the enum lookups cost more than the rest).
    following = TRANSITIONS.get(status, {}).get(event_type)  # type: ignore[call-overload]
    if following is not None:
        return str(following)
    try:
        return str(TRANSITIONS[S(status)][E(event_type)])
    except KeyError:
        raise InvalidTransition(status, event_type, allowed_events(status)) from None


def is_overdue(status: str | None, expected_resumption_on: date | None, on: date) -> bool:
    """The overdue rule, the one definition: paused, and the day the resumption was expected
    has passed (a pause due back today is not overdue yet). `overdue_filter` in the read side
    is this rule as a database query."""
    return status == S.PAUSED and expected_resumption_on is not None and expected_resumption_on < on
