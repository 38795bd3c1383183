"""An agreement's lifecycle as a table (docs/agreements.md), what each event moves in it, and
its refusal: read by the fold (`agreements.py`) and by the entry points that name the
agreements' event types.

The lifecycle:

    signed --agreement_took_effect--> in_force --agreement_ended--> ended
      |  \\__agreement_ended__________________________________________^
      +--- a vote that says no (agreement_ratified / referendum_held, result rejected) --> rejected
    in_force --- a vote that says no --> rejected
"""

from __future__ import annotations

from typing import Any, Protocol

from .agreement_dates import Dated
from .dating import describe_day
from .errors import InvalidTransition
from .vocabulary import AgreementStatus as A
from .vocabulary import EventType as E

SIGNED: str = E.AGREEMENT_SIGNED
TOOK_EFFECT: str = E.AGREEMENT_TOOK_EFFECT
RATIFIED: str = E.AGREEMENT_RATIFIED
REFERENDUM: str = E.REFERENDUM_HELD
BREACH: str = E.AGREEMENT_BREACH_ALLEGED
ENDED: str = E.AGREEMENT_ENDED
THIRD_PARTY: str = E.THIRD_PARTY_JOINED
AGREEMENT_EVENTS = frozenset({SIGNED, TOOK_EFFECT, RATIFIED, REFERENDUM, BREACH, ENDED})
# The events the agreements fold takes: the agreements' own, and the process's third parties.
AGREEMENT_TYPES = AGREEMENT_EVENTS | {THIRD_PARTY}
VOTES = frozenset({RATIFIED, REFERENDUM})

# A vote that says no is one move of the table, whichever kind of vote it was.
REJECTED_BY_VOTE = "rejected by a vote"

# The lifecycle: status -> what may happen -> the status after it. Votes that say yes and
# breach allegations keep the status (`KEEPS`), and only from the statuses listed there.
LIFECYCLE: dict[A, dict[str, A]] = {
    A.SIGNED: {TOOK_EFFECT: A.IN_FORCE, REJECTED_BY_VOTE: A.REJECTED, ENDED: A.ENDED},
    A.IN_FORCE: {REJECTED_BY_VOTE: A.REJECTED, ENDED: A.ENDED},
    A.REJECTED: {},
    A.ENDED: {},
}
KEEPS: dict[str, frozenset[A]] = {
    RATIFIED: frozenset({A.SIGNED, A.IN_FORCE}),
    REFERENDUM: frozenset({A.SIGNED, A.IN_FORCE}),
    BREACH: frozenset({A.SIGNED, A.IN_FORCE}),
}


class Held(Dated, Protocol):
    """What a refusal reads of an agreement (`agreements.Agreement`)."""

    @property
    def slug(self) -> str: ...
    @property
    def closed_on_precision(self) -> str: ...


class AgreementTransitionRefused(InvalidTransition):
    """An event the agreement's lifecycle does not allow now (409 `invalid_transition`)."""

    def __init__(self, agreement: Held, event_type: str, *, dated: bool = False) -> None:
        allowed = allowed_events(agreement.status)
        super().__init__(agreement.status, event_type, allowed)
        self.agreement = agreement.slug
        # `dated`: a claim or a vote refused for its date only; dated on or before the day
        # the agreement closed, it is recorded (it was made while the agreement held).
        self.closed = (
            describe_day(agreement.closed_on, agreement.closed_on_precision)
            if dated and agreement.closed_on is not None
            else None
        )
        status = agreement.status.replace("_", " ")
        if self.closed is not None:
            when = f"in {self.closed}" if self.closed.precision == "month" else f"on {self.closed}"
            self.detail = (
                f"The agreement '{agreement.slug}' closed {when} ({status}): "
                f"'{event_type}' is taken only with a date no later than that."
            )
        else:
            allowed_text = ", ".join(allowed) if allowed else "none"
            self.detail = (
                f"The agreement '{agreement.slug}' is {status}: it cannot take "
                f"'{event_type}'. Allowed now: {allowed_text}."
            )
        self.args = (self.detail,)


def allowed_events(status: str) -> list[str]:
    """The agreement events its status allows, in the order of the event types."""
    moves = LIFECYCLE[A(status)]
    allowed = {
        TOOK_EFFECT: TOOK_EFFECT in moves,
        RATIFIED: status in KEEPS[RATIFIED] or REJECTED_BY_VOTE in moves,
        REFERENDUM: status in KEEPS[REFERENDUM] or REJECTED_BY_VOTE in moves,
        BREACH: status in KEEPS[BREACH],
        ENDED: ENDED in moves,
    }
    return [t for t, ok in allowed.items() if ok]


def move_of(event_type: str, values: dict[str, Any]) -> str | None:
    """The lifecycle move an event makes, or None if it keeps the status."""
    if event_type in VOTES:
        return REJECTED_BY_VOTE if values.get("result") == "rejected" else None
    if event_type in (TOOK_EFFECT, ENDED):
        return event_type
    return None
