"""World dates as the fold compares them (a month-precise date is not before any day of its
month), and the two rules about them added since events were first stored
(`Situation.check_new`: a new event is checked, a stored one folds as recorded)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, cast

from .errors import Day, InvalidEvent, OutOfOrder, Words
from .registry import OPENING, STATUS_CHANGING_TYPES
from .specs import precedes
from .vocabulary import gettext_noop

if TYPE_CHECKING:
    from .entries import Entry


class Situation(Protocol):
    """What these rules read of a fold's situation (`history.Situation`), named here so that
    this module does not import the fold that imports it."""

    opened_on: date | None
    opened_on_precision: str
    latest_change_on: date | None
    latest_change_precision: str

    def takes_effect_on(self, occurred_on: date, precision: str) -> date: ...


def refuse_before_opening(situation: Situation, entry: Entry) -> None:
    """A dated event cannot precede the opening of its process (compared at the coarser of
    the two precisions: an event "in October" may follow an opening on 15 October)."""
    occurred_on, opened_on = entry.occurred_on, situation.opened_on
    if entry.type == OPENING or occurred_on is None or opened_on is None:
        return
    if precedes(occurred_on, precision_of(entry.values), opened_on, situation.opened_on_precision):
        refusal = Words(
            gettext_noop(
                "%(day)s is before the process was opened (%(opened)s): correct the opening's "
                "date first if the process began earlier."
            ),
            # As precise as each is known: "February 2012", not its 1st as a day.
            day=describe_day(occurred_on, precision_of(entry.values)),
            opened=describe_day(opened_on, situation.opened_on_precision),
        )
        raise InvalidEvent({"occurred_on": [refusal]})


def refuse_lost_change(situation: Situation, entry: Entry) -> None:
    """Refuse a status change that would leave the one before it holding on no date: a
    month-precise change with no day of its month left after the latest change, or a change
    dated on or before the day the latest, month-precise one took effect (on that day it
    would mean the latest happened that very day, which nobody recorded)."""
    if entry.type not in STATUS_CHANGING_TYPES:
        return
    occurred_on, precision = world_date(entry.values), precision_of(entry.values)
    latest, latest_precision = situation.latest_change_on, situation.latest_change_precision
    before = latest or situation.opened_on
    if precision == "month" and before is not None and same_month(before, occurred_on):
        if situation.takes_effect_on(occurred_on, precision) == before:
            template = (
                gettext_noop(
                    "The status last changed on %(day)s, the last day of %(month)s: a change "
                    "in that month after it happened on that day. Record it with its day."
                )
                if latest
                else gettext_noop(
                    "The process was opened on %(day)s, the last day of %(month)s: a change "
                    "in that month after it happened on that day. Record it with its day."
                )
            )
            refusal = Words(
                template, day=describe_day(before, "day"), month=describe_day(occurred_on, "month")
            )
            raise InvalidEvent({"occurred_on": [refusal]})
    if precision == "day" and latest_precision == "month" and latest == occurred_on:
        raise InvalidEvent(
            {
                "occurred_on": [
                    Words(
                        gettext_noop(
                            "The latest status change, known only to its month (%(month)s), "
                            "takes effect on %(day)s: a change on that day would leave it "
                            "holding on no date. If it happened on %(day)s too, correct it to "
                            "that day first; otherwise record this change on a later day."
                        ),
                        month=occurred_on.strftime("%Y-%m"),
                        day=occurred_on.isoformat(),
                    )
                ]
            }
        )
    if precision == "day" and latest_precision == "month" and latest and occurred_on < latest:
        out_of_order = OutOfOrder(occurred_on, latest, "day")
        out_of_order.detail = (
            f"A status change on {occurred_on.isoformat()} would precede the latest one, in "
            f"{latest.strftime('%B %Y')}, which takes effect on {describe_day(latest, 'day')} "
            "(the day after the change before it). Correct that change to its day first."
        )
        raise out_of_order


def is_later(day: date | None, precision: str, last: date | None) -> bool:
    """Whether a dated event on `day` is later news than the `last` one: the same date known
    to the day says more than the same month."""
    if day is None:
        return False
    return last is None or day > last or (day == last and precision == "day")


def same_month(day: date, other: date) -> bool:
    return (day.year, day.month) == (other.year, other.month)


def describe_day(day: date, precision: str) -> Day:
    """'15 October 2016', or 'October 2016' for a month-precise date (a `Day`)."""
    return Day(day, precision)


def world_date(values: dict[str, Any]) -> date:
    """The world date of an event the fold checks and applies.

    Known by construction: every type but two requires it (`WorldDate`), an opening
    is dated when it is recorded (`open_process`) and a retraction, the other undated type,
    is never applied.
    """
    return cast(date, values.get("occurred_on"))


def precision_of(values: dict[str, Any]) -> str:
    return values.get("date_precision") or "day"
