"""What a reader may ask of the history: the status on a world date up to tomorrow (UTC), as
far as an `occurred_on` may go; as known at a record time up to now. Later, an answer would
be a forecast, or one the next write may change, told as a fact."""

from __future__ import annotations

from datetime import UTC, date, datetime

from .errors import InvalidEvent, Words
from .specs import FUTURE_TOLERANCE
from .vocabulary import gettext_noop


def refuse_future_status_date(as_of: date, *, today: date, field: str = "as_of") -> None:
    """The status on a world date is told up to tomorrow (UTC), as far as `occurred_on` may
    go: after that it would be a forecast stated as a fact. What is expected ahead is the
    pause's `expected_resumption_on` and the scheduled talks, not a status."""
    if as_of > today + FUTURE_TOLERANCE:
        raise InvalidEvent(
            {
                field: [
                    Words(
                        gettext_noop(
                            "%(day)s is in the future (today is %(today)s UTC): the status is "
                            "told for dates up to tomorrow; what lies ahead is shown by a "
                            "pause's expected resumption and by the calendar."
                        ),
                        day=as_of.isoformat(),
                        today=today.isoformat(),
                    )
                ]
            }
        )


def refuse_future_record_time(known_at: datetime, *, now: datetime) -> None:
    """What the tracker knew at a record time still to come is not known yet: `known_at` of
    tomorrow was answered "paused", and "active" after the next write (an outside reader's
    test). Up to now, as every record time is."""
    if known_at > now:
        raise InvalidEvent(
            {
                "known_at": [
                    Words(
                        gettext_noop(
                            "%(time)s has not come yet (it is now %(now)s): what the "
                            "tracker will know then is not known. Leave known_at out for what "
                            "it knows now."
                        ),
                        time=_utc_text(known_at),
                        now=_utc_text(now),
                    )
                ]
            }
        )


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
