"""The status machine of the talks, exactly as the design's table has it."""

from __future__ import annotations

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
    try:
        return str(TRANSITIONS[S(status)][E(event_type)])
    except KeyError:
        raise InvalidTransition(status, event_type, allowed_events(status)) from None
